//! Tables into facts: every printed figure, and the lists a table promises.
//!
//! - A parent row over its children: `20805` over `2080505`, `2080506`…;
//!   `301` over `30101`… (or `01` printed under `301`).
//! - A code printed again right under itself is a breakdown by unit: the
//!   repeats sum to the first.
//! - The `合计` row over the top-level rows.
//! - Across a row: `合计` over `基本支出`, `项目支出`…, when the headings say
//!   the first figure column is the total and the others are its parts.
//! - Two-sided tables (`收支总表`): `本年收入合计` over the income lines,
//!   `收入总计` over it and the lines after it (likewise for spending), and
//!   `收入总计` equal to `支出总计`.
//! - The “三公” table: its printed template, `合计` = 因公出国（境）费 +
//!   公务用车购置及运行费 + 公务接待费, and the car column over its parts.
//!
//! A figure's column is certain only when its cells are all there (pipes,
//! tabs) or when the headings make the first figure the total. Where it is
//! not, the list is not made.

use std::collections::{HashMap, HashSet};

use super::cells::Num;
use super::place::{place, Placement};
use super::read::{Row, Table};
use rust_decimal::Decimal;

use crate::facts::{BlockFacts, Cell, ChangeStatement, ChangeValue, CompletionStatement, Direction, Figure, FigureId, List, ListOrigin, Measure, Period, RateValue, RowInfo, TableInfo, Unit};
use crate::interval::Interval;
use crate::message::TableNote;
use crate::vocab::{self, ColumnRole};

/// More `合计` rows than this in one table (a total repeated on each page is
/// fine) means tables were read as one.
const MAX_TOTAL_ROWS: usize = 4;

/// The facts of the tables of one block.
pub fn facts(tables: &[Table]) -> BlockFacts {
    let mut out = BlockFacts::default();
    for table in tables {
        let columns = &table.columns;
        let two_sided = table.rows.iter().any(|r| !r.is_simple());
        out.facts.tables.push(TableInfo {
            title: table.title.clone(),
            number: table.number.clone(),
            plain_columns: columns.understood && columns.captions <= 1,
            alone_is_amount: columns.captions + columns.labels.iter().filter(|l| l.1 == ColumnRole::Caption).count() <= 1 || two_sided,
            rows: Vec::new(),
            notes: column_notes(table),
        });
        let widest = table.rows.iter().filter(|r| r.is_simple()).map(|r| r.figures.len()).max().unwrap_or(0);
        Builder { table, out: &mut out, ids: Vec::new(), widest, placed: Vec::new(), cell_of: HashMap::new() }.run();
    }
    out
}

struct Builder<'a> {
    table: &'a Table,
    out: &'a mut BlockFacts,
    /// Figure ids by row: (first segment's figures, each further segment's).
    ids: Vec<Vec<Vec<Option<FigureId>>>>,
    /// The most figures any row with one name has.
    widest: usize,
    /// Where each row's figures are, when placed by arithmetic (rows short
    /// of figures in a table read across); empty otherwise.
    placed: Vec<Placement>,
    /// The cell of each figure.
    cell_of: HashMap<FigureId, usize>,
}

impl<'a> Builder<'a> {
    fn run(mut self) {
        self.figures();
        self.breakdowns_and_hierarchy();
        self.cross_foot();
        self.two_sided();
        self.three_public();
        self.three_public_rows();
        // Last: it turns signed changes into magnitudes with a direction,
        // after the column sums above have left out every negative change.
        self.changes_and_completions();
    }

    /// The “三公” table with its items as rows (`项目 | 上年预算数 |
    /// 本年预算数 | 增减`): in each column of amounts, `合计` is the sum of
    /// 因公出国（境）费, 公务用车购置及运行费 and 公务接待费, and the car row
    /// the sum of its two parts when both are printed.
    fn three_public_rows(&mut self) {
        if !vocab::contains_any(&self.table.title, vocab::THREE_PUBLIC_TABLES) {
            return;
        }
        let rows = &self.table.rows;
        let item = |r: &Row| {
            let name = r.name.trim_start_matches("其中").trim_start_matches(['：', ':']);
            super::words::THREE_PUBLIC_ROWS.iter().find(|(w, _)| *w == name).map(|&(_, canonical)| canonical)
        };
        let items: Vec<Option<&'static str>> = rows.iter().map(item).collect();
        let named = |w: &str| -> Option<usize> {
            let mut at = items.iter().enumerate().filter(|(_, i)| **i == Some(w)).map(|(r, _)| r);
            let first = at.next();
            first.filter(|_| at.next().is_none())
        };
        let (Some(total), Some(abroad), Some(car), Some(reception)) = (named("“三公”经费"), named("因公出国（境）费"), named("公务用车购置及运行费"), named("公务接待费")) else { return };
        if rows.iter().any(|r| r.code.is_some() || !r.is_simple()) {
            return;
        }
        // Every row as wide as the headings say: each figure in its column.
        let width = self.table.columns.labels.len();
        if !self.table.columns.understood || width == 0 || rows.iter().any(|r| r.figures.len() != width) {
            return;
        }
        for (r, name) in items.iter().enumerate() {
            let Some(name) = name else { continue };
            for id in self.ids[r][0].iter().flatten() {
                self.out.facts.figures[*id].subject = crate::facts::intern(name);
            }
        }
        let parts = named("公务用车购置费").zip(named("公务用车运行费"));
        for j in 0..width {
            if !matches!(self.table.columns.labels[j].1, ColumnRole::Caption | ColumnRole::Total | ColumnRole::Change) {
                continue;
            }
            let ids = &self.ids;
            let at = |r: usize| ids[r][0][j];
            let sums: Vec<(FigureId, Vec<FigureId>)> = [
                at(total).map(|t| (t, [abroad, car, reception].into_iter().filter_map(at).collect())),
                parts.zip(at(car)).map(|((buy, run), c)| (c, [buy, run].into_iter().filter_map(at).collect())),
            ]
            .into_iter()
            .flatten()
            .collect();
            for (t, items) in sums {
                self.push_list(t, items);
            }
        }
    }

