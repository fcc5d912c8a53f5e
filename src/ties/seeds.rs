//! What one block says of the identity of its figures, from its own text:
//! found once with the block's facts and kept with them across edits, so
//! that the document's stage only resolves it against what lies outside
//! the block (the headings above it, the codes the tables print, whether
//! the draft is of final accounts, whether all its money is the general
//! budget's).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::names::{self, Chain, Classification};
use super::{prose_total, table_total, Subject};
use crate::facts::{BlockFacts, Facts, Figure, Measure, Period};
use crate::text::BlockKind;
use crate::vocab::{self, Scope};

/// The seeds of one block: what it says of the identity of its figures;
/// figure and cell ids are the block's own.
#[derive(Debug, Clone, Default)]
pub struct Seeds {
    /// The funds a headed prose block's title names.
    pub title_scope: Option<Scope>,
    /// The accounts it names (`（三）住房保障支出（类）`).
    pub title_chain: Option<Box<Chain>>,
    /// Does a title of the block speak of final accounts (`决算`)?
    pub final_accounts: bool,
    /// Prose: the amounts that may be statements.
    pub figures: Box<[FigureSeed]>,
    /// Tables: the cells that may be statements.
    pub cells: Box<[CellSeed]>,
    /// The account codes the block's tables print, with the folded name
    /// and classification of each (a row per code and name).
    pub codes: Box<[(Classification, String, String)]>,
    /// The largest amount of this year the block states, in 万元.
    pub largest: Option<Decimal>,
    /// Its amounts of the general budget's appropriation or income, in 万元.
    pub general: Box<[Decimal]>,
}

impl Seeds {
    /// Does the block say nothing of its figures' identity? (Most blocks:
    /// the analyser then keeps no seeds for them.)
    pub fn is_empty(&self) -> bool {
        let Seeds { title_scope, title_chain, final_accounts, figures, cells, codes, largest, general } = self;
        title_scope.is_none() && title_chain.is_none() && !final_accounts && figures.is_empty() && cells.is_empty() && codes.is_empty() && largest.is_none() && general.is_empty()
    }
}

