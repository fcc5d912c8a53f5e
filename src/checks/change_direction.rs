use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::message::Message;
use rust_decimal::Decimal;

use crate::facts::{ChangeStatement, ChangeValue, Direction, Measure, RateValue};

declare_rule! {
    /// ## What it does
    /// Checks that a change and its rate move the same way: `增加 D 万元，
    /// 增长 P%` or `减少 D 万元，下降 P%`, never `减少 … 增长`.
    ///
    /// ## Why is this bad?
    /// One of the two words is wrong, and the reader cannot tell which way the
    /// figure moved. Nothing is flagged when either figure is zero.
    ///
    /// When the sentence states last year's amount too (`较上年的 21.42 万元
    /// 增加 1.56 万元`, `由 23.8 万元下降至 26.14 万元`), the direction word
    /// must agree with the two amounts.
    ///
    /// ## Example
    /// ```text
    /// 比上年减少 8.6 万元，增长 2.15%。
    /// ```
    ///
    /// ## Fix
    /// None: either word may be the wrong one.
    CHANGE_DIRECTION_CONFLICT, "change-direction-conflict", Error, "a change and its rate move in opposite directions",
    zh: "增减额与增减率方向相反"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.changes() {
        against_amounts(cx, s, out);
        let (ChangeValue::Stated(d), Some(RateValue::Stated(r))) = (s.change, s.rate) else { continue };
        let (change, rate) = (&cx.facts.figures[d], &cx.facts.figures[r]);
        let (Measure::Change(cd), Measure::Rate(rd)) = (change.measure, rate.measure) else { continue };
        if cd == rd || change.value.is_zero() || rate.value.is_zero() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &CHANGE_DIRECTION_CONFLICT,
                rate.number,
                Message::DirectionConflict {
                    change: cx.show(d),
                    change_up: cd == crate::facts::Direction::Up,
                    rate: cx.number_text(r).trim().to_string(),
                    rate_up: rd == crate::facts::Direction::Up,
                },
            )
            .related(change.span, Message::ChangeWithItsWord),
        );
    }
}

/// The direction word against this year's and last year's amounts, when
/// both are stated: flagged when every reading moves the other way by the
/// change stated (or, with no change figure, by any amount).
fn against_amounts(cx: &Context, s: &ChangeStatement, out: &mut Vec<Diagnostic>) {
    if s.prior.is_none() && s.alternatives.iter().all(|r| r.prior.is_none()) || super::share_points::is_points(cx, s) {
        return;
    }
    let (dir, at, size) = match s.change {
        ChangeValue::Stated(d) => match cx.facts.figures[d].measure {
            Measure::Change(dir) => (dir, d, cx.interval(d)),
            _ => return,
        },
        ChangeValue::Implied(dir, _) => match s.rate {
            Some(RateValue::Stated(r)) => (dir, r, None),
            _ => return,
        },
        ChangeValue::Unchanged(_) => return,
    };
    let readings: Vec<_> = cx.change_readings(s).into_iter().filter(|r| r.prior_figure.is_some()).collect();
    let Some(first) = readings.first() else { return };
    let zero = Decimal::ZERO;
    let against = |r: &super::readings::ChangeReading| {
        let Some(diff) = r.now_i.checked_sub(r.prior) else { return false };
        let opposite = match dir {
            Direction::Up => diff.hi < zero,
            Direction::Down => diff.lo > zero,
        };
        let sized = size.is_none_or(|size| diff.meets(size) || diff.meets(size.negated()));
        opposite && sized
    };
    if !readings.iter().all(against) {
        return;
    }
    let Some(prior) = first.prior_figure else { return };
    let (now, was) = (cx.show(first.now), cx.show(prior));
    out.push(
        Diagnostic::new(&CHANGE_DIRECTION_CONFLICT, cx.facts.figures[at].number, Message::DirectionAgainstAmounts { prior: was.clone(), now, says_up: dir == Direction::Up, budget: s.budget })
            .note(if s.budget { Message::ReadAsBudget { figure: was } } else { Message::ReadAsPrior { figure: was } })
            .related(cx.facts.figures[first.now].span, if s.budget { Message::FinalFigure } else { Message::ThisYear })
            .related(cx.facts.figures[prior].span, if s.budget { Message::BudgetFigure } else { Message::LastYear }),
    );
}
