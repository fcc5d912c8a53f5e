//! Ties across documents (issue 18): this year's draft against last year's
//! disclosure, and a 决算 against the same year's 预算公开.
//!
//! A disclosure states last year's figures in every change it reports
//! (`比上年增加 46.92 万元` says last year was this year's figure less
//! 46.92), and a 决算 states the year's budget (`年初预算 1026.19 万元`).
//! Both were published before. A figure is found in the other document
//! through the identities the ties already give within one
//! ([`crate::ties`]: account code or names, the “三公” parts, the standard
//! totals; the column; the funds), and like is compared with like: budget
//! with budget, actual with actual.
//!
//! Budgets are adjusted and accounts reclassified between years, so a
//! difference is a warning naming both places, a hint where the text
//! explains it (`调整预算`, `口径调整`), never an error and never a fix.
//!
//! Pure: texts and analyses in, diagnostics out. The edges read the other
//! document and name its file ([`name_places`]).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::readings::ChangeReading;
use super::{format_plain, Context};
use crate::diagnostic::{Diagnostic, Elsewhere, OtherDocument, Severity};
use crate::facts::{ChangeValue, FigureId, Measure, RateValue};
use crate::interval::Interval;
use crate::message::Message;
use crate::profile::Kind;
use crate::ties::{Basis, Chain, Classification, Dictionary, Scope, Subject};
use crate::Analysis;

/// One document: its text and its analysis.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, analysis: &'a Analysis) -> Self {
        Document { text, analysis }
    }
}

/// What a figure is a statement of, in terms both documents share: the
/// ties' subject (a code, names, a total, a “三公” part), column and funds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    pub subject: Subject,
    pub column: &'static str,
    pub scope: Scope,
}

/// What became of one tie to the other document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieStatus {
    /// Some reading of this draft's figure fits the other's statement.
    Verified,
    /// None does: reported.
    Differs,
    /// The other document states no figure of that identity and measure.
    NotFound,
}

/// One tie made (or tried) to the other document: this draft's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrossTie {
    pub document: OtherDocument,
    pub figure: FigureId,
    pub status: TieStatus,
}

/// The findings of a draft against the other documents, and every tie tried.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Across {
    pub diagnostics: Vec<Diagnostic>,
    pub ties: Vec<CrossTie>,
    /// Other documents not compared with: their titles' year is not the
    /// one expected (last year's for the previous, this year's for the budget).
    pub mismatched: Vec<Mismatched>,
}

/// Another document whose title names a year it should not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatched {
    pub document: OtherDocument,
    /// This draft's year, and the other's.
    pub year: u16,
    pub other: u16,
}

impl Across {
    /// How many ties to `document` were verified, differed, were not found.
    pub fn counts(&self, document: OtherDocument) -> (usize, usize, usize) {
        let of = |s: TieStatus| self.ties.iter().filter(|t| t.document == document && t.status == s).count();
        (of(TieStatus::Verified), of(TieStatus::Differs), of(TieStatus::NotFound))
    }
}

/// Words that say a restatement: the text explains why last year's figure
/// is not the one published. (Vocabulary: belongs with `vocab.rs`'s lists.)
pub const RESTATEMENT_WORDS: &[&str] = &["调整预算", "预算调整", "口径调整", "调整口径", "口径变化", "口径变动", "调整后", "追加预算", "重新分类", "科目调整"];

/// Words of a comparison that make last year's figure an actual one (执行数,
/// 决算) rather than last year's budget.
const ACTUAL_PRIOR_WORDS: &[&str] = &["执行", "决算", "实际"];

/// Compares this year's draft with last year's disclosure (`previous`) and,
/// for a 决算, with the same year's 预算公开 (`budget`).
pub fn compare(this: Document, previous: Option<Document>, budget: Option<Document>, tolerance: Decimal) -> Across {
    let mut out = Across::default();
    let year = |doc: Document| crate::profile::read_title(doc.text).and_then(|t| t.year);
    // The other document of the wrong year (or kind) is not compared with:
    // every figure would differ.
    let this_year = year(this);
    if let Some(previous) = previous {
        match (this_year, year(previous)) {
            (Some(now), Some(then)) if then + 1 != now => out.mismatched.push(Mismatched { document: OtherDocument::Previous, year: now, other: then }),
            _ => against_previous(this, previous, tolerance, &mut out),
        }
    }
    if let Some(budget) = budget {
        match (this_year, year(budget)) {
            (Some(now), Some(then)) if then != now => out.mismatched.push(Mismatched { document: OtherDocument::Budget, year: now, other: then }),
            _ if kind(budget) != Kind::Budget => {}
            _ => against_budget(this, budget, tolerance, &mut out),
        }
    }
    out.diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out
}

