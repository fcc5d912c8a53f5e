//! Which of the standard ties between tables a draft lets gouji check
//! (`gouji check --coverage`), so that silence is never taken for a pass.

use super::{Statement, Subject, Ties, Total};
use crate::facts::Facts;
use crate::interval::Interval;
use crate::message::{Skip, TableNote, Tie};

/// A standard tie and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub tie: Tie,
    pub status: Status,
}

pub use crate::message::CoverageStatus as Status;

/// One side of a standard tie: a table (by the words of its title) or the
/// text, and the statement it makes.
struct Side {
    table: Option<&'static str>,
    subject: Subject,
    column: &'static str,
}

const fn table(kind: &'static str, subject: Subject, column: &'static str) -> Side {
    Side { table: Some(kind), subject, column }
}

const fn text(subject: Subject, column: &'static str) -> Side {
    Side { table: None, subject, column }
}

/// Kinds of table by the words of their titles, most specific first.
const KINDS: &[&str] = &["财政拨款收支总表", "收支总表", "收入总表", "支出总表", "基本支出表", "三公", "一般公共预算支出表"];

/// The ties between tables every disclosure promises.
const STANDARD: &[(Tie, Side, Side)] = &[
    (Tie::IncomeTotals, table("收支总表", Subject::Total(Total::IncomeAll), "合计"), table("收入总表", Subject::Total(Total::IncomeAll), "合计")),
    (Tie::SpendingTotals, table("收支总表", Subject::Total(Total::Spending), "合计"), table("支出总表", Subject::Total(Total::Spending), "合计")),
    (
        Tie::AppropriationSpending,
        table("财政拨款收支总表", Subject::Total(Total::SpendingAll), "合计"),
        table("收支总表", Subject::Total(Total::SpendingAll), "合计"),
    ),
    (
        Tie::BasicSpending,
        table("一般公共预算支出表", Subject::Total(Total::Spending), "基本支出"),
        table("基本支出表", Subject::Total(Total::Spending), "基本支出"),
    ),
    (Tie::ThreePublic, table("三公", Subject::ThreePublic("合计"), "合计"), text(Subject::ThreePublic("合计"), "合计")),
];

/// The kind of a table, by its title.
fn kind(title: &str) -> Option<&'static str> {
    KINDS.iter().copied().find(|k| crate::vocab::contains(title, k))
}

/// What became of each standard tie, and of the tie between the tables'
/// class rows and the text's class figures.
pub fn coverage(facts: &Facts, ties: &Ties, all_general: bool) -> Vec<Coverage> {
    // Each table's kind, read from its title once for every side.
    let kinds: Vec<Option<&str>> = facts.tables.iter().map(|t| kind(&t.title)).collect();
    let mut out: Vec<Coverage> = STANDARD.iter().map(|(tie, a, b)| Coverage { tie: *tie, status: standard(facts, ties, &kinds, a, b, all_general) }).collect();
    out.push(Coverage { tie: Tie::Classes, status: classes(facts, ties) });
    out
}

fn standard(facts: &Facts, ties: &Ties, kinds: &[Option<&str>], a: &Side, b: &Side, all_general: bool) -> Status {
    let (found_a, found_b) = match (side(facts, ties, kinds, a), side(facts, ties, kinds, b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(why), _) | (_, Err(why)) => return Status::Skipped(why),
    };
    let scopes = |s: &[&Statement]| s.iter().map(|s| s.scope).collect::<Vec<_>>();
    let same_funds = scopes(&found_a).iter().chain(&scopes(&found_b)).all(|&s| s == found_a[0].scope);
    if !same_funds && !all_general {
        return Status::Skipped(Skip::DifferentFunds);
    }
    let values: Option<Vec<Interval>> = found_a.iter().chain(&found_b).map(|s| interval(facts, s)).collect();
    let Some(values) = values else { return Status::Skipped(Skip::TooLarge) };
    if all_agree(&values) {
        Status::Agrees
    } else {
        Status::Differs
    }
}

/// The statements one side makes, or why there are none (`kinds`: each
/// table's kind).
fn side<'a>(facts: &Facts, ties: &'a Ties, kinds: &[Option<&str>], side: &Side) -> Result<Vec<&'a Statement>, Skip> {
    // The side's subject among the ties' (each is there once).
    let subject = ties.subjects.iter().position(|s| s == &side.subject);
    let matches = |s: &&Statement| Some(s.key.subject as usize) == subject && s.key.column == side.column;
    let Some(kind_wanted) = side.table else {
        let found: Vec<&Statement> = ties.statements.iter().filter(|s| s.cell.is_none()).filter(matches).collect();
        return if found.is_empty() { Err(Skip::NotInText) } else { Ok(found) };
    };
    let tables: Vec<bool> = kinds.iter().map(|&k| k == Some(kind_wanted)).collect();
    let name = if kind_wanted == "三公" { "“三公”经费支出表" } else { kind_wanted };
    if !tables.contains(&true) {
        return Err(Skip::NoTable { table: name });
    }
    let found: Vec<&Statement> =
        ties.statements.iter().filter(|s| s.cell.is_some_and(|c| tables[facts.cells[c].table])).filter(matches).collect();
    if !found.is_empty() {
        return Ok(found);
    }
    let unit_known = facts.cells.iter().filter(|c| tables[c.table]).any(|c| facts.figures[c.figure].unit.is_some());
    if !unit_known {
        return Err(Skip::UnitUnknown { table: name });
    }
    // Why the row or column was not placed, as the tables' reading noted it.
    let mut notes = facts.tables.iter().zip(&tables).filter(|(_, &wanted)| wanted).flat_map(|(t, _)| t.notes.iter());
    let note: Option<TableNote> = notes.next().cloned();
    let more = notes.count();
    Err(Skip::NotPlaced { table: name, total_row: matches!(side.subject, Subject::Total(_)), column: side.column, note, more })
}

fn interval(facts: &Facts, s: &Statement) -> Option<Interval> {
    let f = &facts.figures[s.figure];
    Interval::rounded(f.value, f.scale)?.scale(f.unit?.in_wan()?)
}

/// Does every value meet every other (agree within rounding)?
fn all_agree(values: &[Interval]) -> bool {
    values.iter().all(|v| values.iter().all(|w| v.meets(*w)))
}

/// Class rows of the tables against class figures of the text.
fn classes(facts: &Facts, ties: &Ties) -> Status {
    let is_class = |s: &&Statement| matches!(ties.subject(&s.key), Subject::Code(c) if c.len() == 3 && c.starts_with('2')) && s.key.column == "合计";
    let mut tied = 0;
    for group in &ties.groups {
        let members: Vec<&Statement> = group.iter().map(|&i| &ties.statements[i]).filter(is_class).collect();
        if members.iter().any(|s| s.cell.is_some()) && members.iter().any(|s| s.cell.is_none()) {
            tied += 1;
            let values: Option<Vec<Interval>> = members.iter().map(|s| interval(facts, s)).collect();
            if !values.is_some_and(|v| all_agree(&v)) {
                return Status::Differs;
            }
        }
    }
    if tied > 0 {
        Status::Agrees
    } else if ties.statements.iter().filter(is_class).any(|s| s.cell.is_some()) {
        Status::Skipped(Skip::NoClassInText)
    } else {
        Status::Skipped(Skip::NoClassRows)
    }
}
