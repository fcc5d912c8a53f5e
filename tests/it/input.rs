//! Word and Excel files: our own draft as text, as `.docx` and as `.xlsx`
//! (its table) gives the same findings at the same places; hostile files
//! give clear errors in bounded time. The files are made by
//! `scripts/make-input-fixtures.py` and committed.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use gouji::input::{self, Document, Kind, Place};
use gouji::{Lang, Message};

pub(crate) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/input").join(name)
}

pub(crate) fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

// The error is the user's message, read once per file, as in src/input/.
#[allow(clippy::result_large_err)]
pub(crate) fn read(name: &str) -> Result<Document, Message> {
    input::read(Kind::of(name), &bytes(name))
}

pub(crate) fn doc(name: &str) -> Document {
    read(name).unwrap_or_else(|e| panic!("{name}: {}", e.text(Lang::En)))
}

/// Each finding as the user reads it: rule, message, the figure marked and
/// the figures related, by their text (offsets differ between the files).
pub(crate) fn findings(text: &str) -> Vec<(String, usize)> {
    gouji::analyze(text)
        .diagnostics
        .iter()
        .map(|d| {
            let related: Vec<&str> = d.related.iter().map(|r| &text[r.span.range()]).collect();
            (format!("{} {} at {} with {related:?}", d.code, d.message.text(Lang::Zh), &text[d.span.range()]), d.span.start)
        })
        .collect()
}

fn txt() -> String {
    String::from_utf8(bytes("draft.txt")).unwrap_or_default()
}

#[test]
fn the_draft_as_text_and_as_word_gives_the_same_findings() {
    let text = txt();
    let word = doc("draft.docx");
    let (want, got) = (findings(&text), findings(&word.text));
    let strip = |f: &[(String, usize)]| f.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(strip(&got), strip(&want), "text read from Word:\n{}", word.text);
    // The two planted errors, and the inspectors' warning that the total's
    // change gives no reason (the draft states none), nothing else.
    assert_eq!(want.len(), 3, "{want:?}");
    assert!(want.iter().any(|f| f.0.starts_with("change-without-reason")), "{want:?}");
    assert!(want.iter().any(|f| f.0.starts_with("change-rate-mismatch")), "{want:?}");
    assert!(want.iter().any(|f| f.0.starts_with("list-total-mismatch")), "{want:?}");
    // Their places in the Word file: the paragraph of the rate, the cell of the total.
    let places: Vec<Option<&Place>> = got.iter().map(|f| word.place_at(f.1)).collect();
    assert!(places.contains(&Some(&Place::Paragraph { paragraph: 7 })), "{places:?}");
    assert!(places.contains(&Some(&Place::TableCell { table: 1, row: 6, column: 4 })), "{places:?}");
}

#[test]
fn word_numbers_headings_and_resolves_merged_cells() {
    let word = doc("draft.docx");
    // The numbers 一、二、 are automatic in the file, not typed.
    assert!(word.text.contains("\n\n一、部门收支总体情况\n\n") && word.text.contains("\n\n四、部门收支总表\n\n"), "{}", word.text);
    // 收入 over two columns; 二、事业收入 merged down over an empty cell.
    assert!(word.text.contains("收入\t\t支出\t\n"), "{}", word.text);
    assert!(word.text.contains("\n\t\t三、卫生健康支出\t80.00\n"), "{}", word.text);
    assert_eq!(word.text, txt(), "the Word file reads as the text draft");
}

#[test]
fn the_table_as_excel_gives_the_table_findings_at_its_cells() {
    let text = txt();
    let table_start = text.find("收支总表\n").unwrap_or_default();
    let want: Vec<String> = findings(&text).into_iter().filter(|f| f.1 >= table_start).map(|f| f.0).collect();
    let excel = doc("draft.xlsx");
    let got = findings(&excel.text);
    assert_eq!(got.iter().map(|f| f.0.clone()).collect::<Vec<_>>(), want, "text read from Excel:\n{}", excel.text);
    let places: Vec<Option<&Place>> = got.iter().map(|f| excel.place_at(f.1)).collect();
    assert_eq!(places, [Some(&Place::SheetCell { sheet: "收支总表".into(), cell: "收支总表!D8".into() })]);
}

