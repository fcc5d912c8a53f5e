//! Fixture drafts with their expected diagnostics beside them.
//!
//! Every `tests/fixtures/**/NAME.txt` or `NAME.md` has a `NAME.expected`:
//! one line per diagnostic, `LINE:COL SEVERITY CODE `underlined text``,
//! followed by `=> "replacement"` when a fix is offered (`(review)` after it
//! when the fix is not safe), then, indented, the message in Chinese as the
//! reader sees it and its notes (`注：…`). Lines starting with `#` are
//! comments. An empty expected file says the draft must raise nothing. Run with
//! `GOUJI_BLESS=1` to write the current output into the expected files
//! (then read the diff before committing it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gouji::text::{ColumnUnit, LineIndex};
use gouji::{Applicability, Lang};

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
}

/// What the user is told about a draft, one line per diagnostic (Markdown
/// suppressions honoured when `markdown`).
pub fn describe(text: &str, markdown: bool) -> String {
    describe_with(text, markdown, &[])
}

/// The other documents a fixture is checked against (issue 18): a
/// `NAME.previous` file beside `NAME.txt` names last year's disclosure,
/// a `NAME.budget` file the same year's 预算公开 (paths relative to the
/// fixture's folder, on the first line).
fn others_of(path: &Path) -> Vec<(gouji::diagnostic::OtherDocument, String, String)> {
    use gouji::diagnostic::OtherDocument;
    let mut out = Vec::new();
    for (ext, document) in [("previous", OtherDocument::Previous), ("budget", OtherDocument::Budget)] {
        let Ok(pointer) = std::fs::read_to_string(path.with_extension(ext)) else { continue };
        let name = pointer.lines().next().unwrap_or_default().trim().to_string();
        let other = path.parent().unwrap_or(Path::new(".")).join(&name);
        let text = std::fs::read_to_string(&other).unwrap_or_else(|e| panic!("{}: {e}", other.display()));
        out.push((document, name, text));
    }
    out
}

/// As [`describe`], with the diagnostics against other documents (their
/// places named in notes, as the command line names them).
pub fn describe_with(text: &str, markdown: bool, others: &[(gouji::diagnostic::OtherDocument, String, String)]) -> String {
    use gouji::checks::across::{self, Document};
    use gouji::diagnostic::OtherDocument;
    let analysis = gouji::analyze(text);
    let mut diagnostics = analysis.diagnostics.clone();
    if !others.is_empty() {
        let analyses: Vec<gouji::Analysis> = others.iter().map(|o| gouji::analyze(&o.2)).collect();
        let other = |d: OtherDocument| others.iter().zip(&analyses).find(|(o, _)| o.0 == d).map(|(o, a)| Document::new(&o.2, a));
        let mut found = across::compare(Document::new(text, &analysis), other(OtherDocument::Previous), other(OtherDocument::Budget), Default::default());
        let files: Vec<(OtherDocument, &str, &str)> = others.iter().map(|o| (o.0, o.1.as_str(), o.2.as_str())).collect();
        across::name_places(&mut found.diagnostics, &files);
        diagnostics.append(&mut found.diagnostics);
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    }
    let diagnostics = gouji::Config::default().apply(diagnostics, text, None, markdown);
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in &diagnostics {
        let at = index.line_col(text, d.span.start, ColumnUnit::Char);
        let _ = write!(out, "{}:{} {} {} `{}`", at.line + 1, at.col + 1, d.severity.as_str(), d.code, &text[d.span.range()]);
        if let Some(fix) = &d.fix {
            let replacement: Vec<&str> = fix.edits.iter().map(|e| e.replacement.as_str()).collect();
            let _ = write!(out, " => {:?}", replacement.join(" | "));
            if fix.applicability != Applicability::Safe {
                out.push_str(" (review)");
            }
        }
        out.push('\n');
        // What the reader is told, in Chinese: the message, then its notes.
        let _ = writeln!(out, "    {}", d.message.text(Lang::Zh));
        for note in &d.notes {
            let _ = writeln!(out, "    注：{}", note.text(Lang::Zh));
        }
    }
    out
}

fn expected_of(path: &Path) -> PathBuf {
    path.with_extension("expected")
}

fn strip_comments(s: &str) -> String {
    s.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| format!("{}\n", l.trim_end())).collect()
}

/// Every fixture draft, in order of path.
fn all_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths = Vec::new();
    fixtures(&root, &mut paths);
    paths.sort();
    assert!(paths.len() >= 10, "fixtures missing under {}", root.display());
    paths
}

