use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{declare_rule, disagreeing_rate, percent_text, rate_diagnostic, Context};
use crate::diagnostic::Diagnostic;
use crate::facts::{ChangeStatement, ChangeValue, Direction, FigureId, Measure, Unit};
use crate::message::{Message, RateKind};
use crate::text::floor_char_boundary;
use crate::vocab;

declare_rule! {
    /// ## What it does
    /// In final accounts (决算), checks the completion rate against its
    /// figures: `年初预算为 B 万元，支出决算为 A 万元，完成年初预算的 P%`
    /// means P = A / B.
    ///
    /// ## Why is this bad?
    /// The completion rate is what readers compare across departments; one
    /// that does not follow from the budget and the final figure (or a final
    /// figure larger than its budget stated as 100%) misleads them. Rates are
    /// checked with interval arithmetic, and one right only when truncated is
    /// a warning.
    ///
    /// ## Example
    /// ```text
    /// 年初预算为 45.6 万元，支出决算为 47.2 万元，完成年初预算的 100%。
    /// ```
    /// 47.2 / 45.6 = 103.5%.
    ///
    /// Where the budget is not stated but the final figure's difference
    /// from it is, in the same sentence (`支出决算 A 万元，完成年初预算的
    /// P%，决算数大于预算数 D 万元`), the budget is A − D (A + D when the
    /// final figure is the smaller), and P = A / (A − D). Not read when the
    /// sentence names an adjusted budget (`调整预算`, `调整后预算`) beside the 年初预算:
    /// the rate and the difference may then be against different budgets.
    ///
    /// An item's rate whose budget the draft states in a list of budgets
    /// of the same block (`公务接待费 27.8 万元，完成预算的 92.67%。“三公”
    /// 经费年初预算 200 万元，其中…公务接待费 30 万元`) is checked against
    /// that budget: the one item of such a list named as the final figure
    /// before the rate is.
    ///
    /// ## Fix
    /// Replaces the rate with the one the figures give, at the same decimals.
    COMPLETION_RATE_MISMATCH, "completion-rate-mismatch", Error, "a completion rate does not follow from the final and budget figures",
    zh: "完成率与决算数、年初预算数不符"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let stated: HashSet<FigureId> = cx.completions().map(|c| c.rate).collect();
    for c in cx.completions() {
        let rate = &cx.facts.figures[c.rate];
        let (Some(actual), Some(budget)) = (cx.interval(c.actual), cx.interval(c.budget)) else { continue };
        let Some((computed, verdict)) = disagreeing_rate(cx, actual, budget, c.rate) else { continue };
        let (a, b) = (cx.facts.figures[c.actual].value, cx.facts.figures[c.budget].value);
        let arithmetic = format!("{} / {} = {}%", cx.number_text(c.actual).trim(), cx.number_text(c.budget).trim(), percent_text(a, b, rate.scale + 2));
        let d = rate_diagnostic(cx, &COMPLETION_RATE_MISMATCH, c.rate, computed, verdict, arithmetic, RateKind::Completion)
            .related(cx.facts.figures[c.actual].span, Message::FinalFigure)
            .related(cx.facts.figures[c.budget].span, Message::BudgetFigure);
        out.push(d);
    }
    by_difference(cx, &stated, out);
    by_budget_list(cx, &stated, out);
}

/// The completion rates whose budget is given by a difference from it:
/// `A 万元，完成年初预算 P%，决算数大于预算数 D 万元`.
fn by_difference(cx: &Context, stated: &HashSet<FigureId>, out: &mut Vec<Diagnostic>) {
    for s in cx.changes().filter(|s| s.budget && s.prior.is_none() && s.alternatives.is_empty()) {
        let Some((actual, difference, rate)) = one_rate(cx, s, stated) else { continue };
        let (Some(a), Some(d)) = (cx.interval(actual), cx.interval(difference)) else { continue };
        let fell = cx.facts.figures[difference].measure == Measure::Change(Direction::Down);
        let Some(budget) = (if fell { a.checked_add(d) } else { a.checked_sub(d) }) else { continue };
        let Some((computed, verdict)) = disagreeing_rate(cx, a, budget, rate) else { continue };
        let (av, dv) = (cx.facts.figures[actual].value, cx.facts.figures[difference].value);
        let Some(bv) = (if fell { av.checked_add(dv) } else { av.checked_sub(dv) }) else { continue };
        let (at, dt) = (cx.number_text(actual).trim(), cx.number_text(difference).trim());
        let arithmetic = format!("{at} / ({at} {} {dt}) = {}%", if fell { "+" } else { "−" }, percent_text(av, bv, cx.facts.figures[rate].scale + 2));
        let d = rate_diagnostic(cx, &COMPLETION_RATE_MISMATCH, rate, computed, verdict, arithmetic, RateKind::Completion)
            .related(cx.facts.figures[actual].span, Message::FinalFigure)
            .related(cx.facts.figures[difference].span, Message::BudgetDifference);
        out.push(d);
    }
}

