//! Splitting a draft into blocks: headed sections of prose, and table rows.
//!
//! A block is the unit of analysis: its facts depend on its own text alone,
//! so an edit re-analyses only the blocks it touches. Prose is split at its
//! headings, looking at each line and the line before it. A table runs from
//! its title to the prose after it, page breaks and repeated headings
//! included, so that a table broken over pages is read whole; deciding where
//! it starts and ends looks a few lines back and ahead, never further.

use std::sync::Arc;

use super::{Change, Span};
use crate::vocab;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A heading and the prose under it, up to the next heading or table.
    Prose,
    /// A table: its title, unit and headings, and its rows (tab-separated,
    /// `|` pipes, or text from PDF with the cells separated by spaces), over
    /// page breaks, up to the prose after it.
    Table,
}

/// A numbered heading: `第一部分`, `一、`, `（一）`, `1.`, `（1）`, `①`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    /// Depth in the usual order of Chinese numbering, 0 (`第一部分`) to 5 (`①`).
    pub level: u8,
    /// The ordinal marker itself, in document bytes.
    pub marker: Span,
    /// Its number: 2 for `二、`, `（二）`, `2.` and `（2）`.
    pub ordinal: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Whole lines, in document bytes, line end of the last line included.
    pub span: Span,
    pub kind: BlockKind,
    pub heading: Option<Heading>,
    /// What few blocks have: behind a pointer, since a draft has tens of
    /// thousands of blocks, and shared, since an edit copies the blocks it
    /// leaves alone.
    rare: Option<Arc<Rare>>,
}

/// What few blocks have (see [`Block::noise`] and [`Block::doubtful_markers`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Rare {
    /// From the block's start, so that the block moves without them.
    noise: Vec<Span>,
    doubtful_markers: Vec<u8>,
}

impl Block {
    fn new(span: Span, kind: BlockKind, heading: Option<Heading>) -> Block {
        Block { span, kind, heading, rare: None }
    }

    /// Lines to leave out of the logical text (page numbers), in document bytes.
    pub fn noise(&self) -> impl ExactSizeIterator<Item = Span> + '_ {
        let start = self.span.start;
        self.rare.as_ref().map_or(&[][..], |r| &r.noise).iter().map(move |s| Span::new(start + s.start, start + s.end))
    }

    /// The block, its bytes moved by `by`.
    pub fn moved(&self, by: isize) -> Block {
        let at = |s: Span| Span::new(s.start.wrapping_add_signed(by), s.end.wrapping_add_signed(by));
        Block { span: at(self.span), kind: self.kind, heading: self.heading.map(|h| Heading { marker: at(h.marker), ..h }), rare: self.rare.clone() }
    }

    /// Levels of ordinal markers at a line start inside the block that were
    /// not taken for headings (the line before did not end a sentence): the
    /// block may hold more than one numbered item.
    pub fn doubtful_markers(&self) -> &[u8] {
        self.rare.as_ref().map_or(&[], |r| &r.doubtful_markers)
    }

    fn rare(&mut self) -> &mut Rare {
        Arc::make_mut(self.rare.get_or_insert_with(Arc::default))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Noise,
    /// Plainly a table row: tab-separated, `|` pipes, a run of bare numbers,
    /// or an account code with a name and a figure.
    Table,
    /// `单位：万元`: a table is about to start.
    TableUnit,
    /// Short, with no sentence in it and no figure with a unit: a title, a
    /// column heading, a wrapped name, a code with its name. Read with the
    /// lines around it.
    Fragment,
    /// Prose: a sentence mark or a figure with its unit.
    Text,
}

/// Which kind of block a line goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Prose,
    Table,
}

/// How many fragment lines before a table's first row are read as its title
/// and headings, and how many at its end may be given back to the prose.
const TABLE_PREAMBLE_LINES: usize = 6;
const TABLE_GIVE_BACK_LINES: usize = 3;
/// How far past a numbered fragment inside a table to look for prose: a
/// heading followed by a sentence ends the table, an ordinal row does not.
const HEADING_LOOKAHEAD_LINES: usize = 3;
/// A line with a longer run of characters and no space is prose, not cells.
const FRAGMENT_MAX_RUN: usize = 26;

/// Splits `text` into blocks covering every byte of it.
pub fn split_blocks(text: &str) -> Vec<Block> {
    Lines::new(text).blocks(text)
}

/// The lines of a text, each with its kind and its region: what splitting
/// reads, line by line. [`Lines::edit`] keeps them up to date with an
/// edited text, reading again only the lines the edit touched (and
/// deciding again the regions of the few lines around them), so that
/// splitting an edited text ([`Lines::blocks_after`]) reads the text of
/// the blocks around the edit and no more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    /// Lines end as [`LineIndex`](super::LineIndex) ends them; the last
    /// runs to the end of the text.
    lines: Vec<Line>,
}

/// A line: where it starts, and what splitting asks of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Line {
    start: usize,
    kind: LineKind,
    /// The level of the ordinal marker it starts with.
    marker: Option<u8>,
    /// It may be a heading: it starts with a marker after any `#`, `*`
    /// and spaces (see [`heading_of`]).
    heading: bool,
    /// A text line with a figure and its unit.
    figure_with_unit: bool,
    /// A fragment that starts with an account code.
    code: bool,
    /// Which kind of block it goes to (see [`read_regions`]).
    region: Region,
    /// Whether a table was open once it was read (before the lines after
    /// it gave any back): what the next line's region is decided from.
    table: bool,
}

