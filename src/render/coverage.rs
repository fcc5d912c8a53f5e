//! `--coverage`: the standard ties of a file, verified or skipped.

use std::fmt::Write as _;

use crate::message::{Lang, Message};
use crate::profile::required::Completeness;
use crate::text::LineIndex;
use crate::ties::{Coverage, Status};

/// The ties of one file in `lang`: a block of lines, or one JSON object
/// per tie (`"kind": "coverage"`, so that they are not taken for
/// diagnostics; `status` is `verified`, `differs` or `skipped` in every
/// language, the tie and the reason are in `lang`).
pub fn coverage(path: &str, ties: &[Coverage], json: bool, lang: Lang) -> String {
    let mut out = String::new();
    if !json {
        let _ = writeln!(out, "{}", Message::CoverageOf { path: path.to_string() }.text(lang));
    }
    for c in ties {
        if json {
            let reason = match &c.status {
                Status::Skipped(why) => Some(why.text(lang)),
                _ => None,
            };
            let line = serde_json::json!({ "kind": "coverage", "path": path, "tie": c.tie.text(lang), "status": c.status.key(), "reason": reason });
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "  {}", Message::CoverageLine { tie: c.tie, status: c.status.clone() }.text(lang));
        }
    }
    out
}

/// The items a disclosure of `kind` must contain, found or not, after the
/// ties: lines under a header, or one JSON object per item (`"kind":
/// "required"`, `status` `found` or `missing`, `line` 1-based or null,
/// `judged` false for an excerpt, whose missing items are not reported).
pub fn required(path: &str, completeness: &Completeness, index: &LineIndex, json: bool, lang: Lang) -> String {
    let mut out = String::new();
    if !json {
        let _ = writeln!(out, "{}", Message::RequiredHeader { kind: completeness.kind.label().to_string(), whole: completeness.whole }.text(lang));
    }
    for item in &completeness.items {
        let line = item.at.map(|s| index.line_of(s.start) + 1);
        if json {
            let status = if line.is_some() { "found" } else { "missing" };
            let object = serde_json::json!({ "kind": "required", "path": path, "item": item.name, "table": item.table, "status": status, "line": line, "judged": completeness.whole });
            let _ = writeln!(out, "{object}");
        } else {
            let _ = writeln!(out, "{}", Message::RequiredLine { item: item.name.clone(), table: item.table, line }.text(lang));
        }
    }
    out
}
