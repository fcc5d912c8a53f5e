//! `--coverage`: the standard ties of a file, verified or skipped.

use std::fmt::Write as _;

use crate::message::{Lang, Message};
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
