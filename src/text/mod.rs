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
