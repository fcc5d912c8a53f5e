use rust_decimal::Decimal;

use super::readings::ChangeReading;
use super::{declare_rule, format_plain, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::facts::{ChangeStatement, ChangeValue, RateValue};
use crate::interval::Interval;

declare_rule! {
    /// ## What it does
    /// Checks a change against both years' amounts when the sentence states
    /// last year's too: `97.2 万元，较2021年的 86.4 万元增加 12.6 万元` means
    /// the change is 97.2 − 86.4 = 10.8.
    ///
    /// ## Why is this bad?
    /// The change, or one of the two amounts, is wrong; the reader cannot
    /// tell which year's figure to trust. Figures are compared as the
    /// intervals they round from, so honest rounding never fires. A change
    /// whose size is right but whose direction is wrong is
    /// `change-direction-conflict`.
    ///
    /// ## Example
    /// ```text
    /// 公务接待费 3.62 万元，同比去年 2.45 万元增加 1.27 万元。
    /// ```
    /// 3.62 − 2.45 = 1.17, not 1.27.
    ///
    /// ## Fix
    /// Replaces the change with the difference of the two amounts, for
    /// review (safe when a stated rate confirms the difference).
    CHANGE_AMOUNT_MISMATCH, "change-amount-mismatch", Error, "a change does not equal the difference of the two years' amounts",
    zh: "增减额与两年金额之差不符"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.changes() {
        let ChangeValue::Stated(d) = s.change else { continue };
        if s.prior.is_none() && s.alternatives.iter().all(|r| r.prior.is_none()) || super::share_points::is_points(cx, s) {
            continue;
        }
        let readings: Vec<ChangeReading> = cx.change_readings(s).into_iter().filter(|r| r.prior_figure.is_some()).collect();
        let Some(first) = readings.first() else { continue };
        let Some(stated) = cx.change_interval(s.change).and_then(|i| i.widened(cx.tolerance)) else { continue };
        let differences: Vec<Interval> = readings.iter().filter_map(difference).collect();
        // Right size, wrong direction: change-direction-conflict says so.
        if differences.iter().any(|diff| diff.meets(stated) || diff.meets(stated.negated())) || differences.is_empty() {
            continue;
        }
        let Some(prior) = first.prior_figure else { continue };
        let diff = first.now_i.checked_sub(first.prior);
        let Some(unit) = cx.facts.figures[first.now].unit else { continue };
        let Some(was) = cx.exact_in_unit(prior, unit) else { continue };
        let exact = cx.facts.figures[first.now].value - was;
        let shown = format_plain(exact.abs());
        let mut diag = Diagnostic::new(
            &CHANGE_AMOUNT_MISMATCH,
            cx.facts.figures[d].number,
            Message::ChangeAmountMismatch { now: cx.show(first.now), prior: cx.show(prior), difference: shown.clone(), stated: cx.show(d), budget: s.budget, fell: exact.is_sign_negative() },
        )
        .note(if s.budget { Message::ReadAsBudget { figure: cx.show(prior) } } else { Message::ReadAsPrior { figure: cx.show(prior) } })
        .related(cx.facts.figures[first.now].span, if s.budget { Message::FinalFigure } else { Message::ThisYear })
        .related(cx.facts.figures[prior].span, if s.budget { Message::BudgetFigure } else { Message::LastYear });
        let confirmed = rate_confirms(cx, s, first, diff);
        if confirmed {
            diag = diag.note(Message::RateAgreesWithDifference);
        }
        let safe = confirmed && readings.len() == 1 && cx.facts.figures[d].unit == cx.facts.figures[first.now].unit;
        let applicability = if safe { Applicability::Safe } else { Applicability::Unsafe };
        let value = super::like_written(shown.clone(), cx.number_text(d));
        diag = diag.fix(Some(Fix::replace(cx.facts.figures[d].number, value.clone(), Message::ReplaceChangeWithDifference { value: value.clone() }, applicability)));
        out.push(diag);
    }
}

/// This year's amount less last year's, signed.
fn difference(r: &ChangeReading) -> Option<Interval> {
    r.now_i.checked_sub(r.prior)
}

/// Does the stated rate follow from the difference of the two amounts of
/// the reading, over its last year's amount?
fn rate_confirms(cx: &Context, s: &ChangeStatement, reading: &ChangeReading, diff: Option<Interval>) -> bool {
    let (Some(RateValue::Stated(r)), Some(diff)) = (s.rate, diff) else { return false };
    let magnitude = if diff.hi <= Decimal::ZERO { diff.negated() } else { diff };
    super::disagreeing_rate(cx, magnitude, reading.prior, r).is_none()
}
