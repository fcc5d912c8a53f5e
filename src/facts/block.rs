//! The facts of one block, from its text alone.
//!
//! Figures are classified by the words before them (amount, change, rate,
//! share), then tied together: a change to the amount it follows, a rate to
//! its change, a share to its part, the items of a list to their total. Spans
//! and ids here are local to the block; [`Facts`](super::Facts) shifts them.

use std::borrow::Cow;
use std::collections::HashMap;

use super::scan::{scan, Token};
use super::{ChangeStatement, ChangeValue, CompletionStatement, Direction, Facts, Figure, FigureId, List, ListOrigin, Measure, MissingFigure, Period, RateValue, Reading, ReadingKind, Restatement, ShareSet, ShareStatement, Unit};
use crate::text::{logical_text, Logical, Span};
use crate::vocab::{self, CueKind};

/// Everything found in one block; spans relative to the block's start.
#[derive(Debug, Clone, Default)]
pub struct BlockFacts {
    /// The block's figures and the relations among them, as the facts of
    /// the block's text alone (its section lists and ties are the
    /// document's).
    pub facts: Facts,
    /// The first amount of the block's first sentence: what a numbered
    /// section states as its own figure.
    pub lead: Option<FigureId>,
    /// Does the lead name a total (`合计`…) that none of the block's lists
    /// sums? Then the block's numbered subsections may.
    pub lead_total: bool,
    /// A list cue that ends the block with no items after it: the items are
    /// the subsections that follow (`…86.4万元。其中：` then `1.` `2.`).
    pub open_list: Option<OpenList>,
    /// A headed prose block's title (see [`block_title`]).
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct OpenList {
    pub cue: CueKind,
    pub cue_span: Span,
    pub total: FigureId,
}

/// Analyses the prose of a block. `skip` lists byte ranges of `source` that
/// are not prose (the heading's ordinal, page numbers); a `headed` block
/// gets its title too.
pub fn analyze_block(source: &str, skip: &[(usize, usize)], headed: bool) -> BlockFacts {
    // Prose with no digit, percent sign or 万元 states no figure, present or missing.
    let may_state_figures = source.bytes().any(|b| b.is_ascii_digit() || b == b'%')
        || source.contains(['０', '１', '２', '３', '４', '５', '６', '７', '８', '９', '％', '万', '萬']);
    if !may_state_figures {
        let title = if headed { block_title(source, skip) } else { None };
        return BlockFacts { title, ..BlockFacts::default() };
    }
    let logical = logical_text(source, skip);
    let title_end = title_end(source, &logical);
    let mut facts = Extractor::new(&logical, title_end, paragraph_starts(source, &logical)).run();
    if headed {
        facts.title = title_in(&logical.text);
    }
    facts
}

/// Where the paragraphs after the first begin, in logical offsets: after
/// each blank line of the source. A block runs from one heading to the
/// next, and may hold several paragraphs, often of different subjects.
fn paragraph_starts(source: &str, logical: &Logical) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    // After a blank line that follows a sentence's end: a PDF's text has
    // blank lines inside sentences too.
    let (mut blank, mut ended) = (false, false);
    for line in crate::text::lines_inclusive(source) {
        let text = line.trim();
        if text.is_empty() {
            blank = ended;
        } else {
            if blank {
                out.push(logical.logical_offset(at));
            }
            blank = false;
            ended = text.ends_with(vocab::SENTENCE_END);
        }
        at += line.len();
    }
    out
}

/// A headed block's title: its logical text up to the first sentence or
/// clause mark, title ending (`说明`, `情况`…) or figure, years left out:
/// `关于某局部门收支预算情况`, `住房改革支出（款）住房公积金（项）年初预算`.
pub fn block_title(source: &str, skip: &[(usize, usize)]) -> Option<String> {
    let mut end = source.len().min(TITLE_LONGEST);
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    // The title ends at the first sentence or clause mark at the latest.
    let marks = |c: char| vocab::SENTENCE_END.contains(&c) || (vocab::CLAUSE_END.contains(&c) && c != '、');
    end = source[..end].find(marks).unwrap_or(end);
    let skip: Vec<(usize, usize)> = skip.iter().filter(|s| s.0 < end).map(|&(s, e)| (s, e.min(end))).collect();
    title_in(&logical_text(&source[..end], &skip).text)
}

/// The most items a total after them is read over (a longer run is no list).
const TRAILING_ITEMS_MOST: usize = 32;

/// How many sentences before or after a known breakdown's total its parts
/// may be stated in.
const BREAKDOWN_SENTENCES: usize = 2;

/// The longest words (in characters) before a cue that name its list.
const NAMED_CUE_LONGEST: usize = 8;

/// Titles are cut at this many bytes.
const TITLE_LONGEST: usize = 400;

/// The title at the start of a block's logical text (see [`block_title`]).
fn title_in(logical: &str) -> Option<String> {
    // Grown once, not character by character.
    let mut title = String::with_capacity(logical.len().min(TITLE_LONGEST + 4));
    let mut chars = logical.trim().chars().peekable();
    while let Some(c) = chars.next() {
        // A Chinese character of U+4000–U+9FFF, most of a title, is no
        // mark, digit nor space.
        if crate::text::is_common_han(c) {
            title.push(c);
        } else if vocab::SENTENCE_END.contains(&c) || (vocab::CLAUSE_END.contains(&c) && c != '、') {
            break;
        } else if c.is_ascii_digit() {
            let mut digits = 1;
            while chars.next_if(char::is_ascii_digit).is_some() {
                digits += 1;
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if digits != 4 || chars.next_if_eq(&'年').is_none() {
                break;
            }
            chars.next_if_eq(&'度');
            continue;
        } else if !c.is_whitespace() {
            title.push(c);
        }
        if title.len() >= TITLE_LONGEST {
            break;
        }
        // Only a character that ends a title ending can end one.
        if title_ending_lasts().contains(&c) && vocab::ends_with_any(&title, vocab::TITLE_ENDINGS).is_some() {
            break;
        }
    }
    (!title.is_empty()).then_some(title)
}

/// The last characters of the title endings.
fn title_ending_lasts() -> &'static [char] {
    static LASTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    LASTS.get_or_init(|| vocab::TITLE_ENDINGS.iter().filter_map(|e| e.chars().next_back()).collect())
}

/// Where a block's first line ends in the logical text, when that line is a
/// title (`一、支出预算情况说明`) rather than the start of a sentence.
fn title_end(source: &str, logical: &Logical) -> Option<usize> {
    let end = logical.logical_offset(source.find(['\n', '\r']).unwrap_or(source.len()));
    let line = logical.text[..end].trim_end();
    let titled = vocab::ends_with_any(line, vocab::TITLE_ENDINGS).is_some() && !line.contains(|c: char| c.is_ascii_digit() || matches!(c, '，' | '。'));
    titled.then_some(end)
}

struct Extractor<'a> {
    l: &'a Logical,
    t: &'a str,
    tokens: Vec<Token>,
    /// Start of the sentence each logical byte belongs to.
    sentence_starts: Vec<usize>,
    /// Offsets just past each clause or sentence mark, and past each such
    /// mark other than `、`.
    clause_starts: Vec<usize>,
    subject_starts: Vec<usize>,
    /// List cues: (offset, length, kind).
    cues: Vec<(usize, usize, CueKind)>,
    /// Where parentheses open and close, with the depth after each.
    parens: Vec<(usize, u32)>,
    /// Where paragraphs after the first begin (after a blank line).
    paragraph_starts: Vec<usize>,
    /// Where each `；` or `;` is, once a cue asks.
    semicolons: std::cell::OnceCell<Vec<usize>>,
    out: BlockFacts,
    change_of: Vec<Option<usize>>,
    rate_of_change: Vec<bool>,
    /// The words before each figure (logical range).
    leads: Vec<(usize, usize)>,
    /// The share statement each figure is the part of, once shares are read.
    share_of: Vec<Option<usize>>,
    /// Is each figure last year's amount inside a comparison (`较2020年的
    /// 147 万元`, `由 X 万元增加到`)?
    base: Vec<bool>,
}

impl<'a> Extractor<'a> {
    fn new(l: &'a Logical, title_end: Option<usize>, paragraph_starts: Vec<usize>) -> Self {
        let t = l.text.as_str();
        let (mut sentence_starts, mut clause_starts, mut subject_starts) = (vec![0], vec![0], vec![0]);
        let title_end = title_end.filter(|&e| e > 0 && e < t.len());
        // Where parentheses open and close: (offset, depth after it).
        let (mut depth, mut parens) = (0u32, Vec::new());
        // Marks are never Chinese characters.
        for (i, c) in crate::text::chars_but_han(t) {
            match c {
                '（' | '(' | '[' | '【' => {
                    depth += 1;
                    parens.push((i, depth));
                    continue;
                }
                '）' | ')' | ']' | '】' if depth > 0 => {
                    depth -= 1;
                    parens.push((i, depth));
                    continue;
                }
                _ => {}
            }
            let sentence = vocab::SENTENCE_END.contains(&c);
            if sentence {
                sentence_starts.push(i + c.len_utf8());
            }
            if sentence || vocab::CLAUSE_END.contains(&c) {
                clause_starts.push(i + c.len_utf8());
                if c != '、' {
                    subject_starts.push(i + c.len_utf8());
                }
            }
        }
        if let Some(end) = title_end {
            for starts in [&mut sentence_starts, &mut clause_starts, &mut subject_starts] {
                starts.push(end);
                starts.sort_unstable();
            }
        }
        Extractor {
            l,
            t,
            tokens: scan(t),
            sentence_starts,
            clause_starts,
            subject_starts,
            cues: find_cues(t),
            parens,
            paragraph_starts,
            semicolons: std::cell::OnceCell::new(),
            out: BlockFacts::default(),
            change_of: Vec::new(),
            rate_of_change: Vec::new(),
            leads: Vec::new(),
            base: Vec::new(),
            share_of: Vec::new(),
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let (s, e) = self.l.source_range(start, end);
        Span::new(s, e)
    }

    /// The paragraph holding `pos`: 0 for the first.
    fn paragraph(&self, pos: usize) -> usize {
        self.paragraph_starts.partition_point(|&s| s <= pos)
    }

    fn sentence(&self, pos: usize) -> usize {
        self.sentence_starts.partition_point(|&s| s <= pos) - 1
    }

    /// Where sentence `s` ends: where the next begins, or the text's end.
    fn sentence_end(&self, s: usize) -> usize {
        self.sentence_starts.get(s + 1).copied().unwrap_or(self.t.len())
    }

    /// Where the first of `words` to end in sentence `s` ends: the words
    /// before byte `at` of the sentence hold one of them when it ends at
    /// `at` or before.
    fn first_word_end(&self, s: usize, words: &[&str]) -> Option<usize> {
        let start = self.sentence_starts[s];
        let sentence = &self.t[start..self.sentence_end(s)];
        words.iter().filter_map(|w| vocab::find(sentence, w).map(|i| start + i + w.len())).min()
    }

    /// Start of the clause holding `pos`: after the last clause or sentence mark.
    fn clause_start(&self, pos: usize) -> usize {
        last_at_or_before(&self.clause_starts, pos)
    }

    fn run(mut self) -> BlockFacts {
        self.classify();
        self.change_of = vec![None; self.out.facts.figures.len()];
        self.rate_of_change = vec![false; self.out.facts.figures.len()];
        self.attach_paired_changes();
        self.attach_changes();
        self.attach_differences();
        self.attach_unchanged();
        self.attach_rates();
        self.attach_implied();
        self.attach_averages();
        self.attach_points();
        self.attach_shares();
        self.attach_share_sets();
        self.share_of = vec![None; self.tokens.len()];
        for (i, s) in self.out.facts.shares.iter().enumerate() {
            self.share_of[s.part].get_or_insert(i);
        }
        self.lists();
        self.known_breakdowns();
        self.trailing_totals();
        self.list_total_readings();
        self.completions();
        self.restatements();
        self.missing();
        self.out.lead = self.lead();
        let facts = &self.out.facts;
        self.out.lead_total = self.out.lead.is_some_and(|k| super::is_total(&facts.figures[k].subject) && !facts.lists.iter().any(|l| l.total == k));
        self.out
    }

    /// Start of the words naming what the figure at `pos` is about: like a
    /// clause, but `、` joins names (`收入、支出预算总计`).
    fn subject_start(&self, pos: usize) -> usize {
        last_at_or_before(&self.subject_starts, pos)
    }

    /// Parenthesis depth at a logical offset: 1 inside `（其中：…）`.
    fn depth(&self, pos: usize) -> u32 {
        let i = self.parens.partition_point(|&(at, _)| at <= pos);
        i.checked_sub(1).map_or(0, |i| self.parens[i].1)
    }

    /// Where the parenthesis holding `pos` closes (the text's end if never).
    fn paren_close(&self, pos: usize) -> usize {
        let d = self.depth(pos);
        if d == 0 {
            return self.t.len();
        }
        let from = self.parens.partition_point(|&(at, _)| at <= pos);
        self.parens[from..].iter().find(|&&(_, depth)| depth < d).map_or(self.t.len(), |&(at, _)| at)
    }

    /// Tokens starting in `[from, to)`.
    fn tokens_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let a = self.tokens.partition_point(|t| t.start < from);
        let b = self.tokens.partition_point(|t| t.start < to);
        a..b.max(a)
    }

