//! From gouji to the protocol: byte offsets to positions, diagnostics,
//! fixes and edits.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, OptionalVersionedTextDocumentIdentifier,
    Position, PositionEncodingKind, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::message::Lang;
use crate::text::{Change, ColumnUnit, LineIndex, Span};

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

    /// The diagnostics as published. Those that the change since the last
    /// ones left alone, and that are on the lines and columns they were,
    /// are the very ones published last (shared, not converted again).
    /// (`last` must have been published in `lang`).
    pub fn diagnostics(&self, reported: &mut [Diagnostic], last: Option<&Published>, lang: Lang) -> Vec<Arc<ProtoDiagnostic>> {
        let mut cursor = 0;
        reported.iter_mut().map(|d| last.and_then(|last| last.reuse(self, d, &mut cursor)).unwrap_or_else(|| Arc::new(self.proto(d, lang)))).collect()
    }

    /// The diagnostic as published, serialised.
    fn proto(&self, d: &Diagnostic, lang: Lang) -> ProtoDiagnostic {
        let diagnostic = self.diagnostic(d, lang);
        // Plain structs with string keys always serialise; the fallback
        // only keeps the list one to one with the diagnostics reported.
        let json = serde_json::value::to_raw_value(&diagnostic).unwrap_or_else(|_| RawValue::NULL.to_owned());
        ProtoDiagnostic { range: diagnostic.range, code: d.code, json }
    }

    /// The diagnostic as published; its fix travels in `data`.
    pub fn diagnostic(&self, d: &Diagnostic, lang: Lang) -> lsp::Diagnostic {
        let mut message = d.message.text(lang);
        for note in &d.notes {
            message.push('\n');
            message.push_str(&note.text(lang));
        }
        let related = d.related.iter().map(|r| DiagnosticRelatedInformation { location: self.location(r.span), message: r.message.text(lang) }).collect();
        let data = d.fix.as_ref().map(|fix| self.fix_data(fix, lang)).and_then(|data| serde_json::to_value(data).ok());
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

    pub fn fix_data(&self, fix: &Fix, lang: Lang) -> FixData {
        FixData { title: fix.title.text(lang), safe: fix.applicability == Applicability::Safe, edits: self.text_edits(fix) }
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

/// A diagnostic as published, held as the JSON it is published as: an edit
/// republishes hundreds of diagnostics it left alone, and copying their
/// text costs far less than serialising them again (and holds less than
/// the protocol's structures, whose `data` is a tree of maps). Code
/// actions find a diagnostic by its range and rule, kept beside the JSON.
#[derive(Debug)]
pub struct ProtoDiagnostic {
    pub range: lsp::Range,
    pub code: &'static str,
    json: Box<RawValue>,
}

impl ProtoDiagnostic {
    /// The JSON of the `lsp::Diagnostic`, as it goes into a notification.
    pub fn json(&self) -> &RawValue {
        &self.json
    }

    /// The protocol's form, read back (for the rarer requests that need it).
    pub fn to_lsp(&self) -> Option<lsp::Diagnostic> {
        serde_json::from_str(self.json.get()).ok()
    }

    /// The fix it carries in its `data`.
    pub fn fix(&self) -> Option<FixData> {
        #[derive(Deserialize)]
        struct Data {
            data: Option<FixData>,
        }
        serde_json::from_str::<Data>(self.json.get()).ok()?.data
    }
}

/// A diagnostic's fix as it travels in the diagnostic's `data`, for
/// clients that read it (a code action takes the fix of the same diagnostic
/// in the latest analysis, in the positions of its version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<TextEdit>,
}

/// The diagnostics published last: what they were made of, and how the
/// text changed since.
pub struct Published<'a> {
    /// Sorted as `checks::run` sorts them.
    pub reported: &'a [Diagnostic],
    /// The same, as published.
    pub diagnostics: &'a [Arc<ProtoDiagnostic>],
    pub change: Change,
    /// How many lines the text had.
    pub lines: usize,
}

impl Published<'_> {
    /// The diagnostic published last that `d` is, if the change left its
    /// spans alone and its lines and columns are the same: before the
    /// change, or after it on a line that starts after it, with as many
    /// lines before. Looked for from `cursor` on (`d` come in order).
    fn reuse(&self, locator: &Locator, d: &mut Diagnostic, cursor: &mut usize) -> Option<Arc<ProtoDiagnostic>> {
        let (first, last) = spans(d).fold((usize::MAX, 0), |(lo, hi), s| (lo.min(s.start), hi.max(s.end)));
        let index = locator.index;
        let by = if last < self.change.start {
            0
        } else if first >= self.change.new_end && index.line_count() == self.lines && index.line_start(index.line_of(first)) > self.change.new_end {
            self.change.new_end as isize - self.change.old_end as isize
        } else {
            return None;
        };
        shift(d, -by);
        while self.reported.get(*cursor).is_some_and(|o| o.span.start < d.span.start) {
            *cursor += 1;
        }
        let found = self.reported[(*cursor).min(self.reported.len())..].iter().take_while(|o| o.span.start == d.span.start).position(|o| o == d);
        shift(d, by);
        self.diagnostics.get(*cursor + found?).cloned()
    }
}

/// Every span of a diagnostic.
fn spans(d: &Diagnostic) -> impl Iterator<Item = Span> + '_ {
    let fixes = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span));
    std::iter::once(d.span).chain(d.related.iter().map(|r| r.span)).chain(fixes)
}

/// Moves every span of a diagnostic `by` bytes.
fn shift(d: &mut Diagnostic, by: isize) {
    let moved = |s: &mut Span| *s = Span::new(s.start.wrapping_add_signed(by), s.end.wrapping_add_signed(by));
    moved(&mut d.span);
    d.related.iter_mut().for_each(|r| moved(&mut r.span));
    d.fix.iter_mut().flat_map(|f| f.edits.iter_mut()).for_each(|e| moved(&mut e.span));
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
