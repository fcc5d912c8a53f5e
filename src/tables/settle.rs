//! Headings read against the rows under them.
//!
//! A heading printed over several lines may be read more than one way: a
//! caption spanning the figure columns (`科目 一般公共预算支出` over
//! `科目编码 科目名称 合计 基本支出 项目支出`), a group printed before the
//! total (`财政拨款（补助）` over `总计 小计 …`), captions that are the
//! columns themselves (`上年预算数 本年预算数 增减额 增减率`). The rows
//! decide: the reading taken is the one whose columns the rows fill and
//! under which the full rows foot. The table's own text only is read.

use super::cells::Num;
use super::read::{scan_heading, Columns, Item, Row, Table};
use crate::interval::Interval;
use crate::vocab::ColumnRole;

/// Reads the table's headings again with its rows in hand.
pub fn settle_columns(table: &mut Table) {
    let Some(scan) = table.columns.scan.take() else { return };
    if table.rows.iter().any(|r| !r.is_simple()) || table.columns.first_figure_cell.is_some() {
        return;
    }
    let widest = table.rows.iter().map(|r| r.figures.len()).max().unwrap_or(0);
    if widest == 0 {
        return;
    }
    // Every figure has a column, and a row short of figures is short of
    // its last ones or has its total first.
    let fits = |c: &Columns| c.understood && !c.labels.is_empty() && (c.labels.len() == widest || c.total_first() && c.labels.len() > widest);
    if fits(&table.columns) {
        return;
    }
    // Captions that are the columns themselves: as many items as figures.
    if let Some(c) = captions_as_columns(&scan, widest, &table.columns) {
        table.columns = c;
        return;
    }
    // A caption or a group printed over the columns: the heading read from
    // a later line on.
    let lines = &table.heading_lines;
    for from in 1..lines.len() {
        let text: String = lines[from..].concat();
        let later = scan_heading(&text);
        let mut c = Columns {
            labels: later.items.iter().filter(|i| i.role != ColumnRole::Caption).map(|i| (i.name, i.role)).collect(),
            captions: 1,
            prior_first: false,
            understood: later.understood,
            row_numbers: later.row_numbers,
            first_figure_cell: None,
            halves: Vec::new(),
            prior: Vec::new(),
            scan: None,
            notes: Vec::new(),
        };
        if later.items.iter().any(|i| i.role == ColumnRole::Caption) {
            match captions_as_columns(&later, widest, &c) {
                Some(as_columns) => c = as_columns,
                None => continue,
            }
        }
        if fits(&c) && foots(&c, &table.rows) {
            table.columns = c;
            return;
        }
    }
}

/// `上年预算数 本年预算数 增减额 增减率`: captions and labels side by side,
/// as many as the widest row's figures, are each a column.
fn captions_as_columns(scan: &super::read::Scan, widest: usize, columns: &Columns) -> Option<Columns> {
    let items: &[Item] = &scan.items;
    let captions = items.iter().filter(|i| i.role == ColumnRole::Caption).count();
    if !scan.understood || captions < 2 || items.len() != widest || columns.labels.len() == widest {
        return None;
    }
    // Two years printed: the earlier one is last year.
    let years: Vec<u32> = items.iter().filter_map(|i| i.year).collect();
    let earliest = years.iter().min().copied().filter(|_| years.len() >= 2);
    let prior: Vec<bool> = items.iter().map(|i| i.prior || i.year.is_some() && i.year == earliest).collect();
    Some(Columns {
        labels: items.iter().map(|i| (i.name, i.role)).collect(),
        captions: 0,
        prior_first: prior.first().copied().unwrap_or(false),
        understood: true,
        row_numbers: scan.row_numbers,
        first_figure_cell: None,
        halves: Vec::new(),
        prior,
        scan: None,
        notes: Vec::new(),
    })
}

/// Do the full rows foot under these columns (total first, its parts
/// after)? True when no row can tell: the reading is taken on the width
/// of the rows alone. A single wrong row does not undo the reading.
fn foots(c: &Columns, rows: &[Row]) -> bool {
    if !c.total_first() || c.labels.len() < 2 || !c.labels[1..].iter().all(|l| matches!(l.1, ColumnRole::Part { of: None })) {
        return true;
    }
    let full: Vec<&Row> = rows.iter().filter(|r| r.figures.len() == c.labels.len() && r.figures.iter().all(Option::is_some)).collect();
    if full.is_empty() {
        return true;
    }
    let good = full.iter().filter(|r| row_foots(&r.figures)).count();
    good * 2 > full.len()
}

/// Is the first figure the sum of the others, within rounding?
pub fn row_foots(figures: &[Option<Num>]) -> bool {
    let interval = |n: &Num| Interval::rounded(if n.negative { -n.value } else { n.value }, n.scale);
    let Some(Some(total)) = figures.first() else { return false };
    let parts: Option<Vec<Interval>> = figures[1..].iter().flatten().map(interval).collect();
    match (interval(total), parts.and_then(Interval::sum)) {
        (Some(t), Some(s)) => t.meets(s),
        _ => false,
    }
}