    fn classify(&mut self) {
        let mut prev_end = 0;
        for k in 0..self.tokens.len() {
            let tok = self.tokens[k].clone();
            let from = self.subject_start(tok.start).max(prev_end);
            self.leads.push((from, tok.start));
            let lead = self.t[from..tok.start].trim();
            // Last year's figure inside a comparison (`较2020年的 147 万元`)
            // is an amount of last year, about what the sentence is about.
            let after_base = k > 0 && self.base[k - 1] && from == prev_end;
            let (measure, mut subject) = classify(lead, tok.unit, after_base);
            let money = tok.unit.is_none_or(Unit::is_money) && matches!(measure, Measure::Amount | Measure::Other);
            let base = money && (vocab::is_comparison_base(lead) || vocab::is_from_figure(lead, &self.t[tok.end..]));
            // The year's budget inside a comparison (`比年初预算 8 万元节约…`)
            // is this year's figure, under its own name.
            let budget_base = base && vocab::mentions_budget(lead);
            if base && !budget_base {
                let same_sentence = self.sentence_starts[self.sentence(tok.start)];
                let named = (0..k).rev().take_while(|&j| self.tokens[j].start >= same_sentence).find(|&j| !self.base[j] && self.out.facts.figures[j].measure == Measure::Amount);
                subject = named.map_or(subject, |j| self.out.facts.figures[j].subject.to_string());
            }
            self.base.push(base);
            let measure = if base { Measure::Amount } else { measure };
            let period = if (base && !budget_base) || vocab::is_prior_period(&subject) { Period::Prior } else { Period::Current };
            let figure = Figure {
                span: self.span(tok.start, tok.end),
                number: self.span(tok.start, tok.number_end),
                value: tok.value,
                scale: tok.scale,
                unit: tok.unit,
                measure,
                subject: super::intern(&subject),
                period,
            };
            self.out.facts.figures.push(figure);
            prev_end = tok.end;
        }
    }

    fn measure(&self, id: FigureId) -> Measure {
        self.out.facts.figures[id].measure
    }

    /// Is there a list cue in the logical range? A cue followed by words
    /// only (`主要用于人员工资。`) lists nothing.
    fn has_cue(&self, from: usize, to: usize) -> bool {
        let i = self.cues.partition_point(|c| c.0 < from);
        self.cues[i..].iter().take_while(|c| c.0 + c.1 <= to).any(|c| self.cue_has_figures(c.0 + c.1))
    }

    /// The amount a change phrase at token `k` is about, if it is the one just before it.
    fn anchor_amount(&self, k: usize, lead_has_subject: bool, has_marker: bool) -> Option<FigureId> {
        // A parenthesised breakdown between an amount and its change is skipped.
        let depth = self.depth(self.tokens[k].start);
        let prev = (0..k).rev().take(16).find(|&j| self.depth(self.tokens[j].start) <= depth)?;
        let (sp, sk) = (self.sentence(self.tokens[prev].start), self.sentence(self.tokens[k].start));
        // `N 万元。与上年相比，收、支总计各增加 D 万元`: a sentence of its own
        // that names the amount's subject again.
        if sp + 1 == sk && lead_has_subject {
            if let Some(a) = self.restated(prev, k) {
                return Some(a);
            }
        }
        if self.measure(prev) != Measure::Amount || self.change_of[prev].is_some() {
            return None;
        }
        if (!has_marker && lead_has_subject) || self.has_cue(self.tokens[prev].end, self.tokens[k].start) {
            return None;
        }
        if sp == sk {
            return Some(prev);
        }
        let first_clause_of_sentence = self.clause_start(self.tokens[k].start) <= self.sentence_starts[sk];
        if sp + 1 != sk || !first_clause_of_sentence || lead_has_subject {
            return None;
        }
        // A sentence that was a list: the change is about its total.
        match self.list_of(prev) {
            None => Some(prev),
            Some(total) => total.filter(|&t| self.change_of[t].is_none()),
        }
    }

    /// If the amount `a` is an item of a list its sentence opens before it,
    /// that list's total (`Some(None)` when the list states none).
    fn list_of(&self, a: usize) -> Option<Option<usize>> {
        let sentence_start = self.sentence_starts[self.sentence(self.tokens[a].start)];
        let &(cue, _, _) = self.cues.get(self.cues.partition_point(|c| c.0 < sentence_start)).filter(|c| c.0 + c.1 <= self.tokens[a].start)?;
        Some(self.tokens_in(sentence_start, cue).rev().find(|&j| self.tokens[j].end <= cue && self.measure(j) == Measure::Amount))
    }

    /// The amount of the sentence before that the change at token `k`
    /// names again, when `k` opens its sentence with a comparison and its
    /// own subject and `prev`, the figure before it, ends that sentence:
    /// `…2,288.95 万元，占 93.23%。与上年相比，财政拨款支出减少 D 万元`.
    ///
    /// The amount is `prev`, or the amount a share `prev` is of; when that
    /// amount is an item of a list, the list's total is a candidate too. The
    /// change's subject, without its total and pairing words (`总计各`),
    /// must be a candidate's, or stand in it; an item only when it is its
    /// own (`收入合计减少` is not about `其他收入`).
    fn restated(&self, prev: usize, k: usize) -> Option<usize> {
        let sentence_start = self.sentence_starts[self.sentence(self.tokens[k].start)];
        let opening = &self.t[sentence_start..self.leads[k].0];
        let opening = opening.trim_matches(|c: char| c == ' ' || vocab::CLAUSE_END.contains(&c));
        if !vocab::mentions_last_year(opening) || !self.tokens_in(self.tokens[prev].end, self.tokens[k].start).is_empty() {
            return None;
        }
        let core = vocab::subject_core(&self.out.facts.figures[k].subject);
        if core.chars().count() < 2 {
            return None;
        }
        let amount = self.amount_of_shares(prev)?;
        let list = self.list_of(amount);
        let total = list.flatten();
        let core_of = |j: usize| vocab::subject_core(&self.out.facts.figures[j].subject);
        let free = |j: usize| self.change_of[j].is_none();
        let candidates = [Some(amount), total];
        let own = candidates.into_iter().flatten().find(|&j| core_of(j) == core);
        let within = || match list {
            Some(Some(t)) => core_of(t).contains(core).then_some(t),
            None => core_of(amount).contains(core).then_some(amount),
            Some(None) => None,
        };
        own.or_else(within).filter(|&j| free(j))
    }

    /// The amount `j` is, or, when `j` is a share (`占 93.23%`), the
    /// amount the shares just after it in its sentence are of.
    fn amount_of_shares(&self, j: usize) -> Option<usize> {
        let mut a = j;
        while self.measure(a) == Measure::Share {
            a = self.previous_in_sentence(a)?;
        }
        (self.measure(a) == Measure::Amount).then_some(a)
    }

    /// Is figure `k` last year's amount: inside a comparison (`较上年的
    /// X 万元`), or named so (`上年决算数 X 万元`, `上年同期为 X 万元`)?
    fn is_prior(&self, k: usize) -> bool {
        self.base[k] || (self.measure(k) == Measure::Amount && vocab::names_last_year_amount(&self.out.facts.figures[k].subject))
    }

    /// The token before `k` in its sentence, at its parenthesis depth or
    /// above, with no list cue between.
    fn previous_in_sentence(&self, k: usize) -> Option<usize> {
        let depth = self.depth(self.tokens[k].start);
        let p = (0..k).rev().take(16).find(|&j| self.depth(self.tokens[j].start) <= depth)?;
        let same = self.sentence(self.tokens[p].start) == self.sentence(self.tokens[k].start);
        (same && !self.has_cue(self.tokens[p].end, self.tokens[k].start)).then_some(p)
    }

    /// This year's amount before figure `p` (last year's, a rate or a
    /// share): the amount just before it in its sentence, not last year's
    /// and not itself tied to a change.
    fn amount_before(&self, p: usize) -> Option<usize> {
        let a = self.previous_in_sentence(p)?;
        (self.measure(a) == Measure::Amount && !self.is_prior(a) && self.change_of[a].is_none() && self.tokens[a].unit.is_some()).then_some(a)
    }

    /// An amount stated earlier in the sentence for the same subject (its
    /// year aside): `2023年经费支出 22.6 万元，2022年经费支出 25.1 万元`.
    fn same_subject_before(&self, a: usize) -> Option<usize> {
        let p = self.previous_in_sentence(a)?;
        let subject = |k: usize| vocab::after_year(&self.out.facts.figures[k].subject);
        let same = self.measure(p) == Measure::Amount && !subject(a).is_empty() && subject(p) == subject(a) && self.tokens[p].unit == self.tokens[a].unit;
        same.then_some(p)
    }

    /// The budget of the final figure `a`, stated before it in its
    /// sentence: `年初预算为 B 万元，支出决算为 A 万元`, `预算金额 B 万元，实际采购金额
    /// A 万元`. Funds named `…预算` (`一般公共预算`) are not a budget.
    fn budget_before(&self, a: usize) -> Option<usize> {
        if self.names_budget(a) {
            return None;
        }
        let sentence_start = self.sentence_starts[self.sentence(self.tokens[a].start)];
        let unit = self.tokens[a].unit;
        self.tokens_in(sentence_start, self.tokens[a].start)
            .rev()
            .find(|&k| self.measure(k) == Measure::Amount && self.change_of[k].is_none() && self.tokens[k].unit == unit && self.names_budget(k))
    }

    /// Do the words before figure `k` name a budget (`年初预算为`, `预算金额`),
    /// not a final figure nor funds (`一般公共预算`)?
    fn names_budget(&self, k: usize) -> bool {
        vocab::names_budget(&vocab::strip_funds(&self.t[self.leads[k].0..self.leads[k].1]))
    }

    /// `支出 A 万元，年初预算为 B 万元，差值为 D 万元`: a difference with no
    /// direction between a final figure and its budget, stated in either
    /// order before it. It is read as the change from the budget in the
    /// direction the two figures give (a `差值` has none of its own).
    fn attach_differences(&mut self) {
        for k in 0..self.tokens.len() {
            if self.measure(k) != Measure::Amount || self.change_of[k].is_some() || vocab::record_measure(&self.out.facts.figures[k].subject) != vocab::RecordMeasure::Difference {
                continue;
            }
            let Some(p) = self.previous_in_sentence(k) else { continue };
            let Some(q) = self.previous_in_sentence(p) else { continue };
            let money = |j: usize| self.measure(j) == Measure::Amount && self.change_of[j].is_none() && self.tokens[j].unit == self.tokens[k].unit;
            if !money(p) || !money(q) {
                continue;
            }
            let (actual, budget) = match (self.names_budget(q), self.names_budget(p)) {
                (false, true) => (q, p),
                (true, false) => (p, q),
                _ => continue,
            };
            let dir = if self.out.facts.figures[actual].value >= self.out.facts.figures[budget].value { Direction::Up } else { Direction::Down };
            let id = self.out.facts.changes.len();
            for f in [actual, budget, k] {
                self.change_of[f] = Some(id);
            }
            self.out.facts.figures[k].measure = Measure::Change(dir);
            self.out.facts.changes.push(ChangeStatement { amount: Some(actual), prior: Some(budget), change: ChangeValue::Stated(k), rate: None, alternatives: Vec::new(), budget: true });
        }
    }

