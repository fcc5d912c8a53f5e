//! `--coverage`: the standard ties of a file, verified or skipped.

use std::fmt::Write as _;

use crate::ties::{Coverage, Status};

/// The ties of one file: a block of lines, or one JSON object per tie
/// (`"kind": "coverage"`, so that they are not taken for diagnostics).
pub fn coverage(path: &str, ties: &[Coverage], json: bool) -> String {
    let mut out = String::new();
    if !json {
        let _ = writeln!(out, "coverage of {path}:");
    }
    for c in ties {
        let reason = match &c.status {
            Status::Skipped(why) => Some(why.as_str()),
            _ => None,
        };
        if json {
            let line = serde_json::json!({ "kind": "coverage", "path": path, "tie": c.tie, "status": c.status.label(), "reason": reason });
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "  {:<9} {}{}", c.status.label(), c.tie, reason.map(|r| format!(": {r}")).unwrap_or_default());
        }
    }
    out
}
