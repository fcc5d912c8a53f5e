use super::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Reports a suppression that accepts nothing: a Markdown comment
    /// `<!-- gouji-ignore rule-id -->` whose next line raises no such
    /// diagnostic, or an `[[ignore]]` entry of `gouji.toml` whose text is not
    /// in the draft or not flagged.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the figure it was written for: once the figure
    /// is fixed, it would silently hide the next error on that line.
    ///
    /// ## Fix
    /// Removes a Markdown comment; a `gouji.toml` entry is removed by hand.
    UNUSED_SUPPRESSION, "unused-suppression", Warning, "a suppression that matches no diagnostic",
    zh: "忽略注释未匹配任何诊断"
}

/// The diagnostic for an unused suppression at `span` (empty for a
/// `gouji.toml` entry whose text was not found).
pub fn unused_suppression(span: Span, rules: &[String]) -> Diagnostic {
    let d = Diagnostic::new(&UNUSED_SUPPRESSION, span, Message::UnusedSuppression { rules: rules.to_vec() });
    if span.is_empty() {
        d.note(Message::IgnoreEntryNotInDraft)
    } else {
        d.fix(Some(Fix::replace(span, "", Message::RemoveSuppression, Applicability::Safe)))
    }
}
