//! gouji (勾稽): checks that the figures of a Chinese government budget
//! disclosure (部门预算公开 / 部门决算公开) agree with each other.
//!
//! # Pipeline
//! ```text
//! text ──split_blocks──▶ blocks ──per block, kept across edits:
//!          analyze_block / analyze_table ──▶ block facts
//!          ties::seeds ──▶ what the block says of its figures' identity
//!          checks::run_figures (the block alone) ──▶ its own diagnostics
//!      ──Facts::assemble (::splice after an edit)──▶ facts (figures, changes, shares, lists)
//!      ──ties::tie──▶ ties (statements of the same figure, class floors)
//!      ──checks::run_document (with checks::inspect, over the whole text)──▶ diagnostics ──render / lsp──▶ the user
//! ```
//! - [`text`]: spans, line index, blocks, the logical text of a block.
//! - [`vocab`]: every word the analysis recognises, as data.
//! - [`facts`]: the fact model and its extraction from prose.
//! - [`tables`]: table blocks read into rows, and their ties as the same
//!   facts (figures, lists) that prose gives.
//! - [`ties`]: which figures, in prose and tables, state the same figure.
//! - [`profile`]: what the draft's title says it is (预算 or 决算, whose, which year).
//! - [`interval`]: interval arithmetic for rounded figures.
//! - [`input`]: Word and Excel files read into the text the engine reads,
//!   with a map back to their paragraphs and cells (bytes in, no I/O).
//! - [`checks`]: one file per rule, its documentation in the code.
//! - [`diagnostic`]: what a check reports, with fixes.
//! - [`message`]: the message catalogue: every text a check writes, typed,
//!   rendered in Chinese (the default) or English at the edges.
//! - [`render`], [`cli`]: the command line's edge.
//! - [`lsp`]: the language server (`gouji lsp`), the other edge.
//!
//! # Invariants
//! - The core (everything but `cli`, `render` and `lsp`) does no I/O and knows
//!   nothing of the Language Server Protocol.
//! - The core writes no language: diagnostics carry typed [`Message`]s,
//!   and only the edges render them (in the [`Lang`] the user chose).
//! - Analysis never fails and never panics on input: text in, facts and
//!   diagnostics out. Figures too large to compute with are left unchecked.
//! - Positions are byte offsets; lines and columns exist only at the edges.
//! - A line's kind and a block's facts, seeds and own diagnostics depend on
//!   its own text alone (and the tolerance), so the result of any edit
//!   sequence equals a fresh analysis of the final text ([`Analyzer`] reads
//!   again only what an edit touched).

pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod facts;
pub mod fix;
pub mod input;
pub mod interval;
pub mod lsp;
pub mod message;
pub mod profile;
pub mod render;
pub mod tables;
pub mod text;
pub mod ties;
pub mod vocab;

use std::sync::Arc;

use rayon::prelude::*;

pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Related, Severity};
pub use message::{Lang, Message};
use facts::{analyze_block, block_skips, BlockFacts, Facts};
use text::{split_blocks, Block, BlockKind, BlocksChange, Change, Lines};

/// The result of analysing one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Shared with the [`Analyzer`] that made it.
    pub blocks: Arc<[Block]>,
    /// Shared with the [`Analyzer`] that made it, which splices the next
    /// edit's facts into them when nobody else holds them any more.
    pub facts: Arc<Facts>,
    pub ties: ties::Ties,
    pub diagnostics: Vec<Diagnostic>,
    /// What the draft holds of the items a disclosure of its kind must
    /// contain; `None` when no profile applies (see [`profile::Inspection`]).
    pub completeness: Option<profile::required::Completeness>,
}

/// Analyses a text from scratch, with the default configuration.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &Config::default())
}

/// What the executable does to hand back to the system the memory an
/// analysis freed between its stages (see [`on_freed`]).
static GIVE_BACK: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what [`analyze_with`] calls, on a draft of [`GIVE_BACK_BYTES`] or
/// more, once the blocks' own facts are freed and once the seeds are:
/// the executable's allocator keeps freed memory for reuse, much of it on
/// the threads that read the blocks, and the document's later stages
/// would otherwise take fresh memory beside it. The core knows no
/// allocator: without this, nothing is done.
pub fn on_freed(give_back: fn()) {
    let _ = GIVE_BACK.set(give_back);
}

/// Drafts from this long have their freed memory handed back between
/// stages ([`on_freed`]): below it there is little to give, and many
/// small drafts checked at once would each pay for it.
const GIVE_BACK_BYTES: usize = 1 << 20;