/// The kind a draft's title gives, else what its ties read.
fn kind(doc: Document) -> Kind {
    match crate::profile::read_title(doc.text) {
        Some(t) => t.kind,
        None if doc.analysis.ties.statements.iter().any(|s| s.key.basis == Basis::Actual) => Kind::FinalAccounts,
        None => Kind::Budget,
    }
}

/// The identity and basis of a figure: its statement in the ties, or the
/// code of the table row it is printed on (a two-year table's columns
/// are not the ties' columns, its rows are the accounts all the same).
pub fn identity(doc: Document, figure: FigureId) -> Option<(Identity, Basis)> {
    let ties = &doc.analysis.ties;
    if let Some(s) = ties.statement(figure) {
        return Some((Identity { subject: ties.subject(&s.key).clone(), column: s.key.column, scope: s.scope }, s.key.basis));
    }
    let facts = &doc.analysis.facts;
    let cell = facts.cells.iter().find(|c| c.figure == figure)?;
    let table = &facts.tables[cell.table];
    let scope = crate::ties::scope(&table.title)?;
    let code = facts.row_of(cell).code.as_deref()?;
    if !Classification::of(scope).holds(code) || scope == Scope::ThreePublic {
        return None;
    }
    // A code printed again under itself is a breakdown by unit.
    if table.rows.iter().filter(|r| r.code.as_deref() == Some(code)).count() > 1 {
        return None;
    }
    let basis = if table.title.contains("决算") { Basis::Actual } else { Basis::Budget };
    Some((Identity { subject: Subject::Code(code.to_string()), column: "合计", scope }, basis))
}

/// The account codes a document's tables print: classification, folded
/// name, code (what [`Dictionary`] reads).
fn code_rows(doc: Document) -> Vec<(Classification, String, String)> {
    let rows = doc.analysis.facts.tables.iter().flat_map(|t| &t.rows);
    let coded = rows.filter_map(|r| {
        let code = r.code.as_deref()?;
        let class = [Classification::Functional, Classification::Economic].into_iter().find(|c| c.holds(code))?;
        Some((class, crate::ties::fold(&r.name), code.to_string()))
    });
    coded.collect()
}

/// Is all the money of the draft the general budget's? The ties then count
/// its general budget's statements as the department's (see
/// [`crate::ties::tie`]): none is left in narrower funds.
fn all_general(doc: Document) -> bool {
    let ties = &doc.analysis.ties;
    !ties.statements.is_empty() && !ties.statements.iter().any(|s| matches!(s.scope, Scope::Fiscal | Scope::General | Scope::GeneralCurrent | Scope::Fund | Scope::Capital))
}


/// One side of the comparison: a document, the codes its tables print,
/// and whether all its money is the general budget's.
struct Side<'a> {
    doc: Document<'a>,
    rows: Vec<(Classification, String, String)>,
    all_general: bool,
}

impl<'a> Side<'a> {
    fn new(doc: Document<'a>) -> Self {
        Side { doc, rows: code_rows(doc), all_general: all_general(doc) }
    }

    /// An identity with its account names replaced by the code the other
    /// side's tables print for them, where this side prints none: codes
    /// match first, names only where a code is absent.
    fn bridged(&self, mut id: Identity, other: &Side) -> Identity {
        if let Subject::Names(key) = &id.subject {
            let chain = Chain(key.split('/').enumerate().map(|(level, name)| (level as u8, name.to_string())).collect());
            let dictionary = Dictionary::new(other.rows.iter());
            if let Some(code) = dictionary.resolve(&chain, Classification::of(id.scope)) {
                id.subject = Subject::Code(code.to_string());
            }
        }
        id
    }

    /// The statements of this side, by identity (bridged to `other`'s
    /// codes) and basis.
    fn statements(&self, other: &Side) -> HashMap<(Identity, Basis), Vec<FigureId>> {
        let ties = &self.doc.analysis.ties;
        let mut out: HashMap<(Identity, Basis), Vec<FigureId>> = HashMap::new();
        for s in &ties.statements {
            let id = self.bridged(Identity { subject: ties.subject(&s.key).clone(), column: s.key.column, scope: s.scope }, other);
            out.entry((id, s.key.basis)).or_default().push(s.figure);
        }
        out
    }
}

