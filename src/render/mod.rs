//! Output formats for `gouji check`.

mod coverage;
mod github;
mod human;
mod json;
mod sarif;

pub use coverage::coverage;
pub use github::github;
pub use human::human;
pub use json::{json_line, JsonDiagnostic};
pub use sarif::Sarif;

use crate::text::{ColumnUnit, LineIndex, Span};

/// A checked file, as the renderers need it.
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
}

impl File<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let p = self.index.line_col(self.text, offset, ColumnUnit::Char);
        (p.line + 1, p.col + 1)
    }

    /// 1-based line of the last character of a span.
    pub fn end_line(&self, span: Span) -> usize {
        self.index.line_of(span.end.saturating_sub(1).max(span.start)) + 1
    }
}
