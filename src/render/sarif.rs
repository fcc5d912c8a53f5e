//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards.

use serde_json::{json, Value};

use super::File;
use crate::checks::RULES;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::Span;

/// Results collected over every file, written as one SARIF log at the end.
#[derive(Debug, Default)]
pub struct Sarif {
    results: Vec<Value>,
}

fn region(file: &File, span: Span) -> Value {
    let (line, column) = file.position(span.start);
    let (end_line, end_column) = file.position(span.end);
    json!({ "startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column })
}

fn location(file: &File, span: Span) -> Value {
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri(file.path) }, "region": region(file, span) } })
}

/// A relative path as a URI reference (forward slashes, spaces escaped).
fn uri(path: &str) -> String {
    path.replace('\\', "/").replace('%', "%25").replace(' ', "%20")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

impl Sarif {
    pub fn push(&mut self, file: &File, d: &Diagnostic) {
        let lang = file.lang;
        let mut message = d.message.text(lang);
        for n in &d.notes {
            message.push('\n');
            message.push_str(&n.text(lang));
        }
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut l = location(file, r.span);
                l["id"] = json!(i + 1);
                l["message"] = json!({ "text": r.message.text(lang) });
                l
            })
            .collect();
        // Fixes are offered for text only: a Word or Excel file is not written.
        let fixes: Vec<Value> = d
            .fix
            .iter()
            .filter(|_| file.source.is_none())
            .map(|f| {
                let replacements: Vec<Value> = f.edits.iter().map(|e| json!({ "deletedRegion": region(file, e.span), "insertedContent": { "text": e.replacement } })).collect();
                json!({ "description": { "text": f.title.text(lang) }, "artifactChanges": [{ "artifactLocation": { "uri": uri(file.path) }, "replacements": replacements }] })
            })
            .collect();
        let mut result = json!({
            "ruleId": d.code,
            "ruleIndex": RULES.iter().position(|r| r.id == d.code),
            "level": level(d.severity),
            "message": { "text": message },
            "locations": [location(file, d.span)],
            "relatedLocations": related,
            "fixes": fixes,
        });
        // Where the figure is in a Word or Excel file.
        if let Some(place) = file.place(d.span.start) {
            result["properties"] = json!({ "source": place, "sourceText": file.place_note(d.span.start) });
        }
        self.results.push(result);
    }

    /// Adds the results of another file, after these.
    pub fn append(&mut self, other: Sarif) {
        self.results.extend(other.results);
    }

    /// The log, its rules described in `lang`.
    pub fn finish(self, lang: crate::message::Lang) -> String {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": { "text": r.summary(lang) },
                    "fullDescription": { "text": r.summary(lang) },
                    "help": { "text": r.documentation(lang), "markdown": r.documentation(lang) },
                    "defaultConfiguration": { "level": level(r.severity) },
                })
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": { "name": "gouji", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
                "columnKind": "unicodeCodePoints",
                "language": lang.pick("zh-CN", "en"),
                "results": self.results,
            }],
        });
        serde_json::to_string_pretty(&log).unwrap_or_default()
    }
}
