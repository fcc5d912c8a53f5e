use rust_decimal::Decimal;

use super::readings::ChangeReading;
use super::{declare_rule, disagreeing_rate, format_decimal, rate_diagnostic, transposed, Context, RateVerdict};
use crate::diagnostic::Diagnostic;
use crate::message::{Message, RateKind};
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
    CHANGE_RATE_MISMATCH, "change-rate-mismatch", Error, "a change rate does not follow from its figures",
    zh: "增减率与金额、增减额不符"
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
        if cx.facts.figures[r].unit != Some(crate::facts::Unit::Percent) {
            continue;
        }
        let readings = cx.change_readings(s);
        let Some(first) = readings.first() else { continue };
        if readings.iter().any(|reading| fits(cx, reading, r)) {
            continue;
        }
        let Some((computed, verdict)) = disagreeing_rate(cx, first.magnitude(), first.prior, r) else { continue };
        // This year's amount is stated differently elsewhere, and the rate
        // fits the value the other statements agree on:
        // repeated-figure-mismatch reports the amount, once.
        let agreed = cx.drifts_of(first.now).iter().filter_map(|d| d.value).find_map(|(v, scale)| Interval::rounded(v, scale));
        if first.prior_figure.is_none() && agreed.is_some_and(|now| rate_fits(cx, s, now) == Some(true)) {
            continue;
        }
        let rate = &cx.facts.figures[r];
        let shown = exact_rate(cx, s, first).map_or_else(|| "?".into(), |e| super::format_plain(e.round_dp(rate.scale + 2)));
        let kind = if matches!(s.change, ChangeValue::Stated(_)) { RateKind::Change } else { RateKind::ChangeFromAmounts };
        let mut diag = rate_diagnostic(cx, &CHANGE_RATE_MISMATCH, r, computed, verdict, format!("{} = {shown}%", arithmetic(cx, s, first)), kind)
            .related(cx.facts.figures[first.now].span, if s.budget { Message::FinalFigure } else { Message::ThisYear });
        if let Some(p) = first.prior_figure {
            diag = match s.budget {
                true => diag.related(cx.facts.figures[p].span, Message::BudgetFigure).note(Message::ReadAsBudget { figure: cx.show(p) }),
                false => diag.related(cx.facts.figures[p].span, Message::LastYear).note(Message::ReadAsPrior { figure: cx.show(p) }),
            };
        }
        if let ChangeValue::Stated(d) = s.change {
            diag = diag.related(cx.facts.figures[d].span, if s.budget { Message::ChangeFromBudget } else { Message::ChangeFromLastYear });
        }
        // Another reading was tried and failed too: the fix is for review.
        if readings.len() > 1 {
            diag = diag.note(Message::OtherReadings { count: readings.len() - 1, rate: cx.number_text(r).trim().to_string() }).unsafe_fix();
        }
        if verdict == RateVerdict::Wrong {
            for cause in causes(cx, r, &Base { now: first.now_i, change: first.magnitude(), prior: first.prior }) {
                diag = diag.note(cause);
            }
        }
        out.push(diag);
    }
}

/// Does the rate follow from the reading: the change over last year's
/// amount, or (when last year's is stated) the difference of the two
/// amounts over it?
fn fits(cx: &Context, reading: &ChangeReading, r: FigureId) -> bool {
    if disagreeing_rate(cx, reading.magnitude(), reading.prior, r).is_none() {
        return true;
    }
    // The two amounts' difference may carry the rate where the stated
    // change disagrees with them (change-amount-mismatch reports that);
    // where it agrees, it pins them down and the test above was the one.
    reading.prior_figure.is_some()
        && reading.now_i.checked_sub(reading.prior).is_some_and(|d| {
            if d.meets(reading.change) {
                return false;
            }
            let d = if d.hi <= Decimal::ZERO { d.negated() } else { d };
            disagreeing_rate(cx, d, reading.prior, r).is_none()
        })
}

/// How the rate was computed under the reading, as written.
/// Figures in different units (`12.86 亿元`, a change of `5,320.45 万元`)
/// are shown with their units.
fn arithmetic(cx: &Context, s: &ChangeStatement, reading: &ChangeReading) -> String {
    let stated = match s.change {
        ChangeValue::Stated(d) => Some(d),
        _ => None,
    };
    let unit = |k: FigureId| cx.facts.figures[k].unit;
    let mixed = [stated, reading.prior_figure].into_iter().flatten().any(|k| unit(k) != unit(reading.now));
    let shown = |k: FigureId| if mixed { cx.show(k) } else { cx.number_text(k).trim().to_string() };
    let n = shown(reading.now);
    match (stated, reading.prior_figure) {
        (Some(d), Some(p)) => format!("{} / {}", shown(d), shown(p)),
        (Some(d), None) => {
            let op = if matches!(cx.facts.figures[d].measure, Measure::Change(Direction::Down)) { "+" } else { "−" };
            format!("{D} / ({n} {op} {D})", D = shown(d))
        }
        (None, Some(p)) => format!("({n} − {p}) / {p}", p = shown(p)),
        _ => String::new(),
    }
}

/// The rate under the reading, from the figures as written.
fn exact_rate(cx: &Context, s: &ChangeStatement, reading: &ChangeReading) -> Option<Decimal> {
    let unit = cx.facts.figures[reading.now].unit?;
    let value = |k: FigureId| cx.exact_in_unit(k, unit);
    let now = cx.facts.figures[reading.now].value;
    let (change, prior) = match (s.change, reading.prior_figure) {
        (ChangeValue::Stated(d), Some(p)) => (value(d)?, value(p)?),
        (ChangeValue::Stated(d), None) => {
            let signed = if matches!(cx.facts.figures[d].measure, Measure::Change(Direction::Down)) { -value(d)? } else { value(d)? };
            (value(d)?, now.checked_sub(signed)?)
        }
        (_, Some(p)) => ((now.checked_sub(value(p)?)?).abs(), value(p)?),
        _ => return None,
    };
    change.checked_div(prior)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// What the arithmetic says about how the stated rate came about.
fn causes(cx: &Context, r: FigureId, b: &Base) -> Vec<Message> {
    let rate = &cx.facts.figures[r];
    let stated = Interval::rounded(rate.value, rate.scale);
    let meets = |i: Option<Interval>| i.zip(stated).is_some_and(|(i, s)| i.meets(s));
    let mut out = Vec::new();
    let hundred = Decimal::ONE_HUNDRED;
    if meets(b.change.checked_div(b.now).and_then(|i| i.scale(hundred))) {
        out.push(Message::DividedByThisYear);
    }
    let computed = b.change.checked_div(b.prior);
    if meets(computed) {
        out.push(Message::FractionAsPercent);
    }
    if meets(computed.and_then(|i| i.scale(Decimal::new(10_000, 0)))) {
        out.push(Message::HundredTimes);
    }
    let right = computed.and_then(|i| i.scale(hundred)).and_then(|i| i.round_unique(rate.scale));
    if let Some(right) = right {
        if transposed(&format_decimal(right, rate.scale), cx.number_text(r).trim()) {
            out.push(Message::TransposedRate { stated: cx.number_text(r).trim().to_string(), right: format_decimal(right, rate.scale) });
        }
    }
    out
}
