//! Ties between places: which figures of a draft are statements of the
//! same figure.
//!
//! A disclosure states most figures several times: in the text, in two or
//! three tables, in the summary and again in the detail. A money amount is
//! a statement of a figure known by its [`Key`]: the account (its code where
//! the tables print one, else its names class to item), the column (the
//! row's total, or its basic or project part), and the basis (budget or
//! actual); and by the funds it is counted in ([`Scope`]), set by the title
//! of its table or of the section it sits in. Statements with the same key
//! and scope are grouped; a statement whose identity is in doubt (a name
//! the tables print under two codes, a table whose funds its title does not
//! say, a row per budget unit) joins no group.
//!
//! Prose gives one more tie: a class section whose numbered items state
//! their amounts (`（三）住房保障支出（类）` / `1.住房改革支出（款）住房公积金
//! （项）年初预算 18 万元`) puts a [`Floor`] under the class, in the section's
//! funds and every wider one.

mod coverage;
mod fast_hash;
mod names;
mod seeds;

pub use coverage::{Coverage, Status};

pub use names::{fold, scope, Chain, Classification, Dictionary};
pub use seeds::{seeds, CellSubject, Seeds};

use fast_hash::FastMap;
use crate::facts::{Facts, FigureId};
use crate::text::{Block, BlockKind};
pub use crate::vocab::{Scope, Total};
use crate::vocab;

/// What a statement is a statement of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// In [`Ties::subjects`].
    pub subject: u32,
    /// `合计` for the row's total, else its part (`基本支出`, `项目支出`…).
    pub column: &'static str,
    pub basis: Basis,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// An account code printed by the tables: `2210201`.
    Code(String),
    /// Account names, class to item, where no table gives codes.
    Names(String),
    /// A total of the budget: `本年支出合计`, a spending table's `合计` row.
    Total(Total),
    /// The “三公” funds, or one of them, by its canonical column name.
    ThreePublic(&'static str),
}

/// Whether a figure is planned or spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basis {
    Budget,
    Actual,
}

/// A money amount with its identity.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub figure: FigureId,
    pub key: Key,
    pub scope: Scope,
    /// The table cell it is printed in (in [`Facts::cells`]); `None` in prose.
    pub cell: Option<usize>,
}

/// A class section's items: the class is at least their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    pub key: Key,
    pub scope: Scope,
    /// The lead amounts of the class's numbered items.
    pub items: Vec<FigureId>,
    /// The statements of the class it stands under: same key, in its funds
    /// or wider (indexes into [`Ties::statements`]).
    pub above: Vec<usize>,
}

/// The ties of a draft.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ties {
    /// The subjects of the statements' keys.
    pub subjects: Vec<Subject>,
    pub statements: Vec<Statement>,
    /// Statements with the same key and scope, two or more to a group, in
    /// document order (indexes into `statements`).
    pub groups: Vec<Vec<usize>>,
    pub floors: Vec<Floor>,
    /// What became of the standard ties between tables.
    pub coverage: Vec<Coverage>,
}

impl Ties {
    pub fn subject(&self, key: &Key) -> &Subject {
        &self.subjects[key.subject as usize]
    }

    /// The index of the statement a figure is, if it is one.
    fn index(&self, figure: FigureId) -> Option<usize> {
        self.statements.binary_search_by_key(&figure, |s| s.figure).ok()
    }

    /// The statement a figure is, if it is one.
    pub fn statement(&self, figure: FigureId) -> Option<&Statement> {
        self.statements.get(self.index(figure)?)
    }

    /// The other statements of the figure `figure` states, in document order.
    pub fn others(&self, figure: FigureId) -> Vec<&Statement> {
        let Some(i) = self.index(figure) else { return Vec::new() };
        let group = self.groups.iter().find(|g| g.binary_search(&i).is_ok());
        group.map_or_else(Vec::new, |g| g.iter().filter(|&&j| j != i).map(|&j| &self.statements[j]).collect())
    }
}

