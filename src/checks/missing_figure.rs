use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::message::Message;

declare_rule! {
    /// ## What it does
    /// Flags a unit or percent sign standing without its figure: `增长%`,
    /// `占 %`, `支出 万元`.
    ///
    /// ## Why is this bad?
    /// A figure was left out, usually when a template was filled in; the
    /// sentence states nothing.
    ///
    /// ## Fix
    /// None: the figure must come from the accounts.
    MISSING_FIGURE, "missing-figure", Error, "a unit or percent sign with no figure",
    zh: "有单位或百分号而缺少数值"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for m in cx.missing() {
        let rate = m.unit == crate::facts::Unit::Percent;
        out.push(Diagnostic::new(&MISSING_FIGURE, m.span, Message::MissingFigure { written: format!("{}{}", m.after, m.unit.label()), rate }));
    }
}
