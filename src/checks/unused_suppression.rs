use super::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Reports a suppression that accepts nothing: a Markdown comment
    /// `<!-- gouji-ignore rule-id -->` whose next line raises no such
    /// diagnostic, or an `[[ignore]]` entry of `gouji.toml` whose text is not
    /// in the drafts its path matches, or not flagged there. `gouji check`
    /// reports the entry at its own line in `gouji.toml`, once it has seen
    /// every draft; the language server, which sees one draft, in the draft.
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

/// The diagnostic for an unused Markdown suppression comment at `span`.
pub fn unused_suppression(span: Span, rules: &[String]) -> Diagnostic {
    let d = Diagnostic::new(&UNUSED_SUPPRESSION, span, Message::UnusedSuppression { rules: rules.to_vec() });
    d.fix(Some(Fix::replace(span, "", Message::RemoveSuppression, Applicability::Safe)))
}

/// The diagnostic for an `[[ignore]]` entry of `gouji.toml` that accepts
/// nothing, naming it: at its `[[ignore]]` header in `gouji.toml` when
/// `in_draft` is false, else in the draft (where its text is, or at the
/// start), for a client that shows only the draft.
pub fn unused_ignore_entry(span: Span, ignore: &crate::config::Ignore, in_draft: bool) -> Diagnostic {
    let message = Message::UnusedIgnoreEntry { text: ignore.text.clone(), path: ignore.path.clone(), rules: ignore.rules.clone() };
    Diagnostic::new(&UNUSED_SUPPRESSION, span, message).note(Message::RemoveIgnoreEntry { line: ignore.line, in_draft })
}
