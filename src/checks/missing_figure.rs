use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;

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
    MISSING_FIGURE, "missing-figure", Error, "a unit or percent sign with no figure"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for m in cx.missing() {
        let what = if m.unit == crate::facts::Unit::Percent { "rate" } else { "amount" };
        out.push(Diagnostic::new(&MISSING_FIGURE, m.span, format!("`{}{}` has no {what}", m.after, m.unit.label())));
    }
}
