use rust_decimal::Decimal;

use super::{declare_rule, format_decimal, like_written, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::{Message, Place};
use crate::facts::{ChangeValue, FigureId, Restatement};
use crate::interval::Interval;
use crate::ties::{Floor, Statement, Subject};

declare_rule! {
    /// ## What it does
    /// Ties every figure to its other statements. A disclosure states most
    /// figures several times: in the text, in two or three tables, in the
    /// summary and again in the detail. Statements of the same account (by
    /// its code, or by its names class to item), column, basis and funds
    /// must agree; where they do not, the statement that disagrees with the
    /// rest is flagged, tables outranking prose when the count is even.
    /// When they split with no majority, each is flagged and none is fixed.
    ///
    /// Within one paragraph, a figure named again in a later sentence
    /// (`某局2022年机关运行经费支出 38.62 万元…。该局机关运行经费支出 36.82
    /// 万元`) is a statement of the same figure, whatever it is: the later
    /// statement is flagged when the two cannot be one value. A clause
    /// that names a measure alone (`“三公”经费支出预算为 40 万元，支出决算为
    /// 28.36 万元`) is about what its sentence's first amount is about.
    ///
    /// A class section whose numbered items state their amounts also puts
    /// a floor under the class: the class cannot be less than its items.
    ///
    /// Statements about other funds are never compared (a section on the
    /// general budget's appropriations leaves out carry-overs that the
    /// department's totals include), unless the general budget is all the
    /// draft's money.
    ///
    /// ## Why is this bad?
    /// `职业年金缴费支出` given as 19.54 in two tables and 18.54 in a third
    /// cannot all be right; the reader cannot tell which one the
    /// department meant. A figure that is last year's (this year's less its
    /// change) or the row beside it is named as such.
    ///
    /// ## Fix
    /// Replaces the figure with the value the other statements agree on,
    /// for review: the majority may be the copies of one slip.
    REPEATED_FIGURE_MISMATCH, "repeated-figure-mismatch", Error, "a figure stated in several places is not the same everywhere",
    zh: "同一数据在多处列示不一致"
}

/// At most this many other statements are listed with a drifting one.
const MAX_RELATED: usize = 8;

/// More statements than this (or a third of a group) apart from the
/// agreed value, and the group is not one figure after all.
const MAX_APART: usize = 3;

/// A statement that disagrees with the other statements of its figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    pub figure: FigureId,
    /// The statement whose value the others agree on; `None` when they split.
    pub agreed: Option<FigureId>,
    /// How many statements agree on that value.
    pub agreeing: usize,
    /// Other statements, or a floor's items (at most [`MAX_RELATED`]).
    pub others: Vec<FigureId>,
    /// The drifting figure is below the sum of its class's items.
    pub floor: bool,
    /// The value the figure should have, when one can be computed.
    pub value: Option<(Decimal, u32)>,
    pub cause: Option<Message>,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for d in cx.drifts() {
        out.push(diagnostic(cx, d));
    }
    for r in cx.restatements() {
        if let Some(d) = restated(cx, r) {
            out.push(d);
        }
    }
}

/// A paragraph's second statement of a figure, when it cannot be the
/// first's value. Left to the ties when they already flag either.
fn restated(cx: &Context, r: &Restatement) -> Option<Diagnostic> {
    let (first, again) = (cx.interval(r.first)?, cx.interval(r.again)?);
    if first.widened(cx.tolerance)?.meets(again) || !cx.drifts_of(r.first).is_empty() || !cx.drifts_of(r.again).is_empty() {
        return None;
    }
    let figures = &cx.facts.figures;
    let name = crate::vocab::restated_name(&figures[r.again].subject).map_or(&*figures[r.again].subject, |(_, n)| n).to_string();
    let mut d = Diagnostic::new(&REPEATED_FIGURE_MISMATCH, figures[r.again].number, Message::RestatedDifferently { name, value: cx.show(r.again), first: cx.show(r.first) })
        .related(figures[r.first].span, Message::FirstStatement);
    if super::transposed(cx.number_text(r.again).trim(), cx.number_text(r.first).trim()) {
        d = d.note(Message::DigitsSwapped);
    }
    Some(d)
}

/// Every drifting statement of the draft, by figure.
pub fn drifts(cx: &Context) -> Vec<Drift> {
    let ties = cx.ties;
    let mut out = Vec::new();
    for group in &ties.groups {
        let members: Vec<(&Statement, Interval)> = group.iter().filter_map(|&i| Some((&ties.statements[i], in_wan(cx, ties.statements[i].figure)?))).collect();
        majority(cx, &members, &mut out);
    }
    for floor in &ties.floors {
        below_floor(cx, floor, &mut out);
    }
    out.sort_by_key(|d| d.figure);
    out
}