    /// Runs of figures one enumeration long (`a、b 万元`, `x%、y%`) whose
    /// words pair them in order (`各是`, `分别为`, `各增加`, `分别增长`).
    fn paired_runs(&self) -> Vec<Vec<usize>> {
        let mut runs = Vec::new();
        let mut k = 0;
        while k < self.tokens.len() {
            let lead = &self.t[self.subject_start(self.tokens[k].start)..self.tokens[k].start];
            if !vocab::contains_any(lead, vocab::PAIRING_WORDS) || (k > 0 && self.listed_together(k - 1, k)) {
                k += 1;
                continue;
            }
            let mut run = vec![k];
            while let Some(n) = run.last().map(|&l| l + 1).filter(|&n| n < self.tokens.len() && self.listed_together(n - 1, n)) {
                run.push(n);
            }
            k += run.len();
            if run.len() >= 2 {
                runs.push(run);
            }
        }
        runs
    }

    /// What a paired run states, read from its first figure's words with
    /// the run's unit (`各增加 412.5、386.42 万元`: the first has none).
    fn run_measure(&self, run: &[usize]) -> Measure {
        let first = run[0];
        if self.tokens[first].unit.is_some() {
            return self.measure(first);
        }
        let unit = run.iter().find_map(|&k| self.tokens[k].unit);
        let lead = self.t[self.leads[first].0..self.tokens[first].start].trim();
        classify(lead, unit, false).0
    }

    /// `收、支总计各是 a、b 万元。与上年相比，收、支总计各增加 d、e 万元，各增长
    /// p%、q%`; `本年收入、本年支出分别为 a、b 万元，上年分别为 c、d 万元，分别增长
    /// p%、q%`: enumerations paired in order, one change statement per place.
    /// The amounts are in the sentence of the changes or the one before;
    /// a figure with no unit takes its enumeration's.
    fn attach_paired_changes(&mut self) {
        let runs = self.paired_runs();
        let mut used = vec![false; runs.len()];
        for c in 0..runs.len() {
            let first = runs[c][0];
            let (is_change, dir) = match self.run_measure(&runs[c]) {
                Measure::Change(d) => (true, d),
                Measure::Rate(d) => (false, d),
                _ => continue,
            };
            if used[c] {
                continue;
            }
            let n = runs[c].len();
            let sentence = self.sentence(self.tokens[first].start);
            let reach = |r: usize| {
                let s = self.sentence(self.tokens[runs[r][0]].start);
                runs[r].len() == n && !used[r] && (s == sentence || s + 1 == sentence)
            };
            let amount = |r: usize| self.run_measure(&runs[r]) == Measure::Amount;
            let prior = (0..c).rev().take_while(|&r| reach(r)).find(|&r| amount(r) && self.is_prior(runs[r][0]));
            let Some(now) = (0..c).rev().take_while(|&r| reach(r)).find(|&r| amount(r) && !self.is_prior(runs[r][0]) && prior.is_none_or(|p| r < p)) else { continue };
            let rates = if is_change {
                runs.get(c + 1).is_some_and(|r| r.len() == n && matches!(self.run_measure(r), Measure::Rate(_)) && self.sentence(self.tokens[r[0]].start) == sentence).then_some(c + 1)
            } else {
                Some(c)
            };
            if !is_change && prior.is_none() {
                continue;
            }
            let rate_dir = rates.and_then(|r| match self.run_measure(&runs[r]) {
                Measure::Rate(d) => Some(d),
                _ => None,
            });
            for r in [Some(now), prior, Some(c), rates].into_iter().flatten() {
                used[r] = true;
                let unit = runs[r].iter().rev().find_map(|&k| self.tokens[k].unit);
                for &k in &runs[r] {
                    if self.out.facts.figures[k].unit.is_none() {
                        self.out.facts.figures[k].unit = unit;
                        self.tokens[k].unit = unit;
                    }
                }
            }
            for (i, &d) in runs[c].iter().enumerate() {
                let id = self.out.facts.changes.len();
                let (a, p) = (runs[now][i], prior.map(|r| runs[r][i]));
                let rate = rates.map(|r| runs[r][i]);
                for f in [Some(a), p, Some(d), rate].into_iter().flatten() {
                    self.change_of[f] = Some(id);
                }
                if let (Some(r), Some(rd)) = (rate, rate_dir) {
                    self.out.facts.figures[r].measure = Measure::Rate(rd);
                    self.rate_of_change[r] = true;
                }
                let change = if is_change {
                    self.out.facts.figures[d].measure = Measure::Change(dir);
                    ChangeValue::Stated(d)
                } else {
                    ChangeValue::Implied(dir, self.out.facts.figures[d].span)
                };
                self.out.facts.changes.push(ChangeStatement { amount: Some(a), prior: p, change, rate: rate.map(RateValue::Stated), alternatives: Vec::new(), budget: false });
            }
        }
    }

    fn attach_changes(&mut self) {
        for k in 0..self.tokens.len() {
            let Measure::Change(_) = self.measure(k) else { continue };
            if self.change_of[k].is_some() {
                continue;
            }
            // The words naming the change, `、` included (`与上年相比收、支预算总计各减少`).
            let lead = &self.t[self.leads[k].0..self.tokens[k].start];
            let against_budget = vocab::mentions_budget(lead);
            let has_marker = against_budget || vocab::mentions_last_year(lead);
            let has_subject = !self.out.facts.figures[k].subject.is_empty();
            let previous = self.previous_in_sentence(k).filter(|&p| self.change_of[p].is_none());
            let (mut amount, mut prior, mut rate) = (None, None, None);
            match previous {
                // `较2020年的 147 万元减少 49 万元`: last year's figure, then the change.
                Some(p) if self.base[p] => {
                    prior = Some(p);
                    amount = self.amount_before(p);
                }
                // `较上年同期增长 6.82%，增收 5329 万元`: the rate before the change.
                Some(r) if matches!(self.measure(r), Measure::Rate(_)) && !self.rate_of_change[r] && !has_subject => {
                    if let Some(a) = self.amount_before(r) {
                        amount = Some(a);
                        rate = Some(RateValue::Stated(r));
                        self.rate_of_change[r] = true;
                    }
                }
                // `A a 元，占…的 p%，同比减少 d 元`: a share (or a completion rate)
                // between the amount and its change.
                // `较上年决算数减少 d`: the year's measure named, no subject.
                Some(s) if matches!(self.measure(s), Measure::Share | Measure::Completion) && (!has_subject || names_measure_only(&self.out.facts.figures[k].subject)) => {
                    amount = self.amount_before(s);
                }
                _ => amount = self.anchor_amount(k, has_subject, has_marker),
            }
            // Against the budget: the budget stated before the final figure
            // (`年初预算为 B 万元，支出决算为 A 万元，决算数比预算数增加 D`).
            if against_budget && prior.is_none() {
                prior = amount.and_then(|a| self.budget_before(a));
            }
            let id = self.out.facts.changes.len();
            for f in [amount, prior].into_iter().flatten() {
                self.change_of[f] = Some(id);
            }
            self.change_of[k] = Some(id);
            // The nearest amount may be last year's when the sentence states two years.
            let alternatives = amount
                .filter(|_| prior.is_none())
                .and_then(|a| self.same_subject_before(a).map(|e| Reading { now: e, prior: Some(a), why: ReadingKind::TwoYears }))
                .into_iter()
                .collect();
            self.out.facts.changes.push(ChangeStatement { amount, prior, change: ChangeValue::Stated(k), rate, alternatives, budget: against_budget });
        }
    }

    /// A rate with no change figure, both years' amounts stated: `比上年决算数
    /// X 万元下降 P%`, `上年同期为 X 万元，同比下降 P%`, `由 X 万元增加到 Y 万元，
    /// 增长 P%`.
    fn attach_implied(&mut self) {
        for r in 0..self.tokens.len() {
            let Measure::Rate(dir) = self.measure(r) else { continue };
            if self.rate_of_change[r] || self.tokens[r].unit != Some(Unit::Percent) {
                continue;
            }
            let Some(p) = self.previous_in_sentence(r).filter(|&p| self.change_of[p].is_none()) else { continue };
            let (amount, prior) = if self.is_prior(p) {
                (self.amount_before(p), p)
            } else if self.measure(p) == Measure::Amount {
                match self.previous_in_sentence(p) {
                    Some(f) if self.base[f] && self.change_of[f].is_none() => (Some(p), f),
                    _ => continue,
                }
            } else {
                continue;
            };
            let Some(amount) = amount else { continue };
            let id = self.out.facts.changes.len();
            for f in [amount, prior, r] {
                self.change_of[f] = Some(id);
            }
            self.rate_of_change[r] = true;
            let span = self.out.facts.figures[r].span;
            self.out.facts.changes.push(ChangeStatement {
                amount: Some(amount),
                prior: Some(prior),
                change: ChangeValue::Implied(dir, span),
                rate: Some(RateValue::Stated(r)),
                alternatives: Vec::new(),
                budget: false,
            });
        }
    }

    /// `从2016年的 X 万元增加到2021年的 Y 万元，年均增长 P%`, `2015年至2020年，
    /// …由 X 万元增至 Y 万元，年均增长 P%`: a compound rate between the
    /// first and the last year's amounts, over the years between them.
    fn attach_averages(&mut self) {
        for r in 0..self.tokens.len() {
            if self.tokens[r].unit != Some(Unit::Percent) || self.measure(r) != Measure::Other {
                continue;
            }
            let lead = self.t[self.leads[r].0..self.tokens[r].start].trim();
            let Some(at) = vocab::AVERAGE_WORDS.iter().filter_map(|w| lead.find(w).map(|i| i + w.len())).min() else { continue };
            let Some(dir) = vocab::DIRECTIONS.iter().filter(|(w, _)| lead[at..].starts_with(w)).max_by_key(|(w, _)| w.len()).map(|&(_, d)| d) else { continue };
            let sentence_start = self.sentence_starts[self.sentence(self.tokens[r].start)];
            let before: Vec<usize> = self.tokens_in(sentence_start, self.tokens[r].start).collect();
            let Some(from) = before.iter().copied().find(|&k| self.base[k] && vocab::is_from_figure(&self.t[self.leads[k].0..self.tokens[k].start], &self.t[self.tokens[k].end..])) else { continue };
            let Some(to) = before.iter().copied().find(|&k| k > from && self.measure(k) == Measure::Amount && !self.base[k]) else { continue };
            if self.tokens[to].unit != self.tokens[from].unit {
                continue;
            }
            // The years: in the figures' words (`从2016年的`, `到2021年的`), or
            // opening the sentence (`2015年至2020年，`).
            let year = |k: usize| vocab::year_in(&self.t[self.leads[k].0..self.tokens[k].start]);
            let opening = vocab::year_span(&self.t[sentence_start..self.tokens[from].start]);
            let years = match (year(from), year(to), opening) {
                (Some(a), Some(b), _) | (_, _, Some((a, b))) if b > a => b - a,
                _ => continue,
            };
            let span = self.out.facts.figures[r].span;
            self.out.facts.changes.push(ChangeStatement {
                amount: Some(to),
                prior: Some(from),
                change: ChangeValue::Implied(dir, span),
                rate: Some(RateValue::Average { rate: r, years }),
                alternatives: Vec::new(),
                budget: false,
            });
        }
    }

    /// Is the percentage at `k` last year's: inside a comparison (`比上年的
    /// 77.1%`) or named so (`上年为`, `上年该比重为`, `上年增长`)?
    fn is_prior_percent(&self, k: usize) -> bool {
        let lead = self.t[self.leads[k].0..self.tokens[k].start].trim().trim_start_matches(['（', '(']);
        vocab::is_comparison_base(lead) || vocab::starts_with_any(lead, vocab::PRIOR_PERIOD).is_some()
    }