#[test]
fn every_fixture_raises_what_its_expected_file_says() {
    let paths = all_fixtures();
    let bless = std::env::var_os("GOUJI_BLESS").is_some();
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let actual = describe_with(&text, path.extension().is_some_and(|e| e == "md"), &others_of(path));
        let expected_path = expected_of(path);
        if bless {
            let header: String = std::fs::read_to_string(&expected_path)
                .unwrap_or_default()
                .lines()
                .filter(|l| l.starts_with('#'))
                .map(|l| format!("{l}\n"))
                .collect();
            // Written aside and renamed: the test that reads the expected
            // files may run at the same time, and must never see one half written.
            let aside = expected_path.with_extension("expected.blessing");
            std::fs::write(&aside, header + &actual).and_then(|()| std::fs::rename(&aside, &expected_path)).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
        if strip_comments(&expected) != actual {
            failures.push(format!("{}\n--- expected\n{}--- actual\n{}", path.display(), strip_comments(&expected), actual));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each block checked alone, and the document checking again only what it
/// reaches into, find what checking the whole document at once finds.
#[test]
fn block_by_block_checks_equal_whole_document_checks() {
    for path in all_fixtures() {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let a = gouji::analyze(&text);
        let whole = gouji::checks::run(&gouji::checks::Context::new(&text, &a.facts).with_ties(&a.ties));
        assert_eq!(a.diagnostics, whole, "{}", path.display());
    }
}

/// A block reached only by a section's list keeps what it was found alone
/// to hold (a wrong change rate here), and is checked again with the
/// document for what reads across blocks (a share of the section's
/// total): after each edit, what the analyser says equals a fresh
/// analysis and checking the whole document at once.
#[test]
fn blocks_reached_by_a_list_keep_their_own_findings_across_edits() {
    let mut text = String::from("一、支出预算情况\n2025年支出预算合计 100 万元。其中：\n（一）基本支出 60 万元，比上年增加 10 万元，增长 50%。\n（二）项目支出 40 万元，占 45%。\n二、其他\n无。\n");
    let mut analyzer = gouji::Analyzer::default();
    let codes = |a: &gouji::Analysis| a.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(&analyzer.analyze(&text)), ["change-rate-mismatch", "share-mismatch"]);
    let edits = [("合计 100", "合计 101"), ("增长 50%", "增长 20%"), ("占 45%", "占 40%"), ("项目支出 40", "项目支出 41"), ("增长 20%", "增长 25%"), ("合计 101", "合计 99")];
    for (from, to) in edits {
        text = text.replacen(from, to, 1);
        let incremental = analyzer.analyze(&text);
        let fresh = gouji::analyze(&text);
        assert_eq!(incremental.diagnostics, fresh.diagnostics, "after {to}");
        let whole = gouji::checks::run(&gouji::checks::Context::new(&text, &fresh.facts).with_ties(&fresh.ties));
        assert_eq!(fresh.diagnostics, whole, "after {to}");
    }
    assert_eq!(codes(&analyzer.analyze(&text)), ["list-total-mismatch", "change-rate-mismatch", "share-mismatch"]);
}

/// Every rule has a folder of fixtures, and at least one of them raises it.
#[test]
fn every_rule_has_fixtures_that_raise_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in gouji::checks::RULES {
        let dir = root.join(rule.id);
        let mut paths = Vec::new();
        fixtures(&dir, &mut paths);
        let raised = paths.iter().any(|p| {
            std::fs::read_to_string(expected_of(p)).is_ok_and(|e| strip_comments(&e).lines().any(|l| l.split(' ').nth(2) == Some(rule.id)))
        });
        assert!(raised, "no fixture under tests/fixtures/{} raises {}", rule.id, rule.id);
    }
}

/// Applying every safe fix leaves the draft with fewer diagnostics, and
/// changes nothing outside the fixed ranges.
#[test]
fn safe_fixes_clear_their_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths = Vec::new();
    fixtures(&root, &mut paths);
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let before = gouji::analyze(&text).diagnostics;
        let (fixed, applied) = gouji::fix::apply(&text, &before, false);
        if applied == 0 {
            continue;
        }
        let after = gouji::analyze(&fixed).diagnostics;
        assert!(after.len() < before.len(), "{}: {} diagnostics before fixing, {} after\n{}", path.display(), before.len(), after.len(), describe(&fixed, false));
    }
}