/// Finds the statements of a draft and ties them, from its facts and its
/// blocks' [`Seeds`].
pub fn tie(blocks: &[Block], facts: &Facts, seeds: &[&Seeds]) -> Ties {
    let dictionary = Dictionary::new(seeds.iter().flat_map(|s| s.codes.iter()));
    let final_accounts = seeds.iter().any(|s| s.final_accounts);
    let mut b = Builder { facts, seeds, dictionary, final_accounts, ties: Ties::default(), subjects: FastMap::default() };
    b.tables();
    b.prose(blocks);
    let mut ties = b.ties;
    let all_general = all_general(seeds);
    if all_general {
        for scope in ties.statements.iter_mut().map(|s| &mut s.scope).chain(ties.floors.iter_mut().map(|f| &mut f.scope)) {
            if scope.within(Scope::Department) {
                *scope = Scope::Department;
            }
        }
    }
    ties.statements.sort_by_key(|s| s.figure);
    // Statements in order of key, funds and place: a group is a run. Keys
    // are sorted as integers, their columns numbered as first met.
    let mut columns: Vec<&'static str> = Vec::new();
    let mut rank = |key: &Key| {
        let column = columns.iter().position(|&c| c == key.column).unwrap_or_else(|| {
            columns.push(key.column);
            columns.len() - 1
        });
        (key.subject, column, key.basis)
    };
    let ranks: Vec<_> = ties.statements.iter().map(|s| (rank(&s.key), s.scope)).collect();
    let mut order: Vec<usize> = (0..ties.statements.len()).collect();
    order.sort_unstable_by_key(|&i| (ranks[i], i));
    let mut groups: Vec<Vec<usize>> = order.chunk_by(|&a, &b| ranks[a] == ranks[b]).filter(|g| g.len() > 1).map(<[usize]>::to_vec).collect();
    groups.sort_unstable_by_key(|g| g[0]);
    for floor in &mut ties.floors {
        let key = rank(&floor.key);
        let from = order.partition_point(|&i| ranks[i].0 < key);
        let to = order.partition_point(|&i| ranks[i].0 <= key);
        floor.above = order[from..to].iter().copied().filter(|&i| floor.scope.within(ties.statements[i].scope)).collect();
    }
    ties.groups = groups;
    ties.coverage = coverage::coverage(facts, &ties, all_general);
    ties
}

/// The total a table row states: a row named as one (`本年支出合计`), or a
/// spending table's, or the income table's, `合计` row.
pub(super) fn table_total(title: &str, name: &str) -> Option<Total> {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(&(_, total)) = vocab::TOTAL_ROWS.iter().find(|(row, _)| name == *row) {
        return Some(total);
    }
    if name != "合计" && name != "总计" {
        return None;
    }
    if title.contains("收入总表") {
        Some(Total::IncomeAll)
    } else if vocab::contains_any(title, vocab::SPENDING_TABLES) {
        Some(Total::Spending)
    } else {
        None
    }
}

/// The total or “三公” part a prose subject names, if it names one alone:
/// `本年支出合计`, `基本支出`; `公务接待费` in a section on the “三公” funds.
pub(super) fn prose_total(subject: &str, scope: Scope) -> Option<(Subject, &'static str)> {
    if scope == Scope::ThreePublic {
        // The printed names of the “三公” parts, picked out of the table
        // columns once.
        static PARTS: std::sync::OnceLock<Vec<(&str, &str)>> = std::sync::OnceLock::new();
        let parts = PARTS.get_or_init(|| {
            let parts = vocab::TABLE_COLUMNS.iter().filter(|(_, canonical, _)| *canonical != "合计" && vocab::THREE_PUBLIC_COLUMNS.contains(canonical));
            parts.map(|&(printed, canonical, _)| (printed, canonical)).collect()
        });
        let part = parts.iter().filter(|(printed, _)| subject.contains(printed)).max_by_key(|(printed, _)| printed.len()).map(|&(_, canonical)| canonical);
        return match part {
            Some(part) => Some((Subject::ThreePublic(part), "合计")),
            None => subject.contains("三公").then_some((Subject::ThreePublic("合计"), "合计")),
        };
    }
    if let Some(&(_, total)) = vocab::TOTAL_ROWS.iter().find(|(row, _)| subject == *row) {
        return Some((Subject::Total(total), "合计"));
    }
    vocab::SPENDING_PARTS.iter().find(|p| subject == **p).map(|&p| (Subject::Total(Total::Spending), p))
}

/// Is all the money of the draft general budget? So it is when the general
/// budget's appropriation is the largest amount the draft states: then the
/// department's funds, all appropriations and the general budget are the
/// same money, and their statements are statements of the same figures.
fn all_general(seeds: &[&Seeds]) -> bool {
    let Some(largest) = seeds.iter().filter_map(|s| s.largest).max() else { return false };
    seeds.iter().any(|s| s.general.contains(&largest))
}

