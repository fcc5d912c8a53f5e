//! Reading the files drafts come in besides text: Word (`.docx`), Excel
//! (`.xlsx`, `.xls`) and PDF (`.pdf`, see [`pdf`] for its layout). Pure readers: bytes in, a [`Document`] out — the text
//! as the engine reads it, and a map from each piece of that text back to
//! where it came from (a paragraph, a cell of a Word table, a sheet's cell,
//! a page's line).
//!
//! Tables are rendered as a spreadsheet pastes them: one line per row, the
//! cells separated by tabs, empty cells kept (the table reader then knows
//! every figure's column), a merged cell's text in its first column. A row
//! with a single cell (a title, `单位：万元`) is a line of its own, without
//! tabs. Paragraphs are separated by a blank line, as drafts are written.
//!
//! Every read is bounded: the entries of a zip, their size once
//! uncompressed, the depth of their XML, the cells of a sheet (and the
//! grid an `.xls` sheet spans, see [`ole`]) and the text they make. What is
//! past a bound is a clear error, never a hang.
//!
//! `.doc`, `.wps` and `.ofd` are not read: the error names the format to
//! convert them to.

// The error of a read is the message for the user, made once per file:
// its size does not matter.
#![allow(clippy::result_large_err)]

mod docx;
mod ole;
mod pdf;
mod xlsx;
mod zipped;

use serde::Serialize;

use crate::message::Message;

/// The kinds of file gouji reads, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text or Markdown, decoded by the command line.
    Text,
    Docx,
    Xlsx,
    Xls,
    Pdf,
    /// A format gouji does not read: its name and what to convert it to.
    Unread { format: &'static str, convert_to: &'static str },
}

impl Kind {
    /// The kind of a file from its name (the extension, in any case).
    pub fn of(name: &str) -> Kind {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "docx" => Kind::Docx,
            "xlsx" | "xlsm" => Kind::Xlsx,
            "xls" => Kind::Xls,
            "doc" => Kind::Unread { format: "Word 97-2003 (.doc)", convert_to: ".docx" },
            "wps" => Kind::Unread { format: "WPS (.wps)", convert_to: ".docx" },
            "et" => Kind::Unread { format: "WPS (.et)", convert_to: ".xlsx" },
            "ofd" => Kind::Unread { format: "OFD (.ofd)", convert_to: ".docx" },
            "pdf" => Kind::Pdf,
            _ => Kind::Text,
        }
    }

    /// Read by this module (not text, and not refused).
    pub fn is_document(self) -> bool {
        matches!(self, Kind::Docx | Kind::Xlsx | Kind::Xls | Kind::Pdf)
    }

    /// The extensions a folder walk reads besides `.txt` and `.md`.
    pub const WALKED: [&'static str; 4] = ["docx", "xlsx", "xls", "pdf"];
}

/// Where a piece of the text came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// A paragraph of a Word document outside tables, counted from 1 among
    /// the paragraphs with text.
    Paragraph { paragraph: usize },
    /// A cell of a Word table: the table counted from 1 in the document,
    /// its row from 1, its column from 1 in the table's grid.
    TableCell { table: usize, row: usize, column: usize },
    /// A cell of a sheet, as Excel names it: `表5!C12`.
    SheetCell { sheet: String, cell: String },
    /// A line of a PDF's page, both counted from 1 (the line among the
    /// page's lines of text from the top, a running header counted).
    Page { page: usize, line: usize },
}

impl Place {
    /// The place as the user reads it, after the file's name.
    pub fn message(&self, file: &str) -> Message {
        let file = file.to_string();
        match self {
            Place::Paragraph { paragraph } => Message::InParagraph { file, paragraph: *paragraph },
            Place::TableCell { table, row, column } => Message::InWordTable { file, table: *table, row: *row, column: *column },
            Place::SheetCell { cell, .. } => Message::InSheetCell { file, cell: cell.clone() },
            Place::Page { page, line } => Message::InPdfPage { file, page: *page, line: *line },
        }
    }
}

/// A file read: the text the engine reads, and where its pieces came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub text: String,
    /// Each piece's first byte in `text` and its place, in order; a piece
    /// runs to the next one's start.
    pub places: Vec<(usize, Place)>,
    /// What the reader could not read well but read all the same (a PDF's
    /// characters without a Unicode map).
    pub warnings: Vec<Message>,
}