    /// Two-year tables (`上年 | 本年 | 增减额 | 增减率`): on each full row,
    /// this year = last year + the change, and the rate is the change over
    /// last year. Final accounts (`年初预算 | 调整预算 | 决算 | 完成率`):
    /// the rate is the final figure over the budget, 年初 or 调整 (the
    /// one the rate fits, 年初 when neither or both do).
    fn changes_and_completions(&mut self) {
        let columns = &self.table.columns;
        let labels = &columns.labels;
        if !columns.understood || columns.captions > 0 {
            return;
        }
        let find = |f: &dyn Fn(usize, &(&str, ColumnRole)) -> bool| labels.iter().enumerate().position(|(j, l)| f(j, l));
        let prior_of = |j: usize| columns.prior.get(j).copied().unwrap_or(false);
        let change = find(&|_, l| l.1 == ColumnRole::Change);
        let ratio = find(&|_, l| l.1 == ColumnRole::Ratio);
        let last_year = find(&|j, l| l.1 == ColumnRole::Caption && prior_of(j));
        let this_year = find(&|j, l| l.1 == ColumnRole::Caption && !prior_of(j) && !vocab::contains_any(l.0, &["决算", "执行"]));
        let budget = find(&|_, l| l.0 == "年初预算数");
        let adjusted = find(&|_, l| l.0 == "调整预算数");
        let actual = find(&|_, l| l.0 == "决算数");
        let completion = ratio.filter(|&j| labels[j].0 == "完成率");
        let two_year = last_year.zip(this_year).filter(|_| completion.is_none() && labels.iter().filter(|l| l.1 == ColumnRole::Caption).count() == 2);
        for r in 0..self.table.rows.len() {
            let row = &self.table.rows[r];
            if !row.is_simple() || row.figures.len() != labels.len() || code_like(&row.figures) {
                continue;
            }
            let ids = self.ids[r][0].clone();
            if let Some((p, n)) = two_year {
                let (Some(p), Some(n)) = (ids[p], ids[n]) else { continue };
                let d = change.and_then(|j| ids[j]);
                if let Some(d) = d {
                    let down = self.out.facts.figures[d].value.is_sign_negative();
                    let dir = if down { Direction::Down } else { Direction::Up };
                    let f = &mut self.out.facts.figures[d];
                    f.value = f.value.abs();
                    f.measure = Measure::Change(dir);
                    if down {
                        self.push_list(p, vec![n, d]);
                    } else {
                        self.push_list(n, vec![p, d]);
                    }
                    let rate = ratio.and_then(|j| ids[j]).map(|k| {
                        let f = &mut self.out.facts.figures[k];
                        let rate_dir = if f.value.is_sign_negative() { Direction::Down } else { dir };
                        f.value = f.value.abs();
                        f.unit = Some(Unit::Percent);
                        f.measure = Measure::Rate(rate_dir);
                        RateValue::Stated(k)
                    });
                    // From a zero base no rate can be stated: a change alone.
                    let zero_base = self.out.facts.figures[p].value.is_zero();
                    // The amounts' tie is the list above; the change is read from this year's.
                    self.out.facts.changes.push(ChangeStatement { amount: Some(n), prior: None, change: ChangeValue::Stated(d), rate: rate.filter(|_| !zero_base), alternatives: Vec::new(), budget: false });
                }
            }
            if let (Some(a), Some(c)) = (actual, completion) {
                let (Some(a), Some(c)) = (ids[a], ids[c]) else { continue };
                let f = &mut self.out.facts.figures[c];
                f.unit = Some(Unit::Percent);
                f.measure = Measure::Completion;
                let fits = |b: Option<FigureId>| b.is_some_and(|b| self.rate_fits(a, b, c));
                let b = match (budget.and_then(|j| ids[j]), adjusted.and_then(|j| ids[j])) {
                    (Some(b), Some(adj)) if !fits(Some(b)) && fits(Some(adj)) => adj,
                    (Some(b), _) => b,
                    (None, Some(adj)) => adj,
                    (None, None) => continue,
                };
                if !self.out.facts.figures[b].value.is_zero() {
                    self.out.facts.completions.push(CompletionStatement { budget: b, actual: a, rate: c });
                }
            }
        }
    }

