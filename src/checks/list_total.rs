use rust_decimal::Decimal;

use super::{declare_rule, format_decimal, Context, SumVerdict};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::facts::{List, ListOrigin, Unit};
use crate::interval::Interval;

declare_rule! {
    /// ## What it does
    /// Adds up the items of a list and compares the sum with the total they
    /// hang from: `合计 N 万元，其中：A a 万元、B b 万元…`, `包括…`, and a
    /// numbered section whose subsections each open with their own amount
    /// (`1．本年收入合计` over `（1）`…`（9）`).
    ///
    /// In a table: a parent row over its child rows (`20805` over `2080505`…,
    /// `301` over `01`…), a code printed again right under itself over its
    /// repeats (a breakdown by unit), the `合计` row over the top-level rows,
    /// a row's `合计` over its other columns (`基本支出`, `项目支出`…) where
    /// the headings say so, and the `本年合计` and `总计` lines of a `收支总表`.
    /// Only figures whose column the printed text makes certain are added.
    ///
    /// ## Why is this bad?
    /// A total that does not foot is the commonest error in a disclosure, and
    /// the first one a reader checks.
    ///
    /// Every figure stands for the interval it rounds from (`612.8` is
    /// [612.75, 612.85]), so honest rounding never fires. A list of main
    /// items (`主要包括…等`) is only checked for items that exceed the total;
    /// a `其中` list is checked for a shortfall only when it is plainly
    /// complete (a `合计`, a catch-all `其他` item, listed zeros, a whole by
    /// definition: `基本支出` of `人员经费` and `公务用车购置及运行维护费` of
    /// `公务用车购置费` and `公务用车运行维护费`, or in short
    /// `公务用车购置及运行费` of `购置费` and `运行费`).
    ///
    /// A list inside an item of another, without parentheses, ends at its
    /// item's `；` when items of the outer list follow (`其中：因公出国（境）费
    /// a；公务用车购置及运行维护费 b，其中公务用车购置费 c，公务用车运行维护费 d；
    /// 公务接待费 e`): two lists, each added up.
    ///
    /// When the total is also an item of a larger list, the two are read
    /// together: if the items' sum would make the larger list add up too, the
    /// total is the figure to fix; if the total agrees with the larger list,
    /// an item is wrong or missing and no fix is offered.
    ///
    /// ## Example
    /// ```text
    /// 1．本年收入合计 612.8万元。
    /// （1）一般公共预算拨款收入 598.3万元…（2）…0万元…
    /// ```
    /// Items sum to 598.3 万元, stated 612.8 万元.
    ///
    /// ## Fix
    /// Replaces the total with the items' sum: safe when a larger list
    /// confirms it, otherwise offered for review only.
    LIST_TOTAL_MISMATCH, "list-total-mismatch", Error, "the items of a list do not add up to its total",
    zh: "分项之和与合计不符"
}

pub fn check(cx: &Context, out: &mut Vec<crate::diagnostic::Diagnostic>) {
    for list in cx.lists() {
        if cx.is_dual_total(list) {
            continue;
        }
        let Some(sum) = cx.list_sum(list) else { continue };
        match sum.verdict {
            SumVerdict::Agrees => continue,
            SumVerdict::Short if !cx.list_is_complete(list) => continue,
            _ => {}
        }
        if explained_by_an_item(cx, list) || explained_by_a_drift(cx, list) {
            continue;
        }
        out.push(diagnose(cx, list, sum.stated_sum, sum.scale, sum.verdict));
    }
}

