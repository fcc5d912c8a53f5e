//! The fact model: figures and the relations between them, as plain data.

use rust_decimal::Decimal;

use crate::text::Span;
use crate::vocab::CueKind;

/// Index of a figure in [`Facts::figures`](super::Facts::figures).
pub type FigureId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Unit {
    Yuan,
    WanYuan,
    YiYuan,
    QianYuan,
    Percent,
    PercentagePoint,
    Count,
    Area,
}

/// What kind of quantity a unit measures; figures of different kinds never add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    Money,
    Ratio,
    Count,
    Area,
}

impl Unit {
    pub fn kind(self) -> UnitKind {
        match self {
            Unit::Yuan | Unit::WanYuan | Unit::YiYuan | Unit::QianYuan => UnitKind::Money,
            Unit::Percent | Unit::PercentagePoint => UnitKind::Ratio,
            Unit::Count => UnitKind::Count,
            Unit::Area => UnitKind::Area,
        }
    }

    pub fn is_money(self) -> bool {
        self.kind() == UnitKind::Money
    }

    /// The value of one of this unit in 万元; `None` for units not of money.
    pub fn in_wan(self) -> Option<Decimal> {
        match self {
            Unit::Yuan => Some(Decimal::new(1, 4)),
            Unit::QianYuan => Some(Decimal::new(1, 1)),
            Unit::WanYuan => Some(Decimal::ONE),
            Unit::YiYuan => Some(Decimal::new(10_000, 0)),
            _ => None,
        }
    }

    /// How the unit is written in the drafts.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
            Unit::QianYuan => "千元",
            Unit::Percent => "%",
            Unit::PercentagePoint => "个百分点",
            Unit::Count => "",
            Unit::Area => "平方米",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn sign(self) -> Decimal {
        match self {
            Direction::Up => Decimal::ONE,
            Direction::Down => Decimal::NEGATIVE_ONE,
        }
    }
}

/// What a figure states about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Measure {
    /// How much: `基本支出 215.64 万元`.
    Amount,
    /// By how much it moved since last year: `增加 12.07 万元`.
    Change(Direction),
    /// The same as a rate: `增长 3.7%`.
    Rate(Direction),
    /// Its part of a whole: `占 41.2%`.
    Share,
    /// Final accounts against the budget: `完成年初预算的 97.5%`.
    Completion,
    /// A figure whose role the text does not make clear.
    Other,
}

/// Which year a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Period {
    Current,
    Prior,
}

/// One stated figure.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure {
    /// The number and its unit.
    pub span: Span,
    /// The number alone.
    pub number: Span,
    /// The value as written (in its own unit).
    pub value: Decimal,
    /// Decimals written: `612.8` has 1, so it stands for [612.75, 612.85].
    pub scale: u32,
    /// `None` for a bare number.
    pub unit: Option<Unit>,
    pub measure: Measure,
    /// What the figure is about, as the text names it (cleaned of filler).
    pub subject: super::Name,
    pub period: Period,
}

/// A figure and how it changed: `N 万元，比上年增加 D 万元，增长 P%`.
///
/// The words do not always say which figure is which: the statement keeps
/// the reading the sentence's structure makes likeliest (`amount`,
/// `prior`) and the other plausible ones (`alternatives`); a check calls
/// the statement wrong only when no reading adds up.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChangeStatement {
    /// The amount this year; `None` when the text states only the change.
    pub amount: Option<FigureId>,
    /// Last year's amount, when the comparison states it: `较2020年的
    /// 147万元`, `同比去年 1.35 万元`, `比上年累计支出 412 万元`, `由 X 增加到`.
    pub prior: Option<FigureId>,
    pub change: ChangeValue,
    pub rate: Option<RateValue>,
    /// Other plausible readings of which figures are this year's and last
    /// year's (none for most statements).
    pub alternatives: Vec<Reading>,
    /// Compared with the year's budget (`比年初预算`, `决算数比预算数`, `差值`,
    /// `节约`) rather than last year: `prior` is the budget, `amount` the
    /// final figure.
    pub budget: bool,
}

/// One reading of a change statement: which figure is this year's amount,
/// and which (if any) last year's.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Reading {
    pub now: FigureId,
    pub prior: Option<FigureId>,
    pub why: ReadingKind,
}

