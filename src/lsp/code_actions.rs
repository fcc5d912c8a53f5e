//! Code actions: a quick fix per fixable diagnostic, and
//! `source.fixAll.gouji` for every safe fix of a document.
//!
//! A quick fix is the fix of the same diagnostic in the latest analysis,
//! which carries it in its `data`: no analysis runs, and a diagnostic of an
//! older version gets the fix as it stands now. The diagnostic the client
//! sends back is known by its rule and its `data`, as the server published
//! them, and only failing that by its range: Neovim before 0.8 sends the
//! range in byte columns, whatever position encoding was agreed on.

use serde::Deserialize as _;
use tower_lsp_server::ls_types::{self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams};

use super::documents::Snapshot;
use super::to_proto::{self, FixData, Locator};
use crate::diagnostic::{Applicability, Edit};
use crate::message::Message;
use crate::text::ColumnUnit;

pub struct Request<'a> {
    pub params: &'a CodeActionParams,
    pub unit: ColumnUnit,
    /// The client takes versioned `documentChanges`.
    pub document_changes: bool,
}

pub fn actions(snapshot: &Snapshot, request: &Request) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let params = request.params;
    let wants = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| kind.as_str() == o.as_str() || kind.as_str().strip_prefix(o.as_str()).is_some_and(|rest| rest.starts_with('.')))
        })
    };
    if wants(&CodeActionKind::QUICKFIX) {
        let ours: Vec<&lsp::Diagnostic> = params.context.diagnostics.iter().filter(|d| d.source.as_deref() == Some(to_proto::SOURCE)).collect();
        let candidates: Vec<lsp::Diagnostic> = if ours.is_empty() {
            snapshot.diagnostics.iter().filter(|d| overlaps(d.range, params.range)).filter_map(|d| d.to_lsp()).collect()
        } else {
            ours.into_iter().cloned().collect()
        };
        for d in candidates {
            let Some(fix) = fix_of(&d, snapshot) else { continue };
            let title = if fix.safe { fix.title.clone() } else { Message::ReviewFix { title: fix.title.clone() }.text(snapshot.lang) };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d]),
                edit: Some(to_proto::workspace_edit(&snapshot.uri, snapshot.version, fix.edits, request.document_changes)),
                is_preferred: Some(fix.safe),
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = CodeActionKind::new(super::FIX_ALL_KIND);
    if wants(&fix_all) {
        if let Some((edits, count)) = fix_all_edits(snapshot, request) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: Message::FixAll { count }.text(snapshot.lang),
                kind: Some(fix_all),
                edit: Some(to_proto::workspace_edit(&snapshot.uri, snapshot.version, edits, request.document_changes)),
                ..CodeAction::default()
            }));
        }
    }
    out
}

fn overlaps(a: lsp::Range, b: lsp::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The fix of a diagnostic the client sent back: that of the diagnostic of
/// the same rule in the latest analysis whose `data` is the one sent (the
/// one at the same range first), else that of the same rule and range.
fn fix_of(d: &lsp::Diagnostic, snapshot: &Snapshot) -> Option<FixData> {
    let code = match d.code.as_ref()? {
        lsp::NumberOrString::String(code) => code.as_str(),
        lsp::NumberOrString::Number(_) => return None,
    };
    let at_range = snapshot.diagnostics.iter().find(|s| s.range == d.range && s.code == code);
    let sent = d.data.as_ref().and_then(|data| FixData::deserialize(data).ok());
    if let Some(sent) = sent {
        if let Some(fix) = at_range.and_then(|s| s.fix()).filter(|fix| *fix == sent) {
            return Some(fix);
        }
        let same = snapshot.diagnostics.iter().filter(|s| s.code == code).filter_map(|s| s.fix()).find(|fix| *fix == sent);
        if same.is_some() {
            return same;
        }
    }
    at_range?.fix()
}

/// Every safe fix of the diagnostics reported (so none of a rule that is
/// off), leaving out any that overlaps one already taken (as
/// `gouji::fix::apply` does).
fn fix_all_edits(snapshot: &Snapshot, request: &Request) -> Option<(Vec<lsp::TextEdit>, usize)> {
    let text = &*snapshot.text;
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for fix in snapshot.reported.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability != Applicability::Safe {
            continue;
        }
        let clash = |e: &Edit| taken.iter().any(|t| e.span.start < t.span.end.max(t.span.start + 1) && t.span.start < e.span.end.max(e.span.start + 1));
        let fits = |e: &Edit| e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end);
        if fix.edits.iter().any(clash) || !fix.edits.iter().all(fits) {
            continue;
        }
        taken.extend(&fix.edits);
        count += 1;
    }
    if count == 0 {
        return None;
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let locator = Locator { uri: &snapshot.uri, text, index: &snapshot.index, unit: request.unit };
    let edits = taken.iter().map(|e| lsp::TextEdit { range: locator.range(e.span), new_text: e.replacement.clone() }).collect();
    Some((edits, count))
}