/// The final figure, its difference from the budget and the one
/// completion rate of a statement against the budget, when they stand in
/// one sentence with no other amount among them and the rate has no
/// stated budget of its own.
fn one_rate(cx: &Context, s: &ChangeStatement, stated: &HashSet<FigureId>) -> Option<(FigureId, FigureId, FigureId)> {
    let (actual, ChangeValue::Stated(difference)) = (s.amount?, s.change) else { return None };
    let figures = &cx.facts.figures;
    if figures[actual].unit != figures[difference].unit || !figures[actual].unit.is_some_and(Unit::is_money) {
        return None;
    }
    let at = figures[actual].span.start;
    let Range { start, end } = sentence(cx.text, at)?;
    if figures[difference].span.end > end || vocab::contains_any(&cx.text[start..end], &["调整预算", "调整后", "预算调整"]) {
        return None;
    }
    // The figures from the final figure to the sentence's end (figures are
    // in the order of the text).
    let first = figures.partition_point(|f| f.span.start < at);
    let within = first..first + figures[first..].partition_point(|f| f.span.end <= end);
    let rates: Vec<FigureId> = within.clone().filter(|&k| figures[k].measure == Measure::Completion).collect();
    let amounts = within.filter(|&k| k != actual && k != difference && figures[k].unit.is_some_and(Unit::is_money));
    match rates[..] {
        [rate] if !stated.contains(&rate) && amounts.count() == 0 => Some((actual, difference, rate)),
        _ => None,
    }
}

/// A block's items of lists of budgets by name, with their list's total;
/// `None` for a name two share.
type Budgets<'a> = HashMap<&'a str, Option<(FigureId, FigureId)>>;

/// The clause-ending marks a sentence of figures runs between.
const SENTENCE_ENDS: [char; 4] = ['。', '；', ';', '\n'];

/// How far from a figure its sentence's ends are looked for: a sentence
/// of figures is far shorter, and a longer run without a mark is not read
/// (looking further for every figure would be quadratic in it).
const SENTENCE_REACH: usize = 1024;

/// The sentence around byte `at`: from after the last mark before it to
/// the first after it; `None` when either lies beyond [`SENTENCE_REACH`].
fn sentence(text: &str, at: usize) -> Option<Range<usize>> {
    let from = floor_char_boundary(text, at.saturating_sub(SENTENCE_REACH));
    let to = floor_char_boundary(text, at.saturating_add(SENTENCE_REACH));
    let start = match text[from..at].rfind(SENTENCE_ENDS) {
        Some(i) => from + i + text[from + i..].chars().next().map_or(1, char::len_utf8),
        None if from == 0 => 0,
        None => return None,
    };
    let end = match text[at..to].find(SENTENCE_ENDS) {
        Some(i) => at + i,
        None if to == text.len() => to,
        None => return None,
    };
    Some(start..end)
}