    /// `比重为 78.6%，比上年的 77.1% 提高 1.5 个百分点`: a change in
    /// percentage points between this year's percentage and last year's,
    /// both stated in the sentence (last year's before or after).
    fn attach_points(&mut self) {
        for d in 0..self.tokens.len() {
            let (Measure::Rate(dir), Some(Unit::PercentagePoint)) = (self.measure(d), self.tokens[d].unit) else { continue };
            let sentence = self.sentence(self.tokens[d].start);
            let in_sentence = |k: usize| self.sentence(self.tokens[k].start) == sentence;
            let percent = |k: usize| self.tokens[k].unit == Some(Unit::Percent) && self.change_of[k].is_none() && !self.rate_of_change[k];
            let now = (0..d).rev().take_while(|&k| in_sentence(k)).find(|&k| percent(k) && !self.is_prior_percent(k));
            let prior = (0..d).rev().take_while(|&k| in_sentence(k)).chain((d + 1..self.tokens.len()).take_while(|&k| in_sentence(k))).find(|&k| percent(k) && self.is_prior_percent(k));
            let (Some(now), Some(prior)) = (now, prior) else { continue };
            let id = self.out.facts.changes.len();
            for f in [now, prior, d] {
                self.change_of[f] = Some(id);
            }
            self.out.facts.figures[d].measure = Measure::Change(dir);
            self.out.facts.changes.push(ChangeStatement { amount: Some(now), prior: Some(prior), change: ChangeValue::Stated(d), rate: None, alternatives: Vec::new(), budget: false });
        }
    }

    /// A change after a `其中` list may be the total's rather than the last
    /// item's: `合计 24.36 万元，其中：…公务接待费 7.56 万元；比上年减少 3.2 万元`.
    /// Not when the total states its own change, or another item does
    /// (`合计 A 万元，比上年减少 D 万元，其中：X 万元，比上年减少 d1 万元；Y 万元，
    /// 比上年减少 d2 万元`): the changes are then each its amount's.
    fn list_total_readings(&mut self) {
        let mut changed = vec![false; self.tokens.len()];
        for a in self.out.facts.changes.iter().filter_map(|s| s.amount) {
            changed[a] = true;
        }
        let mut total_after = vec![None; self.tokens.len()];
        for l in self.out.facts.lists.iter().filter(|l| l.origin == ListOrigin::Sentence) {
            if let Some((&last, others)) = l.items.split_last() {
                if !changed[l.total] && !others.iter().any(|&i| changed[i]) {
                    total_after[last].get_or_insert(l.total);
                }
            }
        }
        for s in &mut self.out.facts.changes {
            let (Some(a), ChangeValue::Stated(d)) = (s.amount, s.change) else { continue };
            if !self.out.facts.figures[d].subject.is_empty() {
                continue;
            }
            if let Some(total) = total_after[a] {
                s.alternatives.push(Reading { now: total, prior: None, why: ReadingKind::ListTotal });
            }
        }
    }

    /// `与上年持平`, `无增减变动` after an amount.
    fn attach_unchanged(&mut self) {
        // Asked of every block: each phrase's searcher is made once.
        static FINDERS: std::sync::OnceLock<Vec<(memchr::memmem::Finder<'static>, &'static str)>> = std::sync::OnceLock::new();
        let finders = FINDERS.get_or_init(|| vocab::NO_CHANGE.iter().map(|&w| (memchr::memmem::Finder::new(w), w)).collect());
        for &(ref finder, phrase) in finders {
            let mut from = 0;
            while let Some(found) = finder.find(&self.t.as_bytes()[from..]) {
                let at = from + found;
                from = at + phrase.len();
                let Some(prev) = self.tokens.partition_point(|tok| tok.end <= at).checked_sub(1) else { continue };
                if self.measure(prev) != Measure::Amount || self.change_of[prev].is_some() {
                    continue;
                }
                let gap = &self.t[self.tokens[prev].end..at];
                if gap.chars().count() > 12 || self.has_cue(self.tokens[prev].end, at) {
                    continue;
                }
                self.change_of[prev] = Some(self.out.facts.changes.len());
                let span = self.span(at, at + phrase.len());
                self.out.facts.changes.push(ChangeStatement { amount: Some(prev), prior: None, change: ChangeValue::Unchanged(span), rate: None, alternatives: Vec::new(), budget: false });
            }
        }
    }

    fn attach_rates(&mut self) {
        for k in 0..self.tokens.len() {
            if let Measure::Rate(_) = self.measure(k) {
                let Some(prev) = k.checked_sub(1) else { continue };
                let same_sentence = self.sentence(self.tokens[prev].start) == self.sentence(self.tokens[k].start);
                if let (Measure::Change(_), Some(c), true) = (self.measure(prev), self.change_of[prev], same_sentence) {
                    if self.out.facts.changes[c].rate.is_none() && !self.has_cue(self.tokens[prev].end, self.tokens[k].start) {
                        self.out.facts.changes[c].rate = Some(RateValue::Stated(k));
                        self.rate_of_change[k] = true;
                    }
                }
            }
        }
        // `增长（基数为 0，不可比）` after a change.
        for k in 0..self.tokens.len() {
            let (Measure::Change(_), Some(c)) = (self.measure(k), self.change_of[k]) else { continue };
            if self.out.facts.changes[c].rate.is_some() {
                continue;
            }
            let end = self.tokens.get(k + 1).map_or(self.t.len(), |n| n.start);
            let sentence_end = self.sentence_end(self.sentence(self.tokens[k].start));
            let window = &self.t[self.tokens[k].end..end.min(sentence_end)];
            if !window.contains(['比', '基', '上']) {
                continue;
            }
            let squeezed: String = window.chars().filter(|c| *c != ' ').collect();
            if let Some(p) = vocab::ZERO_BASE.iter().find(|p| squeezed.contains(*p)) {
                let first = p.chars().next().unwrap_or('不');
                let at = window.find(first).map_or(self.tokens[k].end, |i| self.tokens[k].end + i);
                let to = window.rfind(p.chars().last().unwrap_or('比')).map_or(at, |i| self.tokens[k].end + i + 3);
                self.out.facts.changes[c].rate = Some(RateValue::NotComparable(self.span(at, to.max(at))));
            }
        }
    }

    fn attach_shares(&mut self) {
        let paired = self.attach_paired_shares();
        for (k, &done) in paired.iter().enumerate() {
            if self.measure(k) != Measure::Share || done {
                continue;
            }
            let from = self.clause_start(self.tokens[k].start);
            let lead = &self.t[from..self.tokens[k].start];
            // `节约资金 S 万元，节约率 p%`: the savings' share of the budget.
            if lead.contains("节约率") {
                let savings = k.checked_sub(1).filter(|&j| matches!(self.measure(j), Measure::Change(Direction::Down)) && self.sentence(self.tokens[j].start) == self.sentence(self.tokens[k].start));
                let budget = savings.and_then(|j| self.change_of[j]).and_then(|c| self.out.facts.changes[c].prior);
                if let (Some(part), Some(of)) = (savings, budget) {
                    self.out.facts.shares.push(ShareStatement { part, share: k, whole: None, of: Some(of) });
                }
                continue;
            }
            // Walk back over the part's own change and rate, and its other
            // shares (`占调整预算 B 万元的 q%，占…的 p%`).
            let mut j = k;
            while j > 0 {
                j -= 1;
                match self.measure(j) {
                    Measure::Amount if self.is_named_whole(j) => continue,
                    Measure::Amount => break,
                    Measure::Change(_) | Measure::Rate(_) if self.change_of[j].is_some() || self.rate_of_change[j] => continue,
                    Measure::Share | Measure::Completion | Measure::Other if self.tokens[j].unit == Some(Unit::Percent) => continue,
                    _ => {
                        j = usize::MAX;
                        break;
                    }
                }
            }
            if j == usize::MAX || self.measure(j) != Measure::Amount {
                continue;
            }
            if self.sentence(self.tokens[j].start) != self.sentence(self.tokens[k].start) || self.has_cue(self.tokens[j].end, self.tokens[k].start) {
                continue;
            }
            let whole = share_whole(lead);
            self.out.facts.shares.push(ShareStatement { part: j, share: k, whole, of: None });
        }
        self.resolve_wholes();
    }

    /// Shares stated without their parts' amounts, one after another in a
    /// sentence, of parts named alike (`财政拨款收入占比为 p%，事业收入占比为
    /// q%`; `基本支出、项目支出分别占 p%、q%`): a [`ShareSet`]. Only parts
    /// that cannot overlap are taken: their names differ, none holds
    /// another, all end in the same word (`收入`, `支出`), and no `其中`
    /// nests one under another.
    fn attach_share_sets(&mut self) {
        let with_part: Vec<FigureId> = self.out.facts.shares.iter().map(|s| s.share).collect();
        // In `分别占 p%、q%` the shares after the first are read as `Other`.
        let lone = |b: &Self, k: usize, enumerated: bool| {
            let f = &b.out.facts.figures[k];
            let share = f.measure == Measure::Share || enumerated && f.measure == Measure::Other;
            share && f.unit == Some(Unit::Percent) && f.period == Period::Current && !with_part.contains(&k)
        };
        let mut k = 0;
        while k < self.tokens.len() {
            if !lone(self, k, false) {
                k += 1;
                continue;
            }
            let lead = &self.t[self.subject_start(self.tokens[k].start)..self.tokens[k].start];
            let Some((names, whole)) = share_lead(lead) else {
                k += 1;
                continue;
            };
            let mut set = vec![k];
            let mut subjects = names;
            let enumerated = subjects.len() > 1;
            let mut j = k + 1;
            while j < self.tokens.len() && lone(self, j, enumerated) && self.sentence(self.tokens[j].start) == self.sentence(self.tokens[k].start) {
                let between = self.t[self.tokens[j - 1].end..self.tokens[j].start].trim();
                if enumerated {
                    if between != "、" || set.len() == subjects.len() {
                        break;
                    }
                } else {
                    let lead = &self.t[self.subject_start(self.tokens[j].start)..self.tokens[j].start];
                    match share_lead(lead) {
                        Some((names, w)) if names.len() == 1 && w == whole && self.subject_start(self.tokens[j].start) >= self.tokens[j - 1].end => subjects.extend(names),
                        _ => break,
                    }
                }
                set.push(j);
                j += 1;
            }
            k = j;
            if set.len() < 2 || set.len() != subjects.len() || !vocab::siblings(&subjects) {
                continue;
            }
            self.out.facts.share_sets.push(ShareSet { shares: set, whole: whole.clone() });
        }
    }

