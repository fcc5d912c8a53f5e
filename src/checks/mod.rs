//! The checks: one file each, reading facts and writing diagnostics.
//!
//! Each file declares its rule with [`declare_rule!`] (the doc comment is the
//! user documentation that `gouji explain` prints), and a `check` function.
//! Shared arithmetic lives here: a figure's interval, a list's unit and sum,
//! and the verdict on a stated rate.

pub mod across;
mod average_rate;
mod budget_figure;
mod change_amount;
mod change_without_reason;
mod code_depth;
mod change_direction;
mod change_rate;
mod change_sum;
mod completion_rate;
mod empty_table_note;
mod explanation_detail;
mod flat_contradiction;
mod list_total;
mod missing_figure;
mod missing_section;
mod missing_unit;
mod organisation_name;
mod previous_figure;
mod readings;
mod repeated_figure;
mod share;
mod share_points;
mod share_sum;
mod template_residue;
mod three_public_detail;
mod unexplained_item;
mod unit_slip;
mod unused_suppression;
mod wrong_kind;
mod wrong_scope;
mod wrong_year;
mod zero_base;

pub use budget_figure::BUDGET_FIGURE_MISMATCH;
pub use previous_figure::PREVIOUS_FIGURE_MISMATCH;
pub use repeated_figure::{place, Drift};
pub use unused_suppression::{unused_ignore_entry, unused_suppression, UNUSED_SUPPRESSION};


use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Severity};
use crate::text::Block;
use std::ops::Range;

use crate::facts::{ChangeStatement, ChangeValue, CompletionStatement, Facts, FigureId, List, ListOrigin, MissingFigure, Restatement, ShareSet, ShareStatement, Unit};
use crate::interval::Interval;
use crate::message::{Lang, Message, RateKind};
use crate::profile::Inspection;
use crate::ties::Ties;

static NO_TIES: Ties = Ties { subjects: Vec::new(), statements: Vec::new(), groups: Vec::new(), floors: Vec::new(), coverage: Vec::new() };
use crate::vocab::{self, CueKind};

/// A rule: its id, default severity, one-line summary and documentation,
/// in English and in Chinese.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// What it does, why it matters, an example, and its fix.
    pub doc: &'static str,
    /// The summary in Chinese.
    pub summary_zh: &'static str,
    /// The documentation in Chinese (`src/checks/zh/RULE.md`).
    pub doc_zh: &'static str,
}

/// Declares a rule; its doc comment becomes [`Rule::doc`], and its Chinese
/// documentation is read from `zh/RULE.md` beside the checks.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $name:ident, $id:literal, $severity:ident, $summary:literal, zh: $summary_zh:literal) => {
        $(#[doc = $doc])*
        pub const $name: $crate::checks::Rule = $crate::checks::Rule {
            id: $id,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            summary_zh: $summary_zh,
            doc_zh: include_str!(concat!("zh/", $id, ".md")),
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in the order they are documented.
pub const RULES: &[&Rule] = &[
    &list_total::LIST_TOTAL_MISMATCH,
    &change_sum::CHANGE_SUM_MISMATCH,
    &change_rate::CHANGE_RATE_MISMATCH,
    &change_amount::CHANGE_AMOUNT_MISMATCH,
    &change_direction::CHANGE_DIRECTION_CONFLICT,
    &average_rate::AVERAGE_RATE_MISMATCH,
    &zero_base::ZERO_BASE_CHANGE,
    &share::SHARE_MISMATCH,
    &share_points::SHARE_POINTS_MISMATCH,
    &share_sum::SHARE_SUM_MISMATCH,
    &completion_rate::COMPLETION_RATE_MISMATCH,
    &repeated_figure::REPEATED_FIGURE_MISMATCH,
    &previous_figure::PREVIOUS_FIGURE_MISMATCH,
    &budget_figure::BUDGET_FIGURE_MISMATCH,
    &unit_slip::UNIT_SLIP,
    &missing_unit::MISSING_UNIT,
    &missing_figure::MISSING_FIGURE,
    &template_residue::TEMPLATE_RESIDUE,
    &flat_contradiction::FLAT_CONTRADICTION,
    &change_without_reason::CHANGE_WITHOUT_REASON,
    &empty_table_note::EMPTY_TABLE_NOTE,
    &missing_section::MISSING_SECTION,
    &three_public_detail::THREE_PUBLIC_DETAIL,
    &code_depth::CODE_DEPTH,
    &wrong_year::WRONG_YEAR,
    &wrong_kind::WRONG_KIND,
    &wrong_scope::WRONG_SCOPE,
    &organisation_name::ORGANISATION_NAME,
    &explanation_detail::EXPLANATION_DETAIL,
    &unexplained_item::UNEXPLAINED_ITEM,
    &unused_suppression::UNUSED_SUPPRESSION,
];

impl Rule {
    /// The documentation as Markdown (doc comments keep a leading space).
    pub fn documentation(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n"),
            Lang::Zh => self.doc_zh.trim_end().to_string(),
        }
    }

    /// The one-line summary.
    pub fn summary(&self, lang: Lang) -> &'static str {
        lang.pick(self.summary_zh, self.summary)
    }
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What every check reads: the text, its facts, and indexes over them so
/// that every check stays linear in the size of the draft.
pub struct Context<'a> {
    pub text: &'a str,
    pub facts: &'a Facts,
    /// Per figure: the change statement about it, as an amount
    /// ([`NO_CHANGE`] for none: a figure has few, the draft many figures).
    change_of_amount: Vec<u32>,
    lists_by_item: Index,
    lists_by_total: Index,
    /// Per list: its unit, and the members in 元 where it is in 万元;
    /// found when first asked for (an edit's checks read few of the
    /// document's lists).
    list_units: Vec<std::cell::OnceCell<(Option<Unit>, Vec<FigureId>)>>,
    /// Extra slack for sums, in the list's unit (`tolerance` in gouji.toml).
    pub tolerance: Decimal,
    /// Statements of the same figure (empty unless given by [`Context::with_ties`]).
    pub ties: &'a Ties,
    drifts: std::cell::OnceCell<Vec<Drift>>,
    /// The relations the checks go through: per kind, in the order of
    /// [`Relations`](crate::facts::Relations)' fields, the runs of its vector in focus; `None` for
    /// all of them.
    focus: Option<Box<[Vec<Range<usize>>; 7]>>,
    /// The document's blocks, when the caller has them (split from the
    /// text when asked for otherwise).
    blocks: std::cell::OnceCell<std::borrow::Cow<'a, [Block]>>,
    /// The title and the items required, as the profile chosen reads them
    /// (read from the title alone when the caller gives none).
    inspection: std::cell::OnceCell<Inspection>,
}

