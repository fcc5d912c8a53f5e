//! Text: spans, line arithmetic, block splitting and the logical text.

mod blocks;
mod change;
mod line_index;
mod logical;
mod span;

pub use blocks::{is_heading_lead, split_blocks, Block, BlockKind, Heading, Lines};
pub use change::Change;
pub(crate) use blocks::is_page_number;
pub use line_index::{floor_char_boundary, ColumnUnit, LineCol, LineIndex};
pub use logical::{logical_text, Logical};
pub use span::Span;

/// The characters of `t` other than the Chinese characters of
/// U+4000–U+9FFF, with their byte offsets: what a search for marks,
/// brackets, digits or spaces needs to look at. Most of a disclosure is
/// such Chinese characters, three bytes each whose first is E4 to E9; they
/// are stepped over by that byte without being decoded.
pub fn chars_but_han(t: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = t.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&lead) = b.get(i) {
            if (0xE4..=0xE9).contains(&lead) {
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