    /// Does `rate` % = `actual` / `budget` within rounding?
    fn rate_fits(&self, actual: FigureId, budget: FigureId, rate: FigureId) -> bool {
        let i = |k: FigureId| {
            let f = &self.out.facts.figures[k];
            Interval::rounded(f.value, f.scale)
        };
        let computed = i(actual).zip(i(budget)).and_then(|(a, b)| a.checked_div(b)).and_then(|q| q.scale(Decimal::ONE_HUNDRED));
        computed.zip(i(rate)).is_some_and(|(c, r)| c.meets(r))
    }

    fn figures(&mut self) {
        let table = self.table;
        for (r, row) in table.rows.iter().enumerate() {
            let mut segments = Vec::with_capacity(1 + row.more.len());
            let first = std::iter::once((row.name.as_str(), row.figures.as_slice()));
            for (s, (name, figures)) in first.chain(row.more.iter().map(|(n, f)| (n.as_str(), f.as_slice()))).enumerate() {
                let alone = figures.iter().flatten().count() == 1;
                let code = if s == 0 { row.code.clone() } else { None };
                let info = self.out.facts.tables.last_mut().map(|t| {
                    t.rows.push(RowInfo { code: code.as_deref().map(crate::facts::intern), name: crate::facts::intern(name), line: r });
                    t.rows.len() - 1
                });
                let ids = figures
                    .iter()
                    .enumerate()
                    .map(|(j, f)| {
                        let f = f.as_ref()?;
                        // The wide half of a two-sided row (合计 | 一般公共预算 | …):
                        // its first figure is under 合计.
                        let wide_half_total = j == 0 && figures.len() >= 2 && !row.is_simple() && self.table.columns.total_first() && figures.len() <= self.table.columns.labels.len();
                        let wide = || self.table.columns.labels.first().map(|l| l.0).filter(|_| wide_half_total);
                        let column = if s == 0 { self.label(row, j).or_else(wide) } else { wide() };
                        let prior = s == 0 && column.is_some() && self.table.columns.prior.get(j).copied().unwrap_or(false);
                        let id = self.figure(f, name, column, row);
                        if prior {
                            self.out.facts.figures[id].period = Period::Prior;
                        }
                        let table = self.out.facts.tables.len() - 1;
                        if let Some(row) = info {
                            self.cell_of.insert(id, self.out.facts.cells.len());
                            self.out.facts.cells.push(Cell { figure: id, table, row, column, alone });
                        }
                        Some(id)
                    })
                    .collect();
                segments.push(ids);
            }
            self.ids.push(segments);
        }
    }

    fn figure(&mut self, n: &Num, name: &str, column: Option<&str>, row: &Row) -> FigureId {
        let column = column.filter(|c| !c.is_empty());
        let subject = match (name.is_empty(), column) {
            (false, Some(c)) if c != "合计" && c != "总计" => format!("{name}（{c}）"),
            (false, _) => name.to_string(),
            (true, Some(c)) => format!("{}（{c}）", self.table.title),
            (true, None) => self.table.title.clone(),
        };
        let subject = if subject.is_empty() { row.code.clone().unwrap_or_default() } else { subject };
        self.out.facts.figures.push(Figure {
            span: n.span,
            number: n.span,
            value: if n.negative { -n.value } else { n.value },
            scale: n.scale,
            unit: self.table.unit,
            measure: Measure::Amount,
            subject: crate::facts::intern(&subject),
            period: Period::Current,
        });
        self.out.facts.figures.len() - 1
    }