    /// Figures a paragraph states again in a later sentence, under the same
    /// name once the department and the year are set aside (see
    /// [`vocab::restated_name`]): each later statement paired with the
    /// first. Years, when both name one, must be the same. A clause that
    /// names a measure alone (`“三公”经费支出预算为 40 万元，支出决算为 28.36
    /// 万元`) is about what its sentence's first amount measures: it is
    /// named as `“三公”经费支出决算`, budget or final by its own words.
    fn restatements(&mut self) {
        // A list's items take their measure from the words before the list
        // (`“三公”经费预算…其中：公务接待费 30 万元`): they are left out.
        let mut item = vec![false; self.tokens.len()];
        for l in &self.out.facts.lists {
            l.items.iter().for_each(|&k| item[k] = true);
        }
        // Budget or spent, by the words of the sentence before the figure:
        // where the sentence's first budget word ends, found once a
        // sentence (not again before each figure of a long one).
        let mut budget_word: Option<(usize, Option<usize>)> = None;
        let mut budget = |k: usize| {
            let (at, sentence) = (self.tokens[k].start, self.sentence(self.tokens[k].start));
            let end = match budget_word {
                Some((s, end)) if s == sentence => end,
                _ => {
                    let end = self.first_word_end(sentence, vocab::BUDGET_WORDS);
                    budget_word = Some((sentence, end));
                    end
                }
            };
            end.is_some_and(|e| e <= at)
        };
        let stated = |k: usize| {
            let f = &self.out.facts.figures[k];
            f.measure == Measure::Amount && f.period == Period::Current && !self.base[k] && !item[k] && self.depth(self.tokens[k].start) == 0 && f.unit.is_some_and(Unit::is_money)
        };
        // The topic of the sentence's first figure, when it is an amount
        // before `k` whose name ends in measure words.
        let sentence_topic = |k: usize| {
            let start = self.sentence_starts[self.sentence(self.tokens[k].start)];
            let j = Some(self.tokens.partition_point(|t| t.start < start)).filter(|&j| j < k && stated(j))?;
            let (year, name) = vocab::restated_name(&self.out.facts.figures[j].subject)?;
            Some((year, vocab::measured_topic(name)?))
        };
        // The first statements, by paragraph, name and budget: their years
        // and figures in order (looked up, not searched: a paragraph may
        // name thousands of things).
        let mut first = HashMap::<_, Vec<(Option<u32>, FigureId)>>::new();
        let mut found = Vec::new();
        for k in 0..item.len() {
            if !stated(k) {
                continue;
            }
            let Some((year, name)) = vocab::restated_name(&self.out.facts.figures[k].subject) else { continue };
            let bare = year.is_none() && vocab::BARE_MEASURES.contains(&name);
            let (year, name, budget) = match bare.then(|| sentence_topic(k)).flatten() {
                Some((year, topic)) => (year, Cow::Owned(format!("{topic}{name}")), vocab::contains_any(name, vocab::BUDGET_WORDS)),
                None => (year, Cow::Borrowed(name), budget(k)),
            };
            let named = first.entry((self.paragraph(self.tokens[k].start), name, budget)).or_default();
            match named.iter().find(|&&(y, _)| y.is_none() || year.is_none() || y == year) {
                Some(&(_, j)) => {
                    if self.sentence(self.tokens[j].start) != self.sentence(self.tokens[k].start) && self.tokens[j].unit == self.tokens[k].unit {
                        found.push(Restatement { first: j, again: k });
                    }
                }
                None => named.push((year, k)),
            }
        }
        self.out.facts.restatements = found;
    }

    /// Is the amount at `k` a whole inside a share (`占调整预算 14,016 万元的`)?
    fn is_named_whole(&self, k: usize) -> bool {
        let lead = self.t[self.leads[k].0..self.tokens[k].start].trim();
        lead.starts_with('占') && self.t[self.tokens[k].end..].trim_start().starts_with('的')
    }

    /// `A、B、C 分别为 a、b、c 万元，分别占 x%、y%、z%`, `各为 a、b 万元，各占
    /// x%、y%`: shares listed after `分别`/`各`, paired in order with the
    /// amounts listed just before them. Returns the shares so paired.
    fn attach_paired_shares(&mut self) -> Vec<bool> {
        let mut paired = vec![false; self.tokens.len()];
        let percent = |k: usize| self.tokens[k].unit == Some(Unit::Percent);
        let mut k = 0;
        while k < self.tokens.len() {
            let clause = &self.t[self.clause_start(self.tokens[k].start)..self.tokens[k].start];
            if self.measure(k) != Measure::Share || !vocab::contains_any(clause, vocab::PAIRING_WORDS) {
                k += 1;
                continue;
            }
            let mut shares = vec![k];
            while let Some(n) = shares.last().map(|&l| l + 1).filter(|&n| n < self.tokens.len() && percent(n) && self.listed_together(n - 1, n)) {
                shares.push(n);
            }
            k += shares.len();
            let Some(last_amount) = self.previous_in_sentence(shares[0]) else { continue };
            let amount = |j: usize| self.change_of[j].is_none() && (self.measure(j) == Measure::Amount || (self.measure(j) == Measure::Other && self.tokens[j].unit.is_none()));
            let mut amounts = vec![last_amount];
            while let Some(p) = amounts.last().and_then(|&a| a.checked_sub(1)).filter(|&p| amount(p) && self.listed_together(p, p + 1)) {
                amounts.push(p);
            }
            if shares.len() < 2 || amounts.len() != shares.len() || !amounts.iter().all(|&a| amount(a)) {
                continue;
            }
            amounts.reverse();
            let whole = share_whole(clause);
            // `总额 N 万元，A、B、C 分别为 a、b、c 万元，分别占 …`: the amount the
            // enumeration breaks down, when its parts fit in it.
            let sum: rust_decimal::Decimal = amounts.iter().map(|&a| self.out.facts.figures[a].value).sum();
            let of = self.previous_in_sentence(amounts[0]).filter(|&w| {
                let f = &self.out.facts.figures[w];
                f.measure == Measure::Amount && !self.base[w] && f.unit.is_some_and(Unit::is_money) && amounts.iter().all(|&a| self.tokens[a].unit.is_none_or(|u| Some(u) == f.unit)) && sum <= f.value * rust_decimal::Decimal::new(101, 2)
            });
            for (&part, &share) in amounts.iter().zip(&shares) {
                self.out.facts.figures[share].measure = Measure::Share;
                paired[share] = true;
                self.out.facts.shares.push(ShareStatement { part, share, whole: whole.clone(), of: of.filter(|_| whole.is_none()) });
            }
        }
        paired
    }

    /// Are tokens `a` and `a + 1` two entries of one enumeration (`a、b`,
    /// `a 和 b`)?
    fn listed_together(&self, a: usize, b: usize) -> bool {
        let between = self.t[self.tokens[a].end..self.tokens[b].start].trim_matches(' ');
        vocab::ENUMERATION_JOINS.contains(&between)
    }

    /// The figure of the whole each share names (`占授予中小企业合同金额的
    /// p%`), or of the whole its sentence opens with (`项目支出中，…占 p%`):
    /// the nearest amount before the part stated under that name, not less
    /// than the part.
    fn resolve_wholes(&mut self) {
        for i in 0..self.out.facts.shares.len() {
            let s = &self.out.facts.shares[i];
            if s.of.is_some() {
                continue;
            }
            let (part, whole) = (s.part, s.whole.clone());
            let Some(name) = whole.or_else(|| self.opening_whole(part)) else { continue };
            let cleaned = name.replace(['“', '”', '"', '的'], "");
            let name = vocab::subject_core(&cleaned);
            if name.chars().count() < 2 {
                continue;
            }
            let part_value = self.out.facts.figures[part].value;
            // Within the part's sentence and the few before it: a whole
            // stated further off is another paragraph's.
            let sentence = self.sentence(self.tokens[part].start);
            let reach = self.sentence_starts[sentence.saturating_sub(WHOLE_SENTENCES)];
            let of = (0..part).rev().take_while(|&j| self.tokens[j].start >= reach).find(|&j| {
                let f = &self.out.facts.figures[j];
                f.measure == Measure::Amount && !self.base[j] && f.unit.is_some_and(Unit::is_money) && f.unit == self.tokens[part].unit && f.value >= part_value && f.subject.contains(name)
            });
            self.out.facts.shares[i].of = of;
        }
    }

    /// `本年支出中，基本支出 468.2 万元`: the whole named by the words
    /// opening the part's sentence or one of its `；` parts.
    fn opening_whole(&self, part: usize) -> Option<String> {
        let start = self.sentence_starts[self.sentence(self.tokens[part].start)];
        let text = &self.t[start..self.tokens[part].start];
        text.rmatch_indices("中，").chain(text.rmatch_indices("中,")).find_map(|(i, _)| {
            let before = &text[..i];
            let from = before.rfind(['；', ';', '：', ':']).map_or(0, |j| j + before[j..].chars().next().map_or(1, char::len_utf8));
            let name = before[from..].trim().trim_start_matches('在');
            let plain = (2..=12).contains(&name.chars().count()) && !name.contains(|c: char| c.is_ascii_digit() || vocab::CLAUSE_END.contains(&c));
            plain.then(|| name.to_string())
        })
    }

    /// Is figure `k` an item candidate of kind `amount` (else a standalone change)?
    fn is_item(&self, k: usize, amounts: bool) -> bool {
        match self.measure(k) {
            Measure::Amount => amounts && !self.base[k],
            Measure::Other => amounts && self.tokens[k].unit.is_none() && !self.base[k],
            Measure::Change(_) => !amounts && self.change_of[k].is_some_and(|c| self.out.facts.changes[c].amount.is_none()),
            _ => false,
        }
    }

    fn lists(&mut self) {
        let cues = std::mem::take(&mut self.cues);
        let mut listed = Listed::new(self);
        // Cues read as nested in the list of a cue before them, with where
        // their items end (see [`Extractor::nested_part`]).
        let mut nested: HashMap<usize, usize> = HashMap::new();
        for (n, &(at, len, kind)) in cues.iter().enumerate() {
            let cue_end = at + len;
            // `人员经费 a，主要包括基本工资、津贴补贴等；`: words, no list of figures.
            if !self.cue_has_figures(cue_end) && self.cue_item_end(cue_end) < self.t.len() {
                continue;
            }
            let depth = self.depth(at);
            let sentence = self.sentence(at);
            let sentence_end = self.sentence_end(sentence);
            // A cue inside parentheses (`（其中：…）`) ends at the closing one; a
            // deeper cue does not end this list.
            // A cue with no figure of its own (`人员经费 a，主要包括基本工资、
            // 津贴补贴…；公用经费 b`) describes an item and ends nothing.
            let later = |c: &&(usize, usize, CueKind)| self.depth(c.0) <= depth && self.cue_has_figures(c.0 + c.1);
            let mut next = cues[n + 1..].iter().filter(later);
            let first = next.next();
            let mut next_cue = first.map_or(self.t.len(), |c| c.0);
            // A nested cue's items are skipped, its total kept: this list
            // goes on after them.
            let mut inner = 0..0;
            if let Some(part_end) = first.and_then(|&c| self.nested_part(c, &cues[n + 1..], sentence_end, depth)) {
                nested.insert(next_cue, part_end);
                inner = next_cue..part_end;
                next_cue = next.next().map_or(self.t.len(), |c| c.0);
            }
            let own_end = nested.get(&at).copied().unwrap_or(self.t.len());
            let limit = sentence_end.min(next_cue).min(self.paren_close(at)).min(own_end);
            let range = self.tokens_in(cue_end, limit);
            let at_depth: Vec<usize> = range.filter(|&k| self.depth(self.tokens[k].start) == depth && !inner.contains(&self.tokens[k].start)).collect();
            let amounts = match at_depth.first() {
                Some(&f) => !matches!(self.measure(f), Measure::Change(_)),
                None => true,
            };
            let Some(total) = self.list_total(at, amounts, &listed, &cues) else { continue };
            let mut items: Vec<FigureId> = at_depth.into_iter().filter(|&k| self.is_item(k, amounts)).collect();
            // The next cue hangs from its own total: that figure ends this list.
            if next_cue < sentence_end && !self.named_cue(next_cue) {
                if let Some(next_total) = self.list_total(next_cue, amounts, &listed, &cues) {
                    items.retain(|&k| k < next_total);
                }
            }
            let kind_of = |f: &Figure| f.unit.map(Unit::kind);
            let total_kind = kind_of(&self.out.facts.figures[total]);
            items.retain(|&k| self.tokens[k].unit.is_none() || kind_of(&self.out.facts.figures[k]) == total_kind);
            let parts = self.parts_of_items(total, &items);
            items.retain(|k| !parts.contains(k));
            let Some(items) = self.same_measure(total, items) else { continue };
            // One item left once its parts are set aside is no breakdown.
            if !parts.is_empty() && items.len() < 2 {
                continue;
            }
            let cue_span = self.span(at, cue_end);
            if items.is_empty() {
                let rest = &self.t[cue_end..];
                if depth == 0 && rest.trim_matches(|c: char| c == ' ' || c == '：' || c == '，').is_empty() {
                    self.out.open_list = Some(OpenList { cue: kind, cue_span, total });
                }
                continue;
            }
            let last_end = items.last().map_or(cue_end, |&k| self.tokens[k].end);
            // `等` closing the words of a cue without figures is that cue's.
            let wordy: Vec<(usize, usize)> = cues[n + 1..].iter().map(|c| c.0 + c.1).take_while(|&e| e < limit.max(last_end)).filter(|&e| !self.cue_has_figures(e)).map(|e| (e, self.cue_item_end(e))).collect();
            let et_cetera = self.t[cue_end..limit.max(last_end)].match_indices(vocab::ET_CETERA).any(|(i, _)| !wordy.iter().any(|&(s, e)| (s..e).contains(&(cue_end + i))));
            listed.push(self.out.facts.lists.len(), total, &items);
            self.out.facts.lists.push(List { total, items, cue: Some(kind), cue_span, et_cetera, origin: ListOrigin::Sentence });
        }
        self.cues = cues;
    }

