//! What a check reports: a diagnostic, its severity, related places and fix.

use crate::message::Message;
use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The corrected value follows from the other figures alone (a rate, a unit).
    Safe,
    /// One value can be computed, but another figure may be the wrong one.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: Message,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn replace(span: Span, replacement: impl Into<String>, title: Message, applicability: Applicability) -> Self {
        Fix { title, edits: vec![Edit { span, replacement: replacement.into() }], applicability }
    }
}

/// Another place involved in a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    /// What the place is, in a few words.
    pub message: Message,
}

/// Which other document a place is in: the drafts a cross-document check
/// compares (issue 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OtherDocument {
    /// Last year's disclosure (`--previous`).
    Previous,
    /// The same year's 预算公开, for a 决算 (`--budget`).
    Budget,
}

/// A place in another document: where it states the figure a
/// cross-document finding compares with. Byte offsets in that document's
/// text; the edges name the file and turn them into lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    pub document: OtherDocument,
    pub span: Span,
    /// What the place states, in a few words.
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id, e.g. `list-total-mismatch`.
    pub code: &'static str,
    pub severity: Severity,
    /// The figure most likely wrong.
    pub span: Span,
    /// What is wrong, with the arithmetic (rendered in a language at the edges).
    pub message: Message,
    /// Why, and what else the figures show.
    pub notes: Vec<Message>,
    pub related: Vec<Related>,
    /// Places in another document (last year's disclosure, the year's
    /// budget) that the finding compares with.
    pub elsewhere: Vec<Elsewhere>,
    /// Boxed: most findings have none, and a draft's findings are many.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    pub fn new(rule: &crate::checks::Rule, span: Span, message: Message) -> Self {
        Diagnostic { code: rule.id, severity: rule.severity, span, message, notes: Vec::new(), related: Vec::new(), elsewhere: Vec::new(), fix: None }
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn note(mut self, note: Message) -> Self {
        self.notes.push(note);
        self
    }

    pub fn related(mut self, span: Span, message: Message) -> Self {
        self.related.push(Related { span, message });
        self
    }

    /// Links the other places worded as this one: a fault of wording
    /// repeated through a draft is one finding, on the first place.
    pub fn same_wording(self, others: impl IntoIterator<Item = Span>) -> Self {
        others.into_iter().fold(self, |d, span| d.related(span, Message::SameWording))
    }

    pub fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(Box::new);
        self
    }

    /// The fix, if any, offered for review only: another reading of the
    /// words is possible, so the value it writes is not certain.
    pub fn unsafe_fix(mut self) -> Self {
        if let Some(f) = &mut self.fix {
            f.applicability = Applicability::Unsafe;
        }
        self
    }

    /// The diagnostic with every place moved `by` bytes on: from a block's
    /// text into the document's.
    pub fn shift(mut self, by: usize) -> Self {
        self.span = self.span.shift(by);
        for r in &mut self.related {
            r.span = r.span.shift(by);
        }
        for e in self.fix.iter_mut().flat_map(|f| &mut f.edits) {
            e.span = e.span.shift(by);
        }
        self
    }
}