struct Builder<'a> {
    facts: &'a Facts,
    seeds: &'a [&'a Seeds],
    dictionary: Dictionary<'a>,
    final_accounts: bool,
    ties: Ties,
    /// Subjects by their index in `ties.subjects`.
    subjects: FastMap<Subject, u32>,
}

impl Builder<'_> {
    fn key(&mut self, subject: Subject, column: &'static str, basis: Basis) -> Key {
        let next = self.ties.subjects.len() as u32;
        let id = *self.subjects.entry(subject).or_insert_with_key(|s| {
            self.ties.subjects.push(s.clone());
            next
        });
        Key { subject: id, column, basis }
    }

    fn tables(&mut self) {
        let (facts, seeds) = (self.facts, self.seeds);
        for (summary, seeds) in facts.blocks.iter().zip(seeds) {
            for seed in seeds.cells.iter() {
                let basis = match (self.final_accounts, seed.actual) {
                    (false, _) => Basis::Budget,
                    (true, true) => Basis::Actual,
                    (true, false) => continue,
                };
                let subject = match &seed.subject {
                    CellSubject::Known(subject) => subject.clone(),
                    CellSubject::Name(name) => match self.dictionary.by_name(name, Classification::of(seed.scope)) {
                        Some(code) => Subject::Code(code.to_string()),
                        None => continue,
                    },
                };
                let cell = summary.cells().start + seed.cell;
                let key = self.key(subject, seed.column, basis);
                self.ties.statements.push(Statement { figure: facts.cells[cell].figure, key, scope: seed.scope, cell: Some(cell) });
            }
        }
    }

    fn prose(&mut self, blocks: &[Block]) {
        let (facts, seeds) = (self.facts, self.seeds);
        // The headings above the current block: (level, the funds its
        // title names, the accounts it names).
        let mut stack: Vec<(u8, Option<Scope>, Option<&Chain>)> = Vec::new();
        for (b, ((block, summary), seeds)) in blocks.iter().zip(&facts.blocks).zip(seeds).enumerate() {
            if block.kind != BlockKind::Prose || summary.figures().is_empty() && block.heading.is_none() {
                continue;
            }
            let own = seeds.title_chain.as_deref();
            if let Some(h) = block.heading {
                stack.retain(|e| e.0 < h.level);
                stack.push((h.level, seeds.title_scope, own));
            }
            let Some(scope) = stack.iter().rev().find_map(|e| e.1) else { continue };
            if summary.figures().is_empty() && own.is_none() {
                continue;
            }
            // The accounts the sections above name, for the chains that need them.
            let above = || {
                let chains_above = stack.iter().rev().skip(usize::from(block.heading.is_some())).filter_map(|e| e.2);
                Chain(chains_above.collect::<Vec<_>>().into_iter().rev().flat_map(|c| c.0.iter().cloned()).collect())
            };
            let class = Classification::of(scope);
            let lead = summary.lead();
            for seed in seeds.figures.iter() {
                let id = summary.figures().start + seed.figure as usize;
                let basis = match (self.final_accounts, seed.actual) {
                    (false, false) => Basis::Budget,
                    (false, true) => continue,
                    (true, true) => Basis::Actual,
                    (true, false) if seed.budget => Basis::Budget,
                    (true, false) => continue,
                };
                let total = if scope == Scope::ThreePublic { seed.three_public(&facts.figures[id].subject) } else { seed.total.as_deref() };
                if let Some((total, column)) = total {
                    let key = self.key(total.clone(), column, basis);
                    self.ties.statements.push(Statement { figure: id, key, scope, cell: None });
                    continue;
                }
                if scope == Scope::ThreePublic {
                    continue;
                }
                let chain = seed.chain.as_deref().cloned().or_else(|| own.cloned().filter(|_| lead == Some(id)));
                let subject = match chain {
                    Some(chain) => self.subject(&chain.under(&above()), class),
                    None => {
                        let name = self.dictionary.has(class).then(|| seed.name(&facts.figures[id].subject));
                        name.and_then(|name| self.dictionary.by_name(name, class)).map(|c| Subject::Code(c.to_string()))
                    }
                };
                if let Some(subject) = subject {
                    let key = self.key(subject, "合计", basis);
                    self.ties.statements.push(Statement { figure: id, key, scope, cell: None });
                }
            }
            if let (Some(own), None, Some(h), false) = (own, lead, block.heading, self.final_accounts) {
                self.floor(blocks, b, h.level, own.clone().under(&above()), scope);
            }
        }
    }

    /// A class section stating no figure of its own, over numbered items
    /// that each open with an amount.
    fn floor(&mut self, blocks: &[Block], b: usize, level: u8, chain: Chain, scope: Scope) {
        let items: Option<Vec<FigureId>> = crate::facts::children(blocks, b, level).iter().map(|&c| self.facts.blocks[c].lead().filter(|&k| seeds::amount(&self.facts.figures[k]))).collect();
        let Some(items) = items.filter(|i| !i.is_empty()) else { return };
        if let Some(subject) = self.subject(&chain, Classification::of(scope)) {
            let key = self.key(subject, "合计", Basis::Budget);
            self.ties.floors.push(Floor { key, scope, items, above: Vec::new() });
        }
    }

    /// The subject of a chain of names: its code where the tables give
    /// codes of its classification, else the names themselves.
    fn subject(&self, chain: &Chain, class: Classification) -> Option<Subject> {
        if self.dictionary.has(class) {
            self.dictionary.resolve(chain, class).map(|c| Subject::Code(c.to_string()))
        } else {
            Some(Subject::Names(chain.key()))
        }
    }
}

