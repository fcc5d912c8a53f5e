use super::{declare_rule, disagreeing_rate, percent_text, rate_diagnostic, Context, RateVerdict, SumVerdict};
use crate::diagnostic::Diagnostic;
use crate::facts::{ChangeValue, FigureId, List, Unit};
use crate::interval::Interval;
use crate::message::{Message, RateKind};

declare_rule! {
    /// ## What it does
    /// Checks a share against its whole: in `其中：基本支出 215.64 万元，占
    /// 41.2%`, the whole is the total the list hangs from, so 41.2% must be
    /// 215.64 / total. A share naming its whole (`占“三公”经费的 0%`) is
    /// checked only when the list's total is that whole. A part is never
    /// more than the total of its list, however wide the rounding.
    ///
    /// When no sentence states the whole, the parts of one sentence named
    /// alike (`社会保障和就业（类）支出 a 万元，占 p%；卫生健康（类）支出…`)
    /// must agree on one whole; a share that alone disagrees with the whole
    /// the others give (three at least) is flagged, with no fix.
    ///
    /// ## Why is this bad?
    /// A share that does not follow from its figures was computed from an
    /// older draft or another total. Shares are checked with interval
    /// arithmetic, and one right only when truncated is a warning.
    ///
    /// ## Fix
    /// Replaces the share with the one the figures give, at the same decimals.
    SHARE_MISMATCH, "share-mismatch", Error, "a share does not follow from its part and whole",
    zh: "占比与部分、总体金额不符"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.shares() {
        let share = &cx.facts.figures[s.share];
        if share.unit != Some(Unit::Percent) {
            continue;
        }
        let (whole_id, part, whole) = match s.of {
            // The whole stated under the name the share gives it.
            Some(of) => match (cx.interval(s.part), cx.interval(of)) {
                (Some(p), Some(w)) => (of, p, w),
                _ => continue,
            },
            None => {
                let Some(list) = cx.lists_with_item(s.part).find(|l| names_whole(cx, l, s.whole.as_deref())) else { continue };
                // A total of income and spending at once is the whole of
                // either side's items when they add up to it.
                if cx.is_dual_total(list) && cx.sum_verdict(list, None) != Some(SumVerdict::Agrees) {
                    continue;
                }
                let (Some(p), Some(w)) = (cx.member_interval(list, s.part), cx.member_interval(list, list.total)) else { continue };
                (list.total, p, w)
            }
        };
        let Some((computed, verdict)) = disagreeing_rate(cx, part, whole, s.share).or_else(|| s.of.is_none().then(|| past_the_whole(cx, part, whole, s.share)).flatten()) else { continue };
        if s.of.is_some() && fits_without_part(cx, s.part, whole, s.share) {
            continue;
        }
        let (part_value, whole_value) = (cx.facts.figures[s.part].value, cx.facts.figures[whole_id].value);
        let arithmetic = format!(
            "{} / {} = {}%",
            cx.number_text(s.part).trim(),
            cx.number_text(whole_id).trim(),
            percent_text(part_value, whole_value, share.scale + 2)
        );
        let d = rate_diagnostic(cx, &SHARE_MISMATCH, s.share, computed, verdict, arithmetic, RateKind::Share)
            .related(cx.facts.figures[s.part].span, Message::Part)
            .related(cx.facts.figures[whole_id].span, Message::Whole);
        out.push(d);
    }
    one_unnamed_whole(cx, out);
}

