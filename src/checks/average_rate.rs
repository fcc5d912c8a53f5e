use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use super::{declare_rule, rate_diagnostic, rate_verdict, Context, RateVerdict};
use crate::diagnostic::Diagnostic;
use crate::facts::{ChangeValue, Direction, RateValue};
use crate::interval::Interval;
use crate::message::{Message, RateKind};

declare_rule! {
    /// ## What it does
    /// Checks an average annual rate against the first and the last year's
    /// amounts: `从2016年的 X 万元增加到2021年的 Y 万元，年均增长 P%` means
    /// (1 + P)⁵ = Y / X, a compound rate, not the whole growth divided by
    /// the years.
    ///
    /// ## Why is this bad?
    /// The average rate is what a reader carries away from a five-year
    /// summary. Dividing the whole growth (64.74%) by five gives 12.95%, not
    /// the 10.5% a year that compounds to it. Rates are checked with interval
    /// arithmetic over every rounding of the two amounts.
    ///
    /// ## Example
    /// ```text
    /// 支出从2016年的 86420 万元增加到2021年的 142365 万元，年均增长 12.95%。
    /// ```
    /// (142365 / 86420)^(1/5) − 1 = 10.50%.
    ///
    /// ## Fix
    /// Replaces the rate with the one the amounts give, at the same decimals,
    /// when every rounding of them gives the same rate.
    AVERAGE_RATE_MISMATCH, "average-rate-mismatch", Error, "an average annual rate does not follow from the first and last years' amounts",
    zh: "年均增长率与首末年度金额不符"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.changes() {
        let (Some(RateValue::Average { rate, years }), Some(now), Some(prior), ChangeValue::Implied(dir, _)) = (s.rate, s.amount, s.prior, s.change) else { continue };
        let (Some(now_i), Some(prior_i)) = (cx.interval(now), cx.interval(prior)) else { continue };
        let Some(computed) = compound_rate(now_i, prior_i, years, dir) else { continue };
        let stated = &cx.facts.figures[rate];
        let Some(verdict) = rate_verdict(computed, stated.value, stated.scale) else { continue };
        if verdict == RateVerdict::Agrees {
            continue;
        }
        let exact = compound_rate(Interval::exact(cx.facts.figures[now].value), Interval::exact(cx.facts.figures[prior].value), years, dir);
        let shown = exact.map_or_else(|| "?".into(), |e| super::format_plain(e.lo.round_dp(stated.scale + 2)));
        let arithmetic = format!("({} / {})^(1/{years}) − 1 = {shown}%", cx.number_text(now).trim(), cx.number_text(prior).trim());
        let d = rate_diagnostic(cx, &AVERAGE_RATE_MISMATCH, rate, computed, verdict, arithmetic, RateKind::Average)
            .related(cx.facts.figures[prior].span, Message::FirstYearAmount)
            .related(cx.facts.figures[now].span, Message::LastYearAmount);
        out.push(d);
    }
}

/// The compound yearly rate, in percent, that takes `prior` to `now` over
/// `years` years, as an interval over every value of the two. Computed in
/// floating point and widened outward by far more than its error, so that
/// the interval always holds the true rate.
fn compound_rate(now: Interval, prior: Interval, years: u32, dir: Direction) -> Option<Interval> {
    if prior.lo <= Decimal::ZERO || now.lo < Decimal::ZERO || years == 0 {
        return None;
    }
    let rate = |n: Decimal, p: Decimal| -> Option<f64> {
        let ratio = n.to_f64()? / p.to_f64()?;
        let r = ratio.powf(1.0 / f64::from(years)) - 1.0;
        Some(100.0 * if dir == Direction::Up { r } else { -r })
    };
    let (a, b) = (rate(now.lo, prior.hi)?, rate(now.hi, prior.lo)?);
    let (lo, hi) = (a.min(b), a.max(b));
    let slack = 1e-9 * (1.0 + lo.abs().max(hi.abs()));
    Some(Interval { lo: Decimal::from_f64(lo - slack)?, hi: Decimal::from_f64(hi + slack)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(now: i64, prior: i64, years: u32, dir: Direction) -> Interval {
        compound_rate(Interval::exact(Decimal::from(now)), Interval::exact(Decimal::from(prior)), years, dir).unwrap_or(Interval::exact(Decimal::ZERO))
    }

    #[test]
    fn compounds_rather_than_divides() {
        let r = rate(142_365, 86_420, 5, Direction::Up);
        assert!(r.contains(Decimal::new(105_003, 4)) || (r.lo < Decimal::new(1051, 2) && r.hi > Decimal::new(1049, 2)), "{r:?}");
        assert!(!r.contains(Decimal::new(1295, 2)));
    }

    #[test]
    fn falls_are_rates_down() {
        // 100 → 81 over two years is 10% down a year.
        let r = rate(81, 100, 2, Direction::Down);
        assert!(r.lo <= Decimal::from(10) && r.hi >= Decimal::from(10), "{r:?}");
    }
}