/// The other side's statements of an identity of this side, in the funds
/// that are the same money on both: a draft whose money is all the general
/// budget's counts its general budget's figures as the department's.
fn candidates(index: &HashMap<(Identity, Basis), Vec<FigureId>>, id: &Identity, basis: Basis, this: &Side, other: &Side) -> Option<Vec<FigureId>> {
    let mut scopes = vec![id.scope];
    if other.all_general && id.scope != Scope::Department && id.scope.within(Scope::Department) {
        scopes.push(Scope::Department);
    }
    if this.all_general && id.scope == Scope::Department {
        scopes.extend([Scope::General, Scope::Fiscal]);
    }
    let found: Vec<FigureId> = scopes.into_iter().filter_map(|scope| index.get(&(Identity { scope, ..id.clone() }, basis))).flatten().copied().collect();
    (!found.is_empty()).then_some(found)
}

/// A figure's interval in 万元.
fn in_wan(cx: &Context, figure: FigureId) -> Option<Interval> {
    let unit = cx.facts.figures[figure].unit.filter(|u| u.is_money())?;
    cx.interval(figure)?.scale(unit.in_wan()?)
}

/// A figure's value as written, in 万元.
fn exact_wan(cx: &Context, figure: FigureId) -> Option<Decimal> {
    let f = &cx.facts.figures[figure];
    f.value.checked_mul(f.unit.filter(|u| u.is_money())?.in_wan()?)
}

/// One way this draft's words give last year's figure: its interval in
/// 万元 and the arithmetic, as the message shows it.
struct Implied {
    interval: Interval,
    arithmetic: String,
}

fn wan(v: Decimal) -> String {
    format!("{} 万元", format_plain(v.round_dp(4)))
}

/// Last year's figure as this draft's change statement about `amount`
/// gives it: stated, this year's less the change, or from the rate.
fn implied(cx: &Context, s: &crate::facts::ChangeStatement, amount: FigureId) -> Vec<Implied> {
    let mut out = Vec::new();
    let Some(now_factor) = cx.facts.figures[amount].unit.and_then(|u| u.in_wan()) else { return out };
    let readings: Vec<ChangeReading> = cx.change_readings(s).into_iter().filter(|r| r.now == amount && r.why.is_none()).collect();
    for r in readings {
        let Some(interval) = r.prior.scale(now_factor) else { continue };
        let arithmetic = match (r.prior_figure, s.change) {
            (Some(p), _) => match exact_wan(cx, p) {
                Some(v) => wan(v),
                None => continue,
            },
            (None, ChangeValue::Stated(d)) => {
                let (Some(now), Some(change)) = (exact_wan(cx, amount), exact_wan(cx, d).or_else(|| cx.facts.figures[d].value.checked_mul(now_factor))) else { continue };
                let down = matches!(cx.facts.figures[d].measure, Measure::Change(crate::facts::Direction::Down));
                let prior = if down { now + change } else { now - change };
                let (fa, fd) = (&cx.facts.figures[amount], &cx.facts.figures[d]);
                // As written where both are in one unit: `315.50 − 14.40 = 301.10 万元`.
                let (a_text, d_text, result) = if fa.unit == fd.unit && fa.unit == Some(crate::facts::Unit::WanYuan) {
                    (cx.number_text(amount).trim().to_string(), cx.number_text(d).trim().to_string(), format!("{} 万元", super::format_decimal(prior, fa.scale.max(fd.scale))))
                } else {
                    (format_plain(now), format_plain(change), wan(prior))
                };
                format!("{a_text} {} {d_text} = {result}", if down { "+" } else { "−" })
            }
            (None, ChangeValue::Unchanged(_)) => match exact_wan(cx, amount) {
                Some(v) => wan(v),
                None => continue,
            },
            (None, ChangeValue::Implied(..)) => continue,
        };
        out.push(Implied { interval, arithmetic });
    }
    // From the rate alone, when no change is stated: N / (1 ± P%).
    if out.is_empty() {
        if let Some(RateValue::Stated(rate)) = s.rate {
            if let Measure::Rate(direction) = cx.facts.figures[rate].measure {
                let (Some(now), Some(p)) = (in_wan(cx, amount), cx.interval(rate)) else { return out };
                let sign = direction.sign();
                let factor = p.scale(sign / Decimal::ONE_HUNDRED).and_then(|f| f.checked_add(Interval::exact(Decimal::ONE)));
                if let Some(interval) = factor.and_then(|f| now.checked_div(f)) {
                    let (Some(n), v) = (exact_wan(cx, amount), cx.facts.figures[rate].value) else { return out };
                    let shown = (Decimal::ONE_HUNDRED + sign * v).checked_div(Decimal::ONE_HUNDRED).and_then(|f| n.checked_div(f));
                    let arithmetic = format!(
                        "{} ÷ (1 {} {}%) ≈ {}",
                        format_plain(n),
                        if sign.is_sign_negative() { "−" } else { "+" },
                        format_plain(v),
                        shown.map_or_else(|| "?".into(), |v| wan(v.round_dp(2)))
                    );
                    out.push(Implied { interval, arithmetic });
                }
            }
        }
    }
    out
}