/// The completion rates of items whose budget a list of budgets states:
/// `X 158.6 万元，完成预算的 79.3%` and, in the same block, `年初预算 200
/// 万元，其中 X 170 万元`. The final figure is the amount just before the
/// rate, in its sentence; its budget, the one item of a list of budgets
/// named as it is (none when two are), where the two sentences name no
/// two different years.
fn by_budget_list(cx: &Context, stated: &HashSet<FigureId>, out: &mut Vec<Diagnostic>) {
    let figures = &cx.facts.figures;
    // The figures of the block a figure is in (all of them in a block's own facts).
    let blocks = &cx.facts.blocks;
    let block_of = |k: FigureId| blocks.partition_point(|b| b.figures().end <= k);
    let figures_of = |b: usize| blocks.get(b).map_or(0..figures.len(), |b| b.figures());
    let mut by_block: Vec<(Range<FigureId>, Budgets)> = Vec::new();
    // The summaries of the blocks read, when each has one.
    let mut summaries: Option<Vec<usize>> = Some(Vec::new());
    for list in cx.lists().filter(|l| vocab::names_budget(&figures[l.total].subject)) {
        let b = block_of(list.total);
        let block = figures_of(b);
        if by_block.last().is_none_or(|(r, _)| *r != block) {
            by_block.push((block.clone(), HashMap::new()));
            if let Some(s) = summaries.as_mut().filter(|_| b < blocks.len()) {
                s.push(b);
            } else {
                summaries = None;
            }
        }
        let Some((_, budgets)) = by_block.last_mut() else { continue };
        for &k in list.items.iter().filter(|&&k| block.contains(&k)) {
            let name = figures[k].subject.trim();
            if !name.is_empty() {
                budgets.entry(name).and_modify(|b| *b = None).or_insert(Some((k, list.total)));
            }
        }
    }
    if by_block.is_empty() {
        return;
    }
    // Only the cells of the blocks read (the document has thousands): a
    // block's cells are its own figures.
    let cells: HashSet<FigureId> = match summaries {
        Some(read) => read.iter().flat_map(|&b| cx.facts.cells.get(blocks[b].cells()).unwrap_or_default()).map(|c| c.figure).collect(),
        None => {
            let mut read: Vec<Range<FigureId>> = by_block.iter().map(|(b, _)| b.clone()).collect();
            read.sort_unstable_by_key(|b| b.start);
            let is_read = |k: &FigureId| read.get(read.partition_point(|b| b.end <= *k)).is_some_and(|b| b.contains(k));
            cx.facts.cells.iter().map(|c| c.figure).filter(is_read).collect()
        }
    };
    // The year the words of a sentence name before byte `at`; `None` when the sentence is not read.
    let year_before = |at: usize| sentence(cx.text, at).map(|s| vocab::year_in(&cx.text[s.start..at]));
    for (block, budgets) in &by_block {
        for rate in block.clone().skip(1).filter(|&r| figures[r].measure == Measure::Completion && !stated.contains(&r) && !cells.contains(&r)) {
            let actual = rate - 1;
            let (a, b) = (&figures[actual], &figures[rate]);
            if a.measure != Measure::Amount || !a.unit.is_some_and(Unit::is_money) || a.span.end > b.span.start || cx.text[a.span.end..b.span.start].contains(SENTENCE_ENDS) {
                continue;
            }
            let Some(&Some((budget, total))) = budgets.get(a.subject.trim()) else { continue };
            if budget == actual || figures[budget].unit != a.unit {
                continue;
            }
            // Last year's final figure beside this year's budget (a budget
            // disclosure states both): not the rate's budget.
            match (year_before(a.span.start), year_before(figures[total].span.start)) {
                (Some(x), Some(y)) if x.is_none() || y.is_none() || x == y => {}
                _ => continue,
            }
            let (Some(ai), Some(bi)) = (cx.interval(actual), cx.interval(budget)) else { continue };
            let Some((computed, verdict)) = disagreeing_rate(cx, ai, bi, rate) else { continue };
            let arithmetic = format!("{} / {} = {}%", cx.number_text(actual).trim(), cx.number_text(budget).trim(), percent_text(a.value, figures[budget].value, b.scale + 2));
            let d = rate_diagnostic(cx, &COMPLETION_RATE_MISMATCH, rate, computed, verdict, arithmetic, RateKind::Completion)
                .related(a.span, Message::FinalFigure)
                .related(figures[budget].span, Message::BudgetFigure);
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_runs_between_marks_within_reach() {
        let text = "上年情况。支出决算 12 万元，完成预算的 96%；其余";
        let at = text.find("12").unwrap_or_default();
        let s = sentence(text, at).unwrap_or_default();
        assert_eq!(&text[s], "支出决算 12 万元，完成预算的 96%");
        // No mark within reach on either side: not read.
        let long = format!("{}12 万元{}", "字".repeat(SENTENCE_REACH), "字".repeat(SENTENCE_REACH));
        assert_eq!(sentence(&long, long.find("12").unwrap_or_default()), None);
        // The text's ends end a sentence.
        let short = "支出决算 12 万元";
        assert_eq!(sentence(short, 13), Some(0..short.len()));
    }
}