fn in_wan(cx: &Context, id: FigureId) -> Option<Interval> {
    cx.interval(id)?.scale(cx.facts.figures[id].unit?.in_wan()?)
}

/// A change's signed interval in 万元 (0 for `持平`).
fn change_in_wan(cx: &Context, change: ChangeValue) -> Option<Interval> {
    match change {
        ChangeValue::Unchanged(_) => Some(Interval::exact(Decimal::ZERO)),
        ChangeValue::Implied(..) => None,
        ChangeValue::Stated(c) => cx.change_interval(change)?.scale(cx.facts.figures[c].unit?.in_wan()?),
    }
}

/// For each interval, how many of `all` meet it (itself included), in
/// O(n log n): those starting at or before its end, less those ending
/// before its start.
fn meeting(of: &[Interval], all: &[Interval]) -> Vec<usize> {
    // Bounds compared as integers at one scale where they fit, which sorts
    // several times faster than decimals; as decimals where they do not.
    match (integers(of), integers(all)) {
        (Some(of), Some(all)) => sweep(&of, &all),
        _ => sweep(&of.iter().map(|i| (i.lo, i.hi)).collect::<Vec<_>>(), &all.iter().map(|i| (i.lo, i.hi)).collect::<Vec<_>>()),
    }
}

/// The bounds of intervals as integers in units of 10^-[`SCALE`].
fn integers(intervals: &[Interval]) -> Option<Vec<(i64, i64)>> {
    let at_scale = |d: Decimal| i64::try_from(d.mantissa().checked_mul(10i128.checked_pow(SCALE.checked_sub(d.scale())?)?)?).ok();
    intervals.iter().map(|i| Some((at_scale(i.lo)?, at_scale(i.hi)?))).collect()
}

/// The scale [`integers`] brings bounds to: enough for amounts in 元 to
/// their cents, stated in 万元 and widened by half a unit (amounts past
/// 900 million 万元 do not fit, and are compared as decimals).
const SCALE: u32 = 10;

fn sweep<T: Ord + Copy>(of: &[(T, T)], all: &[(T, T)]) -> Vec<usize> {
    let mut lo: Vec<T> = all.iter().map(|i| i.0).collect();
    let mut hi: Vec<T> = all.iter().map(|i| i.1).collect();
    lo.sort_unstable();
    hi.sort_unstable();
    of.iter().map(|&(l, h)| lo.partition_point(|&x| x <= h) - hi.partition_point(|&x| x < l)).collect()
}

/// The statements that disagree with the most others (tables outranking
/// prose on an even count), or all of them when that leaves a tie.
fn majority(cx: &Context, members: &[(&Statement, Interval)], out: &mut Vec<Drift>) {
    let intervals: Vec<Interval> = members.iter().map(|m| m.1).collect();
    // Intervals that meet pairwise share a point: then all agree.
    if intervals.iter().map(|i| i.lo).max() <= intervals.iter().map(|i| i.hi).min() {
        return;
    }
    let in_tables: Vec<Interval> = members.iter().filter(|m| m.0.cell.is_some()).map(|m| m.1).collect();
    let ranks: Vec<(usize, usize)> = meeting(&intervals, &intervals).into_iter().zip(meeting(&intervals, &in_tables)).collect();
    // Of equals, the one written with the most decimals is the agreed value.
    let Some(best) = (0..members.len()).max_by_key(|&i| (ranks[i], cx.facts.figures[members[i].0.figure].scale)) else { return };
    let agreed = intervals[best];
    if ranks[best].0 == members.len() {
        return;
    }
    let tied = (0..members.len()).any(|i| !intervals[i].meets(agreed) && ranks[i] == ranks[best]);
    // Many statements apart from the rest mean the identity is in doubt
    // (a row per unit, tables of several departments): say nothing.
    let apart = if tied { members.len() } else { members.len() - ranks[best].0 };
    if apart > MAX_APART.max(members.len() / 3) {
        return;
    }
    // The statements agreeing with the best overlap it, so together they
    // cover one stretch: a statement meets one of them if it meets that.
    let winners = || (0..members.len()).filter(|&j| intervals[j].meets(agreed));
    let lo = winners().map(|j| intervals[j].lo).min().unwrap_or(agreed.lo);
    let hi = winners().map(|j| intervals[j].hi).max().unwrap_or(agreed.hi);
    let stretch = Interval { lo, hi };
    let others = |i: usize| (0..members.len()).filter(|&j| j != i).take(MAX_RELATED).map(|j| members[j].0.figure).collect::<Vec<_>>();
    for (i, member) in members.iter().enumerate() {
        let figure = member.0.figure;
        if tied {
            out.push(Drift { figure, agreed: None, agreeing: 0, others: others(i), floor: false, value: None, cause: None });
        } else if !intervals[i].meets(stretch) {
            let a = members[best].0.figure;
            let f = &cx.facts.figures[a];
            // Written with the drifting figure's decimals where they suffice.
            let own = cx.facts.figures[figure].scale;
            let scale = if f.value.round_dp(own) == f.value { own } else { f.scale };
            let value = (f.unit == cx.facts.figures[figure].unit).then_some((f.value, scale));
            let agreeing: Vec<FigureId> = winners().take(MAX_RELATED).map(|j| members[j].0.figure).collect();
            let transposed = super::transposed(cx.number_text(figure).trim(), cx.number_text(a).trim()).then_some(Message::DigitsSwapped);
            let cause = stale(cx, intervals[i], &agreeing, agreed).or_else(|| member.0.cell.and_then(|c| copy_slip(cx, c))).or(transposed);
            out.push(Drift { figure, agreed: Some(a), agreeing: ranks[best].0, others: others(i), floor: false, value, cause });
        }
    }
}