impl Document {
    /// The place the byte at `offset` came from (a separator between two
    /// pieces belongs to the piece before it).
    pub fn place_at(&self, offset: usize) -> Option<&Place> {
        let i = self.places.partition_point(|(start, _)| *start <= offset);
        self.places.get(i.checked_sub(1)?).map(|(_, p)| p)
    }

    /// Appends text from `place`.
    fn push(&mut self, text: &str, place: Place) {
        if self.places.last().is_none_or(|(_, p)| *p != place) {
            self.places.push((self.text.len(), place));
        }
        self.text.push_str(text);
    }

    /// Appends text that belongs to the piece before (separators).
    fn push_plain(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Appends a table's rows: each cell's text with its place. Rows with
    /// one cell are lines of their own, others cells separated by tabs.
    fn push_table(&mut self, rows: &[Vec<(String, Place)>]) -> Result<(), Message> {
        for row in rows {
            let filled: Vec<&(String, Place)> = row.iter().filter(|(t, _)| !t.is_empty()).collect();
            match filled.as_slice() {
                [] => continue,
                [(text, place)] => self.push(text, place.clone()),
                _ => {
                    for (i, (text, place)) in row.iter().enumerate() {
                        if i > 0 {
                            self.push_plain("\t");
                        }
                        self.push(text, place.clone());
                    }
                }
            }
            self.push_plain("\n");
            if self.text.len() > MAX_TEXT {
                return Err(Message::FileTooLarge { limit: MAX_TEXT_MIB });
            }
        }
        Ok(())
    }
}

/// The most text a file may give (bytes), and the same in MiB for messages.
const MAX_TEXT_MIB: usize = 64;
const MAX_TEXT: usize = MAX_TEXT_MIB << 20;

/// Reads a file of a [`Kind::is_document`] kind; any other kind is an
/// error (for [`Kind::Unread`], the one naming what to convert to).
pub fn read(kind: Kind, bytes: &[u8]) -> Result<Document, Message> {
    match kind {
        Kind::Docx => docx::read(bytes),
        Kind::Xlsx => xlsx::read_xlsx(bytes),
        Kind::Xls => xlsx::read_xls(bytes),
        Kind::Pdf => pdf::read(bytes),
        Kind::Unread { format, convert_to } => Err(Message::ConvertFirst { format: format.into(), convert_to: convert_to.into() }),
        Kind::Text => Err(Message::DamagedFile { format: "text".into(), detail: "not a document".into() }),
    }
}

/// A cell's text as a line sees it: line breaks and tabs inside a cell are
/// spaces, runs of spaces one space, the ends trimmed.
fn cell_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split(|c: char| c.is_whitespace() && c != '\u{3000}').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Excel's name of a cell: `C12` for row 11, column 2 (both from 0).
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = column as u64 + 1;
    while c > 0 {
        let d = ((c - 1) % 26) as u8;
        letters.push(b'A' + d);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_as_excel_writes_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 2), "C12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn places_of_pieces_and_separators() {
        let mut d = Document::default();
        d.push("合计", Place::Paragraph { paragraph: 1 });
        d.push_plain("\t");
        d.push("9.00", Place::Paragraph { paragraph: 2 });
        assert_eq!(d.place_at(0), Some(&Place::Paragraph { paragraph: 1 }));
        assert_eq!(d.place_at(6), Some(&Place::Paragraph { paragraph: 1 }));
        assert_eq!(d.place_at(7), Some(&Place::Paragraph { paragraph: 2 }));
        assert_eq!(d.place_at(100), Some(&Place::Paragraph { paragraph: 2 }));
    }

    #[test]
    fn formats_not_read_name_what_to_convert_to() {
        for name in ["a.doc", "b.WPS", "c.ofd"] {
            let kind = Kind::of(name);
            assert!(matches!(read(kind, b"%PDF-1.7"), Err(Message::ConvertFirst { .. })), "{name}");
        }
        assert_eq!(Kind::of("预算.DOCX"), Kind::Docx);
        assert_eq!(Kind::of("预算.txt"), Kind::Text);
    }
}
