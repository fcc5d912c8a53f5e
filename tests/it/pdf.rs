//! PDF files: our own draft as LibreOffice exports it from the `.docx`, and
//! as a Type0/CID font typesets it, reads as the text draft, every table
//! cell in its column, and gives the same findings at the same places; a
//! longer draft loses its running headers and page numbers; a font with no
//! Unicode map is a warning, a scan and an encrypted or damaged file clear
//! errors. The files are made by `scripts/make-pdf-fixtures.py` and
//! committed.

use std::process::Command;
use std::time::{Duration, Instant};

use gouji::input::{self, Kind, Place};
use gouji::{Lang, Message};

use super::input::{bytes, doc, findings, fixture, read};

fn text(name: &str) -> String {
    String::from_utf8(bytes(name)).unwrap_or_default()
}

/// The share of the characters of `want` (not counting white space) that
/// `got` has in the same order: 1 − edit distance / length.
fn accuracy(got: &str, want: &str) -> f64 {
    let a: Vec<char> = got.chars().filter(|c| !c.is_whitespace()).collect();
    let b: Vec<char> = want.chars().filter(|c| !c.is_whitespace()).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = cur;
        }
    }
    1.0 - row[b.len()] as f64 / b.len().max(1) as f64
}

#[test]
fn the_draft_as_pdf_reads_as_the_text_draft() {
    let want = text("draft.txt");
    for name in ["draft.pdf", "draft-cid.pdf"] {
        let pdf = doc(name);
        assert_eq!(accuracy(&pdf.text, &want), 1.0, "{name}");
        // Paragraphs joined across their broken lines, wrapped cells joined,
        // every cell in its column (收入 over two, 二、事业收入 merged down).
        assert_eq!(pdf.text, want, "{name}");
        assert!(pdf.warnings.is_empty(), "{name}: {:?}", pdf.warnings);
    }
}

#[test]
fn the_draft_as_pdf_gives_the_findings_of_the_text_at_the_same_places() {
    let want = findings(&text("draft.txt"));
    assert_eq!(want.len(), 3, "{want:?}");
    let strip = |f: &[(String, usize)]| f.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    for name in ["draft.pdf", "draft-cid.pdf"] {
        let pdf = doc(name);
        let got = findings(&pdf.text);
        assert_eq!(strip(&got), strip(&want), "{name}");
        let places: Vec<Option<&Place>> = got.iter().map(|f| pdf.place_at(f.1)).collect();
        assert!(places.iter().all(|p| matches!(p, Some(Place::Page { page: 1, .. }))), "{name}: {places:?}");
    }
    // In LibreOffice's export: the rate on line 9, the table's total on line 20.
    let pdf = doc("draft.pdf");
    let places: Vec<Option<&Place>> = findings(&pdf.text).iter().map(|f| pdf.place_at(f.1)).collect();
    assert!(places.contains(&Some(&Place::Page { page: 1, line: 9 })), "{places:?}");
    assert!(places.contains(&Some(&Place::Page { page: 1, line: 20 })), "{places:?}");
}

#[test]
fn running_headers_and_page_numbers_are_left_out() {
    let pdf = doc("long.pdf");
    let want = text("long.text");
    assert_eq!(accuracy(&pdf.text, &want), 1.0);
    assert_eq!(pdf.text, want);
    // The title as the body's first line stays (the header above it goes).
    assert!(pdf.text.starts_with("某某县档案馆2025年部门决算公开\n\n1．"), "{}", pdf.text);
    // The first page's pieces start below the header (line 1).
    assert!(matches!(pdf.places.first(), Some((0, Place::Page { page: 1, line: 2 }))), "{:?}", pdf.places.first());
    assert!(matches!(pdf.places.last(), Some((_, Place::Page { page: 8, .. }))), "{:?}", pdf.places.last());
}

#[test]
fn a_table_split_by_a_page_break_is_one_table() {
    let pdf = doc("split.pdf");
    let want = text("split.text");
    assert_eq!(accuracy(&pdf.text, &want), 1.0);
    // Each table whole, its header row once (repeated on the next page in
    // the first, not in the second), the running header and page number
    // between the parts left out.
    assert_eq!(pdf.text, want);
    assert_eq!(pdf.text.matches("科目编码\t科目名称\t合计").count(), 2, "{}", pdf.text);
    // Both tables go over a page: their rows come from two pages each.
    let pages = |table: &str| {
        let title = pdf.text.find(table).unwrap_or_default();
        let start = title + pdf.text[title..].find("科目编码").unwrap_or_default();
        let end = start + pdf.text[start..].find("\n\n").unwrap_or_default();
        let mut pages: Vec<usize> = pdf.places.iter().filter(|(at, _)| (start..end).contains(at)).filter_map(|(_, p)| if let Place::Page { page, .. } = p { Some(*page) } else { None }).collect();
        pages.dedup();
        pages
    };
    assert_eq!(pages("一般公共预算支出表\n"), [1, 2]);
    assert_eq!(pages("支出决算明细表\n"), [2, 3]);
    // Read as one table each, they foot as the text does.
    assert_eq!(findings(&pdf.text), findings(&want));
}