/// The block (paragraph or table) a figure is in, as text.
fn block_text<'a>(doc: Document<'a>, figure: FigureId) -> &'a str {
    let blocks = &doc.analysis.facts.blocks;
    let b = blocks.partition_point(|b| b.figures().end <= figure);
    doc.analysis.blocks.get(b).and_then(|b| doc.text.get(b.span.range())).unwrap_or_default()
}

/// The restatement word the text around a figure writes, if any.
fn restatement(doc: Document, figure: FigureId) -> Option<&'static str> {
    let text = block_text(doc, figure);
    RESTATEMENT_WORDS.iter().copied().find(|w| text.contains(w))
}

/// Does the comparison that gives last year's figure speak of an actual
/// one (`比上年执行数`, `较上年决算`)?
fn actual_prior(cx: &Context, s: &crate::facts::ChangeStatement, amount: FigureId) -> bool {
    let start = cx.facts.figures[amount].span.end;
    let mut end = start;
    if let ChangeValue::Stated(d) = s.change {
        end = end.max(cx.facts.figures[d].span.start);
    }
    if let Some(p) = s.prior {
        end = end.max(cx.facts.figures[p].span.start);
        if crate::vocab::contains_any(&cx.facts.figures[p].subject, ACTUAL_PRIOR_WORDS) {
            return true;
        }
    }
    if let Some(RateValue::Stated(r)) = s.rate {
        end = end.max(cx.facts.figures[r].span.start);
    }
    cx.text.get(start..end).is_some_and(|between| crate::vocab::contains_any(between, ACTUAL_PRIOR_WORDS))
}

/// Is the figure printed in a table whose headings speak of actual
/// figures (`2025年执行数`, `上年决算数`)? Its 上年 column is then last year's
/// actual, not its budget.
fn in_actual_table(doc: Document, figure: FigureId) -> bool {
    let facts = &doc.analysis.facts;
    let Some(cell) = facts.cells.iter().find(|c| c.figure == figure) else { return false };
    let table = &facts.tables[cell.table];
    let first_row = facts.cells.iter().filter(|c| c.table == cell.table).map(|c| facts.figures[c.figure].span.start).min().unwrap_or(0);
    // The headings: the table's text before its first figure.
    let block = block_text(doc, figure);
    let start = doc.analysis.blocks.get(facts.blocks.partition_point(|b| b.figures().end <= figure)).map_or(0, |b| b.span.start);
    let headings = block.get(..first_row.saturating_sub(start)).unwrap_or(block);
    crate::vocab::contains_any(&table.title, ACTUAL_PRIOR_WORDS) || crate::vocab::contains_any(headings, ACTUAL_PRIOR_WORDS)
}

/// Which of the other document's statements fit `interval`; the first
/// when none does, with its interval.
fn verdict(other: &Context, candidates: &[FigureId], implied: &[Interval], tolerance: Decimal) -> Result<(), FigureId> {
    let mut first = None;
    for &c in candidates {
        let Some(there) = in_wan(other, c).and_then(|i| i.widened(tolerance)) else { continue };
        if implied.iter().any(|i| i.meets(there)) {
            return Ok(());
        }
        first.get_or_insert(c);
    }
    first.map_or(Ok(()), Err)
}

