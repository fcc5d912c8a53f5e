//! gouji (勾稽): checks that the figures of a Chinese government budget
//! disclosure (部门预算公开 / 部门决算公开) agree with each other.
//!
//! # Pipeline
//! ```text
//! text ──split_blocks──▶ blocks ──analyze_block / analyze_table (cached)──▶ block facts
//!      ──Facts::assemble──▶ facts (figures, changes, shares, lists)
//!      ──ties::tie──▶ ties (statements of the same figure, class floors)
//!      ──checks::run──▶ diagnostics ──render / lsp──▶ the user
//! ```
//! - [`text`]: spans, line index, blocks, the logical text of a block.
//! - [`vocab`]: every word the analysis recognises, as data.
//! - [`facts`]: the fact model and its extraction from prose.
//! - [`tables`]: table blocks read into rows, and their ties as the same
//!   facts (figures, lists) that prose gives.
//! - [`ties`]: which figures, in prose and tables, state the same figure.
//! - [`interval`]: interval arithmetic for rounded figures.
//! - [`checks`]: one file per rule, its documentation in the code.
//! - [`diagnostic`]: what a check reports, with fixes.
//! - [`render`], [`cli`]: the command line's edge.
//! - [`lsp`]: the language server (`gouji lsp`), the other edge.
//!
//! # Invariants
//! - The core (everything but `cli`, `render` and `lsp`) does no I/O and knows
//!   nothing of the Language Server Protocol.
//! - Analysis never fails and never panics on input: text in, facts and
//!   diagnostics out. Figures too large to compute with are left unchecked.
//! - Positions are byte offsets; lines and columns exist only at the edges.
//! - A block's facts depend on its own text alone, so the result of any edit
//!   sequence equals a fresh analysis of the final text.

pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod facts;
pub mod fix;
pub mod interval;
pub mod lsp;
pub mod render;
pub mod tables;
pub mod text;
pub mod ties;
pub mod vocab;

use std::collections::HashMap;
use std::sync::Arc;

pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Related, Severity};
use facts::{analyze_block, block_skips, block_title, BlockFacts, Facts};
use text::{split_blocks, Block, BlockKind};

/// The result of analysing one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub blocks: Vec<Block>,
    pub facts: Facts,
    pub ties: ties::Ties,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses a text from scratch, with the default configuration.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &Config::default())
}

/// Analyses a text from scratch. The configuration's tolerance shapes the
/// checks; its rule settings and suppressions are applied by
/// [`Config::apply`], which needs to know the file.
pub fn analyze_with(text: &str, config: &Config) -> Analysis {
    let blocks = split_blocks(text);
    let block_facts = blocks.iter().map(|b| Arc::new(block_facts(text, b))).collect::<Vec<_>>();
    finish(text, blocks, &block_facts, config)
}

fn block_facts(text: &str, block: &Block) -> BlockFacts {
    match block.kind {
        BlockKind::Table => tables::analyze_table(&text[block.span.range()]),
        BlockKind::Prose => {
            let (source, skips) = (&text[block.span.range()], block_skips(block));
            let mut facts = analyze_block(source, &skips);
            if block.heading.is_some() {
                facts.title = block_title(source, &skips);
            }
            facts
        }
    }
}

fn finish(text: &str, blocks: Vec<Block>, block_facts: &[Arc<BlockFacts>], config: &Config) -> Analysis {
    let facts = Facts::assemble(&blocks, block_facts);
    let ties = ties::tie(&blocks, &facts);
    let cx = checks::Context::new(text, &facts).with_ties(&ties).with_tolerance(config.tolerance.unwrap_or_default());
    let diagnostics = checks::run(&cx);
    Analysis { blocks, facts, ties, diagnostics }
}

/// An analyser that remembers the facts of the blocks it has seen, so that
/// analysing an edited text re-reads only the blocks the edit touched.
#[derive(Debug, Default)]
pub struct Analyzer {
    /// Block facts by a hash of the block's text, kind and skips; the text is
    /// kept to tell apart blocks whose hashes collide.
    cache: HashMap<u64, Vec<CachedBlock>>,
}

#[derive(Debug)]
struct CachedBlock {
    text: Box<str>,
    kind: BlockKind,
    skips: Vec<(usize, usize)>,
    facts: Arc<BlockFacts>,
}

impl CachedBlock {
    fn is(&self, text: &str, kind: BlockKind, skips: &[(usize, usize)]) -> bool {
        self.kind == kind && *self.text == *text && self.skips == skips
    }
}

fn block_hash(text: &str, kind: BlockKind, skips: &[(usize, usize)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    kind.hash(&mut h);
    skips.hash(&mut h);
    h.finish()
}

impl Analyzer {
    pub fn analyze(&mut self, text: &str) -> Analysis {
        self.analyze_with(text, &Config::default())
    }

    /// [`analyze_with`], re-reading only the blocks not seen last time.
    pub fn analyze_with(&mut self, text: &str, config: &Config) -> Analysis {
        let blocks = split_blocks(text);
        let mut cache: HashMap<u64, Vec<CachedBlock>> = HashMap::with_capacity(blocks.len());
        let block_facts: Vec<Arc<BlockFacts>> = blocks
            .iter()
            .map(|block| {
                let (source, skips) = (&text[block.span.range()], block_skips(block));
                let hash = block_hash(source, block.kind, &skips);
                if let Some(hit) = cache.get(&hash).and_then(|v| v.iter().find(|c| c.is(source, block.kind, &skips))) {
                    return hit.facts.clone();
                }
                let old = self.cache.get_mut(&hash).and_then(|v| v.iter().position(|c| c.is(source, block.kind, &skips)).map(|i| v.swap_remove(i)));
                let entry = old.unwrap_or_else(|| CachedBlock { text: source.into(), kind: block.kind, facts: Arc::new(block_facts(text, block)), skips });
                let facts = entry.facts.clone();
                cache.entry(hash).or_default().push(entry);
                facts
            })
            .collect();
        self.cache = cache;
        finish(text, blocks, &block_facts, config)
    }

    /// How many blocks are cached (for tests and benchmarks).
    pub fn cached_blocks(&self) -> usize {
        self.cache.values().map(Vec::len).sum()
    }
}
