use super::{declare_rule, format_plain, Context, SumVerdict};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::facts::{ChangeStatement, ChangeValue, FigureId, RateValue};
use crate::interval::Interval;

declare_rule! {
    /// ## What it does
    /// When a total and each of its items state their change from last year
    /// (`某类 540.2 万元，比上年减少 36.5 万元。其中：1.… 增加
    /// 7.2 万元 …`), checks that the items' changes add up to the total's.
    ///
    /// ## Why is this bad?
    /// A class's change is the sum of its items' changes. When the amounts
    /// add up but the changes do not, the total's change was computed from
    /// other figures or typed wrong.
    ///
    /// The check runs only where the amounts themselves add up (so the items
    /// are all there) and every item states its change (`持平` counts as 0).
    ///
    /// ## Example
    /// ```text
    /// 某类年初预算数为 86.4 万元，与上年相比增加 2.5 万元。其中：
    /// 1.某款某项 … 年初预算 86.4 万元，与上年相比增加 5.2 万元，增长 6.4%。
    /// ```
    /// The item's change is +5.2 万元, the class states +2.5 万元.
    ///
    /// ## Fix
    /// Replaces the total's change with the items' sum, when it keeps its
    /// direction and every item's change is confirmed by its own rate.
    CHANGE_SUM_MISMATCH, "change-sum-mismatch", Error, "the items' changes do not add up to the total's change",
    zh: "分项增减额之和与合计的增减额不符"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for list in cx.lists() {
        let Some(total_change) = cx.change_of(list.total) else { continue };
        if cx.is_dual_total(list) || cx.list_sum(list).map(|s| s.verdict) != Some(SumVerdict::Agrees) {
            continue;
        }
        let Some(item_changes) = list.items.iter().map(|&k| cx.change_of(k)).collect::<Option<Vec<_>>>() else { continue };
        let Some(stated) = cx.change_interval(total_change.change).and_then(|i| i.widened(cx.tolerance)) else { continue };
        let Some(intervals) = item_changes.iter().map(|c| cx.change_interval(c.change)).collect::<Option<Vec<_>>>() else { continue };
        let Some(items) = Interval::sum(intervals) else { continue };
        if items.meets(stated) {
            continue;
        }
        let signed = |c: &ChangeStatement| match c.change {
            // An implied change has no interval: such lists are left before this.
            ChangeValue::Unchanged(_) | ChangeValue::Implied(..) => rust_decimal::Decimal::ZERO,
            ChangeValue::Stated(k) => cx.facts.figures[k].value * direction_sign(cx, k),
        };
        let sum: rust_decimal::Decimal = item_changes.iter().map(|c| signed(c)).sum();
        let stated_signed = signed(total_change);
        let (span, shown) = match total_change.change {
            ChangeValue::Stated(k) => (cx.facts.figures[k].number, Some(format_plain(stated_signed))),
            ChangeValue::Unchanged(s) | ChangeValue::Implied(_, s) => (s, None),
        };
        let mut d = Diagnostic::new(
            &CHANGE_SUM_MISMATCH,
            span,
            Message::ChangeSumMismatch { sum: format_plain(sum), stated: shown },
        )
        .note(Message::ItemsAddUpSoChangesMust);
        for (&k, c) in list.items.iter().zip(&item_changes) {
            let f = &cx.facts.figures[k];
            let at = match c.change {
                ChangeValue::Stated(ch) => cx.facts.figures[ch].span,
                ChangeValue::Unchanged(s) | ChangeValue::Implied(_, s) => s,
            };
            d = d.related(at, Message::ItemChange { subject: f.subject.to_string(), change: format_plain(signed(c)) });
        }
        let confirmed = item_changes
            .iter()
            .all(|c| matches!((c.change, c.rate), (ChangeValue::Unchanged(_), _) | (ChangeValue::Stated(_), Some(RateValue::Stated(_)))));
        let same_direction = sum.is_sign_negative() == stated_signed.is_sign_negative() && !sum.is_zero();
        if let (ChangeValue::Stated(k), true, true) = (total_change.change, confirmed, same_direction) {
            let value = format_plain(sum.abs());
            d = d.fix(Some(Fix::replace(cx.facts.figures[k].number, value.clone(), Message::ReplaceChangeWithItemsSum { value: value.clone() }, Applicability::Unsafe)));
        }
        out.push(d);
    }
}

fn direction_sign(cx: &Context, k: FigureId) -> rust_decimal::Decimal {
    match cx.facts.figures[k].measure {
        crate::facts::Measure::Change(d) => d.sign(),
        _ => rust_decimal::Decimal::ONE,
    }
}