/// A subject as the message names it: the account (its code and the
/// name a table prints beside it), the total, the “三公” part.
fn subject_name(doc: Document, other: Document, figure: FigureId, id: &Identity) -> String {
    let facts = &doc.analysis.facts;
    let rows = || facts.tables.iter().chain(&other.analysis.facts.tables).flat_map(|t| &t.rows);
    let own = || crate::facts::clean_subject(&facts.figures[figure].subject);
    let name = match &id.subject {
        Subject::ThreePublic("合计") => "“三公”经费".to_string(),
        Subject::ThreePublic(part) => part.to_string(),
        Subject::Total(total) => crate::vocab::TOTAL_ROWS.iter().find(|(_, t)| t == total).map_or_else(own, |(row, _)| row.to_string()),
        Subject::Code(code) => match rows().find(|r| r.code.as_deref() == Some(code)) {
            Some(row) => format!("{code} {}", row.name),
            None => format!("{code} {}", own()).trim_end().to_string(),
        },
        Subject::Names(names) => Some(own()).filter(|s| !s.is_empty()).unwrap_or_else(|| names.clone()),
    };
    match id.column {
        "合计" => name,
        column if matches!(id.subject, Subject::Total(_)) => column.to_string(),
        column => format!("{name} {column}"),
    }
}

/// Words before a rate that make it a change from last year, when the
/// sentence states no change amount (`1050 万元，比上年增长 5%`).
const COMPARISONS: &[&str] = &["比上年", "较上年", "与上年相比", "同比"];

/// Rates stated with no change amount, right after this year's amount
/// (`N 万元，比上年增长 P%`): the extraction keeps no statement of them,
/// and they give last year's figure all the same. Read narrowly: the
/// amount just before, in the same clause, a comparison with last year
/// between them and nothing else.
fn lone_rates(cx: &Context) -> Vec<crate::facts::ChangeStatement> {
    let facts = cx.facts;
    let stated: std::collections::HashSet<FigureId> = facts.changes.iter().filter_map(|s| match s.rate {
        Some(RateValue::Stated(r)) => Some(r),
        _ => None,
    }).collect();
    let mut out = Vec::new();
    for (r, f) in facts.figures.iter().enumerate() {
        let Measure::Rate(direction) = f.measure else { continue };
        if stated.contains(&r) || r == 0 || f.unit != Some(crate::facts::Unit::Percent) {
            continue;
        }
        let a = r - 1;
        let amount = &facts.figures[a];
        if amount.measure != Measure::Amount || amount.period != crate::facts::Period::Current || !amount.unit.is_some_and(|u| u.is_money()) {
            continue;
        }
        let Some(between) = cx.text.get(amount.span.end..f.span.start) else { continue };
        let clause = !between.contains(['。', '；', ';', '\n']) && between.chars().count() <= 16;
        if !clause || !crate::vocab::contains_any(between, COMPARISONS) || crate::vocab::contains_any(between, &["预算", "决算", "执行"]) {
            continue;
        }
        out.push(crate::facts::ChangeStatement {
            amount: Some(a),
            prior: None,
            change: ChangeValue::Implied(direction, f.span),
            rate: Some(RateValue::Stated(r)),
            alternatives: Vec::new(),
            budget: false,
        });
    }
    out
}

fn against_previous(this: Document, previous: Document, tolerance: Decimal, out: &mut Across) {
    let cx = Context::new(this.text, &this.analysis.facts);
    let other = Context::new(previous.text, &previous.analysis.facts);
    let (here_side, there_side) = (Side::new(this), Side::new(previous));
    let there = there_side.statements(&here_side);
    let final_accounts = kind(this) == Kind::FinalAccounts;
    // One finding per identity: a figure stated in several places of this
    // draft, each implying last year's, is one figure.
    let mut reported: HashMap<Identity, usize> = HashMap::new();
    let lone = lone_rates(&cx);
    for s in this.analysis.facts.changes.iter().chain(&lone) {
        let Some(amount) = s.amount else { continue };
        if s.budget || !s.alternatives.is_empty() || super::share_points::is_points(&cx, s) {
            continue;
        }
        let Some((id, _)) = identity(this, amount) else { continue };
        let id = here_side.bridged(id, &there_side);
        let actual = final_accounts || actual_prior(&cx, s, amount) || in_actual_table(this, amount);
        let basis = if actual { Basis::Actual } else { Basis::Budget };
        let implied = implied(&cx, s, amount);
        if implied.is_empty() {
            continue;
        }
        let Some(candidates) = candidates(&there, &id, basis, &here_side, &there_side) else {
            out.ties.push(CrossTie { document: OtherDocument::Previous, figure: amount, status: TieStatus::NotFound });
            continue;
        };
        let intervals: Vec<Interval> = implied.iter().map(|i| i.interval).collect();
        let stated = match verdict(&other, &candidates, &intervals, tolerance) {
            Ok(()) => {
                out.ties.push(CrossTie { document: OtherDocument::Previous, figure: amount, status: TieStatus::Verified });
                continue;
            }
            Err(stated) => stated,
        };
        out.ties.push(CrossTie { document: OtherDocument::Previous, figure: amount, status: TieStatus::Differs });
        if let Some(&at) = reported.get(&id) {
            let here = cx.facts.figures[amount].span;
            out.diagnostics[at].related.push(crate::diagnostic::Related { span: here, message: Message::ThisYear });
            continue;
        }
        let shown = |o: &Context, f: FigureId| o.show(f);
        let message = Message::PreviousFigureMismatch {
            subject: subject_name(this, previous, amount, &id),
            arithmetic: implied[0].arithmetic.clone(),
            stated: shown(&other, stated),
            actual,
        };
        let mut d = Diagnostic::new(&super::previous_figure::PREVIOUS_FIGURE_MISMATCH, cx.facts.figures[amount].number, message);
        if let ChangeValue::Stated(c) = s.change {
            d = d.related(cx.facts.figures[c].span, Message::ChangeFromLastYear);
        }
        if let Some(p) = s.prior {
            d = d.related(cx.facts.figures[p].span, Message::LastYear);
        }
        d.elsewhere.push(Elsewhere { document: OtherDocument::Previous, span: other.facts.figures[stated].span, message: Message::StatedThere { document: OtherDocument::Previous, value: shown(&other, stated) } });
        if let Some(word) = restatement(this, amount).or_else(|| restatement(previous, stated)) {
            d = d.severity(Severity::Hint).note(Message::RestatementExplained { word: word.to_string() });
        }
        reported.insert(id, out.diagnostics.len());
        out.diagnostics.push(d);
    }
}