/// Is the drifting value last year's: the agreed value less a change stated
/// with one of the agreeing statements?
fn stale(cx: &Context, drift: Interval, agreeing: &[FigureId], agreed: Interval) -> Option<Message> {
    agreeing.iter().find_map(|&k| {
        let s = cx.change_of(k)?;
        let ChangeValue::Stated(c) = s.change else { return None };
        let change = change_in_wan(cx, s.change)?;
        let prior = agreed.checked_sub(change)?;
        (change.lo != Decimal::ZERO && prior.meets(drift)).then(|| Message::LastYearsFigure { figure: cx.number_text(k).trim().to_string(), change: cx.number_text(c).trim().to_string() })
    })
}

/// Is the drifting table figure (cell `c`) the value of the row above or
/// below it (neither its parent nor its child, whose values may rightly be
/// the same)? Cells are in row order, so the neighbours are near.
fn copy_slip(cx: &Context, c: usize) -> Option<Message> {
    let cells = &cx.facts.cells;
    let cell = &cells[c];
    let value = cx.facts.figures[cell.figure].value;
    if value.is_zero() || cell.column.is_none() {
        return None;
    }
    let related = |a: &Option<crate::facts::Name>, b: &Option<crate::facts::Name>| match (a, b) {
        (Some(a), Some(b)) => a.starts_with(&**b) || b.starts_with(&**a),
        _ => true,
    };
    let row = cx.facts.row_of(cell);
    let near = |c: &&crate::facts::Cell| c.table == cell.table && cx.facts.row_of(c).line.abs_diff(row.line) <= 1;
    let before = cells[..c].iter().rev().take_while(near);
    let after = cells[c + 1..].iter().take_while(near);
    let neighbour = before.chain(after).map(|n| (n, cx.facts.row_of(n))).find(|(n, r)| {
        r.line != row.line && n.column == cell.column && !related(&r.code, &row.code) && cx.facts.figures[n.figure].value == value
    })?;
    Some(Message::RowNeighbour { above: neighbour.1.line < row.line, row: neighbour.1.name.to_string() })
}

/// Statements of a class below the sum of its items in a class section.
fn below_floor(cx: &Context, floor: &Floor, out: &mut Vec<Drift>) {
    let items: Option<Vec<Interval>> = floor.items.iter().map(|&k| in_wan(cx, k)).collect();
    let Some(sum) = items.and_then(Interval::sum) else { return };
    // Last year's sum of the items, when each states its change.
    let changes: Option<Vec<Interval>> = floor.items.iter().map(|&k| change_in_wan(cx, cx.change_of(k)?.change)).collect();
    let prior = changes.and_then(|c| sum.checked_sub(Interval::sum(c)?));
    for s in floor.above.iter().map(|&i| &cx.ties.statements[i]) {
        let Some(stated) = in_wan(cx, s.figure) else { continue };
        if stated.hi >= sum.lo {
            continue;
        }
        let is_stale = prior.is_some_and(|p| p.meets(stated));
        let unit = cx.facts.figures[s.figure].unit;
        let same_unit = floor.items.iter().all(|&k| cx.facts.figures[k].unit == unit);
        let value = floor.items.iter().try_fold(Decimal::ZERO, |acc, &k| acc.checked_add(cx.facts.figures[k].value));
        let scale = floor.items.iter().map(|&k| cx.facts.figures[k].scale).max().unwrap_or(0);
        out.push(Drift {
            figure: s.figure,
            agreed: None,
            agreeing: 0,
            others: floor.items.iter().copied().take(MAX_RELATED).collect(),
            floor: true,
            value: value.filter(|_| is_stale && same_unit).map(|v| (v, scale)),
            cause: is_stale.then_some(Message::LastYearsSum),
        });
    }
}