/// Every relation of a kind, in [`Context`]'s focus.
const ALL: Range<usize> = 0..usize::MAX;

/// No change statement about an amount, in [`Context`]'s index.
const NO_CHANGE: u32 = u32::MAX;

/// Which relations (lists, changes, shares…) the checks go through; every
/// fact stays readable whatever the focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    /// All of them.
    All,
    /// Those of these blocks (in order), and those that span blocks.
    Blocks(Vec<usize>),
}

/// Runs every check, in document order: those of the figures, and those of
/// a disclosure as a whole (when the text's title reads as one).
pub fn run(cx: &Context) -> Vec<Diagnostic> {
    let mut out = run_figures(cx);
    out.extend(inspect(cx));
    in_order(out)
}

/// The checks of a disclosure as a whole, beyond its arithmetic (issue 17):
/// none unless the text's title reads as a 部门/单位 预算 or 决算 disclosure
/// (or `gouji.toml`'s profile says what the draft is).
/// They read the whole text, so they run on the document, never on a block
/// alone.
pub fn inspect(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(title) = &cx.inspection().title else { return out };
    template_residue::check(cx, title, &mut out);
    flat_contradiction::check(cx, title, &mut out);
    change_without_reason::check(cx, title, &mut out);
    empty_table_note::check(cx, title, &mut out);
    missing_section::check(cx, title, &mut out);
    three_public_detail::check(cx, title, &mut out);
    code_depth::check(cx, title, &mut out);
    wrong_year::check(cx, title, &mut out);
    wrong_kind::check(cx, title, &mut out);
    wrong_scope::check(cx, title, &mut out);
    organisation_name::check(cx, title, &mut out);
    explanation_detail::check(cx, title, &mut out);
    unexplained_item::check(cx, title, &mut out);
    out
}

/// Runs the checks of the figures (every check but [`inspect`]'s), in
/// document order: what a block alone is checked for.
pub fn run_figures(cx: &Context) -> Vec<Diagnostic> {
    run_checks(cx, Reach::All)
}

/// Which checks of the figures to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    All,
    /// Those that read facts beyond a relation's own block.
    Across,
    /// Those that read only the facts of a relation's own block.
    Own,
}

/// A check of the figures.
type Check = fn(&Context, &mut Vec<Diagnostic>);