/// Calls what [`on_freed`] set, for a draft of `text`.
pub(crate) fn give_back(text: &str) {
    if text.len() >= GIVE_BACK_BYTES {
        if let Some(f) = GIVE_BACK.get() {
            f();
        }
    }
}

/// Analyses a text from scratch. The configuration's tolerance shapes the
/// checks; its rule settings and suppressions are applied by
/// [`Config::apply`], which needs to know the file.
///
/// The blocks are analysed on all cores (they are independent by design);
/// the result is the same as on one.
pub fn analyze_with(text: &str, config: &Config) -> Analysis {
    let blocks: Arc<[Block]> = split_blocks(text).into();
    let tolerance = config.tolerance.unwrap_or_default();
    // A stretch of blocks at a time, each stretch's facts moved into the
    // document's as soon as it is read: the facts of all the blocks are
    // never held beside the document's.
    let mut assembly = facts::Assembly::new(&blocks);
    let mut analyses = Vec::with_capacity(blocks.len());
    for stretch in stretches(&blocks) {
        let read: Vec<(BlockFacts, BlockAnalysis)> = stretch.par_iter().map(|b| analyze_alone(text, b, tolerance)).collect();
        for (block, (facts, mut analysis)) in stretch.iter().zip(read) {
            assembly.push(block, facts);
            // Kept until the checks: copied here, off the pages of the
            // reading thread's short-lived allocations.
            if !analysis.diagnostics.is_empty() {
                analysis.diagnostics = analysis.diagnostics.clone();
            }
            analyses.push(analysis);
        }
    }
    give_back(text);
    let facts = Arc::new(assembly.finish(&blocks));
    let ties = tie(&blocks, &facts, &analyses);
    // The seeds are read by the ties only, and nothing keeps these
    // analyses: freed before the checks.
    for analysis in &mut analyses {
        analysis.seeds = None;
    }
    give_back(text);
    // Nothing keeps the blocks' own findings after: moved into the document's.
    let local = blocks.iter().zip(analyses).map(|(b, a)| (b.span.start, std::borrow::Cow::Owned(a.diagnostics.into_vec())));
    finish(text, blocks.clone(), local, facts, ties, config)
}

/// How many bytes of text [`analyze_with`] reads at once, on all cores:
/// enough to keep them busy, few enough that the facts read are a small
/// part of the document's. A quarter of a megabyte: on 9 MB of real text
/// the check's peak memory was 1.5–2 MB lower than with a megabyte, in no
/// more processor time.
const STRETCH_BYTES: usize = 256 << 10;

/// The blocks in runs of about [`STRETCH_BYTES`] bytes of text.
fn stretches(blocks: &[Block]) -> impl Iterator<Item = &[Block]> {
    let mut rest = blocks;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let n = rest.partition_point(|b| b.span.start < first.span.start + STRETCH_BYTES).max(1);
        let (stretch, after) = rest.split_at(n);
        rest = after;
        Some(stretch)
    })
}

/// Analyses several texts, each with its configuration, on all cores: the
/// analyses, in order, are those [`analyze_with`] gives one by one.
pub fn analyze_all(texts: &[(&str, &Config)]) -> Vec<Analysis> {
    texts.par_iter().map(|&(text, config)| analyze_with(text, config)).collect()
}

/// A block's facts and what the document's stage reads of it besides.
fn analyze_alone(text: &str, block: &Block, tolerance: rust_decimal::Decimal) -> (BlockFacts, BlockAnalysis) {
    let facts = block_facts(text, block);
    let analysis = BlockAnalysis::new(text, block, &facts, tolerance);
    (facts, analysis)
}

/// The facts of one block, from its own text.
fn block_facts(text: &str, block: &Block) -> BlockFacts {
    let source = &text[block.span.range()];
    match block.kind {
        BlockKind::Table => tables::analyze_table(source),
        BlockKind::Prose => analyze_block(source, &block_skips(block), block.heading.is_some()),
    }
}

/// What the document's stage reads of a block analysed alone, besides its
/// facts (which go into the document's): what they say of the identity of
/// its figures, and what the checks find in them (spans relative to the
/// block's start). Both depend on the block's source and the tolerance
/// only, so they are kept across edits.
///
/// Kept small, one per block for as long as a document is open: most
/// blocks have no seeds and no diagnostics of their own, and an empty
/// [`ties::Seeds`] is larger than a pointer.
#[derive(Debug, Default)]
struct BlockAnalysis {
    /// `None` when the block says nothing of its figures' identity.
    seeds: Option<Box<ties::Seeds>>,
    diagnostics: Box<[Diagnostic]>,
}