/// An amount in prose that may be a statement. Kept small: a draft has
/// thousands, and most name neither a total nor a chain of accounts.
#[derive(Debug, Clone)]
pub struct FigureSeed {
    pub figure: u32,
    /// Do the words before it say actual (`决算数`), or budget?
    pub actual: bool,
    pub budget: bool,
    /// The total it names, in a section on anything but the “三公” funds.
    pub total: Option<Box<(Subject, &'static str)>>,
    /// The “三公” funds or part it names, in a section on them: found the
    /// first time it stands in one, and kept.
    pub three_public: std::sync::OnceLock<Option<Box<(Subject, &'static str)>>>,
    /// The accounts its words name, class to item (boxed: few name any).
    pub chain: Option<Box<Chain>>,
    /// Its subject folded, to look up among the tables' names, where
    /// folding changes it: found the first time a draft's tables give
    /// codes to look it up in, and kept with the seed.
    pub name: std::sync::OnceLock<Option<Box<str>>>,
}

impl FigureSeed {
    /// The “三公” funds or part the figure's subject (`subject`) names.
    pub fn three_public(&self, subject: &str) -> Option<&(Subject, &'static str)> {
        self.three_public.get_or_init(|| prose_total(subject, Scope::ThreePublic).map(Box::new)).as_deref()
    }

    /// The figure's subject (`subject`) folded, to look up among the
    /// tables' names.
    pub fn name<'a>(&'a self, subject: &'a str) -> &'a str {
        let folded = self.name.get_or_init(|| Some(names::fold(subject)).filter(|n| n != subject).map(String::into_boxed_str));
        folded.as_deref().unwrap_or(subject)
    }
}

/// A table cell that may be a statement.
#[derive(Debug, Clone)]
pub struct CellSeed {
    /// In the block's cells.
    pub cell: usize,
    pub scope: Scope,
    /// Does its table's title speak of final accounts (`决算`)?
    pub actual: bool,
    pub subject: CellSubject,
    pub column: &'static str,
}

#[derive(Debug, Clone)]
pub enum CellSubject {
    /// Known from the table alone: a code, a total, the “三公” funds.
    Known(Subject),
    /// A row with a name but no code: its folded name, to look up.
    Name(String),
}

/// The seeds of a block as they are found.
#[derive(Default)]
struct Sowing {
    title_scope: Option<Scope>,
    title_chain: Option<Chain>,
    final_accounts: bool,
    figures: Vec<FigureSeed>,
    cells: Vec<CellSeed>,
    codes: Vec<(Classification, String, String)>,
    largest: Option<Decimal>,
    general: Vec<Decimal>,
}

/// The seeds of a block, from its facts.
pub fn seeds(kind: BlockKind, block: &BlockFacts) -> Seeds {
    let facts = &block.facts;
    let mut seeds = Sowing::default();
    let in_wan = |f: &Figure| f.unit.and_then(|u| u.in_wan()).and_then(|k| f.value.checked_mul(k));
    for f in facts.figures.iter().filter(|f| f.measure == Measure::Amount && f.period == Period::Current) {
        let Some(v) = in_wan(f) else { continue };
        seeds.largest = seeds.largest.max(Some(v));
        let s = &f.subject;
        if vocab::contains(s, "一般公共预算") && vocab::contains_any(s, &["拨款", "收入"]) && !vocab::contains(s, "支出") {
            seeds.general.push(v);
        }
    }
    match kind {
        BlockKind::Table => tables(facts, &mut seeds),
        BlockKind::Prose => prose(block, &mut seeds),
    }
    seeds.sown()
}

impl Sowing {
    /// Kept as long as the block's facts: each list no longer than it is.
    fn sown(self) -> Seeds {
        let Sowing { title_scope, title_chain, final_accounts, figures, cells, codes, largest, general } = self;
        Seeds {
            title_scope,
            title_chain: title_chain.map(Box::new),
            final_accounts,
            figures: figures.into(),
            cells: cells.into(),
            codes: codes.into(),
            largest,
            general: general.into(),
        }
    }
}

/// Is figure `f` a money amount of this year that a statement can be?
pub(super) fn amount(f: &Figure) -> bool {
    f.measure == Measure::Amount && f.period == Period::Current && f.unit.is_some_and(|u| u.is_money()) && !f.value.is_sign_negative()
}

fn prose(block: &BlockFacts, seeds: &mut Sowing) {
    let title = block.title.as_deref();
    seeds.title_scope = title.and_then(names::scope);
    seeds.title_chain = title.and_then(Chain::parse);
    seeds.final_accounts = title.is_some_and(|t| t.contains("决算"));
    // The items of a final figure's list are final figures too, their
    // names alone saying nothing (`支出决算 A 万元，其中：公务接待费 B 万元`).
    let figures = &block.facts.figures;
    let mut of_actual = vec![false; figures.len()];
    for l in block.facts.lists.iter().filter(|l| vocab::contains_any(&figures[l.total].subject, vocab::ACTUAL_WORDS)) {
        for &k in &l.items {
            of_actual[k] = true;
        }
    }
    for (id, f) in figures.iter().enumerate().filter(|(_, f)| amount(f)) {
        let subject = &*f.subject;
        let total = prose_total(subject, Scope::General).map(Box::new);
        let chain = Chain::parse(subject).map(Box::new);
        seeds.figures.push(FigureSeed {
            figure: id as u32,
            actual: of_actual[id] || vocab::contains_any(subject, vocab::ACTUAL_WORDS),
            budget: vocab::contains_any(subject, vocab::BUDGET_WORDS),
            total,
            three_public: std::sync::OnceLock::new(),
            chain,
            name: std::sync::OnceLock::new(),
        });
    }
}

fn tables(facts: &Facts, seeds: &mut Sowing) {
    seeds.final_accounts = facts.tables.iter().any(|t| t.title.contains("决算"));
    for row in facts.tables.iter().flat_map(|t| &t.rows) {
        let Some(code) = row.code.as_deref() else { continue };
        let Some(class) = [Classification::Functional, Classification::Economic].into_iter().find(|c| c.holds(code)) else { continue };
        if !names::is_unit_name(&row.name) {
            seeds.codes.push((class, names::fold(&row.name), code.to_string()));
        }
    }
    let scopes: Vec<Option<Scope>> = facts.tables.iter().map(|t| names::scope(&t.title)).collect();
    let mut first_row: HashMap<(usize, &str), usize> = HashMap::new();
    for (c, cell) in facts.cells.iter().enumerate() {
        let table = &facts.tables[cell.table];
        let Some(scope) = scopes[cell.table] else { continue };
        let title = &table.title;
        let row = facts.row_of(cell);
        if !amount(&facts.figures[cell.figure]) || names::is_unit_name(&row.name) {
            continue;
        }
        let actual = title.contains("决算");
        let column = cell.column.filter(|_| table.plain_columns);
        if scope == Scope::ThreePublic {
            let single_row = table.rows.len() == 1;
            if let Some(part) = column.filter(|p| single_row && vocab::THREE_PUBLIC_COLUMNS.contains(p)) {
                seeds.cells.push(CellSeed { cell: c, scope, actual, subject: CellSubject::Known(Subject::ThreePublic(part)), column: "合计" });
            } else if let Some(part) = three_public_row(facts, cell, column) {
                seeds.cells.push(CellSeed { cell: c, scope, actual, subject: CellSubject::Known(Subject::ThreePublic(part)), column: "合计" });
            }
            continue;
        }
        let column = match column {
            Some("合计" | "总计") => "合计",
            Some(c @ ("基本支出" | "项目支出" | "人员经费" | "公用经费")) => c,
            None if cell.alone && table.alone_is_amount => "合计",
            _ => continue,
        };
        if let Some(total) = table_total(title, &row.name) {
            // The basic spending table's totals are the general budget's basic spending.
            let (scope, column) = match (scope, column) {
                (Scope::Basic, "合计") => (Scope::General, "基本支出"),
                (Scope::Basic, c) => (Scope::General, c),
                other => other,
            };
            seeds.cells.push(CellSeed { cell: c, scope, actual, subject: CellSubject::Known(Subject::Total(total)), column });
            continue;
        }
        let subject = match row.code.as_deref() {
            Some(code) if Classification::of(scope).holds(code) => {
                if *first_row.entry((cell.table, code)).or_insert(cell.row) != cell.row {
                    continue; // a repeat of the code: a breakdown of the first
                }
                CellSubject::Known(Subject::Code(code.to_string()))
            }
            Some(_) => continue,
            None => CellSubject::Name(names::fold(&row.name)),
        };
        seeds.cells.push(CellSeed { cell: c, scope, actual, subject, column });
    }
}

/// A cell of the “三公” table printed with its items as rows: the item its
/// figure was named for, when the cell is in the one column of this year's
/// amounts (the 决算 column in final accounts).
fn three_public_row(facts: &Facts, cell: &crate::facts::Cell, column: Option<&str>) -> Option<&'static str> {
    let column = column?;
    let part = match &*facts.figures[cell.figure].subject {
        "“三公”经费" => "合计",
        s => vocab::THREE_PUBLIC_COLUMNS.iter().copied().find(|p| *p == s && *p != "合计")?,
    };
    let title = &facts.tables[cell.table].title;
    let current: Vec<&str> = facts
        .cells
        .iter()
        .filter(|o| o.table == cell.table && o.row == cell.row && amount(&facts.figures[o.figure]))
        .filter_map(|o| o.column)
        .collect();
    let wanted = match current.as_slice() {
        [only] => *only == column,
        _ => title.contains("决算") && column.contains("决算") && current.iter().filter(|c| c.contains("决算")).count() == 1,
    };
    wanted.then_some(part)
}
