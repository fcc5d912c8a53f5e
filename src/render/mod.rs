//! Output formats for `gouji check`.

mod coverage;
mod github;
mod html;
mod human;
mod json;
mod sarif;

pub use coverage::{coverage, required};
pub use github::github;
pub use html::{Review, ReviewDoc};
pub use human::human;
pub use json::{json_line, JsonDiagnostic};
pub use sarif::Sarif;

use crate::text::{ColumnUnit, LineIndex, Span};

/// The last line of human output: files, errors, warnings (and fixes applied).
pub fn summary(lang: crate::message::Lang, files: usize, errors: usize, warnings: usize, fixes: Fixes, not_checked: usize) -> String {
    match lang {
        crate::message::Lang::Zh => {
            let fixes = match fixes {
                Fixes::None => String::new(),
                Fixes::Applied(n) => format!("，已应用 {n} 处修正"),
                Fixes::Shown(n) => format!("，列出 {n} 处修正"),
            };
            let failed = if not_checked > 0 { format!("，{not_checked} 个路径未能检查") } else { String::new() };
            format!("已检查 {files} 个文件：{errors} 个错误，{warnings} 个警告{fixes}{failed}")
        }
        crate::message::Lang::En => {
            let fixes = match fixes {
                Fixes::None => String::new(),
                Fixes::Applied(n) => format!(", {n} fix(es) applied"),
                Fixes::Shown(n) => format!(", {n} fix(es) shown"),
            };
            let failed = if not_checked > 0 { format!(", {not_checked} path(s) not checked") } else { String::new() };
            format!("{files} file(s) checked: {errors} error(s), {warnings} warning(s){fixes}{failed}")
        }
    }
}

/// The fixes a run's summary counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixes {
    None,
    Applied(usize),
    /// `--diff`: shown, not applied.
    Shown(usize),
}

/// A checked file, as the renderers need it.
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
    /// The language messages are written in.
    pub lang: crate::message::Lang,
    /// The Word or Excel file the text was read from, to say where a
    /// figure is in it.
    pub source: Option<&'a crate::input::Document>,
}

impl File<'_> {
    /// Where the byte at `offset` is in the file read, when it was not text.
    pub fn place(&self, offset: usize) -> Option<&crate::input::Place> {
        self.source?.place_at(offset)
    }

    /// The same, as a note for the user.
    pub fn place_note(&self, offset: usize) -> Option<String> {
        let name = std::path::Path::new(self.path).file_name().map_or(self.path.into(), |n| n.to_string_lossy());
        self.place(offset).map(|p| p.message(&name).text(self.lang))
    }

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