#[test]
fn hostile_files_are_clear_errors_in_bounded_time() {
    let docx = bytes("draft.docx");
    let xlsx = bytes("draft.xlsx");
    let cases: Vec<(&str, Kind, Vec<u8>)> = vec![
        ("truncated docx", Kind::Docx, docx[..docx.len() / 2].to_vec()),
        ("truncated xlsx", Kind::Xlsx, xlsx[..xlsx.len() / 2].to_vec()),
        ("empty docx", Kind::Docx, Vec::new()),
        ("text named docx", Kind::Docx, "收入 100 万元".as_bytes().to_vec()),
        ("OLE named docx", Kind::Docx, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].repeat(64)),
        ("garbage xls", Kind::Xls, b"not a workbook".repeat(100)),
        ("declared 4 GiB", Kind::Docx, bytes("bomb.docx")),
        ("300 MiB declared as 1,000 bytes", Kind::Docx, bytes("bomb-lying.docx")),
        ("nested 100,000 deep", Kind::Docx, bytes("deep.docx")),
        ("xls whose directory chain loops", Kind::Xls, looping_xls()),
        // Found by `cargo fuzz run read_xls` (draft.xls with a sheet placed
        // past the end of its workbook): calamine panicked.
        ("xls whose sheet starts past the end", Kind::Xls, bytes("fuzz-sheet-past-end.xls")),
        // Also found by it: a defined name's record too short for its
        // lengths (calamine indexed past it).
        ("xls whose defined name is short", Kind::Xls, bytes("fuzz-short-name.xls")),
    ];
    for (what, kind, bytes) in cases {
        let start = Instant::now();
        let result = input::read(kind, &bytes);
        assert!(start.elapsed() < Duration::from_secs(20), "{what}: {:?}", start.elapsed());
        match result {
            Err(m @ (Message::DamagedFile { .. } | Message::FileTooLarge { .. })) => {
                assert!(!m.text(Lang::Zh).is_empty());
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    assert!(matches!(read("bomb.docx"), Err(Message::FileTooLarge { .. })));
    assert!(matches!(read("bomb-lying.docx"), Err(Message::FileTooLarge { .. } | Message::DamagedFile { .. })));
}

/// An OLE compound file (what an `.xls` is) of two sectors: the sector
/// table in the second, whose first entry sends the directory's chain
/// (from the first sector) back to itself. Followed without a bound, the
/// directory never ends.
fn looping_xls() -> Vec<u8> {
    let mut b = vec![0u8; 512 * 3];
    b[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    b[26..28].copy_from_slice(&3u16.to_le_bytes()); // version
    b[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes()); // byte order
    b[30..32].copy_from_slice(&9u16.to_le_bytes()); // sectors of 512 bytes
    b[32..34].copy_from_slice(&6u16.to_le_bytes()); // mini sectors of 64
    b[44..48].copy_from_slice(&1u32.to_le_bytes()); // one sector of table
    b[48..52].copy_from_slice(&0u32.to_le_bytes()); // the directory in sector 0
    b[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no more table sectors
    b[76..80].copy_from_slice(&1u32.to_le_bytes()); // the table in sector 1
    for i in 1..109 {
        b[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    // Sector 1 (at 1024): sector 0 goes on to sector 0.
    b[1024..1028].copy_from_slice(&0u32.to_le_bytes());
    for i in 1..128 {
        b[1024 + 4 * i..1028 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    b
}

#[test]
fn a_million_empty_rows_are_a_bounded_read() {
    let start = Instant::now();
    let excel = doc("empty-rows.xlsx");
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    assert_eq!(excel.text, doc("draft.xlsx").text);
}

#[test]
fn the_table_as_excel_97_gives_the_findings_of_the_xlsx() {
    // The same rules fire at the same cell; calamine does not give an
    // .xls cell's number format, so `520.00` reads `520`.
    let (old, new) = (doc("draft.xls"), doc("draft.xlsx"));
    let rules = |d: &Document| findings(&d.text).iter().map(|f| (f.0.split(' ').next().unwrap_or_default().to_string(), d.place_at(f.1).cloned())).collect::<Vec<_>>();
    assert_eq!(rules(&old), rules(&new), "text read from .xls:\n{}", old.text);
    assert_eq!(rules(&old).len(), 1);
    assert_eq!(old.text, new.text.replace(".00", ""));
}

#[test]
fn a_cell_in_the_last_corner_of_an_xls_is_a_bounded_read() {
    // calamine would make the sheet a grid of 65,536 × 256 cells (half a
    // gigabyte); the grid is measured first.
    let start = Instant::now();
    let result = read("corner.xls");
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    assert!(matches!(result, Err(Message::FileTooLarge { .. })), "{:?}", result.map(|d| d.text));
}

#[test]
fn damaged_bytes_never_panic() {
    // Bytes changed through the file: an error or a document, never a panic.
    for (name, kind) in [("draft.docx", Kind::Docx), ("draft.xlsx", Kind::Xlsx), ("draft.xls", Kind::Xls)] {
        let original = bytes(name);
        for i in (0..original.len()).step_by(97) {
            let mut b = original.clone();
            b[i] ^= 0x5A;
            let _ = input::read(kind, &b);
        }
    }
}

#[test]
fn formats_not_read_name_what_to_convert_to() {
    for (name, to) in [("预算.doc", ".docx"), ("预算.wps", ".docx"), ("预算.ofd", ".docx")] {
        match input::read(Kind::of(name), b"") {
            Err(m @ Message::ConvertFirst { .. }) => assert!(m.text(Lang::Zh).contains(to) && m.text(Lang::En).contains(to)),
            other => panic!("{name}: {other:?}"),
        }
    }
}

fn gouji(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gouji")).args(args).env("NO_COLOR", "1").env_remove("LANG").env_remove("LC_ALL").output().unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

#[test]
fn check_says_where_in_the_file_and_extract_prints_what_was_read() {
    let path = fixture("draft.docx");
    let path = path.to_string_lossy();
    let out = gouji(&["check", &path]);
    let human = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{human}");
    assert!(human.contains("原文位置：draft.docx 第7段") && human.contains("原文位置：draft.docx 第1个表格 第6行第4列"), "{human}");
    let out = gouji(&["check", "--format", "json", &fixture("draft.xlsx").to_string_lossy()]);
    let json = String::from_utf8_lossy(&out.stdout);
    assert_eq!(json.lines().count(), 1, "{json}");
    assert!(json.contains(r#""source":{"sheet_cell":{"sheet":"收支总表","cell":"收支总表!D8"}}"#), "{json}");
    let out = gouji(&["check", "--format", "sarif", &path]);
    let sarif = String::from_utf8_lossy(&out.stdout);
    assert!(sarif.contains(r#""paragraph""#) && sarif.contains("原文位置：draft.docx 第7段"), "{sarif}");
    let out = gouji(&["extract", &path]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), doc("draft.docx").text);
    let out = gouji(&["extract", "--lang", "en", &fixture("bomb.docx").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("zip bomb"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn fix_leaves_word_and_excel_files_alone() {
    let dir = std::env::temp_dir().join(format!("gouji-input-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for name in ["draft.docx", "draft.xlsx"] {
        std::fs::copy(fixture(name), dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    // A folder walk finds them.
    let out = gouji(&["check", "--fix", &dir.to_string_lossy()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("draft.docx：gouji 不改写 Word、Excel、PDF 文件") && err.contains("draft.xlsx："), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("已检查 2 个文件"), "{}", String::from_utf8_lossy(&out.stdout));
    for name in ["draft.docx", "draft.xlsx"] {
        assert_eq!(std::fs::read(dir.join(name)).ok(), Some(bytes(name)), "{name} changed");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