    /// Where the items of the cue at `at` end when it is nested in the list
    /// of a cue before it at `depth` (`cues`: those from it on), its total one of that list's items:
    /// `合计 A，其中：甲 a；乙 B，其中丙 c，丁 d；戊 e。` Its items are those of its
    /// own `；` part, at least two, and items of the outer list follow that
    /// part in the sentence, with no cue of their own. Otherwise (`收入 A，
    /// 其中：…；支出 B，其中：…。`) the cue starts a list of its own after the
    /// one before, which ends at its total.
    fn nested_part(&self, (at, len, _): (usize, usize, CueKind), cues: &[(usize, usize, CueKind)], sentence_end: usize, depth: u32) -> Option<usize> {
        if at >= sentence_end || self.named_cue(at) {
            return None;
        }
        let part_end = self.cue_item_end(at + len);
        // Each test stops at what it needs, so a long sentence is read once.
        let items_in = |from: usize, to: usize| self.tokens_in(from, to).filter(|&k| self.depth(self.tokens[k].start) == depth && self.is_item(k, true));
        let after = &cues[cues.partition_point(|c| c.0 < part_end)..];
        let mut later_cues = after.iter().take_while(|c| c.0 < sentence_end);
        let nested = part_end < sentence_end
            && items_in(at + len, part_end).nth(1).is_some()
            && items_in(part_end, sentence_end).next().is_some()
            && !later_cues.any(|c| self.depth(c.0) <= depth && self.cue_has_figures(c.0 + c.1));
        nested.then_some(part_end)
    }

    /// Is there a figure after a cue ending at `end`, before the end of its
    /// item (`；`) or sentence?
    fn cue_has_figures(&self, end: usize) -> bool {
        !self.tokens_in(end, self.cue_item_end(end)).is_empty()
    }

    /// Where the item a cue ending at `end` describes ends: its `；` or sentence.
    fn cue_item_end(&self, end: usize) -> usize {
        let sentence_end = self.sentence_end(self.sentence(end));
        // `；` is EF BC 9B, `;` is 3B.
        let bytes = self.t.as_bytes();
        let semicolons = self.semicolons.get_or_init(|| memchr::memchr2_iter(b';', 0xEF, bytes).filter(|&at| bytes[at] == b';' || bytes[at..].starts_with("；".as_bytes())).collect());
        let next = semicolons.partition_point(|&at| at < end);
        semicolons.get(next).copied().filter(|&at| at < sentence_end).unwrap_or(sentence_end)
    }

    /// Breakdowns every draft means whole, with no cue (`基本支出` is
    /// `人员经费` + `公用经费`, wherever near each other they are stated): a
    /// list, when the sentences around the total state each part once and
    /// no list ties them yet.
    fn known_breakdowns(&mut self) {
        let mut found = Vec::new();
        for &(whole, parts) in vocab::KNOWN_BREAKDOWNS {
            if !self.t.contains(whole) || !parts.iter().all(|p| self.t.contains(p)) {
                continue;
            }
            // For each word, its figures' (paragraph, sentence, id), in order.
            let named = |word: &str| -> Vec<(usize, usize, FigureId)> {
                (0..self.tokens.len())
                    .filter(|&k| {
                        let f = &self.out.facts.figures[k];
                        f.measure == Measure::Amount && !self.base[k] && f.period == Period::Current && f.unit.is_some_and(Unit::is_money) && vocab::names_at_end(&f.subject, word)
                    })
                    .map(|k| (self.paragraph(self.tokens[k].start), self.sentence(self.tokens[k].start), k))
                    .collect()
            };
            // The one figure of `of` within the window around sentence `s`
            // of paragraph `p`.
            let only = |of: &[(usize, usize, FigureId)], p: usize, s: usize| -> Option<FigureId> {
                let mut near = of.iter().filter(|&&(q, t, _)| q == p && t + BREAKDOWN_SENTENCES >= s && t <= s + BREAKDOWN_SENTENCES);
                let first = near.next()?;
                near.next().is_none().then_some(first.2)
            };
            let totals = named(whole);
            if totals.is_empty() {
                continue;
            }
            let parts: Vec<Vec<(usize, usize, FigureId)>> = parts.iter().map(|p| named(p)).collect();
            for &(p, s, total) in &totals {
                if only(&totals, p, s) != Some(total) {
                    continue;
                }
                if let Some(items) = parts.iter().map(|part| only(part, p, s)).collect::<Option<Vec<_>>>() {
                    found.push((total, items));
                }
            }
        }
        for (total, items) in found {
            let units = items.iter().all(|&k| self.tokens[k].unit == self.tokens[total].unit);
            let tied = self.out.facts.lists.iter().any(|l| l.total == total || items.iter().any(|k| l.items.contains(k)));
            if units && !tied {
                let cue_span = self.out.facts.figures[total].span;
                self.out.facts.lists.push(List { total, items, cue: Some(CueKind::Including), cue_span, et_cetera: false, origin: ListOrigin::Sentence });
            }
        }
    }

    /// A total after its items, in one sentence: `A a 万元；B b 万元；合计 N
    /// 万元`, `…，以上三项合计 N 万元`. Only plain amounts of one unit count as
    /// items (no change, rate or share among them), at least two.
    fn trailing_totals(&mut self) {
        if !vocab::contains_any(self.t, vocab::TOTAL_WORDS) {
            return;
        }
        let mut listed = vec![false; self.tokens.len()];
        for l in &self.out.facts.lists {
            for m in l.members() {
                listed[m] = true;
            }
        }
        for k in 0..self.tokens.len() {
            if self.measure(k) != Measure::Amount || self.base[k] || self.tokens[k].unit.is_none_or(|u| !u.is_money()) {
                continue;
            }
            // Only the first figure of a sentence's later clause can close its items.
            let sentence_start = self.sentence_starts[self.sentence(self.tokens[k].start)];
            let before = self.tokens_in(sentence_start, self.tokens[k].start);
            if before.len() < 2 {
                continue;
            }
            let clause = self.t[self.clause_start(self.tokens[k].start)..self.tokens[k].start].trim();
            if !vocab::contains_any(clause, vocab::TOTAL_WORDS) || vocab::LIST_CUES.iter().any(|(w, _)| vocab::contains(clause, w)) {
                continue;
            }
            if before.len() > TRAILING_ITEMS_MOST || self.has_cue(sentence_start, self.tokens[k].start) {
                continue;
            }
            // Items that are totals themselves (`本年收入合计 a，本年支出合计 b`) are a balance, not parts.
            let plain = before.clone().all(|j| {
                self.measure(j) == Measure::Amount && !self.base[j] && self.tokens[j].unit == self.tokens[k].unit && self.depth(self.tokens[j].start) == 0 && !super::is_total(&self.out.facts.figures[j].subject)
            });
            if plain && !listed[k] && !before.clone().any(|j| listed[j]) {
                for m in before.clone().chain([k]) {
                    listed[m] = true;
                }
                let cue_span = self.out.facts.figures[k].span;
                self.out.facts.lists.push(List { total: k, items: before.collect(), cue: Some(CueKind::Including), cue_span, et_cetera: false, origin: ListOrigin::Sentence });
            }
        }
    }

    /// Does the cue at `at` follow words of its own clause and no figure
    /// (`收入包括`, `支出包括`)? Then it names its own list.
    fn named_cue(&self, at: usize) -> bool {
        self.cue_name(at).is_some()
    }

    /// The words a named cue (see [`Extractor::named_cue`]) follows: `收入`.
    fn cue_name(&self, at: usize) -> Option<&str> {
        let from = self.clause_start(at);
        let words = self.t[from..at].trim();
        (self.tokens_in(from, at).is_empty() && !words.is_empty() && words.chars().count() <= NAMED_CUE_LONGEST && !words.contains(['（', '('])).then_some(words)
    }

    /// Items that are parts of another item, not of the total: a share of
    /// a named whole other than the total (`占授予中小企业合同金额的 32.78%`,
    /// `占基本支出预算 81.42%`), and the whole a share is of (`占同类产品
    /// 采购规模 338.5 万元的`).
    fn parts_of_items(&self, total: FigureId, items: &[FigureId]) -> Vec<FigureId> {
        let subject = |k: FigureId| &*self.out.facts.figures[k].subject;
        let core = |s: &str| vocab::subject_core(s).to_string();
        items
            .iter()
            .copied()
            .filter(|&k| {
                let lead = self.t[self.leads[k].0..self.leads[k].1].trim();
                if lead.starts_with('占') {
                    return true;
                }
                let whole = self.share_of.get(k).copied().flatten().and_then(|s| self.out.facts.shares[s].whole.as_deref());
                whole.is_some_and(|w| {
                    let w = core(w);
                    !w.is_empty() && !subject(total).contains(&w) && items.iter().any(|&i| i != k && !subject(i).is_empty() && (core(subject(i)).contains(&w) || w.contains(&core(subject(i)))))
                })
            })
            .collect()
    }

    /// Items that are records of several measures each (`A 支出 3.06 万元，
    /// 年初预算为 4.5 万元，差值为 1.44 万元；B…`): only those of the total's
    /// measure are its items; `None` when the total is a difference, whose
    /// parts carry signs the words do not give.
    fn same_measure(&self, total: FigureId, items: Vec<FigureId>) -> Option<Vec<FigureId>> {
        let measure = |k: FigureId| match vocab::record_measure(&self.out.facts.figures[k].subject) {
            vocab::RecordMeasure::Main if self.names_budget(k) => vocab::RecordMeasure::Budget,
            m => m,
        };
        let first = items.first().map(|&k| measure(k));
        if items.iter().all(|&k| Some(measure(k)) == first) {
            return Some(items);
        }
        let want = measure(total);
        (want != vocab::RecordMeasure::Difference).then(|| items.into_iter().filter(|&k| measure(k) == want).collect())
    }

    /// The figure a cue at `at` hangs from: the nearest amount (or change)
    /// before it in its sentence, or, when the cue opens a sentence, the last
    /// such figure of the sentence before that is not itself a list item.
    fn list_total(&self, at: usize, amounts: bool, listed: &Listed, cues: &[(usize, usize, CueKind)]) -> Option<FigureId> {
        let wanted = |k: usize| match self.measure(k) {
            Measure::Amount => amounts && !self.base[k],
            Measure::Change(_) => !amounts,
            _ => false,
        };
        let sentence = self.sentence(at);
        let before = self.tokens.partition_point(|t| t.end <= at);
        let sentence_start = self.sentence_starts[sentence];
        let in_sentence = self.tokens_in(sentence_start, at);
        let in_sentence = in_sentence.start..before.min(in_sentence.end).max(in_sentence.start);
        // A cue its clause names (`；支出包括：`) is a sibling of the lists
        // before it in the sentence: it hangs from their total, not their items.
        // The last figure wanted, not in one of the lists from the last
        // whose total is before the sentence's figures.
        let name = self.cue_name(at);
        let named = name.is_some();
        // The first cue of the sentence, when it names its list and opens
        // the sentence (`。收入包括…；支出包括…`): the figures after it are
        // its items, not a total of the lists named after it.
        let opening_named = cues.iter().find(|c| c.0 >= sentence_start && c.0 < at && self.depth(c.0) <= self.depth(at) && self.cue_has_figures(c.0 + c.1)).filter(|c| self.named_cue(c.0) && self.clause_start(c.0) <= sentence_start).map(|c| c.0);
        let found = if named {
            let trees = listed.trees(self);
            let tree = if amounts { &trees.0 } else { &trees.1 };
            let found = tree.last_below(in_sentence.start, in_sentence.end, listed.after_total_before(in_sentence.start) + 1);
            found.filter(|&k| opening_named.is_none_or(|c| self.tokens[k].start < c || self.out.facts.lists.iter().any(|l| l.total == k)))
        } else {
            in_sentence.clone().rev().find(|&k| wanted(k))
        };
        if found.is_some() {
            return found;
        }
        // Only a cue that opens its sentence (`。其中：`, `。收入包括`) reaches
        // back, and the ones named after it in the sentence.
        let opens_sentence = self.t[sentence_start..at].trim_matches(|c: char| c == ' ' || vocab::CLAUSE_END.contains(&c)).is_empty();
        let reaches = (opens_sentence && in_sentence.is_empty()) || (named && (opening_named.is_some() || self.clause_start(at) <= sentence_start));
        if !reaches || sentence == 0 {
            return None;
        }
        let previous = self.tokens_in(self.sentence_starts[sentence - 1], sentence_start);
        let first = previous.start;
        let listed = |k: FigureId| self.out.facts.lists.iter().rev().take_while(|l| l.total >= first || l.items.iter().any(|&i| i >= first)).any(|l| l.items.contains(&k));
        let mut candidates = previous.rev().filter(|&k| wanted(k) && !listed(k));
        let Some(name) = name else { return candidates.next() };
        // A named list hangs from the total stated under its name
        // (`收入预算总计 A，支出预算总计 B。…；支出包括…` from B), else from
        // the last one that names no other side (`收支预算总计 N。收入包括…`,
        // not `收入合计 N。支出包括…`).
        let candidates: Vec<FigureId> = candidates.collect();
        let subject = |k: FigureId| &*self.out.facts.figures[k].subject;
        let other_side = |k: FigureId| !subject(k).contains("收支") && ["收入", "支出"].iter().any(|w| subject(k).contains(w) && !name.contains(w));
        candidates.iter().copied().find(|&k| subject(k).contains(name)).or_else(|| candidates.first().copied().filter(|&k| !other_side(k)))
    }

