//! Tables: reading the rows of a budget table, and the ties between them.
//!
//! A table block is read in three steps: each line into cells ([`cells`]:
//! pipes, tabs, or the spaces of text extracted from PDF), the lines into
//! tables with their title, unit, column headings and rows ([`read`]: rows
//! broken over lines, wrapped names, a table continued after a page break),
//! and the rows into facts ([`ties`]): every printed figure, and a [`List`]
//! for each sum the table promises, so the list checks foot tables as they
//! foot the narrative.
//!
//! A table block's facts depend on its own text alone, like a prose block's.
//!
//! [`List`]: crate::facts::List

mod cells;
mod read;
mod ties;

pub use cells::{parse_number, Num};
pub use read::{read_tables, Columns, Row, Table};

use crate::facts::BlockFacts;

/// The facts of a table block: its figures, and its parent rows, unit
/// breakdowns, total rows and cross-footed rows as lists. Spans are
/// relative to the start of `source`.
pub fn analyze_table(source: &str) -> BlockFacts {
    ties::facts(&read_tables(source))
}