#[cfg(test)]
mod tests {
    /// Each group as `subject column funds: value | value`.
    fn groups(text: &str) -> Vec<String> {
        let a = crate::analyze(text);
        let show = |i: usize| text[a.facts.figures[a.ties.statements[i].figure].number.range()].trim().to_string();
        a.ties
            .groups
            .iter()
            .map(|g| {
                let s = &a.ties.statements[g[0]];
                let values: Vec<String> = g.iter().map(|&i| show(i)).collect();
                format!("{:?} {} {:?}: {}", a.ties.subject(&s.key), s.key.column, s.scope, values.join(" | "))
            })
            .collect()
    }

    const TABLE: &str = "一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 50.00 50.00\n221 住房保障支出 50.00 50.00\n22102 住房改革支出 50.00 50.00\n2210201 住房公积金 50.00 50.00\n\n";

    #[test]
    fn prose_names_resolve_to_the_tables_codes() {
        let item = "1、住房保障支出（类）住房改革支出（款）住房公积金（项）2025年预算数为50.00万元。";
        let got = groups(&format!("{TABLE}一、一般公共预算支出预算情况说明\n\n{item}\n"));
        assert!(got.contains(&"Code(\"2210201\") 合计 General: 50.00 | 50.00".to_string()), "{got:?}");
        // This year's appropriation leaves out last year's carry-over, which the table may include.
        assert!(groups(&format!("{TABLE}一、一般公共预算当年拨款情况说明\n\n{item}\n")).is_empty());
    }

    #[test]
    fn funds_apart_are_not_compared_unless_the_general_budget_is_all() {
        // The department's total includes 事业收入: its sections and the general budget's stay apart.
        let apart = format!("{TABLE}一、部门收支预算情况的总体说明\n\n本部门收支总预算80.00万元，其中一般公共预算拨款收入50.00万元，事业收入30.00万元。支出包括：住房保障支出80.00万元。\n");
        assert!(!groups(&apart).iter().any(|g| g.starts_with("Code(\"221\")")), "{:?}", groups(&apart));
        // All general: the department's figures are the general budget's.
        let all = format!("{TABLE}一、部门收支预算情况的总体说明\n\n本部门收支总预算50.00万元，其中一般公共预算拨款收入50.00万元。支出包括：住房保障支出50.00万元。\n");
        assert!(groups(&all).contains(&"Code(\"221\") 合计 Department: 50.00 | 50.00".to_string()), "{:?}", groups(&all));
    }

    #[test]
    fn a_class_section_puts_a_floor_under_its_class() {
        let text = "一、一般公共预算支出预算情况说明\n\n（一）住房保障支出（类）\n\n1.住房改革支出（款）住房公积金（项）。年初预算18.00万元。\n\n2.住房改革支出（款）购房补贴（项）。年初预算2.00万元。\n";
        let a = crate::analyze(text);
        let floors: Vec<(String, usize)> = a.ties.floors.iter().map(|f| (format!("{:?}", a.ties.subject(&f.key)), f.items.len())).collect();
        assert_eq!(floors, vec![("Names(\"住房保障\")".to_string(), 2)]);
    }
}