#[test]
fn a_font_without_a_unicode_map_is_a_warning() {
    let pdf = doc("draft-nounicode.pdf");
    assert!(matches!(pdf.warnings.as_slice(), [Message::UndecodedCharacters { count }] if *count > 300), "{:?}", pdf.warnings);
    assert!(pdf.warnings[0].text(Lang::Zh).contains("无法解码"));
    assert!(pdf.text.contains('\u{FFFD}'));
}

#[test]
fn a_scan_an_encrypted_and_a_damaged_pdf_are_clear_errors() {
    assert!(matches!(read("scanned.pdf"), Err(Message::NoTextLayer { pages: 1 })));
    assert!(Message::NoTextLayer { pages: 1 }.text(Lang::Zh).contains("没有文字层"));
    assert!(matches!(read("encrypted.pdf"), Err(Message::EncryptedPdf)), "{:?}", read("encrypted.pdf").map(|d| d.text));
    let draft = bytes("draft.pdf");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("text named pdf", "收入 100 万元".as_bytes().to_vec()),
        ("header only", b"%PDF-1.7\n".to_vec()),
        ("truncated", draft[..draft.len() / 2].to_vec()),
        ("docx named pdf", bytes("draft.docx")),
    ];
    for (what, b) in cases {
        let start = Instant::now();
        let result = input::read(Kind::Pdf, &b);
        assert!(start.elapsed() < Duration::from_secs(20), "{what}: {:?}", start.elapsed());
        match result {
            Err(m @ (Message::DamagedFile { .. } | Message::FileTooLarge { .. } | Message::NoTextLayer { .. })) => assert!(!m.text(Lang::Zh).is_empty()),
            other => panic!("{what}: {:?}", other.map(|d| d.text)),
        }
    }
}

#[test]
fn damaged_pdf_bytes_never_panic() {
    for name in ["draft.pdf", "draft-cid.pdf"] {
        let original = bytes(name);
        let start = Instant::now();
        for i in (0..original.len()).step_by(61) {
            let mut b = original.clone();
            b[i] ^= 0x5A;
            let _ = input::read(Kind::Pdf, &b);
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{name}: {:?}", start.elapsed());
    }
}

fn gouji(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gouji")).args(args).env("NO_COLOR", "1").env_remove("LANG").env_remove("LC_ALL").output().unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

#[test]
fn check_names_the_page_and_extract_prints_what_was_read() {
    let path = fixture("draft.pdf");
    let path = path.to_string_lossy();
    let out = gouji(&["check", &path]);
    let human = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{human}");
    assert!(human.contains("原文位置：draft.pdf 第1页 第9行") && human.contains("原文位置：draft.pdf 第1页 第20行"), "{human}");
    let out = gouji(&["check", "--format", "json", &path]);
    let json = String::from_utf8_lossy(&out.stdout);
    assert_eq!(json.lines().count(), 3, "{json}");
    assert!(json.contains(r#""source":{"page":{"page":1,"line":20}}"#), "{json}");
    let out = gouji(&["extract", &path]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), text("draft.txt"));
    let out = gouji(&["extract", &fixture("draft-nounicode.pdf").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法解码"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = gouji(&["check", &fixture("scanned.pdf").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有文字层"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn fix_leaves_pdf_files_alone() {
    let dir = std::env::temp_dir().join(format!("gouji-pdf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(fixture("draft.pdf"), dir.join("draft.pdf")).unwrap_or_else(|e| panic!("{e}"));
    // A folder walk finds it.
    let out = gouji(&["check", "--fix", &dir.to_string_lossy()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("draft.pdf：gouji 不改写 Word、Excel、PDF 文件"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("已检查 1 个文件"), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(std::fs::read(dir.join("draft.pdf")).ok(), Some(bytes("draft.pdf")), "draft.pdf changed");
    let _ = std::fs::remove_dir_all(&dir);
}