/// The checks of the figures, each with its rule and whether it reads,
/// for the relations of a block, facts beyond that block: the lists a
/// figure is an item or total of (a section's list spans blocks), the
/// lists of the other blocks in focus, or the statements of its figures
/// elsewhere (the ties). The others read a relation's own facts and text
/// alone (a list spanning blocks is a relation of none, checked as
/// itself), so what they find in a block is what they find in it checked
/// alone, in the same order. Where one of them finds a place of a block
/// again from a list spanning blocks, the block's own finding comes first
/// either way ([`in_order`] keeps the first of a place and rule): the
/// spanning lists are gone through after the blocks' own relations, and
/// the block's kept findings go before what the document finds.
const FIGURE_CHECKS: [(&Rule, Check, bool); 15] = [
    (&list_total::LIST_TOTAL_MISMATCH, list_total::check, true),
    (&change_sum::CHANGE_SUM_MISMATCH, change_sum::check, false),
    (&change_rate::CHANGE_RATE_MISMATCH, change_rate::check, false),
    (&change_amount::CHANGE_AMOUNT_MISMATCH, change_amount::check, false),
    (&change_direction::CHANGE_DIRECTION_CONFLICT, change_direction::check, false),
    (&average_rate::AVERAGE_RATE_MISMATCH, average_rate::check, false),
    (&zero_base::ZERO_BASE_CHANGE, zero_base::check, false),
    (&share::SHARE_MISMATCH, share::check, true),
    (&share_points::SHARE_POINTS_MISMATCH, share_points::check, false),
    (&share_sum::SHARE_SUM_MISMATCH, share_sum::check, false),
    // A list of budgets spanning blocks names the budgets of a block's rates.
    (&completion_rate::COMPLETION_RATE_MISMATCH, completion_rate::check, true),
    (&repeated_figure::REPEATED_FIGURE_MISMATCH, repeated_figure::check, true),
    (&unit_slip::UNIT_SLIP, unit_slip::check, false),
    (&missing_unit::MISSING_UNIT, missing_unit::check, false),
    (&missing_figure::MISSING_FIGURE, missing_figure::check, false),
];

/// Does the rule `code` read facts beyond a relation's own block?
fn reads_across(code: &str) -> bool {
    FIGURE_CHECKS.iter().any(|&(rule, _, across)| across && rule.id == code)
}

/// Runs the checks of the figures `reach` names, in document order.
fn run_checks(cx: &Context, reach: Reach) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Every check starts from a relation (a list, a change, a share…) or
    // a tie: without any, there is nothing to find.
    let f = cx.facts;
    if [f.lists.len(), f.changes.len(), f.shares.len(), f.completions.len(), f.missing.len(), f.share_sets.len(), f.restatements.len()].iter().all(|&n| n == 0) && cx.ties.groups.is_empty() && cx.ties.floors.is_empty() {
        return out;
    }
    for (_, check, across) in FIGURE_CHECKS {
        if reach == Reach::All || (reach == Reach::Across) == across {
            check(cx, &mut out);
        }
    }
    in_order(out)
}

/// Diagnostics in document order, one per place and rule.
fn in_order(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    // One finding per place and rule, but for the missing items of a
    // disclosure, each named on its title.
    out.dedup_by(|a, b| a.span == b.span && a.code == b.code && (a.code != missing_section::MISSING_SECTION.id || a.message == b.message));
    out
}

/// The diagnostics of a document whose blocks were each checked alone:
/// `local` gives, block by block, where the block starts and what [`run`]
/// found in its own facts (spans relative to its start).
///
/// A block's own findings stand unless the document reaches into it: a
/// section's list over its figures, or a figure of it that disagrees with
/// its statements elsewhere (which may explain a sum or a rate). Such
/// blocks are checked again here with the document's facts and ties, with
/// the relations that span blocks, and the ties' own check: with every
/// check where a figure disagrees, with only the checks that read beyond
/// a block where a list alone reaches in (the others find there what they
/// found in the block alone). So the work of an edit is its blocks' and
/// the document's few ties, not every check of every block; and the
/// result is what [`run`] gives on the whole document.
///
/// A block's findings are moved into the document's when `local` owns
/// them (nothing keeps them after), copied when it lends them.
pub fn run_document<'d>(mut cx: Context, local: impl Iterator<Item = (usize, std::borrow::Cow<'d, [Diagnostic]>)>) -> Vec<Diagnostic> {
    let (reached, drifting) = reached_blocks(&cx);
    let mut out = Vec::new();
    let (mut r, mut d) = (reached.iter().peekable(), drifting.iter().peekable());
    for (b, (start, diagnostics)) in local.enumerate() {
        // A block reached by a list alone keeps what the checks that read
        // its own facts alone found in it.
        let keep: fn(&Diagnostic) -> bool = match (r.next_if_eq(&&b), d.next_if_eq(&&b)) {
            (None, _) => |_| true,
            (Some(_), None) => |d| !reads_across(d.code),
            (Some(_), Some(_)) => continue,
        };
        match diagnostics {
            std::borrow::Cow::Borrowed(d) => out.extend(d.iter().filter(|d| keep(d)).map(|d| d.clone().shift(start))),
            std::borrow::Cow::Owned(d) => out.extend(d.into_iter().filter(keep).map(|d| d.shift(start))),
        }
    }
    cx.set_focus(Focus::Blocks(reached));
    out.extend(run_checks(&cx, Reach::Across));
    cx.set_focus(Focus::Blocks(drifting));
    out.extend(run_checks(&cx, Reach::Own));
    cx.set_focus(Focus::All);
    out.extend(inspect(&cx));
    in_order(out)
}

