use rust_decimal::Decimal;

use super::change_rate::base;
use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::message::Message;
use crate::facts::{Direction, RateValue};
use crate::interval::Interval;

declare_rule! {
    /// ## What it does
    /// Checks changes from a zero base. When the text says last year was zero
    /// (`增长（基数为 0，不可比）`), the increase must equal this year's amount.
    /// An increase larger than the amount is flagged anywhere: last year's
    /// figure would be negative. A numeric rate on a zero base is undefined.
    ///
    /// ## Why is this bad?
    /// `58.2 万元，比上年增加 85.2 万元，增长（基数为 0，不可比）` cannot be
    /// true: from nothing, 58.2 is an increase of 58.2. The wrong change
    /// also spoils every sum of changes it enters.
    ///
    /// ## Fix
    /// Replaces the change with the amount, when the text says the base was
    /// zero (for review: the amount itself may be the wrong figure).
    ZERO_BASE_CHANGE, "zero-base-change", Error, "a change from a zero base does not equal the amount",
    zh: "上年基数为零时增减额不等于本年数"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.changes() {
        let Some((a, d, dir, b)) = base(cx, s) else { continue };
        let zero = Decimal::ZERO;
        let says_zero_base = matches!(s.rate, Some(RateValue::NotComparable(_)));
        let amount = &cx.facts.figures[a];
        let change = &cx.facts.figures[d];
        if dir == Direction::Up && b.prior.hi < zero {
            let mut diag = Diagnostic::new(
                &ZERO_BASE_CHANGE,
                change.number,
                Message::ZeroBaseIncrease { says_zero: says_zero_base, amount: cx.show(a), stated: cx.show(d) },
            )
            .note(Message::PriorBelowZero { amount: cx.number_text(a).trim().to_string(), change: cx.number_text(d).trim().to_string() })
            .related(amount.span, Message::ThisYear);
            if let Some(RateValue::NotComparable(span)) = s.rate {
                diag = diag.related(span, Message::BaseWasZero);
                let value = cx.number_text(a).trim().to_string();
                diag = diag.fix(Some(Fix::replace(change.number, value.clone(), Message::ReplaceIncreaseWithAmount { value: value.clone() }, Applicability::Unsafe)));
            }
            out.push(diag);
        } else if says_zero_base && !b.prior.contains(zero) && dir == Direction::Up {
            out.push(
                Diagnostic::new(
                    &ZERO_BASE_CHANGE,
                    change.number,
                    Message::ZeroBaseNotZero { amount: cx.show(a), change: cx.show(d) },
                )
                .severity(Severity::Warning)
                .related(amount.span, Message::ThisYear),
            );
        } else if let Some(RateValue::Stated(r)) = s.rate {
            let rate = &cx.facts.figures[r];
            let prior_is_zero = b.prior.lo <= zero && b.prior.hi >= zero && b.prior.hi.checked_sub(b.prior.lo).is_some_and(|w| w < b.now.hi);
            // `2 万元，增加 1 万元，增长 100%`: the rate fixes last year at a
            // value the rounding allows (1), so last year need not be zero.
            let positive = Interval { lo: b.prior.lo.max(Decimal::new(1, 12)), hi: b.prior.hi };
            let rate_fits_positive = b.prior.hi > zero && super::disagreeing_rate(cx, b.change, positive, r).is_none();
            if prior_is_zero && !rate_fits_positive && s.prior.is_none() && !change.value.is_zero() && !rate.value.is_zero() && b.now.lo > zero {
                out.push(
                    Diagnostic::new(&ZERO_BASE_CHANGE, rate.number, Message::ZeroBaseRate { amount: cx.show(a), change: cx.show(d) })
                        .severity(Severity::Warning)
                        .note(Message::WriteNotComparable)
                        .related(change.span, Message::ChangeEqualsAmount),
                );
            }
        }
    }
}
