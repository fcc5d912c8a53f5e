//! A document's facts from its blocks' facts: each block's moved into
//! place (its spans by where the block starts, its ids by the figures,
//! tables, lists… before it), then the lists that span blocks. After an
//! edit, the last facts with the edited blocks' spliced in and those after
//! them moved: no fact of a block the edit left alone is copied again.

use super::model::{id, Ids, NO_LEAD};
use super::{children, BlockFacts, BlockSummary, Cell, ChangeStatement, ChangeValue, CompletionStatement, Facts, Figure, List, ListOrigin, MissingFigure, OpenList, RateValue, Restatement, ShareSet, ShareStatement, Unit};
use crate::text::{Block, BlockKind, Span};
use crate::vocab::CueKind;

/// How many facts of each kind there are (before a block, in a block), or
/// how far ids and spans move.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    bytes: isize,
    figures: isize,
    tables: isize,
    cells: isize,
    lists: isize,
    changes: isize,
    shares: isize,
    missing: isize,
    completions: isize,
    share_sets: isize,
    restatements: isize,
}

impl Counts {
    /// Each count of `self` and `o` put together by `f`.
    fn zip(self, o: Counts, f: fn(isize, isize) -> isize) -> Counts {
        Counts {
            bytes: f(self.bytes, o.bytes),
            figures: f(self.figures, o.figures),
            tables: f(self.tables, o.tables),
            cells: f(self.cells, o.cells),
            lists: f(self.lists, o.lists),
            changes: f(self.changes, o.changes),
            shares: f(self.shares, o.shares),
            missing: f(self.missing, o.missing),
            completions: f(self.completions, o.completions),
            share_sets: f(self.share_sets, o.share_sets),
            restatements: f(self.restatements, o.restatements),
        }
    }

    fn plus(self, o: Counts) -> Counts {
        self.zip(o, |a, b| a + b)
    }

    fn minus(self, o: Counts) -> Counts {
        self.zip(o, |a, b| a - b)
    }

    /// The counts of the relations, in the order of [`Relations`]' fields.
    fn relations(&self) -> [isize; 7] {
        [self.lists, self.changes, self.shares, self.missing, self.completions, self.share_sets, self.restatements]
    }
}

fn at(x: usize, by: isize) -> usize {
    x.wrapping_add_signed(by)
}

fn span(s: Span, by: isize) -> Span {
    Span::new(at(s.start, by), at(s.end, by))
}

fn ids(r: Ids, by: isize) -> Ids {
    Ids::of(at(r.start as usize, by)..at(r.end as usize, by))
}

/// Facts that move with their block: spans by bytes, ids by the facts
/// before them.
trait Move {
    fn move_by(&mut self, by: &Counts);
}

impl Move for Figure {
    fn move_by(&mut self, by: &Counts) {
        self.span = span(self.span, by.bytes);
        self.number = span(self.number, by.bytes);
    }
}

impl Move for ChangeStatement {
    fn move_by(&mut self, by: &Counts) {
        self.amount = self.amount.map(|k| at(k, by.figures));
        self.prior = self.prior.map(|k| at(k, by.figures));
        self.change = match self.change {
            ChangeValue::Stated(k) => ChangeValue::Stated(at(k, by.figures)),
            ChangeValue::Unchanged(s) => ChangeValue::Unchanged(span(s, by.bytes)),
            ChangeValue::Implied(d, s) => ChangeValue::Implied(d, span(s, by.bytes)),
        };
        for r in &mut self.alternatives {
            r.now = at(r.now, by.figures);
            r.prior = r.prior.map(|k| at(k, by.figures));
        }
        self.rate = self.rate.map(|r| match r {
            RateValue::Stated(k) => RateValue::Stated(at(k, by.figures)),
            RateValue::NotComparable(s) => RateValue::NotComparable(span(s, by.bytes)),
            RateValue::Average { rate, years } => RateValue::Average { rate: at(rate, by.figures), years },
        });
    }
}

impl Move for ShareStatement {
    fn move_by(&mut self, by: &Counts) {
        self.part = at(self.part, by.figures);
        self.share = at(self.share, by.figures);
        self.of = self.of.map(|k| at(k, by.figures));
    }
}

impl Move for List {
    fn move_by(&mut self, by: &Counts) {
        self.cue_span = span(self.cue_span, by.bytes);
        if by.figures != 0 {
            self.total = at(self.total, by.figures);
            self.items.iter_mut().for_each(|k| *k = at(*k, by.figures));
        }
    }
}