    /// The column of figure `j` of a row, where it is certain.
    fn label(&self, row: &Row, j: usize) -> Option<&'static str> {
        let labels = &self.table.columns.labels;
        if !self.aligned(row) {
            return labels.first().filter(|_| j == 0 && self.table.columns.total_first()).map(|l| l.0);
        }
        labels.get(j).map(|l| l.0)
    }

    /// Is every figure of the row in its own column?
    fn aligned(&self, row: &Row) -> bool {
        let c = &self.table.columns;
        c.understood && !c.labels.is_empty() && row.figures.len() == c.labels.len() && (row.explicit || c.captions <= 1)
    }

    /// The row's total figure (its first), where the table makes it certain.
    fn total_of(&self, r: usize) -> Option<FigureId> {
        let row = &self.table.rows[r];
        if !row.is_simple() {
            return None;
        }
        let first = row.figures.first()?.as_ref()?;
        if first.negative || code_like(&row.figures) {
            return None;
        }
        let columns = &self.table.columns;
        let certain = (columns.total_first() && columns.captions <= 1)
            || (row.explicit && !columns.labels.iter().any(|l| l.1 == ColumnRole::Ratio))
            || self.widest == 1
            || (columns.labels.is_empty() && row.figures.len() == self.widest)
            || (self.aligned(row) && columns.labels[0].1 != ColumnRole::Ratio);
        certain.then(|| self.ids[r][0][0]).flatten()
    }

    fn push_list(&mut self, total: FigureId, items: Vec<FigureId>) {
        if items.is_empty() || items.contains(&total) {
            return;
        }
        if std::iter::once(total).chain(items.iter().copied()).any(|k| self.out.facts.figures[k].value.is_sign_negative()) {
            return;
        }
        let cue_span = self.out.facts.figures[total].span;
        self.out.facts.lists.push(List { total, items, cue: None, cue_span, et_cetera: false, origin: ListOrigin::Table });
    }

    /// Parent rows over their children, unit breakdowns, and the `合计` row
    /// over the top-level rows.
    fn breakdowns_and_hierarchy(&mut self) {
        let rows = &self.table.rows;
        // Runs of a code printed again right under itself, under one name.
        let mut heads: Vec<usize> = Vec::new();
        let mut repeats: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut broken_runs: HashSet<usize> = HashSet::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut doubtful: HashSet<&str> = HashSet::new();
        let mut last_coded: Option<usize> = None;
        for (r, row) in rows.iter().enumerate() {
            let Some(code) = row.code.as_deref() else { continue };
            if let Some(prev) = last_coded.filter(|&p| rows[p].code.as_deref() == Some(code)) {
                let head = *heads.last().unwrap_or(&prev);
                if rows[head].name == row.name {
                    repeats.entry(head).or_default().push(r);
                } else {
                    // Same code, other names: projects or units, no total row.
                    broken_runs.insert(head);
                }
                last_coded = Some(r);
                continue;
            }
            if seen.insert(code, r).is_some() {
                doubtful.insert(code);
            }
            heads.push(r);
            last_coded = Some(r);
        }
        // The tree of codes: each head's parent is the nearest head above it
        // whose code is a proper prefix of its own.
        let mut stack: Vec<usize> = Vec::new();
        let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut roots: Vec<usize> = Vec::new();
        for &h in &heads {
            let code = rows[h].code.as_deref().unwrap_or("");
            while stack.last().is_some_and(|&p| !code.starts_with(rows[p].code.as_deref().unwrap_or("\u{0}"))) {
                stack.pop();
            }
            match stack.last() {
                Some(&p) => children.entry(p).or_default().push(h),
                None => roots.push(h),
            }
            stack.push(h);
        }
        let bad = |r: usize| {
            let code = rows[r].code.as_deref().unwrap_or("");
            doubtful.contains(code) || broken_runs.contains(&r)
        };
        let mut parents: Vec<usize> = children.keys().copied().collect();
        parents.sort_unstable();
        let totals: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].code.is_none() && rows[r].is_simple() && is_total_row(&rows[r].name)).collect();
        if self.placeable() {
            // The first total row over the top-level rows, then each parent
            // over its children, top down.
            let top = totals.first().map(|&t| (t, roots.clone()));
            let groups: Vec<(usize, Vec<usize>)> = top.into_iter().chain(parents.iter().filter(|&&p| !bad(p) && !children[&p].iter().any(|&k| bad(k))).map(|&p| (p, children[&p].clone()))).collect();
            self.placed = place(rows, self.table.columns.labels.len(), &groups);
            self.label_placed();
        }
        let mut heads_with_repeats: Vec<usize> = repeats.keys().copied().collect();
        heads_with_repeats.sort_unstable();
        for j in self.summed_columns() {
            for &head in &heads_with_repeats {
                if broken_runs.contains(&head) {
                    continue;
                }
                let Some(total) = self.column_total(head, j) else { continue };
                let items: Option<Vec<Option<FigureId>>> = repeats[&head].iter().map(|&r| self.member(r, j)).collect();
                let Some(items) = items else { continue };
                let items: Vec<FigureId> = items.into_iter().flatten().collect();
                // A repeat larger than the first: the total may come last.
                if items.iter().any(|&k| self.out.facts.figures[k].value > self.out.facts.figures[total].value) {
                    continue;
                }
                self.push_list(total, items);
            }
            for &p in &parents {
                let kids = &children[&p];
                if bad(p) || kids.iter().any(|&k| bad(k)) {
                    continue;
                }
                let Some(total) = self.column_total(p, j) else { continue };
                let items: Option<Vec<Option<FigureId>>> = kids.iter().map(|&k| self.member(k, j)).collect();
                if let Some(items) = items {
                    self.push_list(total, items.into_iter().flatten().collect());
                }
            }
        }
        // The 合计 row over the top-level rows, when every row with figures
        // is either a total row or has its place in the tree.
        let stray = rows.iter().any(|row| {
            row.has_figures() && (!row.is_simple() || row.unplaced_code || (row.code.is_none() && !is_total_row(&row.name)))
        }) || rows.iter().any(|row| vocab::TABLE_SUBTOTAL_ROWS.iter().any(|w| row.name.starts_with(w)));
        let depth = |r: usize| rows[r].code.as_ref().map_or(0, String::len);
        if stray || roots.is_empty() || roots.iter().any(|&r| bad(r) || depth(r) != depth(roots[0])) {
            return;
        }
        let values: HashSet<String> = totals.iter().filter_map(|&t| self.total_of(t)).map(|k| self.out.facts.figures[k].value.normalize().to_string()).collect();
        if values.len() > 1 || totals.len() > MAX_TOTAL_ROWS {
            return; // two tables read as one
        }
        for j in self.summed_columns() {
            let items: Option<Vec<Option<FigureId>>> = roots.iter().map(|&k| self.member(k, j)).collect();
            let Some(items) = items else { continue };
            let items: Vec<FigureId> = items.into_iter().flatten().collect();
            for &t in &totals {
                if let Some(total) = self.column_total(t, j) {
                    self.push_list(total, items.clone());
                }
            }
        }
    }

    /// The columns summed down the tree of codes: the first (a total, or
    /// the only one), and, where rows are not read across, each other column
    /// of amounts, in the rows whose cells are all there (pipes, tabs, or a
    /// full row under understood headings).
    fn summed_columns(&self) -> Vec<usize> {
        let mut out = vec![0];
        if !self.placed.is_empty() {
            out.extend(1..self.table.columns.labels.len());
            return out;
        }
        let rows = &self.table.rows;
        let placed = rows.iter().all(|r| r.explicit) || self.table.columns.understood;
        if placed && !self.reads_across() {
            let labels = &self.table.columns.labels;
            let additive = |j: usize| labels.get(j).is_some_and(|l| matches!(l.1, ColumnRole::Total | ColumnRole::Part { .. } | ColumnRole::Change | ColumnRole::Caption));
            out.extend((1..self.widest).filter(|&j| additive(j)));
        }
        out
    }

    /// Does the row's first figure head the others (合计 over its parts)?
    fn reads_across(&self) -> bool {
        let c = &self.table.columns;
        c.understood && c.total_first() && c.labels.len() >= 2 && c.captions <= 1 && c.labels[1..].iter().all(|l| matches!(l.1, ColumnRole::Part { .. }))
    }

    /// The figure in column `j` of a row, where its column is certain.
    fn cell(&self, r: usize, j: usize) -> Option<FigureId> {
        if j == 0 {
            return self.total_of(r);
        }
        let row = &self.table.rows[r];
        if let Some(cols) = self.placed.get(r).and_then(Placement::columns) {
            let i = cols.iter().position(|&c| c == j)?;
            return row.figures.get(i)?.filter(|n| !n.negative).and(self.ids[r][0][i]);
        }
        let n = row.figures.get(j)?.as_ref()?;
        ((row.explicit || self.aligned(row)) && row.is_simple() && !n.negative).then(|| self.ids[r][0][j]).flatten()
    }

    /// The figure in column `j` of a row, as the total of a column sum: a
    /// row placed with a single part has its children in that part's column
    /// too, and their sum there is the sum of the 合计 column, made already.
    fn column_total(&self, r: usize, j: usize) -> Option<FigureId> {
        if j > 0 && self.placed.get(r).and_then(Placement::columns).is_some_and(|cols| cols.len() == 2) {
            return None;
        }
        self.cell(r, j)
    }

    /// A row as an item of a column sum: its figure in column `j`,
    /// `Some(None)` when it prints none there (nothing to add), `None` when
    /// its figures cannot be placed (the sum is then not made).
    fn member(&self, r: usize, j: usize) -> Option<Option<FigureId>> {
        let row = &self.table.rows[r];
        if row.figures.iter().all(Option::is_none) && row.is_simple() {
            return Some(None);
        }
        if j > 0 && row.explicit && row.is_simple() && row.figures.get(j).is_none_or(Option::is_none) {
            return Some(None); // an empty cell
        }
        if j > 0 && self.placed.get(r).and_then(Placement::columns).is_some_and(|cols| !cols.contains(&j)) {
            return Some(None); // a cell left empty, by arithmetic
        }
        self.cell(r, j).map(Some)
    }

    /// Are rows short of figures placed by arithmetic? In a table read
    /// across with two or more part columns none of which nests in another.
    fn placeable(&self) -> bool {
        let c = &self.table.columns;
        let present: HashSet<&str> = c.labels.iter().map(|l| l.0).collect();
        self.reads_across() && c.labels.len() >= 3 && !c.labels.iter().any(|l| matches!(l.1, ColumnRole::Part { of: Some(g) } if present.contains(g))) && self.table.rows.iter().all(|r| !r.explicit)
    }

    /// The columns of the figures placed by arithmetic, and a note for each
    /// row left unplaced.
    fn label_placed(&mut self) {
        let t = self.out.facts.tables.len() - 1;
        for (r, placement) in self.placed.iter().enumerate() {
            let row = &self.table.rows[r];
            match placement {
                // A single part is the row's total again: its column adds
                // nothing a reader of the cell needs.
                Placement::Placed(cols) if row.figures.len() < self.table.columns.labels.len() && cols.len() > 2 => {
                    for (i, &c) in cols.iter().enumerate() {
                        let Some(id) = self.ids[r][0].get(i).copied().flatten() else { continue };
                        let column = self.table.columns.labels.get(c).map(|l| l.0);
                        if let Some(&k) = self.cell_of.get(&id) {
                            self.out.facts.cells[k].column = column;
                        }
                        if let Some(c) = column.filter(|c| !row.name.is_empty() && !matches!(*c, "合计" | "总计" | "")) {
                            self.out.facts.figures[id].subject = crate::facts::intern(&format!("{}（{c}）", row.name));
                        }
                    }
                }
                Placement::Unknown if row.code.is_none() && is_total_row(&row.name) && row.is_simple() && row.figures.len() >= 2 && row.figures.len() < self.table.columns.labels.len() => {
                    self.out.facts.tables[t].notes.push(TableNote::ShortTotalRow { row: row.name.to_string() });
                }
                Placement::Unplaced(why) => {
                    let name = format!("{} {}", row.code.as_deref().unwrap_or(""), row.name);
                    self.out.facts.tables[t].notes.push(TableNote::RowNotPlaced { row: name.trim().to_string(), why: *why });
                }
                _ => {}
            }
        }
    }

    /// Across a row: the total column over its parts.
    fn cross_foot(&mut self) {
        if !self.reads_across() {
            return;
        }
        let columns = &self.table.columns;
        let present: HashSet<&str> = columns.labels.iter().map(|l| l.0).collect();
        let nested = columns.labels.iter().any(|l| matches!(l.1, ColumnRole::Part { of: Some(g) } if present.contains(g)));
        // Nested headings read from wrapped text keep their order only when
        // each group is followed by its parts (`基本支出 人员经费 公用经费`).
        let ordered = columns.labels.iter().enumerate().all(|(j, l)| match l.1 {
            ColumnRole::Part { of: Some(g) } if present.contains(g) => {
                columns.labels[..j].iter().rev().take_while(|p| p.0 != g).all(|p| matches!(p.1, ColumnRole::Part { of: Some(o) } if o == g))
            }
            _ => true,
        });
        if nested && !ordered {
            return;
        }
        for r in 0..self.table.rows.len() {
            let row = &self.table.rows[r];
            if !row.is_simple() || row.figures.len() > columns.labels.len() || row.figures.iter().flatten().any(|n| n.negative) {
                continue;
            }
            let Some(total) = self.total_of(r) else { continue };
            let ids = self.ids[r][0].clone();
            if !nested {
                let items: Vec<FigureId> = ids[1..].iter().flatten().copied().collect();
                self.push_list(total, items);
                continue;
            }
            // Nested headings (基本支出 over 人员经费, 公用经费): only a full row.
            if !self.aligned(row) {
                continue;
            }
            // Under a group of sources of funds (单位资金), the columns after
            // its parts may belong to it too: the row's total is left alone.
            if !present.iter().any(|g| vocab::TABLE_OPEN_GROUPS.contains(g)) {
                let top: Vec<FigureId> = (1..ids.len()).filter(|&j| matches!(columns.labels[j].1, ColumnRole::Part { of } if of.is_none_or(|g| !present.contains(g)))).filter_map(|j| ids[j]).collect();
                self.push_list(total, top);
            }
            for (g, label) in columns.labels.iter().enumerate() {
                let Some(group) = ids[g] else { continue };
                let members: Vec<FigureId> = (1..ids.len()).filter(|&j| matches!(columns.labels[j].1, ColumnRole::Part { of: Some(of) } if of == label.0)).filter_map(|j| ids[j]).collect();
                if (1..ids.len()).any(|j| matches!(columns.labels[j].1, ColumnRole::Part { of: Some(of) } if of == label.0)) {
                    self.push_list(group, members);
                }
            }
        }
    }

    /// Two-sided tables (`收支总表`): `收入总计` equals `支出总计` on the same
    /// line; `本年收入合计` is the sum of the income lines above it, and
    /// `收入总计` the sum of `本年收入合计` and the lines after it (上年结转),
    /// or of every income line when no `本年收入合计` is printed; likewise
    /// for spending.
    fn two_sided(&mut self) {
        let rows = &self.table.rows;
        if !rows.iter().any(|r| !r.is_simple()) {
            return;
        }
        let segments_of = |row: &'a Row| -> Option<Vec<(usize, &'a str, Side)>> {
            match row.more.as_slice() {
                [] => Some(vec![(0, row.name.as_str(), side_of(&row.name))]),
                [(right, _)] => Some(vec![(0, row.name.as_str(), Side::Income), (1, right.as_str(), Side::Spending)]),
                _ => None,
            }
        };
        // A half's first figure is its total when every line of it prints as
        // many figures, or when the headings put 合计 first (empty cells
        // dropped after it).
        let mut widths: [HashSet<usize>; 2] = [HashSet::new(), HashSet::new()];
        for row in rows {
            for (segment, name, side) in segments_of(row).unwrap_or_default() {
                let figures = if segment == 0 { &row.figures } else { &row.more[segment - 1].1 };
                let k = match side {
                    Side::Income => 0,
                    Side::Spending => 1,
                    Side::Unknown => usize::from(name.contains("支出")),
                };
                if figures.iter().any(Option::is_some) {
                    widths[k].insert(figures.len());
                }
            }
        }
        let total_first = self.table.columns.total_first();
        let certain = [widths[0].len() <= 1 || total_first, widths[1].len() <= 1 || total_first];
        // The half with several columns (合计, 一般公共预算, 政府性基金预算…)
        // is read across when the headings say so.
        let wide: Vec<usize> = (0..2).filter(|&k| widths[k].iter().any(|&w| w >= 2)).collect();
        let columns = &self.table.columns;
        let present: HashSet<&str> = columns.labels.iter().map(|l| l.0).collect();
        let flat = columns.understood
            && total_first
            && columns.labels.len() >= 2
            && columns.labels[1..].iter().all(|l| matches!(l.1, ColumnRole::Part { of } if of.is_none_or(|g| !present.contains(g))));
        let across = match wide.as_slice() {
            [k] if flat => Some(*k),
            _ => None,
        };
        // Columns of one kind each (`2025年预算数 | 2026年预算数` under each
        // half) are each added up on their own.
        let parallel = columns.labels.len() >= 2 && columns.labels.iter().all(|l| l.1 == ColumnRole::Caption) && across.is_none();
        for col in 0..if parallel { columns.labels.len() } else { 1 } {
            let mut sides = [Lines { doubtful: !certain[0], ..Lines::default() }, Lines { doubtful: !certain[1], ..Lines::default() }];
            for (r, row) in rows.iter().enumerate() {
                let Some(segments) = segments_of(row) else {
                    sides.iter_mut().for_each(|s| s.doubtful = true);
                    continue;
                };
                for (segment, name, side) in segments {
                    let Some(&figure) = self.ids[r].get(segment).and_then(|ids| ids.get(col)) else { continue };
                    let figures = if segment == 0 { &row.figures } else { &row.more[segment - 1].1 };
                    let subtotal = name.contains("合计");
                    let grand = name.contains("总计");
                    let k = match side {
                        Side::Income => 0,
                        Side::Spending => 1,
                        Side::Unknown if subtotal || grand => usize::from(name.contains("支出")),
                        Side::Unknown => {
                            if figure.is_some() {
                                sides.iter_mut().for_each(|s| s.doubtful = true);
                            }
                            continue;
                        }
                    };
                    let Some(figure) = figure else { continue };
                    if code_like(figures) {
                        sides.iter_mut().for_each(|s| s.doubtful = true);
                        continue;
                    }
                    if across == Some(k) && figures.len() <= columns.labels.len() && !figures.iter().flatten().any(|n| n.negative) {
                        let parts: Vec<FigureId> = self.ids[r][segment][1..].iter().flatten().copied().collect();
                        self.push_list(figure, parts);
                    }
                    if !(subtotal || grand) {
                        sides[k].lines.push((r, segment));
                        continue;
                    }
                    let lines = std::mem::take(&mut sides[k].lines);
                    let names = lines.iter().map(|&(lr, ls)| segment_name(rows, lr, ls));
                    if !sides[k].doubtful && same_level(names) {
                        let items: Vec<FigureId> = sides[k].subtotal.filter(|_| grand).into_iter().chain(lines.iter().filter_map(|&(lr, ls)| self.ids[lr][ls].get(col).copied().flatten())).collect();
                        self.push_list(figure, items);
                    }
                    sides[k].subtotal = subtotal.then_some(figure);
                }
                // 收入总计 … 支出总计 … on one line.
                let [(right, right_figures)] = row.more.as_slice() else { continue };
                let grand = |name: &str| name.contains("总计");
                if !(grand(&row.name) && grand(right) && vocab::contains_any(&row.name, vocab::INCOME_WORDS) && vocab::contains_any(right, vocab::SPENDING_WORDS)) {
                    continue;
                }
                if code_like(&row.figures) || code_like(right_figures) || !(certain[0] && certain[1]) {
                    continue;
                }
                if let (Some(&Some(income)), Some(&Some(spending))) = (self.ids[r][0].get(col), self.ids[r][1].get(col)) {
                    self.push_list(income, vec![spending]);
                }
            }
        }
    }

    /// The “三公” table, whose columns follow the printed template: per
    /// period `合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 |
    /// 运行费) | 公务接待费`, or the four columns without the car's parts.
    fn three_public(&mut self) {
        if !vocab::contains_any(&self.table.title, vocab::THREE_PUBLIC_TABLES) {
            return;
        }
        let names: Vec<&str> = self.table.columns.labels.iter().map(|l| l.0).collect();
        let order = ["因公出国（境）费", "公务用车购置及运行费", "公务接待费"];
        let first_at = |w: &str| names.iter().position(|n| *n == w);
        let positions: Option<Vec<usize>> = order.iter().map(|w| first_at(w)).collect();
        if !positions.is_some_and(|p| p.windows(2).all(|w| w[0] < w[1])) || first_at("合计") != Some(0) {
            return;
        }
        let parts = names.contains(&"公务用车购置费") && names.contains(&"公务用车运行费");
        for r in 0..self.table.rows.len() {
            let row = &self.table.rows[r];
            if !row.is_simple() || row.figures.iter().flatten().any(|n| n.negative) {
                continue;
            }
            let width = if parts { 6 } else { 4 };
            let n = row.figures.len();
            if n == 0 || n % width != 0 || n / width > 2 || (n / width == 2 && self.table.columns.captions != 2) {
                continue;
            }
            let ids = self.ids[r][0].clone();
            let names: &[&str] = if parts { &["“三公”经费", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费"] } else { &["“三公”经费", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"] };
            let periods = ids.len() / width;
            for (k, id) in ids.iter().enumerate() {
                let Some(id) = *id else { continue };
                let prior = periods == 2 && (k < width) == self.table.columns.prior_first;
                let f = &mut self.out.facts.figures[id];
                f.subject = crate::facts::intern(names[k % width]);
                f.period = if prior { Period::Prior } else { Period::Current };
            }
            for period in ids.chunks(width) {
                let Some(total) = period[0] else { continue };
                if parts {
                    self.push_list(total, [period[1], period[2], period[5]].into_iter().flatten().collect());
                    if let Some(car) = period[2] {
                        self.push_list(car, [period[3], period[4]].into_iter().flatten().collect());
                    }
                } else {
                    self.push_list(total, period[1..].iter().flatten().copied().collect());
                }
            }
        }
    }
}