/// The seeds of a block without any.
static NO_SEEDS: std::sync::LazyLock<ties::Seeds> = std::sync::LazyLock::new(ties::Seeds::default);

impl BlockAnalysis {
    fn new(text: &str, block: &Block, facts: &BlockFacts, tolerance: rust_decimal::Decimal) -> BlockAnalysis {
        let source = &text[block.span.range()];
        let seeds = Some(ties::seeds(block.kind, facts)).filter(|s| !s.is_empty()).map(Box::new);
        let diagnostics = checks::run_figures(&checks::Context::new(source, &facts.facts).with_tolerance(tolerance)).into_boxed_slice();
        BlockAnalysis { seeds, diagnostics }
    }

    /// The block's seeds, empty ones if it has none.
    fn seeds(&self) -> &ties::Seeds {
        self.seeds.as_deref().unwrap_or(&NO_SEEDS)
    }
}

/// The ties of a document, from its facts and its blocks' seeds.
fn tie(blocks: &[Block], facts: &Facts, analyses: &[BlockAnalysis]) -> ties::Ties {
    let seeds: Vec<&ties::Seeds> = analyses.iter().map(BlockAnalysis::seeds).collect();
    ties::tie(blocks, facts, &seeds)
}

/// The document's stages after its facts and ties, over its blocks' analyses.
/// `local` gives each block's start and its own findings.
fn finish<'d>(text: &str, blocks: Arc<[Block]>, local: impl IntoIterator<Item = (usize, std::borrow::Cow<'d, [Diagnostic]>)>, facts: Arc<Facts>, ties: ties::Ties, config: &Config) -> Analysis {
    let inspection = profile::Inspection::read(text, config.profile, &config.required);
    let completeness = inspection.completeness.clone();
    let cx = checks::Context::new(text, &facts).with_ties(&ties).with_tolerance(config.tolerance.unwrap_or_default()).with_blocks(&blocks).with_inspection(inspection);
    let diagnostics = checks::run_document(cx, local.into_iter());
    Analysis { blocks, facts, ties, diagnostics, completeness }
}

/// An analyser that remembers the text it analysed last, its lines and
/// the facts of its blocks, so that analysing an edited text reads again
/// only the lines and blocks the edit touched.
///
/// The edit is found by comparing the text with the last one (the bytes
/// they share at the start and at the end), so any text may be given: the
/// result always equals [`analyze_with`] of it.
#[derive(Debug, Default)]
pub struct Analyzer {
    /// Shared with whoever keeps the text beside its analysis
    /// ([`Analyzer::text`]), so that it is held once.
    text: Arc<str>,
    lines: Lines,
    /// The blocks of `text`, shared with the last analysis.
    blocks: Arc<[Block]>,
    /// Their analyses: moved, not cloned, into the next analysis.
    analyses: Vec<BlockAnalysis>,
    /// The tolerance they were checked with.
    tolerance: rust_decimal::Decimal,
    /// The facts of the last analysis, shared with it: the only place the
    /// facts of blocks kept across edits are.
    facts: Option<Arc<Facts>>,
}

/// Does block `new` have the source (text, kind and skips) `old` had, its
/// bytes moved by `by`? Only asked of blocks whose bytes the change left
/// alone, so that equal spans mean equal text.
fn same_source(new: &Block, old: &Block, by: isize) -> bool {
    let moved = |s: text::Span| text::Span::new(s.start.wrapping_add_signed(by), s.end.wrapping_add_signed(by));
    new.kind == old.kind
        && new.span == moved(old.span)
        && new.heading.map(|h| h.marker) == old.heading.map(|h| moved(h.marker))
        && new.noise().len() == old.noise().len()
        && new.noise().zip(old.noise()).all(|(n, o)| n == moved(o))
}

/// Blocks of a new text read alone on all cores when there are this many
/// bytes of them or more: fewer are read at once on the calling thread,
/// sooner than the pool's threads would wake to them.
const PARALLEL_BYTES: usize = 64 << 10;

impl Analyzer {
    pub fn analyze(&mut self, text: &str) -> Analysis {
        self.analyze_with(text, &Config::default())
    }