/// The identity of a figure by the block it stands in, where the ties
/// give it none: a section titled with its account (`（二）农林水支出（类）
/// 水利（款）行政运行（项）。年初预算为…，支出决算为…`), in the funds of the
/// nearest title that names them; or the “三公” funds in a section on them.
/// Only for a block that states one completion, so that its figures are
/// the account's.
fn block_identity(doc: Document, figure: FigureId) -> Option<Identity> {
    let facts = &doc.analysis.facts;
    let b = facts.blocks.partition_point(|s| s.figures().end <= figure);
    let block = facts.blocks.get(b)?;
    if block.relations().completions.len() != 1 {
        return None;
    }
    let scope = facts.blocks[..=b].iter().rev().filter_map(|s| s.title.as_deref()).find_map(crate::ties::scope)?;
    if scope == Scope::ThreePublic {
        let subject = &facts.figures[figure].subject;
        let part = crate::vocab::THREE_PUBLIC_COLUMNS.iter().copied().filter(|p| *p != "合计").find(|p| subject.contains(p));
        let subject = match part {
            Some(part) => Subject::ThreePublic(part),
            None if subject.contains("三公") => Subject::ThreePublic("合计"),
            None => return None,
        };
        return Some(Identity { subject, column: "合计", scope });
    }
    let chain = Chain::parse(block.title.as_deref()?)?;
    // A chain from the class down: one that starts lower needs the sections above.
    if chain.0.first().is_none_or(|p| p.0 != 0) {
        return None;
    }
    Some(Identity { subject: Subject::Names(chain.key()), column: "合计", scope })
}