fn diagnostic(cx: &Context, d: &Drift) -> Diagnostic {
    let figures = &cx.facts.figures;
    let figure = &figures[d.figure];
    let name = subject(cx, d);
    let mut diag = if d.floor {
        let sum: Vec<&str> = d.others.iter().map(|&k| cx.number_text(k).trim()).collect();
        let mut diag = Diagnostic::new(
            &REPEATED_FIGURE_MISMATCH,
            figure.number,
            Message::BelowItems { name: name.clone(), value: cx.show(d.figure), items: sum.iter().map(|s| s.to_string()).collect() },
        );
        for &k in &d.others {
            diag = diag.related(figures[k].span, Message::ItemOf { name: name.clone(), value: cx.show(k) });
        }
        diag
    } else {
        let message = match d.agreed {
            Some(a) => Message::StatedElsewhere { name, value: cx.show(d.figure), agreed: cx.show(a), places: d.agreeing },
            None => Message::NoMajority { name, value: cx.show(d.figure) },
        };
        let mut diag = Diagnostic::new(&REPEATED_FIGURE_MISMATCH, figure.number, message);
        for &k in &d.others {
            diag = diag.related(figures[k].span, Message::Statement { value: cx.show(k), place: place(cx, k) });
        }
        diag
    };
    if let Some(cause) = &d.cause {
        diag = diag.note(cause.clone());
    }
    if let Some((value, scale)) = d.value {
        let fits = |s, now| super::change_rate::rate_fits(cx, s, now);
        let stated = cx.interval(d.figure);
        let agreed = Interval::rounded(value, scale);
        if let (Some(s), Some(stated), Some(agreed)) = (cx.change_of(d.figure), stated, agreed) {
            if fits(s, stated) == Some(false) && fits(s, agreed) == Some(true) {
                if let Some(crate::facts::RateValue::Stated(r)) = s.rate {
                    diag = diag.note(Message::RateFitsAgreed { rate: cx.number_text(r).trim().to_string() }).related(cx.facts.figures[r].span, Message::RateFittingAgreed);
                }
            }
        }
    }
    if let Some(list) = list_it_mends(cx, d) {
        let total = list.total;
        diag = diag
            .note(Message::SumItMends { subject: cx.facts.figures[total].subject.to_string(), total: cx.number_text(total).trim().to_string() })
            .related(cx.facts.figures[total].span, Message::SumMended);
    }
    let fix = d.value.map(|(v, scale)| {
        let text = like_written(format_decimal(v, scale), cx.number_text(d.figure));
        Fix::replace(figure.number, text.clone(), Message::ReplaceWith { value: text }, Applicability::Unsafe)
    });
    diag.fix(fix)
}

/// A sum the figure is in that fails as stated and adds up with the value
/// its other statements agree on.
fn list_it_mends<'a>(cx: &Context<'a>, d: &Drift) -> Option<&'a crate::facts::List> {
    let (value, scale) = d.value?;
    let with = Interval::rounded(value, scale)?;
    cx.lists_with_item(d.figure).chain(cx.lists_with_total(d.figure)).find(|l| {
        let fails = cx.sum_verdict(l, None).is_some_and(|v| v != super::SumVerdict::Agrees);
        fails && cx.facts.figures[d.figure].unit == cx.list_unit(l) && cx.sum_verdict(l, Some((d.figure, with))) == Some(super::SumVerdict::Agrees)
    })
}

