use super::{declare_rule, format_plain, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::facts::{ChangeStatement, ChangeValue, Unit};

declare_rule! {
    /// ## What it does
    /// Checks a change in percentage points against the two percentages it
    /// is between: `比重为 78.6%，比上年的 77.1% 提高 2.1 个百分点` means
    /// 78.6 − 77.1 = 1.5 points, not 2.1. Last year's percentage may stand
    /// before or after (`上年该比重为 71.26%`, `（上年增长 12%）`).
    ///
    /// ## Why is this bad?
    /// The points, or one of the two percentages, are wrong; a share or a
    /// growth rate compared across years is what readers remember.
    /// Percentages are compared as the intervals they round from.
    ///
    /// ## Fix
    /// Replaces the points with the difference, for review (either
    /// percentage may be the wrong figure).
    SHARE_POINTS_MISMATCH, "share-points-mismatch", Error, "a change in percentage points does not equal the difference of the two percentages",
    zh: "增减百分点与两年比重之差不符"
}

/// Is the statement a change in points between two percentages?
pub(super) fn is_points(cx: &Context, s: &ChangeStatement) -> bool {
    let ChangeValue::Stated(d) = s.change else { return false };
    cx.facts.figures[d].unit == Some(Unit::PercentagePoint) && s.amount.is_some_and(|a| cx.facts.figures[a].unit == Some(Unit::Percent))
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.changes() {
        let (ChangeValue::Stated(d), true) = (s.change, is_points(cx, s)) else { continue };
        let readings = cx.change_readings(s);
        let Some(first) = readings.first() else { continue };
        let Some(prior) = first.prior_figure else { continue };
        let Some(stated) = cx.change_interval(s.change).and_then(|i| i.widened(cx.tolerance)) else { continue };
        if readings.iter().any(|r| r.now_i.checked_sub(r.prior).is_some_and(|diff| diff.meets(stated))) {
            continue;
        }
        let diff = cx.facts.figures[first.now].value - cx.facts.figures[prior].value;
        let (now, was) = (cx.number_text(first.now).trim(), cx.number_text(prior).trim());
        let value = format_plain(diff.abs());
        out.push(
            Diagnostic::new(
                &SHARE_POINTS_MISMATCH,
                cx.facts.figures[d].number,
                Message::PointsMismatch { now: now.to_string(), prior: was.to_string(), difference: format_plain(diff), stated: cx.show(d) },
            )
            .note(Message::ReadAsPriorPercentage { figure: was.to_string() })
            .related(cx.facts.figures[first.now].span, Message::ThisYearPercentage)
            .related(cx.facts.figures[prior].span, Message::LastYearPercentage)
            .fix(Some(Fix::replace(cx.facts.figures[d].number, value.clone(), Message::ReplacePoints { value }, Applicability::Unsafe))),
        );
    }
}
