//! `.xlsx` and `.xls`, by calamine: each sheet a table, its rows as a
//! spreadsheet pastes them (cells separated by tabs, a title or unit row
//! a line of its own). Only the cells with something in them are kept, so
//! a sheet of a million empty rows reads as what it holds; numbers are
//! written as their cells show them (decimals and `%` of the number
//! format), else without binary noise (`0.30000000000000004` is `0.3`).

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xls, Xlsx};

use super::zipped::Archive;
use super::{cell_name, cell_text, Document, Place};
use crate::message::Message;

/// At most this many cells with something in them, all sheets together.
const MAX_CELLS: usize = 2_000_000;
/// At most this many columns from a sheet's first to its last.
const MAX_COLUMNS: u32 = 1024;

pub fn read_xlsx(bytes: &[u8]) -> Result<Document, Message> {
    const FORMAT: &str = "Excel (.xlsx)";
    let damaged = |e: calamine::XlsxError| Message::DamagedFile { format: FORMAT.into(), detail: e.to_string() };
    // Every entry read through within the bounds first: calamine reads
    // entries whole.
    Archive::open(bytes, FORMAT)?.check_all()?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut doc = Document::default();
    let mut count = 0;
    for name in book.sheet_names() {
        let mut reader = book.worksheet_cells_reader(&name).map_err(damaged)?;
        let formats: Vec<Shown> = reader.styles().iter().map(|s| s.number_format.as_ref().map(|f| Shown::of(&f.format_code, f.format_id)).unwrap_or_default()).collect();
        let mut cells = Vec::new();
        while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(damaged)? {
            let shown = formats.get(style).copied().unwrap_or_default();
            let text = match cell.get_value() {
                DataRef::Int(i) => shown.write(*i as f64),
                DataRef::Float(f) => shown.write(*f),
                DataRef::String(s) => cell_text(s),
                DataRef::SharedString(s) => cell_text(s),
                DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
                DataRef::DateTime(d) => d.to_string(),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
                DataRef::Error(e) => e.to_string(),
                DataRef::Empty => String::new(),
            };
            if text.is_empty() {
                continue;
            }
            count += 1;
            if count > MAX_CELLS {
                return Err(Message::FileTooLarge { limit: super::MAX_TEXT_MIB });
            }
            cells.push((cell.get_position(), text));
        }
        push_sheet(&mut doc, &name, cells)?;
    }
    Ok(doc)
}

pub fn read_xls(bytes: &[u8]) -> Result<Document, Message> {
    const FORMAT: &str = "Excel 97-2003 (.xls)";
    // The file's chains and each sheet's grid within bounds first: calamine
    // follows the chains without them and makes each sheet a dense grid.
    super::ole::check_xls(bytes)?;
    // calamine indexes some records of an .xls without checking their
    // length (fuzzing finds them in seconds): a panic there is the damaged
    // file's error, not the end of gouji, and says nothing on its own.
    quiet_panics();
    QUIET.with(|q| q.set(true));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_xls_records(bytes, FORMAT)));
    QUIET.with(|q| q.set(false));
    read.unwrap_or_else(|_| Err(Message::DamagedFile { format: FORMAT.into(), detail: "records that cannot be read".into() }))
}

thread_local! {
    /// This thread is inside calamine's reading of an .xls.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps the panic hook once: a panic on a thread inside calamine's .xls
/// reading is caught and reported as an error, so it is not printed; any
/// other goes to the hook as before.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                hook(info);
            }
        }));
    });
}

fn read_xls_records(bytes: &[u8], format: &'static str) -> Result<Document, Message> {
    let damaged = |e: calamine::XlsError| Message::DamagedFile { format: format.into(), detail: e.to_string() };
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut doc = Document::default();
    let mut count = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(damaged)?;
        let (top, left) = range.start().unwrap_or_default();
        let mut cells = Vec::new();
        for (r, c, value) in range.used_cells() {
            let text = match value {
                Data::Int(i) => Shown::default().write(*i as f64),
                Data::Float(f) => Shown::default().write(*f),
                Data::String(s) => cell_text(s),
                Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
                Data::DateTime(d) => d.to_string(),
                Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Error(e) => e.to_string(),
                Data::Empty => String::new(),
            };
            if text.is_empty() {
                continue;
            }
            count += 1;
            if count > MAX_CELLS {
                return Err(Message::FileTooLarge { limit: super::MAX_TEXT_MIB });
            }
            cells.push(((top + r as u32, left + c as u32), text));
        }
        push_sheet(&mut doc, &name, cells)?;
    }
    Ok(doc)
}