/// The blocks the document reaches into: those with a figure in a list
/// that spans blocks, or with a figure that disagrees with its other
/// statements; and those of the latter. Both in order.
fn reached_blocks(cx: &Context) -> (Vec<usize>, Vec<usize>) {
    let facts = cx.facts;
    let block_of = |k: FigureId| facts.blocks.partition_point(|b| b.figures().end <= k);
    let in_order = |mut blocks: Vec<usize>| {
        blocks.sort_unstable();
        blocks.dedup();
        blocks
    };
    let drifting = in_order(cx.drifts().iter().map(|d| block_of(d.figure)).collect());
    let spanning = facts.lists[facts.spanning_lists()..].iter().flat_map(List::members);
    let reached = in_order(spanning.map(block_of).chain(drifting.iter().copied()).collect());
    (reached, drifting)
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, facts: &'a Facts) -> Self {
        let n = facts.figures.len();
        let mut change_of_amount = vec![NO_CHANGE; n];
        for (i, c) in facts.changes.iter().enumerate() {
            if let Some(slot) = c.amount.and_then(|a| change_of_amount.get_mut(a)).filter(|s| **s == NO_CHANGE) {
                *slot = i as u32;
            }
        }
        let lists = facts.lists.iter().enumerate();
        Context {
            text,
            facts,
            change_of_amount,
            lists_by_item: Index::new(n, lists.clone().flat_map(|(i, l)| l.items.iter().map(move |&k| (k, i)))),
            lists_by_total: Index::new(n, lists.map(|(i, l)| (l.total, i))),
            list_units: std::iter::repeat_with(std::cell::OnceCell::new).take(facts.lists.len()).collect(),
            tolerance: Decimal::ZERO,
            ties: &NO_TIES,
            drifts: std::cell::OnceCell::new(),
            focus: None,
            blocks: std::cell::OnceCell::new(),
            inspection: std::cell::OnceCell::new(),
        }
    }

    /// Goes through only the relations `focus` names.
    pub fn with_focus(mut self, focus: Focus) -> Self {
        self.set_focus(focus);
        self
    }

    /// Goes through only the relations `focus` names: those of its blocks,
    /// in its order, then the lists that span blocks. Found here once for
    /// every check that asks, as runs of each kind's vector.
    fn set_focus(&mut self, focus: Focus) {
        self.focus = match focus {
            Focus::All => None,
            Focus::Blocks(blocks) => {
                let mut runs: [Vec<Range<usize>>; 7] = Default::default();
                let add = |runs: &mut Vec<Range<usize>>, r: Range<usize>| match runs.last_mut() {
                    _ if r.is_empty() => {}
                    Some(last) if last.end == r.start => last.end = r.end,
                    _ => runs.push(r),
                };
                for b in blocks.iter().filter_map(|&b| self.facts.blocks.get(b)) {
                    let r = b.relations();
                    let own = [r.lists, r.changes, r.shares, r.missing, r.completions, r.share_sets, r.restatements];
                    for (runs, r) in runs.iter_mut().zip(own) {
                        add(runs, r);
                    }
                }
                add(&mut runs[0], self.facts.spanning_lists()..self.facts.lists.len());
                Some(Box::new(runs))
            }
        };
    }

    /// The relations of one kind (`kind`, in the order of [`Relations`](crate::facts::Relations)'
    /// fields) in focus.
    fn focused<T>(&self, all: &'a [T], kind: usize) -> impl Iterator<Item = &'a T> + '_ {
        let runs = match &self.focus {
            None => std::slice::from_ref(&ALL),
            Some(runs) => runs[kind].as_slice(),
        };
        runs.iter().flat_map(move |r| all.get(if *r == ALL { 0..all.len() } else { r.clone() }).unwrap_or_default())
    }

    /// The lists in focus.
    pub fn lists(&self) -> impl Iterator<Item = &'a List> + '_ {
        self.focused(&self.facts.lists, 0)
    }

    /// The change statements in focus.
    pub fn changes(&self) -> impl Iterator<Item = &'a ChangeStatement> + '_ {
        self.focused(&self.facts.changes, 1)
    }

    /// The share statements in focus.
    pub fn shares(&self) -> impl Iterator<Item = &'a ShareStatement> + '_ {
        self.focused(&self.facts.shares, 2)
    }

    /// The missing figures in focus.
    pub fn missing(&self) -> impl Iterator<Item = &'a MissingFigure> + '_ {
        self.focused(&self.facts.missing, 3)
    }

    /// The completion statements in focus.
    pub fn completions(&self) -> impl Iterator<Item = &'a CompletionStatement> + '_ {
        self.focused(&self.facts.completions, 4)
    }

    /// The share sets in focus.
    pub fn share_sets(&self) -> impl Iterator<Item = &'a ShareSet> + '_ {
        self.focused(&self.facts.share_sets, 5)
    }

    /// The restatements in focus.
    pub fn restatements(&self) -> impl Iterator<Item = &'a Restatement> + '_ {
        self.focused(&self.facts.restatements, 6)
    }

    pub fn with_ties(mut self, ties: &'a Ties) -> Self {
        self.ties = ties;
        self.drifts = std::cell::OnceCell::new();
        self
    }

    /// The statements that disagree with the other statements of their
    /// figure, found once for every check that asks.
    pub fn drifts(&self) -> &[Drift] {
        self.drifts.get_or_init(|| repeated_figure::drifts(self))
    }

    /// The drifts of one figure.
    pub fn drifts_of(&self, figure: FigureId) -> &[Drift] {
        let all = self.drifts();
        let from = all.partition_point(|d| d.figure < figure);
        let to = all.partition_point(|d| d.figure <= figure);
        &all[from..to]
    }

    /// The document's blocks, as split already (spares splitting it again).
    pub fn with_blocks(self, blocks: &'a [Block]) -> Self {
        let _ = self.blocks.set(std::borrow::Cow::Borrowed(blocks));
        self
    }

    /// The blocks of the text.
    pub fn blocks(&self) -> &[Block] {
        self.blocks.get_or_init(|| std::borrow::Cow::Owned(crate::text::split_blocks(self.text)))
    }

    pub fn with_tolerance(mut self, tolerance: Decimal) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The title and items required as the caller read them (with the
    /// profile of `gouji.toml`).
    pub fn with_inspection(self, inspection: Inspection) -> Self {
        let _ = self.inspection.set(inspection);
        self
    }

    /// The title and items required.
    pub fn inspection(&self) -> &Inspection {
        self.inspection.get_or_init(|| Inspection::read(self.text, Default::default(), &Default::default()))
    }

    /// The change statement about amount `k`, if the text gives one.
    pub fn change_of(&self, k: FigureId) -> Option<&'a crate::facts::ChangeStatement> {
        self.change_of_amount.get(k).copied().filter(|&i| i != NO_CHANGE).map(|i| &self.facts.changes[i as usize])
    }

    /// The lists a figure is an item of.
    pub fn lists_with_item(&self, id: FigureId) -> impl Iterator<Item = &'a List> + '_ {
        self.lists_by_item.get(id).iter().map(|&i| &self.facts.lists[i as usize])
    }

    /// The lists a figure is the total of.
    pub fn lists_with_total(&self, id: FigureId) -> impl Iterator<Item = &'a List> + '_ {
        self.lists_by_total.get(id).iter().map(|&i| &self.facts.lists[i as usize])
    }

    /// The precomputed units of a list of `facts.lists`.
    fn units_of(&self, list: &List) -> Option<&(Option<Unit>, Vec<FigureId>)> {
        let lists = &self.facts.lists;
        let offset = (list as *const List as usize).checked_sub(lists.as_ptr() as usize)?;
        let i = offset / std::mem::size_of::<List>().max(1);
        let list = lists.get(i).filter(|l| std::ptr::eq(*l, list))?;
        Some(self.list_units.get(i)?.get_or_init(|| {
            let unit = majority_unit(self.facts, list);
            (unit, unit_slips(self.facts, list, unit))
        }))
    }

    /// The figure's number as written.
    pub fn number_text(&self, id: FigureId) -> &str {
        &self.text[self.facts.figures[id].number.range()]
    }

    /// The figure's number and unit as written, for messages.
    pub fn show(&self, id: FigureId) -> String {
        let f = &self.facts.figures[id];
        let number = self.number_text(id).trim();
        match f.unit.map_or("", Unit::label) {
            "" => number.to_string(),
            unit => format!("{number} {unit}"),
        }
    }

    /// The interval of a figure as written, in its own unit. Figures are
    /// magnitudes (a change's sign is in its direction word), so the
    /// interval never goes below zero: `0` is [0, 0.5], not [-0.5, 0.5].
    pub fn interval(&self, id: FigureId) -> Option<Interval> {
        let f = &self.facts.figures[id];
        let i = Interval::rounded(f.value, f.scale)?;
        Some(Interval { lo: i.lo.max(Decimal::ZERO), hi: i.hi })
    }

    /// A change's signed interval (0 for `持平`), in its own unit; `None`
    /// for a change only implied by two amounts.
    pub fn change_interval(&self, change: ChangeValue) -> Option<Interval> {
        match change {
            ChangeValue::Unchanged(_) => Some(Interval::exact(Decimal::ZERO)),
            ChangeValue::Implied(..) => None,
            ChangeValue::Stated(k) => {
                let i = self.interval(k)?;
                match self.facts.figures[k].measure {
                    crate::facts::Measure::Change(crate::facts::Direction::Down) => Some(i.negated()),
                    _ => Some(i),
                }
            }
        }
    }

    /// The unit most members of a list are stated in.
    pub fn list_unit(&self, list: &List) -> Option<Unit> {
        match self.units_of(list) {
            Some((u, _)) => *u,
            None => majority_unit(self.facts, list),
        }
    }

    /// Members stated in 元 where the list is in 万元: a slip of the unit.
    pub fn unit_slips(&self, list: &List) -> &[FigureId] {
        self.units_of(list).map_or(&[], |(_, s)| s.as_slice())
    }

    /// A member's interval in the list's unit: a slipped or missing unit is
    /// read as the list's; another unit is converted.
    pub fn member_interval(&self, list: &List, id: FigureId) -> Option<Interval> {
        let base = self.interval(id)?;
        let base = if self.relative_sign(list, id).is_sign_negative() { base.negated() } else { base };
        match self.to_list_unit(list, id)? {
            None => Some(base),
            Some(by) => base.scale(by),
        }
    }

    /// What a member is multiplied by to be in the list's unit: `None`
    /// when it is read as it stands (the list's unit, a slipped or missing
    /// unit, or a list of no unit); `Some(None)` when the units do not convert.
    fn to_list_unit(&self, list: &List, id: FigureId) -> Option<Option<Decimal>> {
        let (Some(u), Some(list_unit)) = (self.facts.figures[id].unit, self.list_unit(list)) else { return Some(None) };
        if u == list_unit || self.unit_slips(list).contains(&id) {
            return Some(None);
        }
        Some(Some(u.in_wan()?.checked_div(list_unit.in_wan()?)?))
    }

    /// How a list's items compare with its total.
    pub fn list_sum(&self, list: &List) -> Option<ListSum> {
        let verdict = self.sum_verdict(list, None)?;
        // Each item as stated, in the list's unit (`5,412.60 万元` in a list
        // in 亿元 is 0.541260).
        let in_list_unit = |k: FigureId| {
            let f = &self.facts.figures[k];
            let value = f.value * self.relative_sign(list, k);
            match self.to_list_unit(list, k)? {
                None => Some((value, f.scale)),
                Some(by) => {
                    let v = value.checked_mul(by)?.normalize();
                    Some((v, v.scale().max(f.scale)))
                }
            }
        };
        let items = list.items.iter().map(|&k| in_list_unit(k)).collect::<Option<Vec<_>>>()?;
        let stated: Decimal = items.iter().map(|&(v, _)| v).sum();
        let scale = items.iter().map(|&(_, s)| s).max().unwrap_or(0);
        Some(ListSum { verdict, stated_sum: stated, scale })
    }

    /// How a list's items compare with its total, with one member's
    /// interval replaced (to ask "would this value make the list add up?").
    pub fn sum_verdict(&self, list: &List, replace: Option<(FigureId, Interval)>) -> Option<SumVerdict> {
        let value = |k: FigureId| match replace {
            Some((r, i)) if r == k => Some(i),
            _ => self.member_interval(list, k),
        };
        let total = value(list.total)?.widened(self.tolerance)?;
        let items = list.items.iter().try_fold(Interval::exact(Decimal::ZERO), |sum, &k| sum.checked_add(value(k)?))?;
        Some(if items.meets(total) {
            SumVerdict::Agrees
        } else if items.lo > total.hi {
            SumVerdict::Over
        } else {
            SumVerdict::Short
        })
    }

    /// In a list of changes (`减少 2.5 万元，其中：A 增加 1.2 万元，B 减少
    /// 3.1 万元…`), −1 for an item moving against the total, so that the
    /// items add up with their signs; 1 otherwise.
    pub fn relative_sign(&self, list: &List, id: FigureId) -> Decimal {
        use crate::facts::Measure::Change;
        match (self.facts.figures[list.total].measure, self.facts.figures[id].measure) {
            (Change(t), Change(i)) if t != i => Decimal::NEGATIVE_ONE,
            _ => Decimal::ONE,
        }
    }

    /// Do the items make up the whole total (rather than its main parts)?
    pub fn list_is_complete(&self, list: &List) -> bool {
        if list.et_cetera || list.cue == Some(CueKind::Partial) {
            return false;
        }
        let subject = |k: FigureId| self.facts.figures[k].subject.as_ref();
        list.cue == Some(CueKind::Including)
            || list.origin != ListOrigin::Sentence
            || crate::facts::is_total(subject(list.total))
            || list.items.iter().any(|&k| vocab::starts_with_any(subject(k), vocab::CATCH_ALL).is_some())
            || vocab::KNOWN_BREAKDOWNS.iter().any(|(whole, parts)| {
                let names = |k: FigureId, word: &str| vocab::names_at_end(subject(k), word);
                names(list.total, whole) && list.items.len() == parts.len() && parts.iter().all(|p| list.items.iter().any(|&k| names(k, p)))
            })
            || vocab::COMPLETE_PART_SETS.iter().any(|parts| list.items.len() == parts.len() && parts.iter().all(|p| list.items.iter().any(|&k| subject(k).contains(p))))
            || (list.items.len() >= 3 && list.items.iter().any(|&k| self.facts.figures[k].value.is_zero()))
    }

    /// A total that names income and spending at once (`收、支预算总计`) is
    /// two equal totals, not the sum of its parts.
    pub fn is_dual_total(&self, list: &List) -> bool {
        // One side of it, named before its cue (`收入包括…；支出包括…`), is a list like any other.
        if list.origin == ListOrigin::Sentence {
            let before = self.text.get(..list.cue_span.start).unwrap_or_default();
            let clause = before.rsplit(|c: char| vocab::CLAUSE_END.contains(&c) || vocab::SENTENCE_END.contains(&c)).next().unwrap_or_default().trim();
            if !clause.is_empty() && (clause.starts_with(vocab::INCOME_WORDS[0]) || clause.starts_with(vocab::SPENDING_WORDS[0])) {
                return false;
            }
        }
        let s = &self.facts.figures[list.total].subject;
        (vocab::contains_any(s, &["收、支", "收支"]) || (vocab::contains_any(s, vocab::INCOME_WORDS) && vocab::contains_any(s, vocab::SPENDING_WORDS)))
            || s.contains('各')
    }

}

