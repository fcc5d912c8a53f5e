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

/// The last line of human output: files, errors, warnings (and fixes applied).
pub fn summary(lang: crate::message::Lang, files: usize, errors: usize, warnings: usize, fixed: Option<usize>) -> String {
    match lang {
        crate::message::Lang::Zh => {
            let fixes = fixed.map(|n| format!("，已应用 {n} 处修正")).unwrap_or_default();
            format!("已检查 {files} 个文件：{errors} 个错误，{warnings} 个警告{fixes}")
        }
        crate::message::Lang::En => {
            let fixes = fixed.map(|n| format!(", {n} fix(es) applied")).unwrap_or_default();
            format!("{files} file(s) checked: {errors} error(s), {warnings} warning(s){fixes}")
        }
    }
}

/// A checked file, as the renderers need it.
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
    /// The language messages are written in.
    pub lang: crate::message::Lang,
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