    /// `年初预算为 B 万元，支出决算为 A 万元，完成年初预算的 P%`: the nearest
    /// budget and final figures before the rate in its sentence.
    /// `完成年初预算数 B 万元的 P%`: the budget inside the rate.
    fn completions(&mut self) {
        let found = self.find_completions();
        for c in found {
            self.out.facts.figures[c.rate].measure = Measure::Completion;
            self.out.facts.completions.push(c);
        }
    }

    fn find_completions(&self) -> Vec<CompletionStatement> {
        let mut out = Vec::new();
        let lead = |k: usize| vocab::strip_funds(&self.t[self.leads[k].0..self.leads[k].1]);
        let money = |k: usize| self.measure(k) == Measure::Amount && self.tokens[k].unit.is_some_and(Unit::is_money);
        for r in 0..self.tokens.len() {
            let sentence_start = self.sentence_starts[self.sentence(self.tokens[r].start)];
            let inner = (self.tokens[r].unit == Some(Unit::Percent) && self.measure(r) == Measure::Other && self.t[self.leads[r].0..self.tokens[r].start].trim() == "的")
                .then(|| r.checked_sub(1))
                .flatten()
                .filter(|&b| money(b) && self.tokens[b].start >= sentence_start && vocab::ends_with_any(lead(b).trim(), vocab::COMPLETION_BUDGET_LEADS).is_some());
            if inner.is_none() && self.measure(r) != Measure::Completion {
                continue;
            }
            let before = self.tokens_in(sentence_start, self.tokens[r].start);
            let completed = |k: usize| money(k) && vocab::contains_any(&lead(k), vocab::COMPLETED_WORDS) && !self.names_budget(k);
            let actual = before.clone().rev().find(|&k| Some(k) != inner && completed(k));
            let budget = inner.or_else(|| before.rev().find(|&k| money(k) && self.names_budget(k)));
            if let (Some(actual), Some(budget)) = (actual, budget) {
                if self.tokens[actual].unit == self.tokens[budget].unit {
                    out.push(CompletionStatement { budget, actual, rate: r });
                }
            }
        }
        out
    }

    /// `增长%`, `占 %`, `支出 万元`: a unit with no number before it.
    fn missing(&mut self) {
        let t = self.t;
        // Where a `%` or a `万元` stands, in order: found by memchr and a
        // searcher made once rather than by trying every character.
        static WAN_YUAN: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
        let wan_yuan = WAN_YUAN.get_or_init(|| memchr::memmem::Finder::new("万元"));
        let mut units: Vec<(usize, Unit)> = memchr::memchr_iter(b'%', t.as_bytes()).map(|i| (i, Unit::Percent)).chain(wan_yuan.find_iter(t.as_bytes()).map(|i| (i, Unit::WanYuan))).collect();
        units.sort_unstable_by_key(|&(i, _)| i);
        for (i, unit) in units {
            let before = vocab::strip_template_alternative(t[..i].trim_end_matches(' '));
            if before.chars().last().is_some_and(|p| p.is_ascii_digit()) {
                continue;
            }
            let Some(word) = vocab::ends_with_any(before, vocab::MISSING_FIGURE_AFTER) else { continue };
            if unit == Unit::WanYuan && !vocab::contains_any(word, &["增长", "增加", "减少", "下降", "上升", "降低", "支出", "收入", "预算", "拨款", "合计", "总计", "共计", "安排"]) {
                continue;
            }
            let len = if unit == Unit::Percent { 1 } else { "万元".len() };
            self.out.facts.missing.push(MissingFigure { span: self.span(i, i + len), after: word.to_string(), unit });
        }
    }

    fn lead(&self) -> Option<FigureId> {
        let first = self.tokens.first()?;
        let sentence = self.sentence(first.start);
        (0..self.tokens.len())
            .take_while(|&k| self.sentence(self.tokens[k].start) == sentence)
            .find(|&k| self.measure(k) == Measure::Amount && !self.base[k])
    }
}

/// How many sentences before a share's its named whole may be stated.
const WHOLE_SENTENCES: usize = 3;

/// The last offset in the sorted `starts` not after `pos`.
fn last_at_or_before(starts: &[usize], pos: usize) -> usize {
    let i = starts.partition_point(|&s| s <= pos);
    starts[i.saturating_sub(1)]
}

/// The role of a figure from the words before it, and its subject.
fn classify(lead: &str, unit: Option<Unit>, after_prior: bool) -> (Measure, String) {
    let Some(unit) = unit else { return (Measure::Other, clean_subject(lead)) };
    let direction = |s: &str| -> Option<(Direction, usize)> {
        let s = s.trim_end();
        // Words that end in another byte need no comparing.
        let last = *s.as_bytes().last()?;
        if let Some((w, d)) = vocab::DIRECTIONS.iter().filter(|(w, _)| w.as_bytes().last() == Some(&last) && s.ends_with(w)).max_by_key(|(w, _)| w.len()) {
            return Some((*d, w.len()));
        }
        // One-character words count only right after a comparison, or
        // alone right after last year's figure.
        if after_prior {
            if let Some((w, d)) = vocab::DIRECTIONS_AFTER_PRIOR.iter().find(|(w, _)| s == *w) {
                return Some((*d, w.len()));
            }
        }
        vocab::SHORT_DIRECTIONS.iter().find_map(|(w, d)| {
            let stem = s.strip_suffix(w)?;
            vocab::ends_with_any(stem.trim_end(), vocab::VERSUS_LAST_YEAR).map(|_| (*d, w.len()))
        })
    };
    match unit {
        Unit::Percent | Unit::PercentagePoint => {
            // `占比分别为`, `各占`: the pairing word aside.
            let unpaired: String;
            let lead = if vocab::contains_any(lead, vocab::PAIRING_WORDS) {
                unpaired = vocab::replace(lead, "分别", "");
                unpaired.as_str()
            } else {
                lead
            };
            if vocab::contains_any(lead, vocab::AVERAGE_WORDS) {
                (Measure::Other, String::new())
            } else if vocab::ends_with_any(lead, vocab::COMPLETION_WORDS).is_some() {
                (Measure::Completion, String::new())
            } else if vocab::ends_with_any(lead, vocab::SHARE_WORDS).is_some() || (lead.contains('占') && lead.ends_with('的')) || names_a_whole(lead) {
                (Measure::Share, String::new())
            } else if let Some((d, _)) = direction(lead) {
                (Measure::Rate(d), String::new())
            } else {
                (Measure::Other, String::new())
            }
        }
        _ => match direction(lead) {
            Some((d, len)) => {
                let stem = &lead.trim_end()[..lead.trim_end().len() - len];
                let subject = if vocab::mentions_last_year(stem) {
                    vocab::strip_comparison(stem)
                } else if vocab::mentions_budget(lead) {
                    vocab::strip_budget_comparison(stem).to_string()
                } else {
                    stem.to_string()
                };
                (Measure::Change(d), clean_subject(&subject))
            }
            None => (Measure::Amount, clean_subject(lead)),
        },
    }
}

/// The lists found so far, as finding a named cue's total asks of them:
/// the last figure of the sentence before the cue that is wanted as a
/// total and in none of the lists from the last back to the first whose
/// total is before the sentence's figures. Kept as it is asked, a sentence
/// of many named cues is read in time linear in its figures, not its
/// figures times its lists.
struct Listed {
    /// Per figure wanted as the total of a list of amounts, of changes: 1 +
    /// the last list that holds it (0 when none); others `usize::MAX`.
    /// Made when a named cue first asks.
    trees: std::cell::OnceCell<(MinTree, MinTree)>,
    /// The lists whose total is below the total of every list after them:
    /// (total, list), totals rising.
    floors: Vec<(FigureId, usize)>,
}

impl Listed {
    fn new(x: &Extractor<'_>) -> Listed {
        let mut listed = Listed { trees: std::cell::OnceCell::new(), floors: Vec::new() };
        for (i, l) in x.out.facts.lists.iter().enumerate() {
            listed.push(i, l.total, &l.items);
        }
        listed
    }

    /// The trees of amounts and of changes, for the lists found so far.
    fn trees(&self, x: &Extractor<'_>) -> &(MinTree, MinTree) {
        self.trees.get_or_init(|| {
            let n = x.tokens.len();
            let value = |wanted: bool| if wanted { 0 } else { usize::MAX };
            let mut amounts = MinTree::new((0..n).map(|k| value(x.measure(k) == Measure::Amount && !x.base[k])).collect());
            let mut changes = MinTree::new((0..n).map(|k| value(matches!(x.measure(k), Measure::Change(_)))).collect());
            for (i, l) in x.out.facts.lists.iter().enumerate() {
                for &k in &l.items {
                    amounts.raise(k, i + 1);
                    changes.raise(k, i + 1);
                }
            }
            (amounts, changes)
        })
    }

    /// List `index`, of `total` and `items`, is found.
    fn push(&mut self, index: usize, total: FigureId, items: &[FigureId]) {
        if let Some((amounts, changes)) = self.trees.get_mut() {
            for &k in items {
                amounts.raise(k, index + 1);
                changes.raise(k, index + 1);
            }
        }
        while self.floors.last().is_some_and(|&(t, _)| t >= total) {
            self.floors.pop();
        }
        self.floors.push((total, index));
    }

    /// The first list after the last one whose total is before figure `first`.
    fn after_total_before(&self, first: FigureId) -> usize {
        match self.floors.partition_point(|&(t, _)| t < first) {
            0 => 0,
            p => self.floors[p - 1].1 + 1,
        }
    }
}

/// Values by position, with the last position of a range whose value is
/// below a bound found in time logarithmic in the positions.
struct MinTree {
    /// Leaves from `size` on; each node the least of its two children.
    min: Vec<usize>,
    size: usize,
}

impl MinTree {
    fn new(values: Vec<usize>) -> MinTree {
        let size = values.len().next_power_of_two();
        let mut min = vec![usize::MAX; 2 * size];
        min[size..size + values.len()].copy_from_slice(&values);
        for node in (1..size).rev() {
            min[node] = min[2 * node].min(min[2 * node + 1]);
        }
        MinTree { min, size }
    }

    /// Sets the value at `at` to `value`, unless it is `usize::MAX` (a
    /// position not wanted stays so).
    fn raise(&mut self, at: usize, value: usize) {
        let mut node = self.size + at;
        if self.min.get(node).is_none_or(|&v| v == usize::MAX) {
            return;
        }
        self.min[node] = value;
        while node > 1 {
            node /= 2;
            self.min[node] = self.min[2 * node].min(self.min[2 * node + 1]);
        }
    }

