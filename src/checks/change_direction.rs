use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::facts::{ChangeValue, Measure, RateValue};

declare_rule! {
    /// ## What it does
    /// Checks that a change and its rate move the same way: `增加 D 万元，
    /// 增长 P%` or `减少 D 万元，下降 P%`, never `减少 … 增长`.
    ///
    /// ## Why is this bad?
    /// One of the two words is wrong, and the reader cannot tell which way the
    /// figure moved. Nothing is flagged when either figure is zero.
    ///
    /// ## Example
    /// ```text
    /// 比上年减少 8.6 万元，增长 2.15%。
    /// ```
    ///
    /// ## Fix
    /// None: either word may be the wrong one.
    CHANGE_DIRECTION_CONFLICT, "change-direction-conflict", Error, "a change and its rate move in opposite directions"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.changes() {
        let (ChangeValue::Stated(d), Some(RateValue::Stated(r))) = (s.change, s.rate) else { continue };
        let (change, rate) = (&cx.facts.figures[d], &cx.facts.figures[r]);
        let (Measure::Change(cd), Measure::Rate(rd)) = (change.measure, rate.measure) else { continue };
        if cd == rd || change.value.is_zero() || rate.value.is_zero() {
            continue;
        }
        let word = |up: bool| if up { "up" } else { "down" };
        out.push(
            Diagnostic::new(
                &CHANGE_DIRECTION_CONFLICT,
                rate.number,
                format!(
                    "the change {} is {} but its rate {}% is {}",
                    cx.show(d),
                    word(cd == crate::facts::Direction::Up),
                    cx.number_text(r).trim(),
                    word(rd == crate::facts::Direction::Up)
                ),
            )
            .related(change.span, "the change, with its own direction word"),
        );
    }
}