/// Shares of one whole that no sentence names or states, of parts named
/// alike in one sentence (`社会保障和就业（类）支出 64.22 万元，占 5.3%；卫生
/// 健康（类）支出 1118.68 万元，占 92%；…`): each part and its share give the
/// whole within an interval, and one whole must fit them all. When none
/// does, and leaving out one share (only one) lets the others agree on a
/// whole of at least two, that share is the one flagged, against the
/// whole the others give. No fix: the whole is only inferred.
fn one_unnamed_whole(cx: &Context, out: &mut Vec<Diagnostic>) {
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    let unnamed: Vec<&crate::facts::ShareStatement> = cx
        .shares()
        .filter(|s| s.of.is_none() && s.whole.is_none() && cx.facts.figures[s.share].unit == Some(Unit::Percent) && cx.lists_with_item(s.part).next().is_none())
        .collect();
    // A whole's interval from a part and its share: part / share.
    let whole_of = |s: &crate::facts::ShareStatement| -> Option<Interval> {
        let (part, share) = (cx.interval(s.part)?, cx.interval(s.share)?);
        (share.lo > rust_decimal::Decimal::ZERO && part.lo > rust_decimal::Decimal::ZERO).then_some(())?;
        Some(Interval { lo: part.lo.checked_mul(hundred)?.checked_div(share.hi)?, hi: part.hi.checked_mul(hundred)?.checked_div(share.lo)? })
    };
    let meet = |of: &[Interval]| of.iter().try_fold(Interval { lo: rust_decimal::Decimal::MIN, hi: rust_decimal::Decimal::MAX }, |a, b| {
        let i = Interval { lo: a.lo.max(b.lo), hi: a.hi.min(b.hi) };
        (i.lo <= i.hi).then_some(i)
    });
    let mut at = 0;
    while at < unnamed.len() {
        // A run: one sentence, parts of one unit, named alike.
        let mut end = at + 1;
        while end < unnamed.len() {
            // Each part after the share before it (a part may have two shares).
            let between = cx.text.get(cx.facts.figures[unnamed[end - 1].share].span.end..cx.facts.figures[unnamed[end].part].span.start);
            let same_unit = cx.facts.figures[unnamed[end].part].unit == cx.facts.figures[unnamed[at].part].unit;
            if between.is_none_or(|b| b.contains(crate::vocab::SENTENCE_END) || b.chars().count() > 40) || !same_unit {
                break;
            }
            end += 1;
        }
        let run: Vec<_> = unnamed[at..end].iter().filter(|s| whole_of(s).is_some()).copied().collect();
        at = end;
        let names: Vec<&str> = run.iter().map(|s| crate::vocab::restated_name(&cx.facts.figures[s.part].subject).map_or(&*cx.facts.figures[s.part].subject, |(_, n)| n)).collect();
        if run.len() < 3 || !crate::vocab::siblings(&names) {
            continue;
        }
        let wholes: Vec<Interval> = run.iter().filter_map(|s| whole_of(s)).collect();
        if meet(&wholes).is_some() {
            continue;
        }
        let fitting: Vec<(usize, Interval)> = (0..wholes.len())
            .filter_map(|i| {
                let others: Vec<Interval> = wholes.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, w)| *w).collect();
                meet(&others).map(|w| (i, w))
            })
            .collect();
        let [(i, whole)] = fitting[..] else { continue };
        let s = run[i];
        let Some((computed, verdict)) = cx.interval(s.part).and_then(|p| disagreeing_rate(cx, p, whole, s.share)) else { continue };
        let scale = cx.facts.figures[s.part].scale;
        let mid = (whole.lo + whole.hi) / rust_decimal::Decimal::TWO;
        let arithmetic = format!("{} / {} = {}%", cx.number_text(s.part).trim(), super::format_decimal(mid.round_dp(scale), scale), percent_text(cx.facts.figures[s.part].value, mid, cx.facts.figures[s.share].scale + 2));
        let (low, high) = (super::format_decimal(whole.lo.round_dp(scale), scale), super::format_decimal(whole.hi.round_dp(scale), scale));
        let mut d = rate_diagnostic(cx, &SHARE_MISMATCH, s.share, computed, verdict, arithmetic, RateKind::Share).note(Message::WholeFromOtherShares { low, high }).related(cx.facts.figures[s.part].span, Message::Part);
        d.fix = None;
        for (_, other) in run.iter().enumerate().filter(|&(j, _)| j != i) {
            d = d.related(cx.facts.figures[other.share].span, Message::ShareInSum);
        }
        out.push(d);
    }
}

/// A share past 100% of the total of a list its part is an item of (a
/// whole named otherwise may be a figure it is compared with, as
/// `占上年的 112%`): no rounding of the two
/// figures allows it, whatever their intervals' ratio (`1 万元` of `1 万元`
/// may be 1.4 of 0.6 apart, but never more than the whole). The computed
/// share is the ratio's interval with 100% as its top.
fn past_the_whole(cx: &Context, part: Interval, whole: Interval, share: FigureId) -> Option<(Interval, RateVerdict)> {
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    let stated = &cx.facts.figures[share];
    if Interval::rounded(stated.value, stated.scale)?.lo <= hundred {
        return None;
    }
    let ratio = part.checked_div(whole)?.scale(hundred)?;
    Some((Interval { lo: ratio.lo.min(hundred), hi: ratio.hi.min(hundred) }, RateVerdict::Wrong))
}

/// Is the list's total the whole the share names (or names none)?
fn names_whole(cx: &Context, list: &List, whole: Option<&str>) -> bool {
    let Some(whole) = whole else { return true };
    let strip = |s: &str| s.chars().filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '的')).collect::<String>();
    strip(&cx.facts.figures[list.total].subject).contains(&strip(whole))
}

/// A savings rate that follows from the budget and the final figure
/// (`预算 B，实际 A，节约资金 S，节约率 p%` with p = (B − A) / B) is right
/// when S is not: the savings figure is the slip, and change-amount-mismatch
/// reports it.
fn fits_without_part(cx: &Context, part: FigureId, whole: Interval, share: FigureId) -> bool {
    if !matches!(cx.facts.figures[part].measure, crate::facts::Measure::Change(_)) {
        return false;
    }
    let Some(c) = cx.changes().find(|c| c.change == ChangeValue::Stated(part)) else { return false };
    let (Some(now), Some(prior)) = (c.amount.and_then(|a| cx.interval(a)), c.prior.and_then(|p| cx.interval(p))) else { return false };
    let Some(difference) = prior.checked_sub(now) else { return false };
    disagreeing_rate(cx, difference, whole, share).is_none()
}