fn diagnose(cx: &Context, list: &List, stated_sum: Decimal, scale: u32, verdict: SumVerdict) -> Diagnostic {
    let total = &cx.facts.figures[list.total];
    let unit = cx.list_unit(list).map_or("", Unit::label);
    let sum_text = super::like_written(format_decimal(stated_sum, scale), cx.number_text(list.total));
    let off = (total.value - stated_sum).abs();
    let message = match list.items.as_slice() {
        // A total that must equal one other figure (`收入总计` = `支出总计`).
        &[item] => Message::TotalEqualsOther {
            subject: total.subject.to_string(),
            stated: cx.number_text(list.total).trim().to_string(),
            other_subject: cx.facts.figures[item].subject.to_string(),
            other: cx.number_text(item).trim().to_string(),
            unit: unit.to_string(),
            off: super::format_plain(off),
        },
        _ => Message::ItemsSum {
            sum: sum_text.clone(),
            stated: cx.number_text(list.total).trim().to_string(),
            unit: unit.to_string(),
            off: super::format_plain(off),
            over: verdict == SumVerdict::Over,
        },
    };
    let mut d = Diagnostic::new(&LIST_TOTAL_MISMATCH, total.number, message);
    for &k in list.items.iter().take(12) {
        let f = &cx.facts.figures[k];
        d = d.related(f.span, Message::Item { subject: f.subject.to_string(), value: cx.show(k) });
    }
    if list.items.len() > 12 {
        d = d.note(Message::MoreItems { count: list.items.len() - 12 });
    }
    let replacement = Interval::rounded(stated_sum, scale);
    let mut parent_confirms = None;
    for parent in cx.lists_with_item(list.total) {
        let as_stated = cx.sum_verdict(parent, None);
        let with_sum = replacement.and_then(|r| cx.sum_verdict(parent, Some((list.total, r))));
        let parent_total = &cx.facts.figures[parent.total];
        if as_stated == Some(SumVerdict::Agrees) {
            d = d
                .note(Message::TotalAgreesWithParent { subject: parent_total.subject.to_string(), value: cx.show(parent.total) })
                .related(parent_total.span, Message::ParentTotal);
            parent_confirms = Some(false);
        } else if with_sum == Some(SumVerdict::Agrees) {
            d = d
                .note(Message::ParentAgreesWithSum { sum: sum_text.clone(), subject: parent_total.subject.to_string(), value: cx.show(parent.total) })
                .related(parent_total.span, Message::ParentTotalAgreeingWithSum);
            parent_confirms.get_or_insert(true);
        }
    }
    // A table row's total heads its columns too: if they agree with it as
    // printed, the evidence is split and the fix is left to review.
    let mut heads_agreeing = false;
    for other in cx.lists_with_total(list.total).filter(|o| !std::ptr::eq(*o, list)) {
        // A sibling list of the sentence (`收入包括…；支出包括…`) that adds up
        // to the total: an item of this one is wrong, not the total.
        if other.origin == ListOrigin::Sentence && cx.sum_verdict(other, None) == Some(SumVerdict::Agrees) {
            let parts: Vec<String> = other.items.iter().map(|&k| cx.show(k)).collect();
            d = d
                .note(Message::AlsoSumOf { total: cx.show(list.total), parts, agree: false })
                .related(cx.facts.figures[other.items[0]].span, Message::OtherListAddingUp);
            parent_confirms = Some(false);
            continue;
        }
        if other.origin == ListOrigin::Table && cx.sum_verdict(other, None) == Some(SumVerdict::Agrees) {
            let parts: Vec<String> = other.items.iter().map(|&k| cx.show(k)).collect();
            d = d.note(Message::AlsoSumOf { total: cx.show(list.total), parts, agree: true });
            heads_agreeing = true;
        }
    }
    let fix = match (verdict, parent_confirms) {
        (_, Some(false)) => None,
        (_, Some(true)) if heads_agreeing => Some(Applicability::Unsafe),
        (_, Some(true)) => Some(Applicability::Safe),
        (SumVerdict::Short, None) => Some(Applicability::Unsafe),
        _ => (!list.et_cetera).then_some(Applicability::Unsafe),
    };
    d.fix(fix.map(|a| Fix::replace(total.number, sum_text.clone(), Message::ReplaceTotal { value: sum_text.clone() }, a)))
}

/// Is this list's failure explained by one of its items, itself a total whose
/// own items' sum would make this list add up? That item gets the diagnostic.
fn explained_by_an_item(cx: &Context, list: &List) -> bool {
    list.items.iter().any(|&item| {
        cx.lists_with_total(item).filter(|l| !cx.is_dual_total(l)).any(|child| {
            let Some(sum) = cx.list_sum(child) else { return false };
            let fails = sum.verdict == SumVerdict::Over || (sum.verdict == SumVerdict::Short && cx.list_is_complete(child));
            fails && Interval::rounded(sum.stated_sum, sum.scale).and_then(|r| cx.sum_verdict(list, Some((item, r)))) == Some(SumVerdict::Agrees)
        })
    })
}

/// Does the list add up once a member stated differently elsewhere takes
/// the value its other statements agree on? Then that member is the one
/// figure wrong, and `repeated-figure-mismatch` says so at it.
fn explained_by_a_drift(cx: &Context, list: &List) -> bool {
    list.members().flat_map(|k| cx.drifts_of(k)).any(|d| {
        let Some((value, scale)) = d.value else { return false };
        cx.facts.figures[d.figure].unit == cx.list_unit(list) && Interval::rounded(value, scale).and_then(|r| cx.sum_verdict(list, Some((d.figure, r)))) == Some(SumVerdict::Agrees)
    })
}

#[cfg(test)]
mod tests {
    use crate::Applicability;

    /// A row's total that its parent's sum would correct, but that its own
    /// columns agree with: the fix is offered for review, not applied.
    #[test]
    fn a_table_row_whose_columns_agree_keeps_its_fix_for_review() {
        let text = "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t90.00\t60.00\t30.00\n213\t农林水支出\t80.00\t50.00\t30.00\n21301\t农业农村\t90.00\t60.00\t30.00\n";
        let d = crate::analyze(text).diagnostics;
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&text[d[0].span.range()], "80.00");
        assert_eq!(d[0].fix.as_ref().map(|f| f.applicability), Some(Applicability::Unsafe));
    }
}
