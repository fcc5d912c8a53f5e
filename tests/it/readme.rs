//! The README's rule table is generated from the rules themselves.

use std::path::Path;

fn table() -> String {
    let mut out = String::from("| rule | default | what it finds |\n|---|---|---|\n");
    for r in gouji::checks::RULES {
        out.push_str(&format!("| `{}` | {} | {} |\n", r.id, r.severity.as_str(), r.summary));
    }
    out
}

#[test]
fn readme_rule_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_default();
    let start = readme.find("<!-- rules").and_then(|i| readme[i..].find("-->").map(|j| i + j + 3)).unwrap_or(0);
    let end = readme.find("<!-- /rules -->").unwrap_or(0);
    assert!(start > 0 && end >= start, "README.md has no rules markers");
    let current = readme[start..end].trim();
    let wanted = table();
    if std::env::var_os("GOUJI_BLESS").is_some() {
        let updated = format!("{}\n{}{}", &readme[..start], wanted, &readme[end..]);
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    assert_eq!(current, wanted.trim(), "README rule table is stale: run GOUJI_BLESS=1 cargo test readme");
}

/// Every rule's documentation has the sections users rely on.
#[test]
fn every_rule_is_documented() {
    for r in gouji::checks::RULES {
        let doc = r.documentation(gouji::Lang::En);
        for section in ["## What it does", "## Why is this bad?", "## Fix"] {
            assert!(doc.contains(section), "{} lacks `{section}`", r.id);
        }
        let doc = r.documentation(gouji::Lang::Zh);
        for section in ["## 检查内容", "## 为何是问题", "## 修正"] {
            assert!(doc.contains(section), "{} lacks `{section}` in Chinese", r.id);
        }
        assert!(gouji::message::has_cjk(r.summary(gouji::Lang::Zh)) && r.summary(gouji::Lang::En).is_ascii() != r.summary(gouji::Lang::En).contains('元'), "{}: summaries in both languages", r.id);
        assert!(r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}: rule ids are kebab-case", r.id);
        assert!(!r.summary.ends_with('.'), "{}: summaries are fragments without a full stop", r.id);
    }
}