fn against_budget(this: Document, budget: Document, tolerance: Decimal, out: &mut Across) {
    if kind(this) != Kind::FinalAccounts {
        return;
    }
    let cx = Context::new(this.text, &this.analysis.facts);
    let other = Context::new(budget.text, &budget.analysis.facts);
    let (here_side, there_side) = (Side::new(this), Side::new(budget));
    let there = there_side.statements(&here_side);
    let facts = &this.analysis.facts;
    // This draft's budget figures, with the identity of what they budget:
    // its own statements of the budget, and the budget beside a final
    // figure (`完成年初预算的`, `比年初预算`).
    let mut budgets: Vec<(FigureId, Identity)> = Vec::new();
    let ties = &this.analysis.ties;
    for st in ties.statements.iter().filter(|s| s.key.basis == Basis::Budget) {
        budgets.push((st.figure, Identity { subject: ties.subject(&st.key).clone(), column: st.key.column, scope: st.scope }));
    }
    let beside = facts.completions.iter().map(|c| (c.budget, c.actual)).chain(facts.changes.iter().filter(|s| s.budget).filter_map(|s| Some((s.prior?, s.amount?))));
    for (b, actual) in beside {
        match identity(this, actual) {
            Some((id, Basis::Actual)) => budgets.push((b, id)),
            _ => budgets.extend(block_identity(this, b).map(|id| (b, id))),
        }
    }
    budgets.sort_by_key(|(b, _)| *b);
    budgets.dedup_by_key(|(b, _)| *b);
    let mut reported: HashMap<Identity, usize> = HashMap::new();
    for (b, id) in budgets {
        let Some(here) = in_wan(&cx, b) else { continue };
        let id = here_side.bridged(id, &there_side);
        let Some(candidates) = candidates(&there, &id, Basis::Budget, &here_side, &there_side) else {
            out.ties.push(CrossTie { document: OtherDocument::Budget, figure: b, status: TieStatus::NotFound });
            continue;
        };
        let stated = match verdict(&other, &candidates, &[here], tolerance) {
            Ok(()) => {
                out.ties.push(CrossTie { document: OtherDocument::Budget, figure: b, status: TieStatus::Verified });
                continue;
            }
            Err(stated) => stated,
        };
        out.ties.push(CrossTie { document: OtherDocument::Budget, figure: b, status: TieStatus::Differs });
        if let Some(&at) = reported.get(&id) {
            out.diagnostics[at].related.push(crate::diagnostic::Related { span: facts.figures[b].span, message: Message::BudgetFigure });
            continue;
        }
        let message = Message::BudgetFigureMismatch { subject: subject_name(this, budget, b, &id), here: cx.show(b), there: other.show(stated) };
        let mut d = Diagnostic::new(&super::budget_figure::BUDGET_FIGURE_MISMATCH, facts.figures[b].number, message);
        d.elsewhere.push(Elsewhere { document: OtherDocument::Budget, span: other.facts.figures[stated].span, message: Message::StatedThere { document: OtherDocument::Budget, value: other.show(stated) } });
        if let Some(word) = restatement(this, b) {
            d = d.severity(Severity::Hint).note(Message::RestatementExplained { word: word.to_string() });
        }
        reported.insert(id, out.diagnostics.len());
        out.diagnostics.push(d);
    }
}