impl Line {
    fn read(start: usize, text: &str) -> Line {
        let t = trim_line(text);
        let (kind, figure_with_unit) = classify(text, t);
        let words = !matches!(kind, LineKind::Blank | LineKind::Noise);
        // Both trims start alike unless the line starts with `#`, `*` or a
        // byte order mark; a marker is read from the start, and white space
        // after it changes neither whether there is one nor its level.
        let lead = text.trim_start_matches(is_heading_lead);
        let marked = if words { marker(t).map(|(level, _)| level) } else { None };
        Line {
            start,
            kind,
            marker: marked,
            heading: words && if lead.as_ptr() == t.as_ptr() { marked.is_some() } else { marker(lead).is_some() },
            figure_with_unit: kind == LineKind::Text && figure_with_unit.unwrap_or_else(|| has_figure_with_unit(text)),
            code: kind == LineKind::Fragment && starts_with_code(text),
            // Decided with the lines around it, once they are all read.
            region: Region::Prose,
            table: false,
        }
    }

    fn has_words(&self) -> bool {
        !matches!(self.kind, LineKind::Blank | LineKind::Noise)
    }
}

impl Default for Lines {
    /// The lines of the empty text.
    fn default() -> Self {
        Lines::new("")
    }
}

/// Which lines an edit changed (see [`Lines::edit`]): lines
/// `first..new_end` of the edited text stand where lines `first..old_end`
/// of the last one stood. The lines before are the same, text and region;
/// those after are the last ones, moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinesChange {
    pub first: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// Which blocks an edit changed (see [`Lines::blocks_after`]): blocks
/// `start..new_end` of the edited text stand where blocks `start..old_end`
/// of the last one stood. The blocks before are the same; those after are
/// the last ones, moved by the bytes the edit added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlocksChange {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// How far, in lines with words, the regions of lines may change with the
/// lines changed: a line's region is decided from up to
/// [`TABLE_PREAMBLE_LINES`] + 1 lines with words ahead and as many back
/// (a table's start takes that many lines back, its end gives fewer), and
/// decides the regions of that many lines back (twice that, and some to
/// spare).
const REGION_REACH: usize = 2 * (TABLE_PREAMBLE_LINES + 2);

impl Lines {
    /// Reads the lines of `text`.
    pub fn new(text: &str) -> Lines {
        let mut lines = Vec::new();
        read_lines(text, 0, None, &mut lines);
        let (regions, _) = read_regions(&lines, 0, false, None);
        for (line, (region, table)) in lines.iter_mut().zip(regions) {
            (line.region, line.table) = (region, table);
        }
        Lines { lines }
    }

    /// Follows a change of the text these lines are of, which made `text`:
    /// the result equals `Lines::new(text)`. Returns the lines changed.
    pub fn edit(&mut self, text: &str, change: Change) -> LinesChange {
        let Change { start, old_end, new_end } = change;
        // A line break is decided by the byte before a line's start and
        // the byte at it: from the line holding the byte before the edit to
        // the first line that starts past the edit, lines may change.
        let first = self.lines.partition_point(|l| l.start < start).saturating_sub(1);
        let kept = self.lines.partition_point(|l| l.start <= old_end);
        let shift = |s: usize| s - old_end + new_end;
        let until = self.lines.get(kept).map(|l| shift(l.start));
        let from = self.lines.get(first).map_or(0, |l| l.start);
        let mut fresh = Vec::new();
        read_lines(text, from, until, &mut fresh);
        let after = first + fresh.len();
        self.lines.splice(first..kept, fresh);
        for line in &mut self.lines[after..] {
            line.start = shift(line.start);
        }
        // The regions of the lines read, and of the lines around them that
        // look at them, decided again from a line far enough before them.
        let from = back(&self.lines, first, REGION_REACH);
        let in_table = from.checked_sub(1).is_some_and(|p| self.lines[p].table);
        let (regions, settled) = read_regions(&self.lines, from, in_table, Some(after));
        let (mut changed_from, mut changed_to) = (first, after);
        for (i, (region, table)) in (from..settled).zip(regions) {
            let line = &mut self.lines[i];
            if (i < first || i >= after) && line.region != region {
                changed_from = changed_from.min(i);
                changed_to = changed_to.max(i + 1);
            }
            (line.region, line.table) = (region, table);
        }
        LinesChange { first: changed_from, new_end: changed_to, old_end: changed_to - after + kept }
    }

    /// Line `i`: its text without its line end, and with it.
    fn spans(&self, text: &str, i: usize) -> (Span, Span) {
        let start = self.lines[i].start;
        let end = self.lines.get(i + 1).map_or(text.len(), |l| l.start);
        (Span::new(start, content_end(text, start, end)), Span::new(start, end))
    }

    /// How many lines are split: all, but an empty last line (after a
    /// final line break), which is no line at all.
    fn count(&self, text: &str) -> usize {
        match self.lines.last() {
            Some(last) if self.lines.len() > 1 && last.start == text.len() => self.lines.len() - 1,
            _ => self.lines.len(),
        }
    }

    /// Splits the text these lines are of (`text`) into blocks, as
    /// [`split_blocks`] does.
    pub fn blocks(&self, text: &str) -> Vec<Block> {
        let mut split = Splitter { lines: self, text, blocks: Vec::new(), prev: None, last_ordinal: [0; 6] };
        for i in 0..self.count(text) {
            split.line(i);
        }
        split.blocks
    }