/// A sheet's cells (position, text) as rows, after the sheets before it.
fn push_sheet(doc: &mut Document, sheet: &str, mut cells: Vec<((u32, u32), String)>) -> Result<(), Message> {
    if cells.is_empty() {
        return Ok(());
    }
    cells.sort_by_key(|c| c.0);
    let first = cells.iter().map(|c| c.0 .1).min().unwrap_or(0);
    let last = cells.iter().map(|c| c.0 .1).max().unwrap_or(0);
    if last - first >= MAX_COLUMNS {
        return Err(Message::FileTooLarge { limit: super::MAX_TEXT_MIB });
    }
    let quoted = quote(sheet);
    let place = |row: u32, column: u32| Place::SheetCell { sheet: sheet.to_string(), cell: format!("{quoted}!{}", cell_name(row, column)) };
    if !doc.text.is_empty() && !doc.text.ends_with("\n\n") {
        doc.push_plain("\n");
    }
    let mut rows: Vec<Vec<(String, Place)>> = Vec::new();
    let mut at = 0;
    while at < cells.len() {
        let row = cells[at].0 .0;
        let end = at + cells[at..].iter().take_while(|c| c.0 .0 == row).count();
        let width = cells[at..end].iter().map(|c| c.0 .1).max().unwrap_or(first) - first + 1;
        let mut line: Vec<(String, Place)> = (0..width).map(|c| (String::new(), place(row, first + c))).collect();
        for ((_, column), text) in cells[at..end].iter_mut() {
            line[(*column - first) as usize].0 = std::mem::take(text);
        }
        rows.push(line);
        at = end;
    }
    doc.push_table(&rows)?;
    doc.push_plain("\n");
    Ok(())
}

/// A sheet's name as a cell reference writes it: quoted unless plain.
fn quote(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') && !sheet.starts_with(|c: char| c.is_ascii_digit()) {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// How a number cell shows its value: decimals, and as a percentage.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Shown {
    decimals: Option<usize>,
    percent: bool,
}

impl Shown {
    /// From a number format (`0.00`, `#,##0.00`, `0.0%`; the built-in ones
    /// by id when the code is not given).
    fn of(code: &str, id: Option<u32>) -> Shown {
        let code = match (code, id) {
            ("" | "General", Some(1)) => "0",
            ("" | "General", Some(2)) => "0.00",
            ("" | "General", Some(3)) => "#,##0",
            ("" | "General", Some(4)) => "#,##0.00",
            ("" | "General", Some(9)) => "0%",
            ("" | "General", Some(10)) => "0.00%",
            _ => code,
        };
        // The first section, without quoted text, escapes and brackets.
        let mut plain = String::new();
        let (mut quoted, mut bracket, mut escaped) = (false, false, false);
        for c in code.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = !quoted,
                _ if quoted => {}
                '[' => bracket = true,
                ']' => bracket = false,
                _ if bracket => {}
                ';' => break,
                _ => plain.push(c),
            }
        }
        if !plain.contains(['0', '#']) {
            return Shown::default();
        }
        let decimals = plain.split_once('.').map_or(0, |(_, after)| after.chars().take_while(|c| matches!(c, '0' | '#' | '?')).count());
        Shown { decimals: Some(decimals), percent: plain.contains('%') }
    }

    fn write(self, value: f64) -> String {
        let value = if self.percent { value * 100.0 } else { value };
        let text = match self.decimals {
            Some(d) => format!("{value:.d$}"),
            None => {
                let t = format!("{value:.10}");
                if t.contains('.') {
                    t.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    t
                }
            }
        };
        // `-0.00` is shown as `0.00`.
        let text = if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') { text[1..].to_string() } else { text };
        if self.percent {
            text + "%"
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_their_cells_show_them() {
        assert_eq!(Shown::of("0.00", None).write(918.4), "918.40");
        assert_eq!(Shown::of("#,##0.00_);[Red](#,##0.00)", None).write(2306.175), "2306.18");
        assert_eq!(Shown::of("0.00%", None).write(0.0453), "4.53%");
        assert_eq!(Shown::of("General", Some(4)).write(12.0), "12.00");
        assert_eq!(Shown::of("General", None).write(0.1 + 0.2), "0.3");
        assert_eq!(Shown::default().write(12.0), "12");
        assert_eq!(Shown::of("0.0", None).write(-0.01), "0.0");
        assert_eq!(Shown::of("@", None), Shown::default());
    }

    #[test]
    fn sheet_names_quoted_when_needed() {
        assert_eq!(quote("表5"), "表5");
        assert_eq!(quote("Sheet 1"), "'Sheet 1'");
        assert_eq!(quote("5月"), "'5月'");
    }
}