/// Why a table's columns were not all read, for the coverage ledger.
fn column_notes(table: &Table) -> Vec<TableNote> {
    let columns = &table.columns;
    let mut notes = columns.notes.clone();
    if !columns.understood {
        notes.push(TableNote::Headings { headings: table.heading_lines.concat() });
    } else if columns.captions > 1 {
        notes.push(TableNote::SeveralCaptions);
    } else if columns.labels.is_empty() && table.rows.iter().any(|r| r.figures.len() > 1) {
        notes.push(TableNote::NoHeadings);
    }
    if let Some(row) = table.rows.iter().find(|r| r.is_simple() && is_total_row(&r.name) && !r.has_figures()) {
        notes.push(TableNote::EmptyTotalRow { row: row.name.to_string() });
    }
    notes
}

/// `合计`, `合计：`, `总计`.
fn is_total_row(name: &str) -> bool {
    vocab::TABLE_TOTAL_ROWS.contains(&name.trim_end_matches(['：', ':']))
}

/// A first figure printed as a whole number before figures with decimals
/// (`2101501 203.46`, `1 2,306.18`), or with a code's length and far above
/// the others (`20805 63 63`): a code or a row number that lost its place,
/// not a total.
fn code_like(figures: &[Option<Num>]) -> bool {
    let Some(Some(first)) = figures.first() else { return false };
    if !first.plain || first.value.is_zero() {
        return false;
    }
    let rest = || figures[1..].iter().flatten();
    // In whole numbers: a code's length, ten times what the others add to.
    let digits = first.span.len();
    let code_sized = matches!(digits, 3 | 5 | 7) && rest().next().is_some() && first.value > rest().map(|n| n.value).sum::<rust_decimal::Decimal>() * rust_decimal::Decimal::TEN;
    rest().any(|n| n.scale > 0) || code_sized
}

