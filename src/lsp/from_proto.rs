//! From the protocol to gouji: positions to byte (or rope character)
//! offsets, and the client's position encodings to a column unit.
//!
//! Every position is clamped: a line past the end is the end of the
//! document, a column past the end of its line is the end of the line, a
//! column inside a character (half a surrogate pair) is the end of it.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::text::{ColumnUnit, LineCol, LineIndex};

/// The column unit to use, given the encodings the client lists
/// (`general.positionEncodings`): the first one it lists that we know,
/// UTF-16 when it lists none.
pub fn column_unit(client: Option<&[PositionEncodingKind]>) -> ColumnUnit {
    client
        .unwrap_or_default()
        .iter()
        .find_map(|kind| match kind.as_str() {
            "utf-8" => Some(ColumnUnit::Utf8),
            "utf-16" => Some(ColumnUnit::Utf16),
            "utf-32" => Some(ColumnUnit::Char),
            _ => None,
        })
        .unwrap_or(ColumnUnit::Utf16)
}

fn line_col(position: Position) -> LineCol {
    LineCol { line: position.line as usize, col: position.character as usize }
}

/// The byte offset of a position in `text`, clamped.
pub fn offset(index: &LineIndex, text: &str, position: Position, unit: ColumnUnit) -> usize {
    index.offset(text, line_col(position), unit)
}

/// The character index in `rope` of a position, clamped. Only the one line
/// is looked at, with the same arithmetic as [`LineIndex`].
pub fn rope_char(rope: &Rope, position: Position, unit: ColumnUnit) -> usize {
    let line = position.line as usize;
    // ropey counts one more line after a final line break, as editors do.
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let text = std::borrow::Cow::<str>::from(rope.line(line));
    let index = LineIndex::new(&text);
    let byte = index.offset(&text, LineCol { line: 0, col: position.character as usize }, unit);
    start + text[..byte].chars().count()
}

/// The character range in `rope` of a protocol range, clamped and ordered.
pub fn rope_range(rope: &Rope, range: Range, unit: ColumnUnit) -> std::ops::Range<usize> {
    let (a, b) = (rope_char(rope, range.start, unit), rope_char(rope, range.end, unit));
    a.min(b)..a.max(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn encodings() {
        let kinds = [PositionEncodingKind::new("utf-32"), PositionEncodingKind::UTF8];
        assert_eq!(column_unit(Some(&kinds)), ColumnUnit::Char);
        assert_eq!(column_unit(Some(&[PositionEncodingKind::new("utf-7")])), ColumnUnit::Utf16);
        assert_eq!(column_unit(None), ColumnUnit::Utf16);
    }

    #[test]
    fn rope_positions_outside_the_bmp_and_out_of_range() {
        let rope = Rope::from_str("𠮷a\r\n万元😀b\n");
        assert_eq!(rope_char(&rope, pos(0, 2), ColumnUnit::Utf16), 1);
        assert_eq!(rope_char(&rope, pos(0, 1), ColumnUnit::Utf16), 1, "inside a surrogate pair");
        assert_eq!(rope_char(&rope, pos(0, 99), ColumnUnit::Utf16), 2, "clamped before the line end");
        assert_eq!(rope_char(&rope, pos(1, 4), ColumnUnit::Utf16), 7);
        assert_eq!(rope_char(&rope, pos(1, 2), ColumnUnit::Utf8), 5, "inside 万");
        assert_eq!(rope_char(&rope, pos(1, 3), ColumnUnit::Char), 7);
        assert_eq!(rope_char(&rope, pos(1, 10), ColumnUnit::Utf8), 7);
        assert_eq!(rope_char(&rope, pos(2, 0), ColumnUnit::Utf16), rope.len_chars());
        assert_eq!(rope_char(&rope, pos(u32::MAX, u32::MAX), ColumnUnit::Utf16), rope.len_chars());
        let r = Range { start: pos(1, 2), end: pos(0, 1) };
        assert_eq!(rope_range(&rope, r, ColumnUnit::Utf16), 1..6);
    }

    #[test]
    fn ropey_breaks_lines_where_editors_do() {
        // U+2028, NEL and form feed are not line breaks for editors.
        let rope = Rope::from_str("a\u{2028}b\u{85}c\u{c}d\re");
        assert_eq!(rope.len_lines(), 2);
        assert_eq!(rope_char(&rope, pos(1, 0), ColumnUnit::Utf16), 8);
    }
}