    /// The last position in `from..to` whose value is below `bound`.
    fn last_below(&self, from: usize, to: usize, bound: usize) -> Option<usize> {
        self.descend(1, 0, self.size, from, to, bound)
    }

    fn descend(&self, node: usize, lo: usize, hi: usize, from: usize, to: usize, bound: usize) -> Option<usize> {
        if hi <= from || to <= lo || self.min[node] >= bound {
            return None;
        }
        if hi - lo == 1 {
            return Some(lo);
        }
        let mid = (lo + hi) / 2;
        self.descend(2 * node + 1, mid, hi, from, to, bound).or_else(|| self.descend(2 * node, lo, mid, from, to, bound))
    }
}

/// Strips list words, enumerations (`一是`), years and filler from a subject.
pub fn clean_subject(lead: &str) -> String {
    let squeezed: String;
    let mut s: &str = if lead.contains(char::is_whitespace) {
        squeezed = lead.chars().filter(|c| !c.is_whitespace()).collect();
        &squeezed
    } else {
        lead
    };
    loop {
        let before = s.len();
        if let Some(w) = vocab::starts_with_any(s, vocab::SUBJECT_LEADERS) {
            s = &s[w.len()..];
        }
        // 一是 / 二是 …
        let mut chars = s.chars();
        if let (Some(a), Some('是')) = (chars.next(), chars.next()) {
            if vocab::is_chinese_numeral(a) {
                s = &s[a.len_utf8() + '是'.len_utf8()..];
            }
        }
        // 2025 年 / 2025年度
        if s.len() >= 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit) && !s.as_bytes().get(4).is_some_and(u8::is_ascii_digit) {
            let rest = &s[4..];
            s = rest.strip_prefix("年度").or_else(|| rest.strip_prefix('年')).unwrap_or(rest);
        }
        if let Some(w) = vocab::ends_with_any(s, vocab::SUBJECT_TRAILERS) {
            s = &s[..s.len() - w.len()];
        }
        s = s.trim_matches(|c: char| matches!(c, '：' | '，' | '、' | '；'));
        if s.len() == before {
            return s.to_string();
        }
    }
}

/// `占基本支出预算 81.42%`: a share of a named whole, with no `的`.
fn names_a_whole(lead: &str) -> bool {
    lead.starts_with('占') && lead.chars().count() <= SHARE_WHOLE_LONGEST && !lead.contains(vocab::CLAUSE_END)
}

/// The longest `占…` (in characters) read as naming a share's whole.
const SHARE_WHOLE_LONGEST: usize = 16;

/// The whole named in `占“三公”经费的`, if any.
/// The parts a share's clause names before `占`, and the whole after it:
/// `事业收入占比为` names 事业收入; `基本支出、项目支出分别占` names both.
/// `None` when the clause names no part plainly.
fn share_lead(lead: &str) -> Option<(Vec<String>, Option<String>)> {
    let at = lead.rfind('占')?;
    let named = lead[..at].trim().trim_start_matches("其中").trim_start_matches(['：', ':']).trim();
    let named = vocab::trim_end_word(named, "分别").trim_end_matches('各').trim();
    if named.is_empty() || named.contains("其中") || named.contains(|c: char| c.is_ascii_digit() || c != '、' && vocab::CLAUSE_END.contains(&c)) {
        return None;
    }
    let names: Vec<String> = named.split('、').map(|n| n.trim().to_string()).collect();
    let plain = names.iter().all(|n| (2..=16).contains(&n.chars().count()));
    plain.then(|| (names, share_whole(lead)))
}

fn share_whole(lead: &str) -> Option<String> {
    let at = lead.rfind('占')?;
    let named = lead[at + '占'.len_utf8()..].trim().trim_end_matches('的').trim();
    let named = named.trim_start_matches('比');
    // `占比分别为`, `占采购规模的比重分别为`: the pairing and share words aside.
    let named = vocab::trim_end_word(vocab::trim_end_word(named, "分别为"), "分别").trim_end_matches('为');
    let named = vocab::trim_end_word(vocab::trim_end_word(named, "比重"), "比例").trim_end_matches('的');
    (!named.is_empty() && !vocab::SHARE_WORDS.contains(&named)).then(|| named.to_string())
}

/// List cues in the text: (offset, length, kind), longest match at each place.
/// A subject that is only the measure compared (`决算数`, `预算数`,
/// `决算`), naming nothing the figure is of.
fn names_measure_only(subject: &str) -> bool {
    vocab::subject_core(subject.strip_suffix('数').unwrap_or(subject)).is_empty()
}

fn find_cues(t: &str) -> Vec<(usize, usize, CueKind)> {
    // Asked of every block: each cue's searcher is made once (as
    // `match_indices`, each finds the cue's occurrences that do not overlap).
    static FINDERS: std::sync::OnceLock<Vec<(memchr::memmem::Finder<'static>, usize, CueKind)>> = std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| vocab::LIST_CUES.iter().map(|&(w, kind)| (memchr::memmem::Finder::new(w), w.len(), kind)).collect());
    let mut found: Vec<(usize, usize, CueKind)> = finders
        .iter()
        .flat_map(|(finder, len, kind)| finder.find_iter(t.as_bytes()).map(move |i| (i, *len, *kind)))
        .filter(|&(i, _, _)| !t[..i].ends_with('不'))
        .collect();
    // Longest first at each place, then drop cues inside an earlier one (`包括` in `主要包括`).
    found.sort_by_key(|&(i, len, _)| (i, std::cmp::Reverse(len)));
    let mut out: Vec<(usize, usize, CueKind)> = Vec::with_capacity(found.len());
    for cue in found {
        if out.last().is_none_or(|&(i, len, _)| cue.0 >= i + len) {
            out.push(cue);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> BlockFacts {
        analyze_block(text, &[], false)
    }

    fn subjects(f: &BlockFacts) -> Vec<&str> {
        f.facts.figures.iter().map(|f| &*f.subject).collect()
    }

    #[test]
    fn a_title_line_is_not_part_of_the_subject_below() {
        let f = facts("支出预算情况说明\n\n本部门支出合计 100 万元。");
        assert_eq!(subjects(&f), vec!["本部门支出合计"]);
        let f = facts("行政运行（项）年\n\n初预算 9.5 万元。");
        assert_eq!(subjects(&f), vec!["行政运行（项）年初预算"]);
    }

    #[test]
    fn a_change_in_the_next_sentence_is_about_the_amount_before() {
        let f = facts("一般公共服务支出 9.5 万元，主要用于工会。与上年相比增加 0.5 万元，增长 5.56%。");
        assert_eq!(f.facts.changes.len(), 1);
        assert_eq!(f.facts.changes[0].amount, Some(0));
        assert_eq!(f.facts.changes[0].rate, Some(RateValue::Stated(2)));
    }

    #[test]
    fn a_change_after_a_list_sentence_is_about_its_total() {
        let f = facts("机关运行经费 12 万元，主要包括：办公费 5 万元、邮电费 7 万元。与上年相比减少 2 万元，下降 14.29%。");
        assert_eq!(f.facts.changes[0].amount, Some(0));
    }

    #[test]
    fn a_subject_with_its_own_change_word_stands_alone() {
        let f = facts("项目支出减少 100 万元，其中：聘用人员工资减少 60 万元，离休人员补助减少 40 万元。");
        assert!(f.facts.changes.iter().all(|c| c.amount.is_none()));
        assert_eq!(f.facts.lists.len(), 1);
        assert_eq!(f.facts.lists[0].items, vec![1, 2]);
    }

    #[test]
    fn parenthesised_breakdowns_are_their_own_lists() {
        let f = facts("经费 6 万元，其中：甲 1 万元，乙 4 万元（其中：丙 1 万元，丁 3 万元），戊 1 万元。");
        let lists: Vec<(usize, Vec<usize>)> = f.facts.lists.iter().map(|l| (l.total, l.items.clone())).collect();
        assert_eq!(lists, vec![(0, vec![1, 2, 5]), (2, vec![3, 4])]);
    }

    #[test]
    fn a_cue_nested_without_parentheses_ends_at_its_items_semicolon() {
        let lists = |text: &str| -> Vec<(usize, Vec<usize>)> { facts(text).facts.lists.iter().map(|l| (l.total, l.items.clone())).collect() };
        // Nested: items of the outer list follow the inner one's `；` part.
        assert_eq!(lists("经费 6 万元，其中：甲 1 万元；乙 4 万元，其中丙 1 万元，丁 3 万元；戊 1 万元。"), vec![(0, vec![1, 2, 5]), (2, vec![3, 4])]);
        // Not nested: nothing of the outer list follows,
        assert_eq!(lists("收入 6 万元，其中：甲 2 万元，乙 4 万元；支出 6 万元，其中：丙 1 万元，丁 5 万元。"), vec![(0, vec![1, 2]), (3, vec![4, 5])]);
        // a list of its own follows,
        assert_eq!(lists("收入 6 万元，其中：甲 2 万元，乙 4 万元；支出 6 万元，其中：丙 1 万元，丁 5 万元；结余 0 万元，其中：戊 0 万元，己 0 万元。").len(), 3);
        // or the second cue has one item in its part.
        assert_eq!(lists("收入 6 万元，其中：甲 2 万元；乙 4 万元；支出 6 万元，其中：丙 1 万元；丁 5 万元。"), vec![(0, vec![1, 2]), (3, vec![4, 5])]);
    }

    #[test]
    fn a_cue_reaches_back_only_when_it_opens_its_sentence() {
        let f = facts("项目预算 10 万元。其中，甲 6 万元，乙 4 万元。");
        assert_eq!(f.facts.lists.len(), 1);
        let f = facts("总额 10 万元。收入包括：拨款收入；支出包括：甲 6 万元，乙 4 万元。");
        assert!(f.facts.lists.is_empty());
    }

    #[test]
    fn a_block_without_figures_is_skipped() {
        let f = facts("部门职责：负责医疗保障工作。");
        assert!(f.facts.figures.is_empty() && f.facts.missing.is_empty() && f.lead.is_none() && f.title.is_none());
    }

    fn restatements(f: &BlockFacts) -> Vec<(FigureId, FigureId)> {
        f.facts.restatements.iter().map(|r| (r.first, r.again)).collect()
    }

    #[test]
    fn a_figure_stated_again_in_a_later_sentence_is_paired_with_the_first() {
        // Budget or spent by the words before the figure in its sentence (a
        // budget word after it does not count); years, when both name one, agree.
        let f = facts("本部门支出合计 100 万元，不含预算外资金。按预算口径，本部门支出合计 120 万元。甲单位2023年项目支出 5 万元。甲单位2024年项目支出 6 万元。本部门支出合计 100 万元。按预算口径，本部门支出合计 120 万元。甲单位2024年项目支出 6 万元。");
        assert_eq!(restatements(&f), vec![(0, 4), (1, 5), (3, 6)]);
        // Thousands of names in one paragraph, each stated twice.
        let signs: Vec<char> = "甲乙丙丁戊己庚辛".chars().collect();
        let names: Vec<String> = (0..2000).map(|i: usize| (0..4).map(|d| signs[i >> (3 * d) & 7]).collect()).collect();
        let text: String = names.iter().chain(&names).map(|n| format!("{n}支出 5 万元。")).collect();
        let f = facts(&text);
        assert_eq!(restatements(&f), (0..names.len()).map(|i| (i, i + names.len())).collect::<Vec<_>>());
    }

    #[test]
    fn a_sentences_first_word_is_looked_for_in_the_sentence_alone() {
        let logical = logical_text("甲 1 万元。乙 2 万元，预算 3 万元。丙 4 万元，预算", &[]);
        let (x, t) = (Extractor::new(&logical, None, Vec::new()), logical.text.as_str());
        let end = |at: &str| t.find(at).map(|i| i + at.len());
        assert_eq!(Some(x.sentence_end(0)), end("。"));
        assert_eq!(x.first_word_end(0, vocab::BUDGET_WORDS), None);
        assert_eq!(x.first_word_end(1, vocab::BUDGET_WORDS), end("预算"));
        assert_eq!(x.first_word_end(2, vocab::BUDGET_WORDS), Some(t.len()));
        assert_eq!(x.sentence_end(2), t.len());
    }
}
