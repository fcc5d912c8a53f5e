//! From gouji to the protocol: byte offsets to positions, diagnostics,
//! fixes and edits.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, OptionalVersionedTextDocumentIdentifier,
    Position, PositionEncodingKind, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::text::{ColumnUnit, LineIndex, Span};

/// The source of every diagnostic the server publishes.
pub const SOURCE: &str = "gouji";

/// A text with its line index, the unit columns are counted in, and where
/// it came from: everything needed to turn byte offsets into positions.
pub struct Locator<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub unit: ColumnUnit,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn position_encoding(unit: ColumnUnit) -> PositionEncodingKind {
    match unit {
        ColumnUnit::Utf8 => PositionEncodingKind::UTF8,
        ColumnUnit::Utf16 => PositionEncodingKind::UTF16,
        ColumnUnit::Char => PositionEncodingKind::UTF32,
    }
}

impl Locator<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let at = self.index.line_col(self.text, offset, self.unit);
        Position { line: to_u32(at.line), character: to_u32(at.col) }
    }

    pub fn range(&self, span: Span) -> lsp::Range {
        lsp::Range { start: self.position(span.start), end: self.position(span.end.max(span.start)) }
    }

    pub fn location(&self, span: Span) -> Location {
        Location { uri: self.uri.clone(), range: self.range(span) }
    }

    /// The diagnostic as published; its fix travels in `data`.
    pub fn diagnostic(&self, d: &Diagnostic, version: i32) -> lsp::Diagnostic {
        let mut message = d.message.clone();
        for note in &d.notes {
            message.push('\n');
            message.push_str(note);
        }
        let related = d.related.iter().map(|r| DiagnosticRelatedInformation { location: self.location(r.span), message: r.message.clone() }).collect();
        let data = d.fix.as_ref().map(|fix| self.fix_data(fix, version)).and_then(|data| serde_json::to_value(data).ok());
        lsp::Diagnostic {
            range: self.range(d.span),
            severity: Some(severity_of(d.severity)),
            code: Some(NumberOrString::String(d.code.to_owned())),
            code_description: super::rule_docs_url(d.code).parse().ok().map(|href| CodeDescription { href }),
            source: Some(SOURCE.to_owned()),
            message,
            related_information: Some(related),
            tags: None,
            data,
        }
    }

    pub fn text_edits(&self, fix: &Fix) -> Vec<TextEdit> {
        fix.edits.iter().map(|e| TextEdit { range: self.range(e.span), new_text: e.replacement.clone() }).collect()
    }

    pub fn fix_data(&self, fix: &Fix, version: i32) -> FixData {
        FixData { version, title: fix.title.clone(), safe: fix.applicability == Applicability::Safe, edits: self.text_edits(fix) }
    }
}

pub fn severity_of(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A diagnostic's fix as it travels in the diagnostic's `data`, so that a
/// code action needs no new analysis (the edits are in the positions of
/// `version`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixData {
    pub version: i32,
    pub title: String,
    pub safe: bool,
    pub edits: Vec<TextEdit>,
}

/// Edits to one document as a workspace edit: versioned when the client
/// takes `documentChanges` (it then refuses the edit if the document moved
/// on), plain `changes` otherwise.
pub fn workspace_edit(uri: &Uri, version: i32, edits: Vec<TextEdit>, document_changes: bool) -> WorkspaceEdit {
    if document_changes {
        let edit = TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: Some(version) },
            edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
        };
        WorkspaceEdit { document_changes: Some(lsp::DocumentChanges::Edits(vec![edit])), ..WorkspaceEdit::default() }
    } else {
        WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_every_unit() {
        let text = "𠮷😀\n合计 12 万元";
        let index = LineIndex::new(text);
        let Ok(uri) = "file:///draft.txt".parse::<Uri>() else { return };
        let at = text.find("12").unwrap_or_default();
        let expect = [(ColumnUnit::Utf16, 0, 4, 1, 3), (ColumnUnit::Utf8, 0, 8, 1, 7), (ColumnUnit::Char, 0, 2, 1, 3)];
        for (unit, l0, c0, l1, c1) in expect {
            let loc = Locator { uri: &uri, text, index: &index, unit };
            assert_eq!(loc.position(text.find('\n').unwrap_or_default()), Position { line: l0, character: c0 }, "{unit:?}");
            assert_eq!(loc.position(at), Position { line: l1, character: c1 }, "{unit:?}");
        }
    }

    #[test]
    fn rule_links_are_built_in_one_place() {
        assert!(super::super::rule_docs_url("unit-slip").ends_with("#unit-slip"));
        assert!(super::super::rule_docs_url("unit-slip").parse::<Uri>().is_ok());
    }
}