impl Move for MissingFigure {
    fn move_by(&mut self, by: &Counts) {
        self.span = span(self.span, by.bytes);
    }
}

impl Move for ShareSet {
    fn move_by(&mut self, by: &Counts) {
        self.shares.iter_mut().for_each(|k| *k = at(*k, by.figures));
    }
}

impl Move for Restatement {
    fn move_by(&mut self, by: &Counts) {
        self.first = at(self.first, by.figures);
        self.again = at(self.again, by.figures);
    }
}

impl Move for CompletionStatement {
    fn move_by(&mut self, by: &Counts) {
        for k in [&mut self.budget, &mut self.actual, &mut self.rate] {
            *k = at(*k, by.figures);
        }
    }
}

impl Move for Cell {
    fn move_by(&mut self, by: &Counts) {
        self.figure = at(self.figure, by.figures);
        self.table = at(self.table, by.tables);
    }
}

impl Move for OpenList {
    fn move_by(&mut self, by: &Counts) {
        self.total = at(self.total, by.figures);
        self.cue_span = span(self.cue_span, by.bytes);
    }
}

impl Move for BlockSummary {
    fn move_by(&mut self, by: &Counts) {
        self.figures = ids(self.figures, by.figures);
        self.tables = ids(self.tables, by.tables);
        self.cells = ids(self.cells, by.cells);
        for (r, by) in self.relations.iter_mut().zip(by.relations()) {
            *r = ids(*r, by);
        }
        if self.lead != NO_LEAD {
            self.lead = id(at(self.lead as usize, by.figures));
        }
        if let Some(open) = &mut self.open {
            open.move_by(by);
        }
    }
}

/// Copies of `from`, moved.
fn moved<T: Move>(from: Vec<T>, by: Counts) -> impl Iterator<Item = T> {
    from.into_iter().map(move |mut x| {
        x.move_by(&by);
        x
    })
}

/// Which blocks an edit replaced: blocks before `start` are as they were,
/// and those from `old_end` on (in the last numbering; `new_end` in the
/// new) moved by `by` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    pub by: isize,
}

/// A document's facts put together block by block, in order: each block's
/// facts are moved in as soon as they are read, so that the facts of all
/// the blocks are never held beside the document's (what
/// [`Facts::assemble`] needs).
#[derive(Debug, Default)]
pub struct Assembly {
    facts: Facts,
    /// The bytes of the text the blocks cover.
    len: usize,
}

impl Assembly {
    /// An assembly of the facts of `blocks`, given in order by [`push`](Self::push).
    pub fn new(blocks: &[Block]) -> Assembly {
        Assembly { facts: Facts { blocks: Vec::with_capacity(blocks.len()), ..Facts::default() }, len: blocks.last().map_or(0, |b| b.span.end) }
    }

    /// Adds the facts of the next block.
    pub fn push(&mut self, block: &Block, facts: BlockFacts) {
        // The vectors grow for the text still to come at the rate of the
        // text read, rather than doubling: most of a doubled vector's last
        // half would stay empty.
        let (done, len) = (block.span.end, self.len);
        let own = &facts.facts;
        let f = &mut self.facts;
        reserve(&mut f.figures, own.figures.len(), done, len);
        reserve(&mut f.tables, own.tables.len(), done, len);
        reserve(&mut f.cells, own.cells.len(), done, len);
        reserve(&mut f.lists, own.lists.len(), done, len);
        reserve(&mut f.changes, own.changes.len(), done, len);
        reserve(&mut f.shares, own.shares.len(), done, len);
        reserve(&mut f.missing, own.missing.len(), done, len);
        self.facts.push_block(Counts::default(), block.span.start, facts);
    }

    /// The document's facts, once every block's are in: the same as
    /// [`Facts::assemble`] gives.
    pub fn finish(mut self, blocks: &[Block]) -> Facts {
        self.facts.section_lists(blocks);
        self.facts
    }
}

/// Makes room in `v` for `more`, `done` bytes of a text of `len` read: as
/// much as the rest of the text will take at the rate so far (and a
/// sixteenth more), once an eighth of it is read; until then, double.
fn reserve<T>(v: &mut Vec<T>, more: usize, done: usize, len: usize) {
    let need = v.len() + more;
    if need <= v.capacity() {
        return;
    }
    let want = if done.saturating_mul(8) < len { v.capacity() * 2 } else { need.saturating_mul(len) / done.max(1) + need / 16 };
    v.reserve_exact(want.max(need) - v.len());
}