/// A many-to-many index from figures to lists, in compressed rows: the
/// lists of figure `k` are `values[starts[k]..starts[k + 1]]`.
struct Index {
    starts: Vec<u32>,
    values: Vec<u32>,
}

impl Index {
    fn new(figures: usize, pairs: impl Iterator<Item = (FigureId, usize)> + Clone) -> Self {
        let mut starts = vec![0u32; figures + 1];
        for (k, _) in pairs.clone() {
            if let Some(c) = starts.get_mut(k + 1) {
                *c += 1;
            }
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut fill = starts.clone();
        let mut values = vec![0u32; starts.last().copied().unwrap_or(0) as usize];
        for (k, i) in pairs {
            if let Some(slot) = fill.get_mut(k) {
                values[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        Index { starts, values }
    }

    fn get(&self, k: FigureId) -> &[u32] {
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.values[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The unit most members of a list are stated in.
fn majority_unit(facts: &Facts, list: &List) -> Option<Unit> {
    let mut counts: Vec<(Unit, usize)> = Vec::new();
    for u in list.members().filter_map(|k| facts.figures[k].unit) {
        match counts.iter_mut().find(|(v, _)| *v == u) {
            Some((_, n)) => *n += 1,
            None => counts.push((u, 1)),
        }
    }
    counts.iter().fold(None, |best: Option<(Unit, usize)>, &(u, n)| if best.is_none_or(|(_, m)| n > m) { Some((u, n)) } else { best }).map(|(u, _)| u)
}

/// Members stated in 元 where the list is in 万元 (and 元 is the minority).
fn unit_slips(facts: &Facts, list: &List, unit: Option<Unit>) -> Vec<FigureId> {
    if unit != Some(Unit::WanYuan) {
        return Vec::new();
    }
    let wan = list.members().filter(|&k| facts.figures[k].unit == Some(Unit::WanYuan)).count();
    let slips: Vec<FigureId> = list.members().filter(|&k| facts.figures[k].unit == Some(Unit::Yuan)).collect();
    if wan >= 2 && slips.len() < wan {
        slips
    } else {
        Vec::new()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumVerdict {
    Agrees,
    Short,
    Over,
}

#[derive(Debug, Clone, Copy)]
pub struct ListSum {
    pub verdict: SumVerdict,
    /// The items' values added as written.
    pub stated_sum: Decimal,
    /// The most decimals among the items.
    pub scale: u32,
}

/// How a stated rate compares with the interval the figures allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateVerdict {
    Agrees,
    /// Right only if the writer truncated instead of rounding.
    Truncated,
    Wrong,
}

/// `part / whole` as a percentage against the stated rate `rate`: the
/// computed interval and the verdict when they disagree; `None` when they
/// agree or the rate cannot be computed (a whole that may be zero).
pub fn disagreeing_rate(cx: &Context, part: Interval, whole: Interval, rate: FigureId) -> Option<(Interval, RateVerdict)> {
    if whole.lo <= Decimal::ZERO {
        return None;
    }
    let stated = &cx.facts.figures[rate];
    // Most rates agree: test that by multiplying, which is cheaper than
    // dividing (part/whole meets [lo, hi] iff part.lo·100 ≤ hi·whole.hi and
    // lo·whole.lo ≤ part.hi·100, the whole being positive).
    let band = Interval::rounded(stated.value, stated.scale)?;
    let hundred = Decimal::ONE_HUNDRED;
    let agrees = (|| Some(part.lo.checked_mul(hundred)? <= band.hi.checked_mul(whole.hi)? && band.lo.checked_mul(whole.lo)? <= part.hi.checked_mul(hundred)?))();
    if agrees == Some(true) {
        return None;
    }
    let computed = part.checked_div(whole)?.scale(hundred)?;
    let verdict = rate_verdict(computed, stated.value, stated.scale)?;
    (verdict != RateVerdict::Agrees).then_some((computed, verdict))
}

pub fn rate_verdict(computed: Interval, stated: Decimal, scale: u32) -> Option<RateVerdict> {
    if Interval::rounded(stated, scale)?.meets(computed) {
        Some(RateVerdict::Agrees)
    } else if Interval::truncated(stated, scale)?.meets(computed) {
        Some(RateVerdict::Truncated)
    } else {
        Some(RateVerdict::Wrong)
    }
}

/// The diagnostic for a stated percentage that does not follow from its
/// figures: `arithmetic` shows the computation (`a / b = r%`); a rate right
/// only when truncated is a warning; the fix is the rate every rounding of
/// the figures gives, when there is exactly one (`kind` says which
/// percentage it is: a change rate, a share, a completion rate).
pub fn rate_diagnostic(cx: &Context, rule: &Rule, rate: FigureId, computed: Interval, verdict: RateVerdict, arithmetic: String, kind: RateKind) -> Diagnostic {
    let figure = &cx.facts.figures[rate];
    let truncated = verdict == RateVerdict::Truncated;
    let message = Message::RateMismatch { kind, arithmetic, stated: cx.number_text(rate).trim().to_string(), truncated };
    let mut d = Diagnostic::new(rule, figure.number, message);
    if truncated {
        d = d.severity(Severity::Warning);
    }
    let fix = computed.round_unique(figure.scale).map(|v| {
        let text = format_decimal(v, figure.scale);
        crate::diagnostic::Fix::replace(figure.number, text.clone(), Message::ReplaceRate { kind, value: text }, crate::diagnostic::Applicability::Safe)
    });
    d.fix(fix)
}

/// `a / b × 100`, as written, to `decimals` places (for messages).
pub fn percent_text(a: Decimal, b: Decimal, decimals: u32) -> String {
    a.checked_div(b).and_then(|v| v.checked_mul(Decimal::ONE_HUNDRED)).map_or_else(|| "?".into(), |v| format_plain(v.round_dp(decimals)))
}

/// A value written with `scale` decimals.
pub fn format_decimal(v: Decimal, scale: u32) -> String {
    let r = v.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{r:.prec$}", prec = scale as usize)
}

/// A computed number written the way the figure it replaces was: with
/// thousands separators if that one had them (`2,486.30`).
pub fn like_written(number: String, original: &str) -> String {
    if !original.contains(',') {
        return number;
    }
    let (int, frac) = number.split_once('.').map_or((number.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value with its trailing zeros dropped, as the drafts write them.
pub fn format_plain(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Are the digits of `a` and `b` the same but for two neighbours swapped
/// (`8.3` for `3.8`)? Both must have their decimal point in the same place.
pub fn transposed(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.find('.') != b.find('.') {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().filter(|c| *c != '.').collect(), b.chars().filter(|c| *c != '.').collect());
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn transpositions() {
        assert!(transposed("3.8", "8.3"));
        assert!(transposed("12.53", "12.35"));
        assert!(!transposed("12.53", "12.53"));
        assert!(!transposed("1.25", "12.5"));
        assert!(!transposed("3.81", "8.13"));
    }

    #[test]
    fn numbers_keep_their_thousands_separators() {
        assert_eq!(like_written("2486.30".into(), "2,506.30"), "2,486.30");
        assert_eq!(like_written("1234567".into(), "1,000"), "1,234,567");
        assert_eq!(like_written("486.3".into(), "2,506.3"), "486.3");
        assert_eq!(like_written("2486.30".into(), "2506.30"), "2486.30");
    }

    #[test]
    fn formatting() {
        assert_eq!(format_decimal(Decimal::new(7569, 3), 1), "7.6");
        assert_eq!(format_decimal(Decimal::new(5, 0), 2), "5.00");
        assert_eq!(format_plain(Decimal::new(132000, 4)), "13.2");
    }
}