/// The account a drifting statement is about, as the draft names it: by
/// its code and the name a table prints with it.
fn subject(cx: &Context, d: &Drift) -> String {
    let id = d.figure;
    let statement = cx.ties.statement(id);
    match statement.map(|s| cx.ties.subject(&s.key)) {
        Some(Subject::Total(total)) => {
            let name = crate::vocab::TOTAL_ROWS.iter().find(|t| t.1 == *total).map_or("合计", |t| t.0);
            match statement.map(|s| s.key.column) {
                Some(column) if column != "合计" => format!("{name}（{column}）"),
                _ => name.to_string(),
            }
        }
        Some(Subject::ThreePublic(part)) => if *part == "合计" { "“三公”经费".to_string() } else { part.to_string() },
        Some(Subject::Code(code)) => {
            let cell = std::iter::once(id).chain(d.others.iter().copied()).find_map(|k| cx.ties.statement(k)?.cell);
            let printed = cell.map_or(&*cx.facts.figures[id].subject, |c| &cx.facts.row_of(&cx.facts.cells[c]).name);
            format!("{code} {printed}")
        }
        Some(Subject::Names(names)) => named(&cx.facts.figures[id], names),
        None => cx.facts.figures[id].subject.to_string(),
    }
}

/// A figure tied by its account's names (`档案事务/行政运行`), named by its
/// subject, period and measure: the item's name, then what the draft calls
/// the figure (`年初预算`), never the measure alone.
fn named(figure: &crate::facts::Figure, names: &str) -> String {
    let item = names.rsplit('/').next().unwrap_or(names);
    let own = figure.subject.trim();
    let period = match figure.period {
        crate::facts::Period::Prior if !own.contains("上年") => "上年",
        _ => "",
    };
    // The item's name without its level (`（项）`), to see whether the
    // figure's own words only repeat its tail (`…支出（类）` and `支出`).
    let bare = crate::vocab::ACCOUNT_LEVELS.iter().fold(item.to_string(), |n, (mark, _)| n.replace(mark, ""));
    if own.is_empty() || bare.ends_with(own) {
        format!("{item}{period}")
    } else if own.contains(bare.as_str()) {
        format!("{period}{own}")
    } else {
        format!("{item}{period}{own}")
    }
}

/// Where a statement of a figure is: the table it is printed in, or the text.
pub fn place(cx: &Context, figure: FigureId) -> Place {
    match cx.ties.statement(figure).and_then(|s| s.cell) {
        Some(c) => {
            let table = &cx.facts.tables[cx.facts.cells[c].table];
            Place::Table { number: table.number.clone(), title: table.title.clone() }
        }
        None => Place::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The sweep counts what comparing every pair counts.
        #[test]
        fn meeting_counts_every_overlap(cents in prop::collection::vec((0i64..500, 0u32..3), 1..40)) {
            let all: Vec<Interval> = cents.iter().filter_map(|&(c, scale)| Interval::rounded(Decimal::new(c, scale), scale)).collect();
            let naive: Vec<usize> = all.iter().map(|i| all.iter().filter(|j| j.meets(*i)).count()).collect();
            prop_assert_eq!(meeting(&all, &all), naive);
        }
    }

    /// A figure tied by its account's names is named by them with its
    /// period and measure, never by the measure alone (`年初预算`).
    #[test]
    fn a_figure_is_named_by_its_account_period_and_measure() {
        let figure = |subject: &str, period| crate::facts::Figure {
            span: crate::text::Span::new(0, 1),
            number: crate::text::Span::new(0, 1),
            value: Decimal::ONE,
            scale: 0,
            unit: None,
            measure: crate::facts::Measure::Amount,
            subject: subject.into(),
            period,
        };
        use crate::facts::Period::{Current, Prior};
        assert_eq!(named(&figure("2026年年初预算", Current), "社会保障和就业支出/社会保险经办机构（项）"), "社会保险经办机构（项）2026年年初预算");
        assert_eq!(named(&figure("年初预算", Prior), "行政运行"), "行政运行上年年初预算");
        assert_eq!(named(&figure("支出", Current), "社会保障和就业支出（类）"), "社会保障和就业支出（类）");
        assert_eq!(named(&figure("住房公积金支出", Current), "住房公积金"), "住房公积金支出");
    }

    #[test]
    fn meeting_counts_bounds_too_fine_for_integers() {
        let fine = Interval { lo: Decimal::new(1, 20), hi: Decimal::new(3, 20) };
        let coarse = Interval { lo: Decimal::ZERO, hi: Decimal::new(2, 20) };
        let apart = Interval { lo: Decimal::ONE, hi: Decimal::TWO };
        assert_eq!(integers(&[fine]), None);
        assert_eq!(meeting(&[fine, coarse, apart], &[fine, coarse, apart]), vec![2, 2, 1]);
    }
}