impl Facts {
    /// Assembles document facts from blocks and their (possibly cached)
    /// facts, moved in: not held twice.
    pub fn assemble(blocks: &[Block], block_facts: Vec<BlockFacts>) -> Facts {
        let count = |of: fn(&Facts) -> usize| block_facts.iter().map(|bf| of(&bf.facts)).sum::<usize>();
        // Sized at once: growing vectors this long costs more than filling them.
        let mut facts = Facts {
            figures: Vec::with_capacity(count(|f| f.figures.len())),
            changes: Vec::with_capacity(count(|f| f.changes.len())),
            shares: Vec::with_capacity(count(|f| f.shares.len())),
            lists: Vec::with_capacity(count(|f| f.lists.len())),
            missing: Vec::with_capacity(count(|f| f.missing.len())),
            completions: Vec::with_capacity(count(|f| f.completions.len())),
            share_sets: Vec::with_capacity(count(|f| f.share_sets.len())),
            restatements: Vec::with_capacity(count(|f| f.restatements.len())),
            blocks: Vec::with_capacity(blocks.len()),
            tables: Vec::with_capacity(count(|f| f.tables.len())),
            cells: Vec::with_capacity(count(|f| f.cells.len())),
        };
        for (block, bf) in blocks.iter().zip(block_facts) {
            facts.push_block(Counts::default(), block.span.start, bf);
        }
        facts.section_lists(blocks);
        facts
    }

    /// The facts of `blocks` after an edit, from the facts of the blocks
    /// before it: the blocks of `window` replaced by `block_facts` (those of
    /// `blocks[window.start..window.new_end]`), the blocks after moved.
    pub fn splice(&mut self, blocks: &[Block], window: Window, block_facts: Vec<BlockFacts>) {
        self.lists.truncate(self.spanning_lists());
        let (from, until) = (self.counts_at(window.start), self.counts_at(window.old_end));
        let mut new = Facts::default();
        for (block, bf) in blocks[window.start..window.new_end].iter().zip(block_facts) {
            new.push_block(from, block.span.start, bf);
        }
        let by = Counts { bytes: window.by, ..new.counts().minus(until.minus(from)) };
        if by != Counts::default() {
            self.move_from(until, &by);
            for b in &mut self.blocks[window.old_end..] {
                b.move_by(&by);
            }
        }
        let cut = |c: fn(&Counts) -> isize| c(&from) as usize..c(&until) as usize;
        self.figures.splice(cut(|c| c.figures), new.figures);
        self.tables.splice(cut(|c| c.tables), new.tables);
        self.cells.splice(cut(|c| c.cells), new.cells);
        self.lists.splice(cut(|c| c.lists), new.lists);
        self.changes.splice(cut(|c| c.changes), new.changes);
        self.shares.splice(cut(|c| c.shares), new.shares);
        self.missing.splice(cut(|c| c.missing), new.missing);
        self.completions.splice(cut(|c| c.completions), new.completions);
        self.share_sets.splice(cut(|c| c.share_sets), new.share_sets);
        self.restatements.splice(cut(|c| c.restatements), new.restatements);
        self.blocks.splice(window.start..window.old_end, new.blocks);
        self.section_lists(blocks);
    }

    /// Moves every fact from `from` on.
    fn move_from(&mut self, from: Counts, by: &Counts) {
        fn all<T: Move>(v: &mut [T], from: isize, by: &Counts) {
            v.iter_mut().skip(from as usize).for_each(|x| x.move_by(by));
        }
        all(&mut self.figures, from.figures, by);
        all(&mut self.cells, from.cells, by);
        all(&mut self.lists, from.lists, by);
        all(&mut self.changes, from.changes, by);
        all(&mut self.shares, from.shares, by);
        all(&mut self.missing, from.missing, by);
        all(&mut self.completions, from.completions, by);
        all(&mut self.share_sets, from.share_sets, by);
        all(&mut self.restatements, from.restatements, by);
    }

