use rust_decimal::Decimal;

use super::{declare_rule, disagreeing_rate, format_decimal, rate_diagnostic, transposed, Context, RateVerdict};
use crate::diagnostic::Diagnostic;
use crate::facts::{ChangeStatement, ChangeValue, Direction, FigureId, Measure, RateValue};
use crate::interval::Interval;

declare_rule! {
    /// ## What it does
    /// Checks a year-over-year rate against its figures:
    /// `N 万元，比上年增加 D 万元，增长 P%` means last year was N − D and
    /// P = D / (N − D).
    ///
    /// ## Why is this bad?
    /// A rate that does not follow from its own figures tells the reader one
    /// of the three is wrong. Rates are checked with interval arithmetic: a
    /// rate is flagged only when no rounding of N and D can produce it. A rate
    /// that is right only when truncated (3.47% written 3.4%) is a warning.
    ///
    /// Where the arithmetic shows the cause, the message names it: a rate
    /// divided by this year's figure instead of last year's, a fraction
    /// written as a percent, two digits transposed.
    ///
    /// ## Example
    /// ```text
    /// 2025 年预算数为 25.48 万元，比上年增加 2.03 万元，增长 8.6%。
    /// ```
    /// 2.03 / 23.45 = 8.657%, which rounds to 8.7%: 8.6% is right only if truncated.
    ///
    /// ## Fix
    /// Replaces the rate with the one the figures give, at the same decimals,
    /// when every rounding of the figures gives the same rate.
    CHANGE_RATE_MISMATCH, "change-rate-mismatch", Error, "a change rate does not follow from its figures"
}

/// This year's amount, the change and last year's amount, as intervals in one unit.
pub(super) struct Base {
    pub now: Interval,
    pub change: Interval,
    pub prior: Interval,
}

/// `N`, `D` and `N ∓ D` of a statement whose amount and change are both stated in one unit.
pub(super) fn base(cx: &Context, s: &ChangeStatement) -> Option<(FigureId, FigureId, Direction, Base)> {
    let a = s.amount?;
    let ChangeValue::Stated(d) = s.change else { return None };
    let Measure::Change(dir) = cx.facts.figures[d].measure else { return None };
    if cx.facts.figures[a].unit != cx.facts.figures[d].unit {
        return None;
    }
    let (now, change) = (cx.interval(a)?, cx.interval(d)?);
    let prior = match dir {
        Direction::Up => now.checked_sub(change)?,
        Direction::Down => now.checked_add(change)?,
    };
    Some((a, d, dir, Base { now, change, prior }))
}

/// Does the statement's stated rate follow from its change when this
/// year's amount is `now` instead of the figure stated? `None` when the
/// statement has no rate to ask about.
pub(super) fn rate_fits(cx: &Context, s: &ChangeStatement, now: Interval) -> Option<bool> {
    let Some(RateValue::Stated(r)) = s.rate else { return None };
    let (_, _, dir, b) = base(cx, s)?;
    let prior = match dir {
        Direction::Up => now.checked_sub(b.change)?,
        Direction::Down => now.checked_add(b.change)?,
    };
    Some(disagreeing_rate(cx, b.change, prior, r).is_none())
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.changes() {
        let Some(RateValue::Stated(r)) = s.rate else { continue };
        let Some((a, d, _, b)) = base(cx, s) else { continue };
        let rate = &cx.facts.figures[r];
        if rate.unit != Some(crate::facts::Unit::Percent) {
            continue;
        }
        let Some((computed, verdict)) = disagreeing_rate(cx, b.change, b.prior, r) else { continue };
        // The amount is stated differently elsewhere, and the rate fits the
        // value the other statements agree on: repeated-figure-mismatch
        // reports the amount, once.
        let agreed = cx.drifts_of(a).iter().filter_map(|d| d.value).find_map(|(v, scale)| Interval::rounded(v, scale));
        if agreed.is_some_and(|now| rate_fits(cx, s, now) == Some(true)) {
            continue;
        }
        let shown = exact_rate(cx, a, d, s).map_or_else(|| "?".into(), |e| super::format_plain(e.round_dp(rate.scale + 2)));
        let op = if matches!(cx.facts.figures[d].measure, Measure::Change(Direction::Down)) { "+" } else { "−" };
        let arithmetic = format!("{D} / ({N} {op} {D}) = {shown}%", D = cx.number_text(d).trim(), N = cx.number_text(a).trim());
        let mut diag = rate_diagnostic(cx, &CHANGE_RATE_MISMATCH, r, computed, verdict, arithmetic, "rate")
            .related(cx.facts.figures[a].span, "this year's amount")
            .related(cx.facts.figures[d].span, "the change from last year");
        if verdict == RateVerdict::Wrong {
            for cause in causes(cx, r, &b) {
                diag = diag.note(cause);
            }
        }
        out.push(diag);
    }
}

/// Last year's amount, from the figures as written.
fn exact_prior(cx: &Context, a: FigureId, d: FigureId, s: &ChangeStatement) -> Option<Decimal> {
    let sign = cx.change_interval(s.change).map(|i| if i.hi <= Decimal::ZERO { -Decimal::ONE } else { Decimal::ONE })?;
    cx.facts.figures[a].value.checked_sub(cx.facts.figures[d].value.checked_mul(sign)?)
}

fn exact_rate(cx: &Context, a: FigureId, d: FigureId, s: &ChangeStatement) -> Option<Decimal> {
    let prior = exact_prior(cx, a, d, s)?;
    cx.facts.figures[d].value.checked_div(prior)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// What the arithmetic says about how the stated rate came about.
fn causes(cx: &Context, r: FigureId, b: &Base) -> Vec<String> {
    let rate = &cx.facts.figures[r];
    let stated = Interval::rounded(rate.value, rate.scale);
    let meets = |i: Option<Interval>| i.zip(stated).is_some_and(|(i, s)| i.meets(s));
    let mut out = Vec::new();
    let hundred = Decimal::ONE_HUNDRED;
    if meets(b.change.checked_div(b.now).and_then(|i| i.scale(hundred))) {
        out.push("the rate was divided by this year's figure instead of last year's".to_string());
    }
    let computed = b.change.checked_div(b.prior);
    if meets(computed) {
        out.push("a fraction was written as a percent (the rate is 100 times larger)".to_string());
    }
    if meets(computed.and_then(|i| i.scale(Decimal::new(10_000, 0)))) {
        out.push("the rate is 100 times too large".to_string());
    }
    let right = computed.and_then(|i| i.scale(hundred)).and_then(|i| i.round_unique(rate.scale));
    if let Some(right) = right {
        if transposed(&format_decimal(right, rate.scale), cx.number_text(r).trim()) {
            out.push(format!("two digits are transposed ({} for {})", cx.number_text(r).trim(), format_decimal(right, rate.scale)));
        }
    }
    out
}
