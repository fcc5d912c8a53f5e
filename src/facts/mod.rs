//! Facts: the figures of a draft and the relations between them.
//!
//! Each prose block is analysed alone ([`analyze_block`]); the document's facts
//! are those block facts shifted into place, plus the relations that span
//! blocks: a numbered section's figure and the figures of its subsections.

mod assemble;
mod block;
mod intern;
mod model;
mod scan;

pub use assemble::{Assembly, Window};
pub use intern::{intern, Name};
pub use block::{analyze_block, block_title, clean_subject, BlockFacts, OpenList};
pub use model::*;


use crate::text::{Block, BlockKind};
use crate::vocab;

/// All facts of a document, spans in document bytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub figures: Vec<Figure>,
    pub changes: Vec<ChangeStatement>,
    pub shares: Vec<ShareStatement>,
    pub lists: Vec<List>,
    pub missing: Vec<MissingFigure>,
    pub completions: Vec<CompletionStatement>,
    pub share_sets: Vec<ShareSet>,
    pub restatements: Vec<Restatement>,
    /// Per block of the text, in order.
    pub blocks: Vec<BlockSummary>,
    pub tables: Vec<TableInfo>,
    pub cells: Vec<Cell>,
}

/// The skip ranges of a block (heading ordinal, noise lines), relative to its start.
pub fn block_skips(block: &Block) -> Vec<(usize, usize)> {
    let base = block.span.start;
    block
        .heading
        .iter()
        .map(|h| h.marker)
        .chain(block.noise())
        .map(|s| (s.start - base, s.end - base))
        .collect()
}

impl Facts {
    /// The row a table cell is on.
    pub fn row_of(&self, cell: &Cell) -> &RowInfo {
        &self.tables[cell.table].rows[cell.row]
    }
}

/// The direct subsections of block `b`: the following blocks one numbering
/// level down, up to the next block at `level` or above.
///
/// Empty when the numbering is in doubt: subsections not numbered 1, 2, 3…,
/// or a marker inside a subsection that was not taken for a heading.
pub fn children(blocks: &[Block], b: usize, level: u8) -> Vec<usize> {
    let mut out = Vec::new();
    let mut child_level = None;
    let doubtful = |block: &Block, child: u8| block.doubtful_markers().iter().any(|&m| m <= child);
    for (c, block) in blocks.iter().enumerate().skip(b + 1) {
        let Some(h) = block.heading.filter(|_| block.kind == BlockKind::Prose) else { break };
        if h.level <= level {
            break;
        }
        let child = *child_level.get_or_insert(h.level);
        if h.level < child || doubtful(block, child) {
            return Vec::new();
        }
        if h.level == child {
            // Numbering that starts again at 1 after two or more is a new
            // list, under words that are no heading: the sections end.
            if h.ordinal == 1 && out.len() >= 2 {
                break;
            }
            if h.ordinal != out.len() as u32 + 1 {
                return Vec::new();
            }
            out.push(c);
        }
    }
    if blocks.get(b).is_some_and(|block| child_level.is_some_and(|child| doubtful(block, child))) {
        return Vec::new();
    }
    out
}

/// Does the subject name a total (`合计`, `总计`…)?
pub fn is_total(subject: &str) -> bool {
    vocab::contains_any(subject, vocab::TOTAL_WORDS)
}