    /// How many facts of each kind there are.
    fn counts(&self) -> Counts {
        Counts {
            bytes: 0,
            figures: self.figures.len() as isize,
            tables: self.tables.len() as isize,
            cells: self.cells.len() as isize,
            lists: self.lists.len() as isize,
            changes: self.changes.len() as isize,
            shares: self.shares.len() as isize,
            missing: self.missing.len() as isize,
            completions: self.completions.len() as isize,
            share_sets: self.share_sets.len() as isize,
            restatements: self.restatements.len() as isize,
        }
    }

    /// How many facts of each kind come before block `b` (all of them, but
    /// the lists that span blocks, when there is no block `b`).
    fn counts_at(&self, b: usize) -> Counts {
        let Some(s) = self.blocks.get(b) else {
            return Counts { lists: self.spanning_lists() as isize, ..self.counts() };
        };
        let [lists, changes, shares, missing, completions, share_sets, restatements] = s.relations.map(|r| r.start as isize);
        let start = |r: Ids| r.start as isize;
        Counts { bytes: 0, figures: start(s.figures), tables: start(s.tables), cells: start(s.cells), lists, changes, shares, missing, completions, share_sets, restatements }
    }

    /// Where the lists that span blocks begin: after every block's own.
    pub fn spanning_lists(&self) -> usize {
        self.blocks.last().map_or(0, |b| b.relations[0].end as usize)
    }

    /// Adds a block's facts, moved to where the block starts and after the
    /// facts there are (and `before` more).
    fn push_block(&mut self, before: Counts, start: usize, bf: BlockFacts) {
        let mut own = bf.facts;
        let by = Counts { bytes: start as isize, ..self.counts().plus(before) };
        self.figures.extend(moved(own.figures, by));
        // Kept as long as the document: copied here, no longer than they
        // are. The block's own were made on the thread that read it, among
        // its short-lived allocations, whose memory they would hold.
        for t in &mut own.tables {
            t.rows = t.rows.clone();
            t.notes = t.notes.clone();
            t.title = t.title.clone();
            t.number = t.number.clone();
        }
        for l in &mut own.lists {
            l.items = l.items.clone();
        }
        for s in &mut own.share_sets {
            s.shares = s.shares.clone();
        }
        self.tables.extend(own.tables);
        self.cells.extend(moved(own.cells, by));
        self.lists.extend(moved(own.lists, by));
        self.changes.extend(moved(own.changes, by));
        self.shares.extend(moved(own.shares, by));
        self.missing.extend(moved(own.missing, by));
        self.completions.extend(moved(own.completions, by));
        self.share_sets.extend(moved(own.share_sets, by));
        self.restatements.extend(moved(own.restatements, by));
        let after = self.counts();
        let span = |c: fn(&Counts) -> isize| Ids::of((c(&by) as usize)..(c(&after) + c(&before)) as usize);
        let mut open = bf.open_list;
        if let Some(o) = &mut open {
            o.move_by(&by);
        }
        self.blocks.push(BlockSummary {
            figures: span(|c| c.figures),
            tables: span(|c| c.tables),
            cells: span(|c| c.cells),
            relations: [span(|c| c.lists), span(|c| c.changes), span(|c| c.shares), span(|c| c.missing), span(|c| c.completions), span(|c| c.share_sets), span(|c| c.restatements)],
            lead: bf.lead.map_or(NO_LEAD, |k| id(at(k, by.figures))),
            title: bf.title.as_deref().map(super::intern),
            open: open.map(Box::new),
            lead_total: bf.lead_total,
        });
    }

