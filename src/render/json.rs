//! `--format json`: one JSON object per diagnostic per line.

use serde::Serialize;

use super::File;
use crate::diagnostic::Diagnostic;

#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub line: usize,
    pub end_line: usize,
    pub column: usize,
    pub end_column: usize,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub notes: Vec<String>,
    pub fixes: Vec<JsonFix>,
    pub related: Vec<JsonRelated<'a>>,
    /// Where the figure is in a Word or Excel file (absent for text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a crate::input::Place>,
}

#[derive(Debug, Serialize)]
pub struct JsonFix {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub replacement: String,
    pub title: String,
    pub applicability: crate::diagnostic::Applicability,
}

#[derive(Debug, Serialize)]
pub struct JsonRelated<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
}

/// The diagnostic as one line of JSON (columns 1-based, in characters, the
/// end exclusive).
pub fn json_line(file: &File, d: &Diagnostic) -> String {
    let (line, column) = file.position(d.span.start);
    let (end_line, end_column) = file.position(d.span.end);
    let fixes = d
        .fix
        .iter()
        .flat_map(|f| {
            f.edits.iter().map(move |e| {
                let (line, column) = file.position(e.span.start);
                let (end_line, end_column) = file.position(e.span.end);
                JsonFix { line, column, end_line, end_column, replacement: e.replacement.clone(), title: f.title.text(file.lang), applicability: f.applicability }
            })
        })
        .collect();
    let related = d
        .related
        .iter()
        .map(|r| {
            let (line, column) = file.position(r.span.start);
            let (end_line, end_column) = file.position(r.span.end);
            JsonRelated { path: file.path, line, column, end_line, end_column, message: r.message.text(file.lang) }
        })
        .collect();
    let json = JsonDiagnostic {
        path: file.path,
        line,
        end_line: end_line.max(line),
        column,
        end_column,
        severity: d.severity.as_str(),
        code: d.code,
        message: d.message.text(file.lang),
        notes: d.notes.iter().map(|n| n.text(file.lang)).collect(),
        fixes,
        related,
        source: file.place(d.span.start),
    };
    serde_json::to_string(&json).unwrap_or_default()
}
