use super::{declare_rule, Context, SumVerdict};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags a figure in 元 among figures in 万元: in a list whose total and
    /// items are in 万元, an item (or the total) written `3.18 元`.
    ///
    /// ## Why is this bad?
    /// A 元/万元 slip is a factor of 10 000. Whole documents in 元 exist and
    /// are not flagged; one 元 in a list of 万元 is almost always a typing
    /// slip. When reading the figure as 万元 makes the list add up, the
    /// message says so.
    ///
    /// ## Example
    /// ```text
    /// 公用经费 41.35 万元。主要包括：办公费 6.42 万元、工会经费 3.18 元、…
    /// ```
    ///
    /// ## Fix
    /// Writes 万元 for 元.
    UNIT_SLIP, "unit-slip", Error, "a figure in 元 among figures in 万元",
    zh: "万元之中混入以元为单位的数"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for list in cx.lists() {
        for &k in cx.unit_slips(list) {
            let f = &cx.facts.figures[k];
            let unit = Span::new(f.span.end - "元".len(), f.span.end);
            let mut d = Diagnostic::new(&UNIT_SLIP, unit, Message::UnitSlip { total: k == list.total, figure: cx.show(k) })
                .related(cx.facts.figures[list.total].span, Message::ListTotal);
            if cx.list_sum(list).is_some_and(|s| s.verdict == SumVerdict::Agrees) {
                d = d.note(Message::ReadAsWan);
            }
            d = d.fix(Some(Fix::replace(Span::new(unit.start, unit.start), "万", Message::WriteWan, Applicability::Safe)));
            out.push(d);
        }
    }
}