    /// Lists whose items are the lead figures of numbered subsections: a
    /// section that ends in `其中：`, or states a `合计` it does not sum
    /// itself, over subsections that each open with an amount.
    fn section_lists(&mut self, blocks: &[Block]) {
        // Found apart, then added at once: the document's lists are many,
        // and doubling them for a few more would leave most of the room empty.
        let mut found = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            let Some(heading) = block.heading.filter(|_| block.kind == BlockKind::Prose) else { continue };
            let summary = &self.blocks[b];
            // Neither a cue nor a lead: no list, whatever the subsections.
            if summary.open.is_none() && summary.lead().is_none() {
                continue;
            }
            let children = children(blocks, b, heading.level);
            let (total, cue, cue_span) = match (summary.open.as_deref(), summary.lead()) {
                (Some(o), _) => (o.total, Some(o.cue), o.cue_span),
                (None, Some(lead)) if summary.lead_total => (lead, None, self.figures[lead].span),
                // Subsections that are a whole's known parts (goods, works,
                // services) under a section that states one amount first.
                (None, Some(lead)) if self.complete_parts(&children) => (lead, Some(CueKind::Including), self.figures[lead].span),
                _ => continue,
            };
            if children.is_empty() || (cue.is_none() && children.len() < 2) {
                continue;
            }
            let leads: Option<Vec<usize>> = children.iter().map(|&c| self.blocks[c].lead()).collect();
            let Some(items) = self.namesakes(total, &children).or(leads) else { continue };
            let kind = |k: usize| self.figures[k].unit.map(Unit::kind);
            if items.iter().any(|&k| kind(k) != kind(total)) {
                continue;
            }
            found.push(List { total, items, cue, cue_span, et_cetera: cue == Some(CueKind::Partial), origin: ListOrigin::Sections });
        }
        self.lists.reserve_exact(found.len());
        self.lists.append(&mut found);
        self.closing_section_totals(blocks);
    }

    /// The amount of each of these blocks stated under the total's own name,
    /// when every block states one: a section that gives a budget and a
    /// final figure (`年初预算为 A 万元，支出决算为 B 万元。其中：`) over
    /// subsections that each give both, in the same words, sums the final
    /// figures with the final one, whichever each subsection states first.
    fn namesakes(&self, total: usize, blocks: &[usize]) -> Option<Vec<usize>> {
        let name = &self.figures[total].subject;
        let namesake = |k: &usize| {
            let f = &self.figures[*k];
            f.measure == super::Measure::Amount && f.period == super::Period::Current && f.subject == *name
        };
        blocks.iter().map(|&c| self.blocks[c].figures().find(namesake)).collect()
    }

    /// Are the lead figures of these blocks the parts of one of the
    /// [`vocab::COMPLETE_PART_SETS`], each named once?
    fn complete_parts(&self, blocks: &[usize]) -> bool {
        let subjects: Option<Vec<&str>> = blocks.iter().map(|&c| self.blocks[c].lead().map(|k| &*self.figures[k].subject)).collect();
        let Some(subjects) = subjects else { return false };
        crate::vocab::COMPLETE_PART_SETS.iter().any(|parts| parts.len() == subjects.len() && parts.iter().all(|p| subjects.iter().filter(|s| s.contains(p)).count() == 1))
    }

    /// Lists whose total closes the last of a run of numbered sections:
    /// `1.A a 万元；2.B b 万元；3.C c 万元；以上项目支出合计 N 万元。` The run is
    /// the sections numbered 1 to the last, one after another at one level,
    /// each stating its figure first.
    fn closing_section_totals(&mut self, blocks: &[Block]) {
        let mut found: Vec<List> = Vec::new();
        for (c, block) in blocks.iter().enumerate() {
            let Some(last) = block.heading.filter(|h| block.kind == BlockKind::Prose && h.ordinal >= 2) else { continue };
            let summary = &self.blocks[c];
            let closing = summary.figures().find(|&k| {
                let f = &self.figures[k];
                Some(k) != summary.lead() && f.period == super::Period::Current && f.measure == super::Measure::Amount && ["以上", "上述"].iter().any(|w| f.subject.starts_with(w)) && super::is_total(&f.subject)
            });
            let Some(total) = closing.filter(|&k| !self.lists.iter().chain(&found).any(|l| l.total == k || l.items.contains(&k))) else { continue };
            let first = c + 1 - last.ordinal as usize;
            let run = blocks.get(first..=c).unwrap_or_default();
            let numbered = run.iter().enumerate().all(|(i, b)| b.kind == BlockKind::Prose && b.heading.is_some_and(|h| h.level == last.level && h.ordinal == i as u32 + 1 && b.doubtful_markers().is_empty()));
            if !numbered {
                continue;
            }
            let items: Option<Vec<usize>> = (first..=c).map(|b| self.blocks[b].lead()).collect();
            let Some(items) = items else { continue };
            let kind = |k: usize| self.figures[k].unit.map(Unit::kind);
            if items.iter().any(|&k| kind(k) != kind(total)) {
                continue;
            }
            let cue_span = self.figures[total].span;
            found.push(List { total, items, cue: Some(CueKind::Including), cue_span, et_cetera: false, origin: ListOrigin::Sections });
        }
        self.lists.reserve_exact(found.len());
        self.lists.append(&mut found);
    }
}