    /// [`analyze_with`], reading again only what changed since the last
    /// text.
    pub fn analyze_with(&mut self, text: &str, config: &Config) -> Analysis {
        let change = Change::between(&self.text, text);
        let by = change.new_end as isize - change.old_end as isize;
        let lines = self.lines.edit(text, change);
        let (blocks, mut edited) = self.lines.blocks_after(text, &self.blocks, lines, by);
        let blocks: Arc<[Block]> = blocks.into();
        let old_blocks = std::mem::replace(&mut self.blocks, blocks.clone());
        let tolerance = config.tolerance.unwrap_or_default();
        if tolerance != std::mem::replace(&mut self.tolerance, tolerance) || self.analyses.len() != old_blocks.len() {
            // Every block is checked again.
            self.analyses.clear();
            self.facts = None;
            edited = BlocksChange { start: 0, old_end: 0, new_end: blocks.len() };
        }
        let BlocksChange { start, old_end, new_end } = edited;
        // The blocks the edit changed: each kept from an old block of the
        // same source, if one, with where it was (its index and how far it
        // moved), or read again.
        let kept: Vec<Option<(BlockAnalysis, usize, isize)>> = blocks[start..new_end]
            .iter()
            .map(|block| {
                let moved = change.moved(block.span)?;
                let was = block.span.start.checked_add_signed(-moved)?;
                let i = start + old_blocks[start..old_end].binary_search_by_key(&was, |b| b.span.start).ok()?;
                same_source(block, &old_blocks[i], moved).then(|| (std::mem::take(&mut self.analyses[i]), i, moved))
            })
            .collect();
        let read = |block: &Block| analyze_alone(text, block, tolerance);
        let fresh_bytes: usize = blocks[start..new_end].iter().zip(&kept).filter(|(_, k)| k.is_none()).map(|(b, _)| b.span.len()).sum();
        let mut fresh: Vec<Option<(BlockFacts, BlockAnalysis)>> = if fresh_bytes >= PARALLEL_BYTES {
            blocks[start..new_end].par_iter().zip(&kept).map(|(block, kept)| kept.is_none().then(|| read(block))).collect()
        } else {
            blocks[start..new_end].iter().zip(&kept).map(|(block, kept)| kept.is_none().then(|| read(block))).collect()
        };
        // The blocks at either end of the window kept where they were, or
        // moved as the blocks after it: their facts are the last ones.
        let was = |j: usize| kept[j].as_ref().map(|k| (k.1, k.2));
        let lead = (0..new_end - start).take_while(|&j| was(j) == Some((start + j, 0))).count();
        let trail = (lead..new_end - start).rev().zip((start + lead..old_end).rev()).take_while(|&(j, i)| was(j) == Some((i, by))).count();
        let window = facts::Window { start: start + lead, old_end: old_end - trail, new_end: new_end - trail, by };
        let mut read_facts: Vec<Option<BlockFacts>> = Vec::with_capacity(new_end - start);
        let mut analyses: Vec<BlockAnalysis> = Vec::with_capacity(new_end - start);
        for (kept, fresh) in kept.into_iter().zip(&mut fresh) {
            let (analysis, facts) = match kept {
                Some((analysis, ..)) => (analysis, None),
                None => fresh.take().map_or_else(|| (BlockAnalysis::default(), None), |(f, a)| (a, Some(f))),
            };
            analyses.push(analysis);
            read_facts.push(facts);
        }
        self.analyses.splice(start..old_end, analyses);
        if change.old_end != change.new_end || change.start != change.new_end {
            self.text = text.into();
        }
        // A kept block's facts are in the last document facts only: read
        // again the few a window or a fresh assembly needs.
        let mut facts_of = |b: usize| read_facts.get_mut(b.wrapping_sub(start)).and_then(Option::take).unwrap_or_else(|| block_facts(text, &blocks[b]));
        let facts = match self.facts.take() {
            // Splice the edit into the last facts (copied first if a reader
            // of the last analysis still holds them).
            Some(last) if window.start + (blocks.len() - window.new_end) > 0 => {
                let mut facts = Arc::unwrap_or_clone(last);
                let new: Vec<BlockFacts> = (window.start..window.new_end).map(&mut facts_of).collect();
                facts.splice(&blocks, window, new);
                facts
            }
            _ => {
                let all: Vec<BlockFacts> = (0..blocks.len()).map(&mut facts_of).collect();
                Facts::assemble(&blocks, all)
            }
        };
        let facts = Arc::new(facts);
        self.facts = Some(facts.clone());
        let ties = tie(&blocks, &facts, &self.analyses);
        let local = blocks.iter().zip(&self.analyses).map(|(b, a)| (b.span.start, std::borrow::Cow::Borrowed(&*a.diagnostics)));
        finish(text, blocks.clone(), local, facts, ties, config)
    }

    /// The text last analysed.
    pub fn text(&self) -> Arc<str> {
        self.text.clone()
    }

    /// How many blocks are remembered (for tests and benchmarks).
    pub fn cached_blocks(&self) -> usize {
        self.blocks.len()
    }
}