    /// Splits the text these lines are of (`text`) into blocks, as
    /// [`Lines::blocks`] does, given the blocks of the last text (`old`)
    /// and what the edit since changed of the lines (`change`, from
    /// [`Lines::edit`]) and moved (`by` bytes, from there on): the lines
    /// are read from the start of the block before the edit until the
    /// blocks start again where they started before it, with the reading
    /// in the same state; the blocks after are the old ones, moved.
    /// Returns the blocks, and which of them changed.
    pub fn blocks_after(&self, text: &str, old: &[Block], change: LinesChange, by: isize) -> (Vec<Block>, BlocksChange) {
        let count = self.count(text);
        let all = || {
            let blocks = self.blocks(text);
            let new_end = blocks.len();
            (blocks, BlocksChange { start: 0, old_end: old.len(), new_end })
        };
        if old.is_empty() || change.first >= count {
            return all();
        }
        // The old block before the first line changed (the line before it
        // is read as it was, and starts the same block), and the reading as
        // it stood before that block.
        let at = self.lines[change.first].start;
        let mut start = old.partition_point(|b| b.span.start <= at).saturating_sub(1);
        if start > 0 && old[start].span.start == at {
            start -= 1;
        }
        let from = self.lines.partition_point(|l| l.start < old[start].span.start);
        if self.lines.get(from).map(|l| l.start) != Some(old[start].span.start) {
            return all();
        }
        let before = &old[..start];
        let prev = (0..from).rev().find(|&p| self.lines[p].has_words()).map(|p| {
            let heading = before.binary_search_by_key(&self.lines[p].start, |b| b.span.start).is_ok_and(|k| before[k].heading.is_some());
            (p, heading)
        });
        let last_ordinal = ordinals_after(before);
        // The block before, as the reading left it: the lines from `from`
        // on start a block of their own, so it is left as it was.
        let seed: Vec<Block> = before.last().cloned().into_iter().collect();
        let seeded = seed.len();
        let mut split = Splitter { lines: self, text, blocks: seed, prev, last_ordinal };
        // The old reading, followed block by block past the edit.
        let (mut cursor, mut old_ordinal) = (start, last_ordinal);
        let moved = |s: usize| s.wrapping_add_signed(-by);
        let mut resumed = None;
        for i in from..count {
            if i >= change.new_end && i > from {
                let was = moved(self.lines[i].start);
                while old.get(cursor).is_some_and(|b| b.span.start < was) {
                    if let Some(h) = old[cursor].heading {
                        advance(&mut old_ordinal, h);
                    }
                    cursor += 1;
                }
                if old.get(cursor).is_some_and(|b| b.span.start == was) && split.same_state(&old[cursor - 1], old_ordinal, change.new_end, by) {
                    resumed = Some(cursor);
                    break;
                }
            }
            split.line(i);
        }
        if before.last().is_some_and(|b| split.blocks.first() != Some(b)) {
            // The reading before the edit changed the block before it: not
            // as the lines say it can, but the whole text is split again
            // rather than trusted.
            return all();
        }
        let old_end = resumed.unwrap_or(old.len());
        let fresh = split.blocks.len() - seeded;
        let mut blocks = Vec::with_capacity(start + fresh + old.len() - old_end);
        blocks.extend_from_slice(before);
        blocks.extend(split.blocks.into_iter().skip(seeded));
        blocks.extend(old[old_end..].iter().map(|b| b.moved(by)));
        (blocks, BlocksChange { start, old_end, new_end: start + fresh })
    }
}

/// Where the `n`th line with words before line `i` is (0 when there are
/// fewer).
fn back(lines: &[Line], i: usize, n: usize) -> usize {
    let mut seen = 0;
    for j in (0..i).rev() {
        if lines[j].has_words() {
            seen += 1;
            if seen == n {
                return j;
            }
        }
    }
    0
}

/// Just past the `n`th line with words from line `i` on (the end when
/// there are fewer).
fn ahead(lines: &[Line], i: usize, n: usize) -> usize {
    let mut seen = 0;
    for (j, line) in lines.iter().enumerate().skip(i) {
        if line.has_words() {
            seen += 1;
            if seen == n {
                return j + 1;
            }
        }
    }
    lines.len()
}

/// The last ordinal of each level after `blocks`, as splitting them left
/// it: the ordinal of the last heading of that level, unless a heading
/// above it came after.
fn ordinals_after(blocks: &[Block]) -> [u32; 6] {
    let mut ordinals = [0; 6];
    let mut above = ordinals.len();
    for h in blocks.iter().rev().filter_map(|b| b.heading) {
        let level = usize::from(h.level);
        if level < above {
            ordinals[level] = h.ordinal;
            above = level;
            if above == 0 {
                break;
            }
        }
    }
    ordinals
}

/// The last ordinals after heading `h`.
fn advance(ordinals: &mut [u32; 6], h: Heading) {
    let level = usize::from(h.level);
    ordinals[level] = h.ordinal;
    ordinals[level + 1..].fill(0);
}

/// Splitting, line by line: the blocks so far, and what the next line's
/// reading depends on.
struct Splitter<'a> {
    lines: &'a Lines,
    text: &'a str,
    blocks: Vec<Block>,
    /// The last line with words, and whether it was a heading.
    prev: Option<(usize, bool)>,
    /// The ordinal of the last heading of each level, since the last
    /// heading above it.
    last_ordinal: [u32; 6],
}

