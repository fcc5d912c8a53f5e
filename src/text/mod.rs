//! Text: spans, line arithmetic, block splitting and the logical text.

mod blocks;
mod change;
mod line_index;
mod logical;
mod span;

pub use blocks::{is_heading_lead, split_blocks, Block, BlockKind, BlocksChange, Heading, Lines, LinesChange};
pub use change::Change;
pub(crate) use blocks::is_page_number;
pub use line_index::{floor_char_boundary, ColumnUnit, LineCol, LineIndex};
pub use logical::{logical_text, Logical};
pub use span::Span;

/// The lines of `t`, each with its `\n`: what `t.split_inclusive('\n')`
/// gives. The line ends are found by one memchr over the whole text: the
/// lines of a PDF's text are short, and a search started again at every
/// line costs more than the line.
pub fn lines_inclusive(t: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', t.as_bytes());
    std::iter::from_fn(move || {
        if start >= t.len() {
            return None;
        }
        let end = ends.next().map_or(t.len(), |i| i + 1);
        let line = t.get(start..end)?;
        start = end;
        Some(line)
    })
}

/// Whether `c` is a Chinese character of U+4000–U+9FFF: most of a
/// disclosure's characters, none a mark, digit nor space, so the hot scans
/// step over them first. In UTF-8 they are the three-byte characters whose
/// first byte is E4 to E9 ([`is_common_han_lead`]).
pub(crate) fn is_common_han(c: char) -> bool {
    ('\u{4000}'..='\u{9FFF}').contains(&c)
}

/// Whether `b` is the first byte of a character of [`is_common_han`]: such
/// a character is stepped over by this byte without being decoded.
pub(crate) fn is_common_han_lead(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

/// The characters of `t` other than the Chinese characters of
/// U+4000–U+9FFF ([`is_common_han`]), with their byte offsets: what a search for marks,
/// brackets, digits or spaces needs to look at. Most of a disclosure is
/// such Chinese characters, three bytes each whose first is E4 to E9; they
/// are stepped over by that byte without being decoded.
pub fn chars_but_han(t: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = t.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&lead) = b.get(i) {
            if is_common_han_lead(lead) {
                i += 3;
                continue;
            }
            let c = t.get(i..)?.chars().next()?;
            let at = i;
            i += c.len_utf8();
            return Some((at, c));
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_inclusive_are_split_inclusive(t in "[a-z\n一二三（）。\r]{0,40}") {
            prop_assert_eq!(super::lines_inclusive(&t).collect::<Vec<_>>(), t.split_inclusive('\n').collect::<Vec<_>>());
        }

        #[test]
        fn chars_but_han_are_the_others(t in "[a-z0-9 \n一二三万元（）。、％%\u{3000}\u{e000}\u{4000}\u{9fff}\u{a000}𠮷]{0,40}") {
            let others: Vec<(usize, char)> = t.char_indices().filter(|&(_, c)| !super::is_common_han(c)).collect();
            prop_assert_eq!(super::chars_but_han(&t).collect::<Vec<_>>(), others);
        }
    }
}
