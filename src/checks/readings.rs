//! The readings of a change statement, as intervals: which figure is this
//! year's amount, which last year's, and the signed change between them.
//!
//! The extraction keeps every plausible reading of a statement
//! ([`ChangeStatement::alternatives`]); the checks ask each and call the
//! statement wrong only when none adds up.

use rust_decimal::Decimal;

use super::Context;
use crate::facts::{ChangeStatement, ChangeValue, FigureId, ReadingKind, Unit};
use crate::interval::Interval;

/// One reading of a change statement, every interval in one unit.
#[derive(Debug, Clone, Copy)]
pub struct ChangeReading {
    /// This year's amount.
    pub now: FigureId,
    /// Last year's figure, when the text states it.
    pub prior_figure: Option<FigureId>,
    pub now_i: Interval,
    /// Last year's amount: stated, or this year's less the change.
    pub prior: Interval,
    /// The change, signed: stated, or this year's less last year's.
    pub change: Interval,
    /// `None` for the likeliest reading.
    pub why: Option<ReadingKind>,
}

impl ChangeReading {
    /// The change as a magnitude, for a rate: its sign dropped, and never
    /// below zero (a difference of two rounded amounts may straddle it).
    pub fn magnitude(&self) -> Interval {
        let m = if self.change.lo + self.change.hi < Decimal::ZERO { self.change.negated() } else { self.change };
        Interval { lo: m.lo.max(Decimal::ZERO), hi: m.hi }
    }
}

impl Context<'_> {
    /// Every reading of the statement the arithmetic can be done on, the
    /// likeliest first.
    pub fn change_readings(&self, s: &ChangeStatement) -> Vec<ChangeReading> {
        let Some(amount) = s.amount else { return Vec::new() };
        let primary = std::iter::once((amount, s.prior, None));
        let others = s.alternatives.iter().map(|r| (r.now, r.prior, Some(r.why)));
        primary.chain(others).filter_map(|(now, prior, why)| self.reading(s, now, prior, why)).collect()
    }

    fn reading(&self, s: &ChangeStatement, now: FigureId, prior: Option<FigureId>, why: Option<ReadingKind>) -> Option<ChangeReading> {
        // Everything in the unit of this year's amount.
        let unit = self.facts.figures[now].unit?;
        let now_i = self.interval(now)?;
        let prior_i = match prior {
            Some(p) => Some(self.in_unit(p, unit)?),
            None => None,
        };
        let stated = match s.change {
            ChangeValue::Implied(..) => None,
            ChangeValue::Stated(d) => Some(self.change_interval(s.change)?.scale(self.unit_factor(d, unit)?)?),
            ChangeValue::Unchanged(_) => self.change_interval(s.change),
        };
        let (prior_amount, change) = match (prior_i, stated) {
            (Some(p), Some(c)) => (p, c),
            (Some(p), None) => (p, now_i.checked_sub(p)?),
            (None, Some(c)) => (now_i.checked_sub(c)?, c),
            (None, None) => return None,
        };
        Some(ChangeReading { now, prior_figure: prior, now_i, prior: prior_amount, change, why })
    }

    /// A figure's interval in `unit` (a figure with no unit is taken to be in it).
    pub fn in_unit(&self, id: FigureId, unit: Unit) -> Option<Interval> {
        self.interval(id)?.scale(self.unit_factor(id, unit)?)
    }

    /// A figure's value as written, in `unit`.
    pub fn exact_in_unit(&self, id: FigureId, unit: Unit) -> Option<Decimal> {
        self.facts.figures[id].value.checked_mul(self.unit_factor(id, unit)?)
    }

    /// What one of the figure's units is worth in `unit`.
    fn unit_factor(&self, id: FigureId, unit: Unit) -> Option<Decimal> {
        match self.facts.figures[id].unit {
            None => Some(Decimal::ONE),
            Some(u) if u == unit => Some(Decimal::ONE),
            // A change in points of percentages stated in percent.
            Some(Unit::PercentagePoint) if unit == Unit::Percent => Some(Decimal::ONE),
            Some(u) => u.in_wan()?.checked_div(unit.in_wan()?),
        }
    }
}