impl Splitter<'_> {
    /// Reads line `i`.
    fn line(&mut self, i: usize) {
        let lines = self.lines;
        let text = self.text;
        let Line { kind, heading: may_head, region, .. } = lines.lines[i];
        let (content, full) = lines.spans(text, i);
        let is_text = region == Region::Prose && matches!(kind, LineKind::Text | LineKind::Fragment);
        // The last line with words, if it was prose.
        let prev_text_line = || self.prev.filter(|&(p, _)| lines.lines[p].region == Region::Prose).map(|(p, h)| (&text[lines.spans(text, p).0.range()], h));
        let candidate = if is_text && may_head { heading_of(&text[content.range()], prev_text_line()) } else { None };
        let heading = candidate.and_then(|c| {
            let next_in_sequence = c.ordinal > 1 && self.last_ordinal[usize::from(c.level)] + 1 == c.ordinal;
            (c.after_break || next_in_sequence)
                .then(|| Heading { level: c.level, marker: Span::new(content.start + c.start, content.start + c.end), ordinal: c.ordinal })
        });
        if let Some(h) = heading {
            advance(&mut self.last_ordinal, h);
        }
        let block_kind = if region == Region::Table { BlockKind::Table } else { BlockKind::Prose };
        let blocks = &mut self.blocks;
        let starts_new = match blocks.last() {
            None => true,
            Some(last) => heading.is_some() || (!matches!(kind, LineKind::Blank | LineKind::Noise) && last.kind != block_kind),
        };
        if starts_new {
            blocks.push(Block::new(full, block_kind, heading));
        } else if let Some(last) = blocks.last_mut() {
            last.span.end = full.end;
            if let Some(c) = candidate.filter(|_| heading.is_none()) {
                last.rare().doubtful_markers.push(c.level);
            }
        }
        if kind == LineKind::Noise {
            if let Some(last) = blocks.last_mut() {
                let start = last.span.start;
                last.rare().noise.push(Span::new(content.start - start, content.end - start));
            }
        }
        if kind != LineKind::Blank && kind != LineKind::Noise {
            self.prev = Some((i, heading.is_some()));
        }
    }

    /// Is the reading, before the line that starts old block `next`, where
    /// the old reading was before it? `last` is the old block before it,
    /// `ordinals` the old reading's last ordinals; `changed` is where the
    /// lines changed by the edit end, and `by` how far the bytes after them
    /// moved.
    fn same_state(&self, last: &Block, ordinals: [u32; 6], changed: usize, by: isize) -> bool {
        let Some((p, heading)) = self.prev else { return false };
        // The last line with words is one the edit left alone, read as
        // prose or not as before; the old reading took it for a heading if
        // it started the old block before with one.
        let was_heading = last.heading.is_some() && last.span.start == self.lines.lines[p].start.wrapping_add_signed(-by);
        p >= changed && heading == was_heading && ordinals == self.last_ordinal && self.blocks.last().map(|b| b.kind) == Some(last.kind)
    }
}

/// Pushes the lines of `text` from `from` (a line start) up to `until`
/// (a line start, or the end of the text), with their kinds.
fn read_lines(text: &str, from: usize, until: Option<usize>, out: &mut Vec<Line>) {
    let bytes = text.as_bytes();
    // The line break before `until` is known; look for those before it.
    let limit = until.map_or(bytes.len(), |u| u.saturating_sub(1)).max(from);
    let mut start = from;
    loop {
        // A line ends after `\n`, or after a `\r` not followed by `\n`.
        let mut at = start;
        let next = loop {
            match memchr::memchr2(b'\n', b'\r', &bytes[at..limit]) {
                None => break None,
                Some(k) if bytes[at + k] == b'\r' && bytes.get(at + k + 1) == Some(&b'\n') => at += k + 1,
                Some(k) => break Some(at + k + 1),
            }
        };
        let end = next.or(until).unwrap_or(bytes.len());
        out.push(Line::read(start, &text[start..content_end(text, start, end)]));
        match next {
            Some(n) => start = n,
            None => break,
        }
    }
}

/// The end of a line's text, without its line end.
fn content_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// Decides for lines `from..` whether each belongs to a table or to the
/// prose (`in_table`: whether a table was open after the line before), and
/// whether a table is open after it: one pair per line from `from` on.
/// The lines before `from` are looked at, never changed.
///
/// A table starts at a plain table row or a `单位：万元` line, and takes the
/// title and heading fragments just before it. Once inside, fragments (wrapped
/// names, headings repeated after a page break, codes without figures) stay
/// in the table; prose ends it, and the fragments just before that prose go
/// back to it. A numbered line ends the table when it is `第X部分`, or when a
/// sentence follows within a few lines (a heading of the narrative, not an
/// ordinal row such as `（一）一般公共服务支出`).
///
/// With `settle`: the reading stops once, past line `settle`, a table is
/// open or not as `lines` say it was (their `table`), and some lines later,
/// so that the lines after give back to the lines before as they did.
/// Returns where it settled (the end, if it did not): from there on, the
/// lines are read as `lines` have them.
fn read_regions(lines: &[Line], from: usize, mut in_table: bool, settle: Option<usize>) -> (Vec<(Region, bool)>, usize) {
    let mut out: Vec<(Region, bool)> = Vec::new();
    let (mut settled, mut end) = (lines.len(), lines.len());
    // A line's region is decided from lines up to [`REGION_REACH`] lines
    // with words before and after it: the reading may settle once that
    // many are past the lines changed.
    let settle = settle.map(|s| ahead(lines, s, REGION_REACH));
    let is_marker = |i: usize| lines[i].marker;
    // Gives lines `from..to` to the region, leaving the lines before
    // `from` alone.
    let give = |out: &mut Vec<(Region, bool)>, fill_from: usize, to: usize, region: Region| {
        for slot in &mut out[fill_from.max(from) - from..to - from] {
            slot.0 = region;
        }
    };
    for i in from..lines.len() {
        if i >= end {
            break;
        }
        // Past the lines changed, as the lines after them were read: the
        // reading goes on a while for the lines they give back.
        if settled == lines.len() && settle.is_some_and(|s| i >= s && i > 0) && in_table == lines[i - 1].table {
            settled = i;
            end = ahead(lines, i, REGION_REACH);
        }
        let kind = lines[i].kind;
        if matches!(kind, LineKind::Blank | LineKind::Noise) {
            out.push((if in_table { Region::Table } else { Region::Prose }, in_table));
            continue;
        }
        out.push((Region::Prose, in_table));
        if !in_table {
            if matches!(kind, LineKind::Table | LineKind::TableUnit) {
                in_table = true;
                out[i - from] = (Region::Table, true);
                // The title and headings just before the first row.
                let (mut taken, mut first) = (0, i);
                for j in (0..i).rev() {
                    match lines[j].kind {
                        LineKind::Blank | LineKind::Noise => continue,
                        LineKind::Fragment if taken < TABLE_PREAMBLE_LINES && is_marker(j).is_none() => {
                            taken += 1;
                            first = j;
                        }
                        _ => break,
                    }
                }
                give(&mut out, first, i, Region::Table);
            }
            continue;
        }
        let ends_table = match kind {
            // A note or a sentence-like cell with rows right after it: the
            // table goes on.
            LineKind::Text => !(rows_follow(lines, i) && is_marker(i).is_none() && !lines[i].figure_with_unit),
            LineKind::Fragment => match is_marker(i) {
                Some(0) => true,
                Some(_) => prose_follows(lines, i),
                None => false,
            },
            _ => is_marker(i) == Some(0),
        };
        if !ends_table {
            out[i - from] = (Region::Table, true);
            continue;
        }
        in_table = false;
        out[i - from] = (Region::Prose, false);
        if kind == LineKind::Text {
            // The start of the sentence, broken over fragment lines.
            let (mut given, mut first) = (0, i);
            for j in (0..i).rev() {
                match lines[j].kind {
                    LineKind::Blank | LineKind::Noise => continue,
                    LineKind::Fragment if given < TABLE_GIVE_BACK_LINES && !lines[j].code => {
                        given += 1;
                        first = j;
                    }
                    _ => break,
                }
            }
            give(&mut out, first, i, Region::Prose);
        }
    }
    (out, settled)
}

