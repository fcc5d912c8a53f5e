//! Interval arithmetic for rounded figures.
//!
//! A stated figure stands for every value that rounds to it: `902.8` is
//! [902.75, 902.85]. Sums and ratios of intervals bound every value the
//! exact figures could have had, so a relation is flagged only when no
//! honest rounding of its inputs can produce what the text states (the
//! Calculations 1.1 rule of XBRL, extended to rates and shares). Every
//! operation is checked: a figure too large for `Decimal` yields `None`, and
//! the relation is left unchecked rather than guessed at.

use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

/// Half a unit of the last written digit: 0.05 for one decimal.
pub fn half_ulp(scale: u32) -> Option<Decimal> {
    if scale > 26 {
        return None;
    }
    Some(Decimal::new(5, scale + 1))
}

impl Interval {
    pub fn exact(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }


    /// Every value that rounds to `v` written with `scale` decimals.
    pub fn rounded(v: Decimal, scale: u32) -> Option<Self> {
        let h = half_ulp(scale)?;
        Some(Interval { lo: v.checked_sub(h)?, hi: v.checked_add(h)? })
    }

    /// Every value that truncates to `v` at `scale` decimals (non-negative `v`).
    pub fn truncated(v: Decimal, scale: u32) -> Option<Self> {
        let h = half_ulp(scale)?;
        Some(Interval { lo: v, hi: v.checked_add(h.checked_mul(Decimal::TWO)?)? })
    }

    pub fn checked_add(self, o: Self) -> Option<Self> {
        Some(Interval { lo: self.lo.checked_add(o.lo)?, hi: self.hi.checked_add(o.hi)? })
    }

    pub fn checked_sub(self, o: Self) -> Option<Self> {
        Some(Interval { lo: self.lo.checked_sub(o.hi)?, hi: self.hi.checked_sub(o.lo)? })
    }

    pub fn negated(self) -> Self {
        Interval { lo: -self.hi, hi: -self.lo }
    }

    pub fn scale(self, k: Decimal) -> Option<Self> {
        let (a, b) = (self.lo.checked_mul(k)?, self.hi.checked_mul(k)?);
        Some(Interval { lo: a.min(b), hi: a.max(b) })
    }

    /// `self / o`, defined only when `o` lies strictly on one side of zero.
    pub fn checked_div(self, o: Self) -> Option<Self> {
        if o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO {
            return None;
        }
        let c = [self.lo.checked_div(o.lo)?, self.lo.checked_div(o.hi)?, self.hi.checked_div(o.lo)?, self.hi.checked_div(o.hi)?];
        let lo = c.iter().copied().min()?;
        let hi = c.iter().copied().max()?;
        Some(Interval { lo, hi })
    }

    /// The interval with `by` more room on each side.
    pub fn widened(self, by: Decimal) -> Option<Self> {
        Some(Interval { lo: self.lo.checked_sub(by)?, hi: self.hi.checked_add(by)? })
    }

    pub fn meets(self, o: Self) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    pub fn contains(self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    pub fn sum<I: IntoIterator<Item = Interval>>(items: I) -> Option<Self> {
        items.into_iter().try_fold(Interval::exact(Decimal::ZERO), |acc, i| acc.checked_add(i))
    }

    /// The one value with `scale` decimals that every point of the interval
    /// rounds to, if there is exactly one.
    pub fn round_unique(self, scale: u32) -> Option<Decimal> {
        let a = self.lo.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let b = self.hi.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        (a == b).then_some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn honest_rounding_agrees() {
        // 3.14 + 27.45 + 830.9 + 41.27 = 902.76, stated as 902.8.
        let items = ["3.14", "27.45", "830.9", "41.27"].map(|s| Interval::rounded(d(s), s.split('.').nth(1).map_or(0, |f| f.len() as u32)));
        let sum = Interval::sum(items.into_iter().flatten());
        let total = Interval::rounded(d("902.8"), 1);
        assert!(sum.zip(total).is_some_and(|(s, t)| s.meets(t)));
    }

    #[test]
    fn real_gaps_do_not() {
        let sum = Interval::sum([Interval::rounded(d("880.15"), 2), Interval::rounded(d("22.61"), 2)].into_iter().flatten());
        let total = Interval::rounded(d("902.76"), 2);
        assert!(sum.zip(total).is_some_and(|(s, t)| s.meets(t)));
        let wrong = Interval::rounded(d("902.9"), 1);
        assert!(sum.zip(wrong).is_some_and(|(s, t)| !s.meets(t)));
    }

    #[test]
    fn division_by_an_interval_around_zero_is_undefined() {
        let z = Interval { lo: d("-0.005"), hi: d("0.005") };
        assert_eq!(Interval::exact(Decimal::ONE).checked_div(z), None);
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        let big = Interval::exact(Decimal::MAX);
        assert_eq!(big.checked_add(big), None);
        assert_eq!(big.scale(Decimal::TEN), None);
    }

    proptest! {
        /// Items rounded honestly from exact values never disagree with their
        /// rounded exact sum, whatever the decimals.
        #[test]
        fn rounded_items_meet_their_rounded_sum(
            cents in prop::collection::vec(0i64..10_000_000, 1..30),
            item_scale in 0u32..3,
            total_scale in 0u32..3,
        ) {
            let exact: Vec<Decimal> = cents.iter().map(|&c| Decimal::new(c, 3)).collect();
            let total: Decimal = exact.iter().copied().sum();
            let items = exact.iter().map(|v| Interval::rounded(v.round_dp(item_scale), item_scale));
            let sum = Interval::sum(items.flatten());
            let stated = Interval::rounded(total.round_dp(total_scale), total_scale);
            prop_assert!(sum.zip(stated).is_some_and(|(s, t)| s.meets(t)));
        }

        /// A rate computed exactly and rounded honestly is always consistent
        /// with the interval of the rounded inputs.
        #[test]
        fn rounded_rates_meet_their_interval(now in 1i64..10_000_000, prior in 1i64..10_000_000, scale in 0u32..3) {
            let (now, prior) = (Decimal::new(now, 2), Decimal::new(prior, 2));
            let change = now - prior;
            let rate = (change / prior * Decimal::ONE_HUNDRED).round_dp(scale);
            let n = Interval::rounded(now, 2);
            let c = Interval::rounded(change.abs(), 2);
            let base = n.zip(c).and_then(|(n, c)| if change >= Decimal::ZERO { n.checked_sub(c) } else { n.checked_add(c) });
            let computed = c.zip(base).and_then(|(c, b)| c.checked_div(b)).and_then(|r| r.scale(Decimal::ONE_HUNDRED));
            let stated = Interval::rounded(rate.abs(), scale);
            if let (Some(computed), Some(stated)) = (computed, stated) {
                prop_assert!(computed.meets(stated));
            }
        }
    }
}