/// Why a reading other than the likeliest is plausible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ReadingKind {
    /// The change follows a `其中` list: it may be the total's, not the
    /// last item's.
    ListTotal,
    /// The sentence states the subject's amount for two years
    /// (`2023年…22.6万元，2022年…25.1万元，比上年减少…`): the later figure
    /// may be last year's.
    TwoYears,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub enum ChangeValue {
    Stated(FigureId),
    /// `与上年持平`, `无增减变动`.
    Unchanged(Span),
    /// Only the direction is written, both years' amounts are stated: `比上年
    /// 决算数 X 万元下降 P%`, `由 X 万元增加到 Y 万元，增长 P%`.
    Implied(Direction, Span),
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub enum RateValue {
    Stated(FigureId),
    /// `增长（基数为 0，不可比）`: last year was zero.
    NotComparable(Span),
    /// `从2016年的 X 万元增加到2021年的 Y 万元，年均增长 P%`: a compound
    /// rate over `years` years, from `prior` to `amount`.
    Average { rate: FigureId, years: u32 },
}

/// `A a 万元，占 p%`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ShareStatement {
    pub part: FigureId,
    pub share: FigureId,
    /// The whole named in `占“三公”经费的 p%`, if any.
    pub whole: Option<String>,
    /// The whole's own figure when the block states it under that name
    /// (`授予中小企业合同金额 1862.4 万元…占授予中小企业合同金额的 p%`), or the
    /// sentence opens with it (`项目支出中，…占 p%`); a savings rate's is
    /// the budget (`预算金额 B…节约资金 S，节约率 p%`).
    pub of: Option<FigureId>,
}

/// Shares of one whole, stated for parts that do not overlap and without
/// their amounts (`财政拨款收入占比为 p%，事业收入占比为 q%，其他收入占比为
/// r%`): together they cannot be more than the whole.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ShareSet {
    pub shares: Vec<FigureId>,
    /// The whole named (`占本年支出的`), if any; the same for every share.
    pub whole: Option<String>,
}

/// One paragraph stating a figure twice, in two sentences: `某局2022年机关运行
/// 经费支出 38.62 万元…。该局机关运行经费支出 36.82 万元…`. The two name the
/// same thing once the department's name, the year and a pronoun (`该局`)
/// are set aside.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Restatement {
    pub first: FigureId,
    pub again: FigureId,
}

/// Final accounts against the budget: `年初预算为 B 万元，支出决算为 A 万元，
/// 完成年初预算的 P%`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompletionStatement {
    pub budget: FigureId,
    pub actual: FigureId,
    pub rate: FigureId,
}

/// A total and the items it is made of.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct List {
    pub total: FigureId,
    pub items: Vec<FigureId>,
    pub cue: Option<CueKind>,
    /// Where the cue is (`其中：`), or the total for a list found by its headings.
    pub cue_span: Span,
    /// `…等`: the items are the main ones only.
    pub et_cetera: bool,
    pub origin: ListOrigin,
}

/// Where a list was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ListOrigin {
    /// Within a sentence: `总计 N 万元，其中：A a 万元、B b 万元`.
    Sentence,
    /// A numbered section's figure over its subsections' lead figures.
    Sections,
    /// Rows or columns of a table: a parent row over its children, a 合计
    /// row over the top-level rows, a row's 合计 over its other columns.
    Table,
}

impl List {
    pub fn members(&self) -> impl Iterator<Item = FigureId> + '_ {
        std::iter::once(self.total).chain(self.items.iter().copied())
    }
}

/// A unit or percent sign with its figure missing: `增长%`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MissingFigure {
    /// The unit left standing.
    pub span: Span,
    /// The word before it.
    pub after: String,
    pub unit: Unit,
}

/// Index of a table in [`Facts::tables`](super::Facts::tables).
pub type TableId = usize;

/// A table of the draft, as its title names it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableInfo {
    /// Spaces removed: `一般公共预算支出表`.
    pub title: String,
    /// Its number, when printed on a line of its own: `部门公开表5`.
    pub number: Option<String>,
    /// One set of columns whose headings were all recognised, so the
    /// columns of its cells can be trusted.
    pub plain_columns: bool,
    /// A figure alone on its row is the row's amount: the table has one
    /// set of columns (not this year's beside last year's), or two sides
    /// (income beside spending) of one amount each.
    pub alone_is_amount: bool,
    /// Its rows, one entry per name printed (the two halves of a two-sided
    /// row are two entries).
    pub rows: Vec<RowInfo>,
    /// How its headings were read and which rows were not placed, and why:
    /// the coverage ledger's account of what was not checked.
    pub notes: Vec<crate::message::TableNote>,
}