/// Do the table's rows go on within a few lines (a page's headings between)?
fn rows_follow(lines: &[Line], i: usize) -> bool {
    let mut seen = 0;
    for line in &lines[i + 1..] {
        match line.kind {
            LineKind::Blank | LineKind::Noise => continue,
            LineKind::Table => return true,
            LineKind::Text => return false,
            LineKind::Fragment | LineKind::TableUnit => {
                seen += 1;
                if seen > TABLE_PREAMBLE_LINES {
                    return false;
                }
            }
        }
    }
    false
}

/// Is there a sentence within the next few lines (before any table row)?
fn prose_follows(lines: &[Line], i: usize) -> bool {
    let mut seen = 0;
    for line in &lines[i + 1..] {
        match line.kind {
            LineKind::Blank | LineKind::Noise => continue,
            LineKind::Text => return true,
            LineKind::Table | LineKind::TableUnit => return false,
            LineKind::Fragment => {
                seen += 1;
                if seen >= HEADING_LOOKAHEAD_LINES {
                    return false;
                }
            }
        }
    }
    false
}

fn trim_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// The kind of a line (`t`: the line trimmed), and whether it has a figure
/// with its unit when that had to be found.
fn classify(line: &str, t: &str) -> (LineKind, Option<bool>) {
    if t.is_empty() {
        return (LineKind::Blank, None);
    }
    if is_page_number(t) {
        return (LineKind::Noise, None);
    }
    if memchr::memchr(b'\t', line.as_bytes()).is_some() || t.starts_with('|') {
        return (LineKind::Table, None);
    }
    let w = words_of(t);
    if w.bare_numbers >= 2 && !w.clause_mark {
        return (LineKind::Table, None);
    }
    if is_unit_line(t) {
        return (LineKind::TableUnit, None);
    }
    if w.sentence_end {
        return (LineKind::Text, None);
    }
    let figure_with_unit = w.digit && has_figure_with_unit(t);
    if figure_with_unit || w.longest_run > FRAGMENT_MAX_RUN {
        return (LineKind::Text, Some(figure_with_unit));
    }
    (LineKind::Fragment, Some(false))
}

/// What classifying a line asks of its characters, read in one pass.
#[derive(Debug, Default)]
struct Words {
    /// Words that are bare numbers (`2,306.18`, `-5`).
    bare_numbers: usize,
    /// A mark of a clause or a list: `，。；：、,;:`.
    clause_mark: bool,
    /// A sentence mark: `。`, `，`, `；`, `！`, `？` (a comma between digits is
    /// a thousands separator).
    sentence_end: bool,
    /// The longest run of characters without a space.
    longest_run: usize,
    /// An ASCII digit.
    digit: bool,
}

fn words_of(t: &str) -> Words {
    let b = t.as_bytes();
    let mut w = Words::default();
    // The word being read: its characters, whether it may be a bare number
    // (digits, `,` and `.`, after one leading `-`), and has a digit.
    let (mut run, mut bare, mut digits) = (0, true, false);
    let end_word = |w: &mut Words, run: &mut usize, bare: &mut bool, digits: &mut bool| {
        w.longest_run = w.longest_run.max(*run);
        if *run > 0 && *bare && *digits {
            w.bare_numbers += 1;
        }
        (*run, *bare, *digits) = (0, true, false);
    };
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        // A Chinese character of U+4000–U+9FFF (three bytes, the first E4
        // to E9), most of a line: neither a space, a digit nor a mark.
        if (0xE4..=0xE9).contains(&lead) {
            bare = false;
            run += 1;
            i += 3;
            continue;
        }
        let Some(c) = t.get(i..).and_then(|rest| rest.chars().next()) else { break };
        let at = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            end_word(&mut w, &mut run, &mut bare, &mut digits);
            continue;
        }
        match c {
            '0'..='9' => {
                digits = true;
                w.digit = true;
            }
            '.' => {}
            ',' => {
                w.clause_mark = true;
                w.sentence_end |= !(at > 0 && b[at - 1].is_ascii_digit() && b.get(at + 1).is_some_and(u8::is_ascii_digit));
            }
            '-' if run == 0 => {}
            _ => bare = false,
        }
        match c {
            '，' | '。' | '；' | ';' => {
                w.clause_mark = true;
                w.sentence_end = true;
            }
            '：' | '、' | ':' => w.clause_mark = true,
            '！' | '？' | '!' | '?' => w.sentence_end = true,
            _ => {}
        }
        run += 1;
    }
    end_word(&mut w, &mut run, &mut bare, &mut digits);
    w
}

