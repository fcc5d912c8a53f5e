//! Applying fixes to a text (pure: the CLI and the server do the writing).

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Applies the fixes of `diagnostics` (only safe ones unless `unsafe_too`),
/// skipping any whose edits overlap an edit already taken. Returns the new
/// text and how many fixes were applied.
pub fn apply(text: &str, diagnostics: &[Diagnostic], unsafe_too: bool) -> (String, usize) {
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability != Applicability::Safe && !unsafe_too {
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| edits.iter().any(|t| e.span.start < t.span.end.max(t.span.start + 1) && t.span.start < e.span.end.max(e.span.start + 1)));
        if overlaps || fix.edits.iter().any(|e| e.span.end > text.len() || !text.is_char_boundary(e.span.start) || !text.is_char_boundary(e.span.end)) {
            continue;
        }
        edits.extend(fix.edits.iter());
        applied += 1;
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}
