use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::facts::Unit;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags a figure with no unit in a list whose other figures carry one:
    /// `基本工资 52.36，津贴补贴 31.07万元`.
    ///
    /// ## Why is this bad?
    /// The reader has to guess the unit; in a draft it is usually a unit lost
    /// while editing. The list's sum treats the figure as in the list's unit.
    ///
    /// ## Fix
    /// Adds the list's unit after the figure.
    MISSING_UNIT, "missing-unit", Warning, "a figure with no unit in a list of amounts",
    zh: "一组金额中的数缺少单位"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for list in cx.lists() {
        let Some(unit) = cx.list_unit(list).filter(|u| u.is_money()) else { continue };
        for &k in &list.items {
            let f = &cx.facts.figures[k];
            if f.unit.is_some() {
                continue;
            }
            let label = Unit::label(unit);
            out.push(
                Diagnostic::new(&MISSING_UNIT, f.number, Message::MissingUnit { figure: cx.number_text(k).trim().to_string(), unit: label.to_string() })
                    .related(cx.facts.figures[list.total].span, Message::ListTotal)
                    .fix(Some(Fix::replace(Span::new(f.number.end, f.number.end), format!(" {label}"), Message::AddUnit { unit: label.to_string() }, Applicability::Safe))),
            );
        }
    }
}