/// Names the other documents' places in notes, for the edges that show
/// one file at a time: `上年公开稿 2025/预算公开.txt 第 88 行：979.27 万元`.
/// `files` gives, per other document, its path as shown and its text.
pub fn name_places(diagnostics: &mut [Diagnostic], files: &[(OtherDocument, &str, &str)]) {
    for d in diagnostics {
        let notes: Vec<Message> = d
            .elsewhere
            .iter()
            .filter_map(|e| {
                let &(_, path, text) = files.iter().find(|(doc, _, _)| *doc == e.document)?;
                let line = text.get(..e.span.start)?.matches('\n').count() + 1;
                let value = match &e.message {
                    Message::StatedThere { value, .. } => value.clone(),
                    _ => text.get(e.span.range()).unwrap_or_default().trim().to_string(),
                };
                Some(Message::OtherPlace { document: e.document, path: path.to_string(), line, value })
            })
            .collect();
        d.notes.extend(notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagnostics of `this` against `previous` (and `budget`), as
    /// `severity code `text`: message`.
    fn findings(this: &str, previous: Option<&str>, budget: Option<&str>) -> Vec<String> {
        let a = crate::analyze(this);
        let p = previous.map(crate::analyze);
        let b = budget.map(crate::analyze);
        let across = compare(
            Document::new(this, &a),
            previous.zip(p.as_ref()).map(|(t, a)| Document::new(t, a)),
            budget.zip(b.as_ref()).map(|(t, a)| Document::new(t, a)),
            Decimal::ZERO,
        );
        across
            .diagnostics
            .iter()
            .map(|d| format!("{} {} `{}`: {}", d.severity.as_str(), d.code, &this[d.span.range()], d.message.text(crate::Lang::Zh)))
            .collect()
    }

    const HEAD_2025: &str = "某县水务局2025年部门预算公开\n\n第二部分 部门预算情况说明\n\n";
    const HEAD_2026: &str = "某县水务局2026年部门预算公开\n\n第二部分 部门预算情况说明\n\n";

    fn three_public(year: &str, total: &str, rest: &str) -> String {
        format!("一、关于{year}年“三公”经费预算情况说明\n\n{year}年“三公”经费预算数为{total}万元{rest}。\n")
    }

    #[test]
    fn implied_last_year_against_last_years_figure() {
        let previous = format!("{HEAD_2025}{}", three_public("2025", "6.40", ""));
        let right = format!("{HEAD_2026}{}", three_public("2026", "6.00", "，比上年减少0.40万元"));
        assert_eq!(findings(&right, Some(&previous), None), Vec::<String>::new());
        let wrong = format!("{HEAD_2026}{}", three_public("2026", "6.00", "，比上年减少0.50万元"));
        let got = findings(&wrong, Some(&previous), None);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("warning previous-figure-mismatch `6.00`"), "{got:?}");
        assert!(got[0].contains("6.00 + 0.50 = 6.50 万元") && got[0].contains("6.40 万元"), "{got:?}");
    }

    #[test]
    fn rounding_at_the_edges_of_the_intervals() {
        // 6.0 stands for [5.95, 6.05]; less 0.4 ([0.35, 0.45]): last year
        // was [6.35, 6.45] + ... within 6.4's [6.35, 6.45]; 6.46 is out of
        // reach only when both are written to two places.
        let previous = |v: &str| format!("{HEAD_2025}{}", three_public("2025", v, ""));
        let this = format!("{HEAD_2026}{}", three_public("2026", "6.0", "，比上年减少0.4万元"));
        // [5.95, 6.05] + [0.35, 0.45] = [6.30, 6.50]: meets 6.495's [6.4945, 6.4955].
        assert!(findings(&this, Some(&previous("6.495")), None).is_empty());
        assert!(findings(&this, Some(&previous("6.30")), None).is_empty());
        assert_eq!(findings(&this, Some(&previous("6.51")), None).len(), 1);
        assert_eq!(findings(&this, Some(&previous("6.29")), None).len(), 1);
    }

    #[test]
    fn a_rate_alone_gives_last_year_too() {
        let previous = format!("{HEAD_2025}{}", three_public("2025", "5.00", ""));
        let right = format!("{HEAD_2026}{}", three_public("2026", "5.50", "，比上年增长10%"));
        assert!(findings(&right, Some(&previous), None).is_empty());
        let wrong = format!("{HEAD_2026}{}", three_public("2026", "5.50", "，比上年增长20%"));
        let got = findings(&wrong, Some(&previous), None);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("÷ (1 + 20%)"), "{got:?}");
    }

    #[test]
    fn a_restatement_the_text_explains_is_a_hint() {
        let previous = format!("{HEAD_2025}{}", three_public("2025", "6.40", ""));
        let this = format!("{HEAD_2026}{}", three_public("2026", "6.00", "，比上年调整预算数减少0.50万元"));
        let got = findings(&this, Some(&previous), None);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("hint previous-figure-mismatch"), "{got:?}");
    }

    #[test]
    fn a_document_of_another_year_is_not_compared() {
        let previous = format!("{}{}", HEAD_2025.replace("2025", "2024"), three_public("2024", "6.40", ""));
        let this = format!("{HEAD_2026}{}", three_public("2026", "6.00", "，比上年减少0.50万元"));
        let a = crate::analyze(&this);
        let p = crate::analyze(&previous);
        let across = compare(Document::new(&this, &a), Some(Document::new(&previous, &p)), None, Decimal::ZERO);
        assert!(across.diagnostics.is_empty());
        assert_eq!(across.mismatched, [Mismatched { document: OtherDocument::Previous, year: 2026, other: 2024 }]);
    }

    #[test]
    fn a_two_year_tables_execution_column_is_not_last_years_budget() {
        let table = |prior: &str, head: &str| {
            format!("一般公共预算支出表\n单位：万元\n科目编码 科目名称 {head} 2026年预算数 增减额 增减率（%）\n2210201 住房公积金 {prior} 30.00 2.00 7.14\n")
        };
        let previous = format!("{HEAD_2025}{}", "一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n2210201 住房公积金 29.00 29.00\n");
        let budget = format!("{HEAD_2026}{}", table("28.00", "2025年预算数"));
        let execution = format!("{HEAD_2026}{}", table("28.00", "2025年执行数"));
        let with_budget = findings(&budget, Some(&previous), None);
        assert_eq!(with_budget.len(), 1, "{with_budget:?}");
        assert!(findings(&execution, Some(&previous), None).is_empty());
    }

    #[test]
    fn actual_is_not_compared_with_budget() {
        // `比上年执行数` compares with last year's actual: a 预算 states none.
        let previous = format!("{HEAD_2025}{}", three_public("2025", "6.40", ""));
        let this = format!("{HEAD_2026}{}", three_public("2026", "6.00", "，比上年执行数减少0.50万元"));
        assert!(findings(&this, Some(&previous), None).is_empty());
    }
}