/// A row of a table (or one half of a two-sided row).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowInfo {
    /// The row's full account code, if printed (`2080505`, `30101`).
    /// Shared, like the name, with the rows that print the same: a draft
    /// prints the same accounts in table after table.
    pub code: Option<super::Name>,
    /// Spaces removed.
    pub name: super::Name,
    /// The printed row it is on, counted from the table's first.
    pub line: usize,
}

/// Where a table figure is printed: its table, row and column.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cell {
    pub figure: FigureId,
    pub table: TableId,
    /// Its row in the table's [`TableInfo::rows`].
    pub row: usize,
    /// The column's canonical heading, where the table makes it certain.
    pub column: Option<&'static str>,
    /// The only figure of its row (or of its half of a two-sided row).
    pub alone: bool,
}

/// What the ties between places need to know of a block. One is held for
/// every block of a draft, so its ranges are kept in `u32`s (a draft is
/// far shorter than 4 GiB, and has fewer facts than bytes) and read as
/// `usize` ranges.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BlockSummary {
    /// The block's figures in [`Facts::figures`](super::Facts::figures).
    pub(super) figures: Ids,
    /// Its tables and their cells in [`Facts::tables`](super::Facts::tables)
    /// and [`Facts::cells`](super::Facts::cells).
    pub(super) tables: Ids,
    pub(super) cells: Ids,
    /// The relations its own text states, in the order of [`Relations`]'
    /// fields.
    pub(super) relations: [Ids; 7],
    /// The first amount of the block's first sentence ([`NO_LEAD`] for
    /// none: one summary is held for every block).
    pub(super) lead: u32,
    /// A headed block's title: the words after the ordinal up to the first
    /// sentence mark, figure or title ending (`关于…部门收支预算情况的总体说明`,
    /// `住房改革支出（款）住房公积金（项）`).
    pub title: Option<super::Name>,
    /// A list cue that ends the block, its items the subsections after it
    /// (boxed: few blocks end so).
    pub open: Option<Box<super::OpenList>>,
    /// Does the lead name a total none of the block's lists sums?
    pub lead_total: bool,
}

/// No lead figure, in a [`BlockSummary`].
pub(super) const NO_LEAD: u32 = u32::MAX;

impl Default for BlockSummary {
    fn default() -> BlockSummary {
        BlockSummary { figures: Ids::default(), tables: Ids::default(), cells: Ids::default(), relations: Default::default(), lead: NO_LEAD, title: None, open: None, lead_total: false }
    }
}

/// A range of indexes, kept in `u32`s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub(super) struct Ids {
    pub(super) start: u32,
    pub(super) end: u32,
}

/// An index as kept in a [`BlockSummary`].
pub(super) fn id(k: usize) -> u32 {
    u32::try_from(k).unwrap_or(u32::MAX)
}

impl Ids {
    pub(super) fn of(r: std::ops::Range<usize>) -> Ids {
        Ids { start: id(r.start), end: id(r.end) }
    }

    pub(super) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl BlockSummary {
    /// The block's figures in [`Facts::figures`](super::Facts::figures).
    pub fn figures(&self) -> std::ops::Range<FigureId> {
        self.figures.range()
    }

    /// Its tables in [`Facts::tables`](super::Facts::tables).
    pub fn tables(&self) -> std::ops::Range<usize> {
        self.tables.range()
    }

    /// Their cells in [`Facts::cells`](super::Facts::cells).
    pub fn cells(&self) -> std::ops::Range<usize> {
        self.cells.range()
    }

    /// The relations its own text states (a section's list over its
    /// subsections is the document's, in no block).
    pub fn relations(&self) -> Relations {
        let [lists, changes, shares, missing, completions, share_sets, restatements] = self.relations.map(Ids::range);
        Relations { lists, changes, shares, missing, completions, share_sets, restatements }
    }

    /// The first amount of the block's first sentence.
    pub fn lead(&self) -> Option<FigureId> {
        (self.lead != NO_LEAD).then_some(self.lead as usize)
    }
}

/// Where one block's relations are in [`Facts`](super::Facts): indexes
/// into each kind's vector.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Relations {
    pub lists: std::ops::Range<usize>,
    pub changes: std::ops::Range<usize>,
    pub shares: std::ops::Range<usize>,
    pub missing: std::ops::Range<usize>,
    pub completions: std::ops::Range<usize>,
    pub share_sets: std::ops::Range<usize>,
    pub restatements: std::ops::Range<usize>,
}