/// The lines of one half of a two-sided table, since its last sum.
#[derive(Debug, Default)]
struct Lines {
    /// (row, segment) of each line with a figure.
    lines: Vec<(usize, usize)>,
    /// The last `本年…合计`, an item of the `…总计` after it.
    subtotal: Option<FigureId>,
    /// A line whose half cannot be told, or whose figure cannot be placed.
    doubtful: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Income,
    Spending,
    Unknown,
}

/// Which half of a two-sided table a lone name belongs to: a figure after
/// two names run together belongs to the last (`八.事业单位经营收入八.社会保障和就业支出 75.31`).
fn side_of(name: &str) -> Side {
    if name.ends_with("支出") || name.contains("结转下年") || name.contains("年末结转") {
        Side::Spending
    } else if name.ends_with("收入") || name.ends_with("拨款") || name.contains("上年结转") {
        Side::Income
    } else {
        Side::Unknown
    }
}

fn segment_name(rows: &[Row], r: usize, segment: usize) -> &str {
    if segment == 0 {
        &rows[r].name
    } else {
        rows[r].more.get(segment - 1).map_or("", |m| m.0.as_str())
    }
}

/// Do the names all carry ordinals of one level (`一、` / `（一）` / `1.`),
/// or none? Mixed levels mean items and their sub-items.
fn same_level<'a>(names: impl Iterator<Item = &'a str>) -> bool {
    let level = |n: &str| {
        let n = n.trim_start();
        if n.starts_with(['（', '(']) {
            2
        } else if n.starts_with(vocab::is_chinese_numeral) && n.chars().nth(1).is_some_and(|c| matches!(c, '、' | '.' | '．') || vocab::is_chinese_numeral(c)) {
            1
        } else if n.starts_with(|c: char| c.is_ascii_digit()) {
            3
        } else {
            0
        }
    };
    let levels: HashSet<u8> = names.map(level).collect();
    levels.len() <= 1
}
