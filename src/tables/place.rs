//! Figures placed in their columns by arithmetic.
//!
//! Text from PDF drops empty cells: `40.10 40.10` under `合计 | 基本支出 |
//! 项目支出` is two figures for three columns. The first is the total (the
//! headings put it first); where the others go, the sums decide: on every
//! row 合计 = 基本支出 + 项目支出, and each part column sums down the tree
//! of codes. A row short of figures takes, among the columns its parent
//! fills, the placement under which its parent's columns foot; the
//! placements of a parent's rows are weighed together. The unique best is
//! taken when it breaks at most one column sum (that sum is then a finding
//! of the list checks); otherwise the rows are left unplaced, and say why.
//!
//! A row placed in some columns puts its children in those columns too (an
//! amount is never negative), so each parent's rows are weighed once: the
//! work grows with the rows, each parent's ways bounded by [`MAX_WAYS`].

use super::cells::Num;
use super::read::Row;
use crate::interval::Interval;
use crate::message::Unplaced;

/// At most this many ways of placing one parent's rows are weighed.
pub const MAX_WAYS: usize = 4096;

/// Where a row's figures are: `cols[i]` is the column of figure `i`.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Not a row this reading is about (no figures, a breakdown by unit).
    Unknown,
    Placed(Vec<usize>),
    /// Short of figures and not placed: why.
    Unplaced(Unplaced),
}

impl Placement {
    pub fn columns(&self) -> Option<&[usize]> {
        match self {
            Placement::Placed(c) => Some(c),
            _ => None,
        }
    }
}

/// The columns of every row of a table read across (`columns` figure
/// columns, the first the total), given the parent of each group of rows:
/// `groups` lists (parent row, child rows), parents before their children.
pub fn place(rows: &[Row], columns: usize, groups: &[(usize, Vec<usize>)]) -> Vec<Placement> {
    let mut out: Vec<Placement> = rows.iter().map(|r| initial(r, columns)).collect();
    for (parent, kids) in groups {
        let Some(parent_cols) = out[*parent].columns().map(<[usize]>::to_vec) else {
            if !rows[*parent].has_figures() {
                continue; // nothing to place them against, nothing to check
            }
            for &k in kids {
                if matches!(out[k], Placement::Unknown) && short(&rows[k], columns) {
                    out[k] = Placement::Unplaced(Unplaced::ParentUnknown);
                }
            }
            continue;
        };
        let value_at = |r: usize, cols: &[usize], c: usize| -> Option<Interval> { cols.iter().position(|&x| x == c).and_then(|i| interval(rows[r].figures[i].as_ref()?)) };
        // The part columns the parent fills: its children's figures go there.
        let filled: Vec<usize> = parent_cols.iter().copied().filter(|&c| c > 0).collect();
        let mut choices: Vec<(usize, Vec<Vec<usize>>)> = Vec::new();
        let mut ways = 1usize;
        let mut doubtful = false;
        for &k in kids {
            if !matches!(out[k], Placement::Unknown) || !short(&rows[k], columns) {
                continue;
            }
            if !super::settle::row_foots(&rows[k].figures) {
                // Its own sum across is the finding; placed, it would be
                // reported again down every column it is in.
                out[k] = Placement::Unplaced(Unplaced::DoesNotFoot);
                continue;
            }
            let parts = rows[k].figures.len() - 1;
            let options: Vec<Vec<usize>> = combinations(&filled, parts).into_iter().map(|c| std::iter::once(0).chain(c).collect()).collect();
            if options.is_empty() {
                out[k] = Placement::Unplaced(Unplaced::MoreThanParent);
                doubtful = true;
                continue;
            }
            ways = ways.saturating_mul(options.len());
            choices.push((k, options));
        }
        if choices.is_empty() {
            continue;
        }
        if doubtful || ways > MAX_WAYS {
            for (k, _) in choices {
                out[k] = Placement::Unplaced(if doubtful { Unplaced::BesideUnplaced } else { Unplaced::TooManyWays });
            }
            continue;
        }
        // The fixed children: full rows and rows already placed.
        let fixed: Vec<(usize, Vec<usize>)> = kids.iter().filter(|k| !choices.iter().any(|c| c.0 == **k)).filter_map(|&k| out[k].columns().map(|c| (k, c.to_vec()))).collect();
        let mut best: Option<(usize, Vec<usize>)> = None;
        let mut ties = 0;
        let mut pick = vec![0usize; choices.len()];
        for _ in 0..ways {
            let mut broken = 0;
            for &c in &filled {
                let mut sum = Some(Interval::exact(rust_decimal::Decimal::ZERO));
                for (k, cols) in &fixed {
                    if let Some(v) = value_at(*k, cols, c) {
                        sum = sum.and_then(|s| s.checked_add(v));
                    }
                }
                for (n, (k, options)) in choices.iter().enumerate() {
                    if let Some(v) = value_at(*k, &options[pick[n]], c) {
                        sum = sum.and_then(|s| s.checked_add(v));
                    }
                }
                let want = value_at(*parent, &parent_cols, c);
                if !matches!((sum, want), (Some(s), Some(w)) if s.meets(w)) {
                    broken += 1;
                }
            }
            match &best {
                Some((b, _)) if broken > *b => {}
                Some((b, _)) if broken == *b => ties += 1,
                _ => {
                    best = Some((broken, pick.clone()));
                    ties = 0;
                }
            }
            // The next way: count in mixed radix.
            for (n, (_, options)) in choices.iter().enumerate() {
                pick[n] += 1;
                if pick[n] < options.len() {
                    break;
                }
                pick[n] = 0;
            }
        }
        match best {
            Some((broken, pick)) if ties == 0 && broken <= 1 => {
                for (n, (k, options)) in choices.iter().enumerate() {
                    out[*k] = Placement::Placed(options[pick[n]].clone());
                }
            }
            Some((broken, _)) => {
                let why = if ties > 0 { Unplaced::FootEqually } else if broken > 1 { Unplaced::NoneFoots } else { Unplaced::NotPlaced };
                for (k, _) in choices {
                    out[k] = Placement::Unplaced(why);
                }
            }
            None => {}
        }
    }
    out
}

/// A full row's figures are in their columns in order.
fn initial(row: &Row, columns: usize) -> Placement {
    if row.is_simple() && row.figures.len() == columns && row.figures.iter().all(Option::is_some) {
        Placement::Placed((0..columns).collect())
    } else {
        Placement::Unknown
    }
}

/// A row with its total and fewer parts than there are part columns.
fn short(row: &Row, columns: usize) -> bool {
    row.is_simple() && row.figures.len() >= 2 && row.figures.len() < columns && row.figures.iter().all(|f| f.is_some_and(|n| !n.negative))
}

fn interval(n: &Num) -> Option<Interval> {
    Interval::rounded(n.value, n.scale)
}

/// The ways of choosing `k` of `items`, in order.
fn combinations(items: &[usize], k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    if items.len() < k {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, &first) in items.iter().enumerate() {
        for mut rest in combinations(&items[i + 1..], k - 1) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}
