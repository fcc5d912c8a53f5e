//! Facts: the figures of a draft and the relations between them.
//!
//! Each prose block is analysed alone ([`analyze_block`]); the document's facts
//! are those block facts shifted into place, plus the relations that span
//! blocks: a numbered section's figure and the figures of its subsections.

mod block;
mod model;
mod scan;

pub use block::{analyze_block, block_title, clean_subject, BlockFacts, OpenList};
pub use model::*;


use crate::text::{Block, BlockKind};
use crate::vocab::{self, CueKind};

/// All facts of a document, spans in document bytes.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub figures: Vec<Figure>,
    pub changes: Vec<ChangeStatement>,
    pub shares: Vec<ShareStatement>,
    pub lists: Vec<List>,
    pub missing: Vec<MissingFigure>,
    pub completions: Vec<CompletionStatement>,
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
        .chain(block.noise.iter().copied())
        .map(|s| (s.start - base, s.end - base))
        .collect()
}

impl Facts {
    /// The row a table cell is on.
    pub fn row_of(&self, cell: &Cell) -> &RowInfo {
        &self.tables[cell.table].rows[cell.row]
    }

    /// Assembles document facts from blocks and their (possibly cached) facts.
    pub fn assemble<'b>(blocks: &[Block], block_facts: impl IntoIterator<Item = &'b BlockFacts>) -> Facts {
        let block_facts: Vec<&BlockFacts> = block_facts.into_iter().collect();
        let count = |of: fn(&Facts) -> usize| block_facts.iter().map(|bf| of(&bf.facts)).sum::<usize>();
        // Sized at once: growing vectors this long costs more than filling them.
        let mut facts = Facts {
            figures: Vec::with_capacity(count(|f| f.figures.len())),
            changes: Vec::with_capacity(count(|f| f.changes.len())),
            shares: Vec::with_capacity(count(|f| f.shares.len())),
            lists: Vec::with_capacity(count(|f| f.lists.len())),
            missing: Vec::with_capacity(count(|f| f.missing.len())),
            completions: Vec::with_capacity(count(|f| f.completions.len())),
            blocks: Vec::with_capacity(blocks.len()),
            tables: Vec::with_capacity(count(|f| f.tables.len())),
            cells: Vec::with_capacity(count(|f| f.cells.len())),
        };
        let mut open: Vec<(Option<OpenList>, bool)> = Vec::with_capacity(blocks.len());
        for (block, bf) in blocks.iter().zip(block_facts) {
            let own = &bf.facts;
            let base = block.span.start;
            let ids = facts.figures.len();
            let starts = facts.relations();
            let cells = facts.cells.len();
            let id = |k: FigureId| k + ids;
            facts.figures.extend(own.figures.iter().map(|f| Figure { span: f.span.shift(base), number: f.number.shift(base), ..f.clone() }));
            facts.changes.extend(own.changes.iter().map(|c| ChangeStatement {
                amount: c.amount.map(id),
                change: match c.change {
                    ChangeValue::Stated(k) => ChangeValue::Stated(id(k)),
                    ChangeValue::Unchanged(s) => ChangeValue::Unchanged(s.shift(base)),
                },
                rate: c.rate.map(|r| match r {
                    RateValue::Stated(k) => RateValue::Stated(id(k)),
                    RateValue::NotComparable(s) => RateValue::NotComparable(s.shift(base)),
                }),
            }));
            facts.shares.extend(own.shares.iter().map(|s| ShareStatement { part: id(s.part), share: id(s.share), whole: s.whole.clone() }));
            facts.lists.extend(own.lists.iter().map(|l| List {
                total: id(l.total),
                items: l.items.iter().copied().map(id).collect(),
                cue_span: l.cue_span.shift(base),
                ..l.clone()
            }));
            facts.missing.extend(own.missing.iter().map(|m| MissingFigure { span: m.span.shift(base), ..m.clone() }));
            facts.completions.extend(own.completions.iter().map(|c| CompletionStatement { budget: id(c.budget), actual: id(c.actual), rate: id(c.rate) }));
            let tables = facts.tables.len();
            facts.tables.extend(own.tables.iter().cloned());
            facts.cells.extend(own.cells.iter().map(|c| Cell { figure: id(c.figure), table: c.table + tables, ..c.clone() }));
            let relations = starts.until(facts.relations());
            facts.blocks.push(BlockSummary { figures: ids..facts.figures.len(), relations, cells: cells..facts.cells.len(), lead: bf.lead.map(id), title: bf.title.clone() });
            open.push((bf.open_list.map(|o| OpenList { total: id(o.total), cue_span: o.cue_span.shift(base), ..o }), bf.lead_total));
        }
        facts.section_lists(blocks, &open);
        facts
    }

    /// How many relations of each kind there are: where the next block's
    /// begin.
    fn relations(&self) -> Relations {
        Relations {
            lists: self.lists.len()..self.lists.len(),
            changes: self.changes.len()..self.changes.len(),
            shares: self.shares.len()..self.shares.len(),
            missing: self.missing.len()..self.missing.len(),
            completions: self.completions.len()..self.completions.len(),
        }
    }

    /// Lists whose items are the lead figures of numbered subsections: a
    /// section that ends in `其中：`, or states a `合计`, over subsections that
    /// each open with an amount.
    /// `open` gives, per block, its open list and whether its lead is a
    /// total it does not sum itself ([`BlockFacts::lead_total`]).
    fn section_lists(&mut self, blocks: &[Block], open: &[(Option<OpenList>, bool)]) {
        let leads: Vec<Option<FigureId>> = self.blocks.iter().map(|b| b.lead).collect();
        for (b, block) in blocks.iter().enumerate() {
            let Some(heading) = block.heading.filter(|_| block.kind == BlockKind::Prose) else { continue };
            let (total, cue, cue_span) = match (open[b], leads[b]) {
                ((Some(o), _), _) => (o.total, Some(o.cue), o.cue_span),
                ((None, true), Some(lead)) => (lead, None, self.figures[lead].span),
                _ => continue,
            };
            let children = children(blocks, b, heading.level);
            if children.is_empty() || (cue.is_none() && children.len() < 2) {
                continue;
            }
            let items: Option<Vec<FigureId>> = children.iter().map(|&c| leads[c]).collect();
            let Some(items) = items else { continue };
            let kind = |k: FigureId| self.figures[k].unit.map(Unit::kind);
            if items.iter().any(|&k| kind(k) != kind(total)) {
                continue;
            }
            self.lists.push(List { total, items, cue, cue_span, et_cetera: cue == Some(CueKind::Partial), origin: ListOrigin::Sections });
        }
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
    let doubtful = |block: &Block, child: u8| block.doubtful_markers.iter().any(|&m| m <= child);
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
