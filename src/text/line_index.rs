//! Byte offsets to lines and columns, the one place that knows about them.

use super::{Change, Span};

/// Line starts of a text, for turning byte offsets into positions.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as editors count them; no other
/// character breaks a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

/// A position with a 0-based line and a 0-based column in the chosen unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    Utf8,
    Utf16,
    Char,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let ends = || memchr::memchr2_iter(b'\n', b'\r', bytes).filter(|&i| is_line_end(bytes, i));
        // Counted first: a draft of megabytes has hundreds of thousands of
        // lines, and a doubled vector would hold up to twice their room.
        let mut starts = Vec::with_capacity(ends().count() + 1);
        starts.push(0);
        starts.extend(ends().map(|i| i + 1));
        LineIndex { starts, len: text.len() }
    }

    /// Follows a change of the text, which made `text`: only the lines
    /// the change touched are read. The result equals `LineIndex::new(text)`.
    pub fn edit(&mut self, text: &str, change: Change) {
        let Change { start, old_end, new_end } = change;
        // A line start is decided by the byte before it and the byte at it:
        // from the line holding the byte before the change to the first
        // line that starts past it, starts may change.
        let first = self.starts.partition_point(|&s| s < start).saturating_sub(1);
        let kept = self.starts.partition_point(|&s| s <= old_end);
        let shift = |s: usize| s - old_end + new_end;
        let from = self.starts.get(first).copied().unwrap_or(0);
        let until = self.starts.get(kept).map(|&s| shift(s));
        let bytes = text.as_bytes();
        let limit = until.map_or(bytes.len(), |u| u.saturating_sub(1)).max(from);
        let fresh = std::iter::once(from).chain((from..limit).filter(|&i| is_line_end(bytes, i)).map(|i| i + 1));
        let after = {
            let before = self.starts.len();
            self.starts.splice(first..kept, fresh);
            kept + self.starts.len() - before
        };
        for s in &mut self.starts[after..] {
            *s = shift(*s);
        }
        self.len = text.len();
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset of the start of `line` (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of `line` without its line end.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset.min(self.len)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Position of a byte offset, its column counted in `unit`.
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let prefix = &text[self.line_start(line)..offset];
        let col = match unit {
            ColumnUnit::Utf8 => prefix.len(),
            ColumnUnit::Utf16 => prefix.encode_utf16().count(),
            ColumnUnit::Char => prefix.chars().count(),
        };
        LineCol { line, col }
    }

    /// Byte offset of a position, clamped to its line and to a character boundary.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        if pos.line >= self.starts.len() {
            return text.len();
        }
        let line = self.line_span(text, pos.line);
        let mut seen = 0;
        for (i, ch) in text[line.range()].char_indices() {
            if seen >= pos.col {
                return line.start + i;
            }
            seen += match unit {
                ColumnUnit::Utf8 => ch.len_utf8(),
                ColumnUnit::Utf16 => ch.len_utf16(),
                ColumnUnit::Char => 1,
            };
        }
        line.end
    }
}

/// Does a line end at byte `i` (`\n`, or `\r` not before `\n`)?
fn is_line_end(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The largest character boundary not after `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// An index kept across any edits equals one built afresh.
        #[test]
        fn the_index_follows_edits(start in "[a\n\r元]{0,30}", edits in prop::collection::vec((0usize..40, 0usize..6, "[a\n\r元]{0,4}"), 1..10)) {
            let mut text = start;
            let mut index = LineIndex::new(&text);
            for (at, delete, insert) in edits {
                let at = floor_char_boundary(&text, at.min(text.len()));
                let end = floor_char_boundary(&text, (at + delete).min(text.len())).max(at);
                let old = text.clone();
                text.replace_range(at..end, &insert);
                index.edit(&text, Change::between(&old, &text));
                prop_assert_eq!(&index, &LineIndex::new(&text));
            }
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        let text = "一\r\n二\n三\r四";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(&text[index.line_span(text, 0).range()], "一");
        assert_eq!(&text[index.line_span(text, 2).range()], "三");
        assert_eq!(&text[index.line_span(text, 3).range()], "四");
    }

    #[test]
    fn columns_in_every_unit() {
        let text = "a𠮷b\n元";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap_or_default();
        assert_eq!(index.line_col(text, b, ColumnUnit::Utf8), LineCol { line: 0, col: 5 });
        assert_eq!(index.line_col(text, b, ColumnUnit::Utf16), LineCol { line: 0, col: 3 });
        assert_eq!(index.line_col(text, b, ColumnUnit::Char), LineCol { line: 0, col: 2 });
        assert_eq!(index.offset(text, LineCol { line: 0, col: 3 }, ColumnUnit::Utf16), b);
        assert_eq!(index.offset(text, LineCol { line: 9, col: 0 }, ColumnUnit::Utf16), text.len());
        assert_eq!(index.offset(text, LineCol { line: 1, col: 99 }, ColumnUnit::Char), text.len());
    }

    #[test]
    fn offsets_inside_a_character_are_floored() {
        let text = "元x";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1, ColumnUnit::Char), LineCol { line: 0, col: 0 });
    }
}