/// `单位：万元`, `金额单位：元`, `（单位：万元）`.
fn is_unit_line(t: &str) -> bool {
    // Asked of most lines: the search is made once.
    static UNIT: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let w = "单位";
    UNIT.get_or_init(|| memchr::memmem::Finder::new(w)).find_iter(t.as_bytes()).any(|i| {
        let rest = t[i + w.len()..].trim_start_matches([' ', '\u{3000}', '*', '_']);
        let rest = rest.strip_prefix(['：', ':']).map(|r| r.trim_start_matches([' ', '\u{3000}', '*', '_']));
        rest.is_some_and(|r| vocab::UNITS.iter().any(|(u, unit)| unit.is_money() && r.starts_with(u)))
    })
}

/// A number followed by a unit of money or a percent sign: `2306.18 万元`, `5%`.
fn has_figure_with_unit(t: &str) -> bool {
    // Digits, `.` and `,` are ASCII: looked for byte by byte, they are
    // found at character boundaries.
    let mut rest = t;
    while let Some(p) = rest.bytes().position(|b| b.is_ascii_digit()) {
        let after = &rest[p..];
        let end = after.bytes().position(|b| !(b.is_ascii_digit() || b == b'.' || b == b',')).unwrap_or(after.len());
        let tail = after[end..].trim_start_matches([' ', '\u{3000}']);
        if tail.starts_with(['%', '％']) || vocab::UNITS.iter().any(|(u, unit)| unit.is_money() && tail.starts_with(u)) {
            return true;
        }
        rest = &after[end..];
    }
    false
}

/// Does the line start with an account code and a name (`2080505 机关…`,
/// `208 05 05 …`, `01 基本工资`)?
fn starts_with_code(line: &str) -> bool {
    let t = trim_line(line);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &t[digits..];
    (digits == 2 || digits == 3 || (5..=9).contains(&digits))
        && rest.starts_with(|c: char| c.is_whitespace() || !c.is_ascii())
        && rest.trim_start().starts_with(|c: char| !c.is_ascii() || c.is_ascii_digit())
        && !rest.trim_start().starts_with(['年', '月', '日', '%', '％', '元'])
        && !rest.trim_start().starts_with("万元")
}

/// `- 13 -`, `— 2 —`, `第 3 页`, `13`.
pub(crate) fn is_page_number(t: &str) -> bool {
    // `第 3 页，共 10 页`, `共10页 第3页`, `3/10`: short, with a digit.
    if t.len() > 40 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // Pages counted (`第 3 页`) or a fraction (`3/10`), or a bare number
    // between dashes.
    if t.contains(['页', '/', '／']) {
        if let Some(paged) = counted_pages(t) {
            return paged;
        }
    }
    let inner = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | ' '));
    let inner = inner.strip_prefix('第').and_then(|s| s.strip_suffix('页')).map(str::trim).unwrap_or(inner);
    inner.len() < t.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// `第 3 页，共 10 页`, `共10页 第3页`: true; `3/10`: whether it is a page
/// of as many; `None` when neither form.
fn counted_pages(t: &str) -> Option<bool> {
    let words: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let of_pages = |s: &str| {
        let s = s.trim_matches(|c: char| matches!(c, '，' | ',' | '/' | '／'));
        s.strip_prefix('第').and_then(|s| s.strip_suffix('页')).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            || s.strip_prefix('共').and_then(|s| s.strip_suffix('页')).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    if let Some(i) = words.char_indices().skip(1).find(|&(_, c)| c == '共' || c == '第').map(|(i, _)| i) {
        if of_pages(&words[..i]) && of_pages(&words[i..]) {
            return Some(true);
        }
    }
    if let Some((a, b)) = words.split_once(['/', '／']) {
        if !a.is_empty() && !b.is_empty() && a.len() <= 4 && b.len() <= 4 && (a.chars().chain(b.chars())).all(|c| c.is_ascii_digit()) && a.len() < words.len() {
            return Some(a.parse::<u32>().ok() <= b.parse::<u32>().ok());
        }
    }
    None
}

/// An ordinal marker at the start of a line.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    level: u8,
    ordinal: u32,
    start: usize,
    end: usize,
    /// The line before ended a sentence (or was a heading).
    after_break: bool,
}

/// The ordinal marker a line starts with, given the previous text line (and
/// whether it was a heading).
fn heading_of(line: &str, prev: Option<(&str, bool)>) -> Option<Candidate> {
    let lead = line.len() - line.trim_start_matches(is_heading_lead).len();
    let rest = &line[lead..];
    let (level, len) = marker(rest)?;
    let ordinal = ordinal(&rest[..len]);
    // Deep markers (`1.`, `（1）`) also appear inside a sentence broken over
    // lines; they start a heading only after a finished sentence or a heading.
    let after_break = match prev {
        None => true,
        Some((p, was_heading)) => {
            match p.trim_end().chars().last() {
                Some('，' | '、' | ',') => false,
                Some('。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?') => true,
                // After a title (a heading line with no clause in it).
                _ => (was_heading && !p.contains(['，', ','])) || level <= 2,
            }
        }
    };
    Some(Candidate { level, ordinal, start: lead, end: lead + len, after_break })
}

/// What may stand before a heading's marker: spaces, Markdown's `#` and `*`.
pub fn is_heading_lead(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '#' || c == '*'
}

/// The number a marker carries: `十二、` is 12, `（3）` is 3.
fn ordinal(marker: &str) -> u32 {
    let digits: String = marker.chars().filter(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse() {
        return n;
    }
    let value = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|v| v as u32);
    let mut total = 0;
    let mut current = 0;
    for c in marker.chars() {
        if c == '十' {
            total += current.max(1) * 10;
            current = 0;
        } else if let Some(v) = value(c) {
            current = v;
        }
    }
    total + current
}

