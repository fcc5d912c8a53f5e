//! From the protocol to gouji: positions to byte offsets, and the client's
//! position encodings to a column unit.
//!
//! Every position is clamped: a line past the end is the end of the
//! document, a column past the end of its line is the end of the line, a
//! column inside a character (half a surrogate pair) is the end of it.

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

/// The byte range in `text` of a protocol range, clamped and ordered.
pub fn range(index: &LineIndex, text: &str, range: Range, unit: ColumnUnit) -> std::ops::Range<usize> {
    let (a, b) = (offset(index, text, range.start, unit), offset(index, text, range.end, unit));
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
    fn positions_outside_the_bmp_and_out_of_range() {
        let text = "𠮷a\r\n万元😀b\n";
        let index = LineIndex::new(text);
        let at = |p: Position, unit: ColumnUnit| offset(&index, text, p, unit);
        assert_eq!(at(pos(0, 2), ColumnUnit::Utf16), 4);
        assert_eq!(at(pos(0, 1), ColumnUnit::Utf16), 4, "inside a surrogate pair");
        assert_eq!(at(pos(0, 99), ColumnUnit::Utf16), 5, "clamped before the line end");
        assert_eq!(at(pos(1, 4), ColumnUnit::Utf16), 17);
        assert_eq!(at(pos(1, 2), ColumnUnit::Utf8), 10, "inside 万");
        assert_eq!(at(pos(1, 3), ColumnUnit::Char), 17);
        assert_eq!(at(pos(1, 10), ColumnUnit::Utf8), 17);
        assert_eq!(at(pos(2, 0), ColumnUnit::Utf16), text.len());
        assert_eq!(at(pos(u32::MAX, u32::MAX), ColumnUnit::Utf16), text.len());
        let r = Range { start: pos(1, 2), end: pos(0, 1) };
        assert_eq!(range(&index, text, r, ColumnUnit::Utf16), 4..13);
    }

    #[test]
    fn lines_break_where_editors_break_them() {
        // U+2028, NEL and form feed are not line breaks for editors.
        let text = "a\u{2028}b\u{85}c\u{c}d\re";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 2);
        assert_eq!(offset(&index, text, pos(1, 0), ColumnUnit::Utf16), text.len() - 1);
    }
}