/// Recognises an ordinal marker at the start of `s`: (level, byte length).
fn marker(s: &str) -> Option<(u8, usize)> {
    let first = s.chars().next()?;
    let could_be = first == '第' || matches!(first, '（' | '(') || first.is_ascii_digit() || ('０'..='９').contains(&first) || ('①'..='⑳').contains(&first) || vocab::is_chinese_numeral(first);
    if !could_be {
        return None;
    }
    let mut buf = [(0, '\0'); 8];
    let mut n = 0;
    for (slot, c) in buf.iter_mut().zip(s.char_indices()) {
        *slot = c;
        n += 1;
    }
    let chars = &buf[..n];
    let end_at = |k: usize| chars.get(k).map_or(s.len(), |&(i, _)| i);
    let is_cn = vocab::is_chinese_numeral;
    let first = chars.first()?.1;
    // 第一部分 / 第一章
    if first == '第' {
        let n = chars[1..].iter().take_while(|&&(_, c)| is_cn(c) || c.is_ascii_digit()).count();
        let tail = |k: usize| chars.get(1 + n + k).map(|&(_, c)| c);
        let part = tail(0) == Some('部') && tail(1) == Some('分');
        if n > 0 && (part || tail(0) == Some('章')) {
            let len = if part { 2 } else { 1 };
            return Some((0, end_at(1 + n + len)));
        }
        return None;
    }
    // 一、
    let n = chars.iter().take_while(|&&(_, c)| is_cn(c)).count();
    if n > 0 && n <= 3 && matches!(chars.get(n).map(|c| c.1), Some('、' | '．' | '.')) {
        return Some((1, end_at(n + 1)));
    }
    // （一） / （1）
    if matches!(first, '（' | '(') {
        let n = chars[1..].iter().take_while(|&&(_, c)| is_cn(c)).count();
        let d = chars[1..].iter().take_while(|&&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c)).count();
        let (count, level) = if n > 0 { (n, 2) } else { (d, 4) };
        if count > 0 && count <= 3 && matches!(chars.get(1 + count).map(|c| c.1), Some('）' | ')')) {
            return Some((level, end_at(count + 2)));
        }
        return None;
    }
    // 1. / 1、 / 1．, not 47.26 ; 1） too
    let d = chars.iter().take_while(|&&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c)).count();
    if d > 0 && d <= 2 {
        let sep = chars.get(d).map(|c| c.1);
        let next = chars.get(d + 1).map(|c| c.1);
        let digit_next = next.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        match sep {
            Some('.' | '．' | '、') if !digit_next => return Some((3, end_at(d + 1))),
            Some('）' | ')') => return Some((5, end_at(d + 1))),
            _ => {}
        }
    }
    if ('①'..='⑳').contains(&first) {
        return Some((5, end_at(1)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(text: &str) -> Vec<(BlockKind, Option<u8>, String)> {
        split_blocks(text)
            .into_iter()
            .map(|b| (b.kind, b.heading.map(|h| h.level), text[b.span.range()].trim().to_string()))
            .collect()
    }

    #[test]
    fn headings_start_blocks() {
        let blocks = kinds("一、收入预算\n\n（一）总计 5 万元。包括：\n1．本年 5 万元。\n（1）拨款 5 万元。\n");
        let levels: Vec<_> = blocks.iter().map(|b| b.1).collect();
        assert_eq!(levels, vec![Some(1), Some(2), Some(3), Some(4)]);
    }

    #[test]
    fn numbers_at_line_start_are_not_headings_mid_sentence() {
        let blocks = kinds("（一）基本支出增加 46.12 万元，\n2.项目支出减少 183 万元。\n47.26 万元。");
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn table_rows_form_their_own_blocks() {
        let blocks = kinds("说明 5 万元。\n合计 2,306.18 512.4 1793.78\n208 社保 75.31 75.31\n下文。");
        let k: Vec<_> = blocks.iter().map(|b| b.0).collect();
        assert_eq!(k, vec![BlockKind::Prose, BlockKind::Table, BlockKind::Prose]);
    }

    #[test]
    fn a_table_takes_its_title_headings_and_broken_rows() {
        let text = "第二部分 部门预算表\n\n部门公开表5\n一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计\n合计 5.00 5.00\n2080505 机关事业单位基本养老保险缴费\n支出\n\n5.00 5.00\n- 7 -\n一般公共预算支出表\n单位：万元\n14 医疗费\n第三部分 情况说明\n";
        let blocks = kinds(text);
        let k: Vec<_> = blocks.iter().map(|b| (b.0, b.1)).collect();
        assert_eq!(k, vec![(BlockKind::Prose, Some(0)), (BlockKind::Table, None), (BlockKind::Prose, Some(0))]);
        assert!(blocks[1].2.starts_with("部门公开表5") && blocks[1].2.ends_with("14 医疗费"));
    }

    #[test]
    fn numbered_rows_stay_in_the_table_and_a_heading_with_prose_ends_it() {
        let text = "收支总表\n单位：万元\n一、一般公共预算拨款收入 5.00 一、一般公共服务支出\n二、事业收入 二、外交支出\n收入总计 5.00 支出总计 5.00\n一、关于收支预算的\n总体说明\n本部门收支总预算 5 万元，比上年增加 1 万元。\n";
        let blocks = kinds(text);
        let k: Vec<_> = blocks.iter().map(|b| (b.0, b.1)).collect();
        assert_eq!(k, vec![(BlockKind::Table, None), (BlockKind::Prose, Some(1))]);
        assert!(blocks[0].2.ends_with("支出总计 5.00"));
    }

    #[test]
    fn a_note_inside_a_table_does_not_end_it() {
        let text = "科目编码 科目名称 合计\n合计 5.00 5.00\n301 工资福利支出 5.00 5.00\n注：本页金额为财政拨款，单位为万元。\n\n基本支出表\n单位：万元\n科目编码 科目名称 合计\n01 基本工资 5.00 5.00\n";
        assert_eq!(kinds(text).len(), 1);
        // A heading, or a sentence with its figures, is prose.
        let text = "合计 5.00 5.00\n（二）项目支出情况。\n基本支出表\n01 基本工资 5.00 5.00\n";
        assert_eq!(kinds(text).len(), 3);
    }

    #[test]
    fn prose_after_a_table_takes_back_its_first_lines() {
        let text = "合计 2,306.18 512.40\n208 社保 75.31 75.31\n本部门 2025 年财政拨款收支总预算\n2306.18 万元，比上年增加 3 万元。\n";
        let blocks = kinds(text);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[1].2.starts_with("本部门 2025 年"));
    }

    #[test]
    fn page_numbers_are_noise() {
        let blocks = split_blocks("甲 1 万元，\n- 13 -\n乙。");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].noise().len(), 1);
        assert!(is_page_number("第 3 页，共 10 页"));
        assert!(is_page_number("共10页 第3页"));
        assert!(is_page_number("3/10"));
        assert!(!is_page_number("第3批"));
        assert!(!is_page_number("2025/1"));
    }

    #[test]
    fn the_next_number_in_sequence_is_a_heading_even_after_an_unfinished_line() {
        let blocks = kinds("1.甲（项）年初预算 1 万元，增加\n\n2.乙（项）年初预算 2 万元。");
        assert_eq!(blocks.len(), 2);
        let blocks = split_blocks("（一）甲 1 万元，增加\n\n3.乙（项）2 万元。");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].doubtful_markers(), [3]);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("十二、"), 12);
        assert_eq!(ordinal("（三）"), 3);
        assert_eq!(ordinal("二十、"), 20);
        assert_eq!(ordinal("（14）"), 14);
    }

    #[test]
    fn markers() {
        assert_eq!(marker("第二部分 说明"), Some((0, "第二部分".len())));
        assert_eq!(marker("十二、说明"), Some((1, "十二、".len())));
        assert_eq!(marker("(三) 卫生"), Some((2, "(三)".len())));
        assert_eq!(marker("（3）卫生"), Some((4, "（3）".len())));
        assert_eq!(marker("10、卫生"), Some((3, "10、".len())));
        assert_eq!(marker("47.26 万元"), None);
        assert_eq!(marker("2025 年"), None);
        assert_eq!(marker("一是人员"), None);
    }

    /// Pieces that make and break lines, tables and headings.
    const PIECES: &[&str] = &["\n", "\r", "\r\n", "\n\n", "一、", "（二）", "3.", "甲 5 万元。", "合计 1.00 2.00", "\t", "单位：万元", "- 3 -", "，", "𠮷", "第二部分"];

    fn text_of(pieces: &[usize]) -> String {
        pieces.iter().map(|&p| PIECES[p % PIECES.len()]).collect()
    }

    proptest! {
        /// Lines kept across any edits, and the blocks split from them,
        /// equal those read afresh.
        #[test]
        fn lines_follow_edits(start in prop::collection::vec(0usize..100, 0..40), edits in prop::collection::vec((0usize..400, 0usize..20, prop::collection::vec(0usize..100, 0..4)), 1..12)) {
            follow_edits(&start, &edits)?;
        }

        /// The same in longer texts, where the lines and blocks read again
        /// are a few of many.
        #[test]
        fn lines_follow_edits_in_long_texts(start in prop::collection::vec(0usize..100, 200..600), edits in prop::collection::vec((0usize..4000, 0usize..12, prop::collection::vec(0usize..100, 0..3)), 1..8)) {
            follow_edits(&start, &edits)?;
        }
    }

    /// Checks that lines and blocks kept across `edits` (where, how many
    /// bytes deleted, which pieces inserted) equal those read afresh, and
    /// that those outside the changes they report are the old ones.
    fn follow_edits(start: &[usize], edits: &[(usize, usize, Vec<usize>)]) -> Result<(), TestCaseError> {
        {
            let mut text = text_of(start);
            let mut lines = Lines::new(&text);
            let mut blocks = split_blocks(&text);
            for (at, delete, insert) in edits {
                let (at, delete) = (*at, *delete);
                let at = floor(&text, at % (text.len() + 1));
                let end = floor(&text, (at + delete).min(text.len()));
                let insert = text_of(insert);
                let old = text.clone();
                text.replace_range(at..end, &insert);
                let change = lines.edit(&text, Change { start: at, old_end: end, new_end: at + insert.len() });
                let fresh = Lines::new(&text);
                prop_assert_eq!(&lines, &fresh);
                // The lines outside the change are the old ones (moved).
                let old_lines = Lines::new(&old);
                let by = insert.len() as isize - (end - at) as isize;
                // (Whether a table was open after them is for reading regions only.)
                let split_as = |l: &Line, by: isize| Line { start: l.start.wrapping_add_signed(by), table: false, ..*l };
                for (n, o) in fresh.lines[..change.first].iter().zip(&old_lines.lines[..change.first]) {
                    prop_assert_eq!(split_as(n, 0), split_as(o, 0));
                }
                prop_assert_eq!(fresh.lines.len() - change.new_end, old_lines.lines.len() - change.old_end);
                for (n, o) in fresh.lines[change.new_end..].iter().zip(&old_lines.lines[change.old_end..]) {
                    prop_assert_eq!(split_as(n, 0), split_as(o, by));
                }
                let split = split_blocks(&text);
                prop_assert_eq!(lines.blocks(&text), split.clone());
                let (after, edited) = lines.blocks_after(&text, &blocks, change, by);
                prop_assert_eq!(&after, &split);
                prop_assert_eq!(&after[..edited.start], &blocks[..edited.start]);
                prop_assert_eq!(after.len() - edited.new_end, blocks.len() - edited.old_end);
                for (n, o) in after[edited.new_end..].iter().zip(&blocks[edited.old_end..]) {
                    prop_assert_eq!(n, &o.moved(by));
                }
                blocks = after;
            }
        }
        Ok(())
    }

    fn floor(text: &str, mut at: usize) -> usize {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}
