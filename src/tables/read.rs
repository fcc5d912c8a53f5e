//! Lines into tables: rows with their codes, names and figures; titles,
//! units and column headings; a table continued after a page break.
//!
//! Text from PDF breaks a row over several lines (`2080505 机关…缴费` /
//! `支出` / `52.36 52.36`): a code or name without figures waits for the
//! lines after it. Headings wrap too; they are read as one text with the
//! spaces removed.

use rust_decimal::Decimal;

use super::cells::{split_line, CellKind, Cells, Num};
use crate::facts::Unit;
use crate::text::{is_page_number, Span};
use crate::vocab::{self, ColumnRole};

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// From the start of the row's first line to the end of its last.
    pub span: Span,
    /// The full account or unit code (`30101` for `01` printed under `301`).
    pub code: Option<String>,
    /// A code was printed that could not be placed (`05` with no parent).
    pub unplaced_code: bool,
    /// Spaces removed.
    pub name: String,
    /// The figures after the name, in order; `None` for a cell printed empty.
    pub figures: Vec<Option<Num>>,
    /// Every cell is there (pipes or tabs), so `figures[j]` is in column `j`.
    pub explicit: bool,
    /// Further (name, figures) pairs on the same line: the right half of a
    /// two-sided table (`收入总计 … 支出总计 …`).
    pub more: Vec<(String, Vec<Option<Num>>)>,
}

impl Row {
    /// A row with one name and its figures (not two-sided).
    pub fn is_simple(&self) -> bool {
        self.more.is_empty()
    }

    pub fn has_figures(&self) -> bool {
        self.figures.iter().chain(self.more.iter().flat_map(|m| m.1.iter())).any(Option::is_some)
    }
}

/// What the column headings say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    /// The figure columns in order: canonical name and role.
    pub labels: Vec<(&'static str, ColumnRole)>,
    /// Headings over sets of columns (`2025年预算数`, `上年预算数`).
    pub captions: usize,
    /// The first caption names last year: the first set of columns is last year's.
    pub prior_first: bool,
    /// Every word of the headings was recognised.
    pub understood: bool,
    /// A `行次` column: each row's number comes before its figures.
    pub row_numbers: bool,
    /// Headings given in cells (pipes, tabs): the cell the figures start at.
    pub first_figure_cell: Option<usize>,
    /// Headings given in cells with name columns before each half of a
    /// two-sided table (`项目 金额 项目 金额`, `项目 行次 金额 项目 行次 金额`):
    /// each half's first and last name cell.
    pub halves: Vec<(usize, usize)>,
    /// Per figure column: it is last year's (`上年预算数`, the earlier of
    /// two years). Empty when no column is.
    pub prior: Vec<bool>,
    /// What the headings said, kept until the rows tell how to read them.
    pub(crate) scan: Option<Scan>,
    /// Why the columns were not all read, for the coverage ledger.
    pub notes: Vec<crate::message::TableNote>,
}

impl Columns {
    /// The first figure column is a total (`合计`), so a row's first figure
    /// is its total even when empty cells were dropped after it.
    pub fn total_first(&self) -> bool {
        self.labels.first().is_some_and(|l| l.1 == ColumnRole::Total) && !self.labels.iter().any(|l| l.1 == ColumnRole::Ratio)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Spaces removed: `一般公共预算支出表`.
    pub title: String,
    /// The table's number, when printed on its own line: `部门公开表5`.
    pub number: Option<String>,
    pub unit: Option<Unit>,
    pub columns: Columns,
    pub rows: Vec<Row>,
    /// The heading lines as printed (spaces removed), first page only.
    pub heading_lines: Vec<String>,
    /// Printed one cell per line: each heading on a line of its own, then
    /// each row's code, name and figures on lines of their own.
    pub stacked: bool,
}

/// Reads the tables of a table block.
pub fn read_tables(source: &str) -> Vec<Table> {
    let mut r = Reader { source, tables: Vec::new(), preamble: Preamble::default(), in_preamble: true, pending: None, economic: None, explicit_code: Vec::new(), open: false };
    let mut start = 0;
    for line in crate::text::lines_inclusive(source) {
        let content = line.trim_end_matches(['\n', '\r']);
        r.line(Span::new(start, start + content.len()));
        start += line.len();
    }
    r.flush();
    r.tables.retain(|t| !t.rows.is_empty());
    for table in &mut r.tables {
        strip_unheaded_row_numbers(table);
        super::settle::settle_columns(table);
    }
    r.tables
}

#[derive(Debug, Default)]
struct Preamble {
    title: String,
    number: Option<String>,
    unit: Option<Unit>,
    /// Heading text, spaces removed.
    heading: String,
    /// The same, line by line.
    heading_lines: Vec<String>,
    /// The cells of a heading row given with pipes or tabs.
    heading_cells: Option<Vec<String>>,
}

struct Reader<'a> {
    source: &'a str,
    tables: Vec<Table>,
    preamble: Preamble,
    /// No row read since the last title or heading.
    in_preamble: bool,
    /// A row whose figures may be on the next line.
    pending: Option<Row>,
    /// The last three-digit economic code (`301`), for `01` under it.
    economic: Option<String>,
    /// The code cells (类, 款, 项) of the last row given with pipes or tabs.
    explicit_code: Vec<String>,
    /// One cell per line: the last row pushed takes the figures that follow.
    open: bool,
}

impl Reader<'_> {
    fn line(&mut self, span: Span) {
        let text = self.source[span.range()].trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if text.is_empty() || is_page_number(text) {
            return;
        }
        let Some(cells) = split_line(self.source, span) else { return };
        let words_only = cells.cells.iter().all(|c| matches!(c.kind, CellKind::Text(_) | CellKind::Empty));
        if self.stacked_line(span, &cells, words_only) {
            return;
        }
        self.open = false;
        if words_only {
            let joined: String = cells.cells.iter().filter_map(|c| c.text()).collect();
            self.words(span, &joined, &cells);
            return;
        }
        let figures_only = cells.cells.iter().all(|c| c.is_figure());
        if figures_only {
            let figures: Vec<Option<Num>> = figures_of(&cells);
            match self.pending.take() {
                Some(mut row) if row.figures.is_empty() && row.more.is_empty() => {
                    row.figures = figures;
                    row.span.end = span.end;
                    row.explicit = cells.explicit;
                    self.push(row);
                }
                other => {
                    self.pending = other;
                    self.flush();
                    self.push(Row { span, code: None, unplaced_code: false, name: String::new(), figures, explicit: cells.explicit, more: Vec::new() });
                }
            }
            return;
        }
        let pending = self.pending.take();
        self.begin_rows();
        let row = self.row(span, &cells);
        let row = match pending {
            // `08 机关事业单位基本养老保险缴` / `费 102.30 102.30`: the end of
            // the name with the figures.
            Some(mut p) if p.code.is_some() && p.figures.is_empty() && p.more.is_empty() && row.code.is_none() && !row.unplaced_code && !row.name.is_empty() && !vocab::TABLE_TOTAL_ROWS.contains(&row.name.as_str()) => {
                p.name.push_str(&row.name);
                p.span.end = row.span.end;
                p.figures = row.figures;
                p.more = row.more;
                p.explicit = row.explicit;
                p
            }
            other => {
                if let Some(p) = other {
                    self.push(p);
                }
                row
            }
        };
        if row.figures.is_empty() && row.more.is_empty() {
            self.pending = Some(row);
        } else {
            self.push(row);
        }
    }

    /// A line of words: a title, a unit, headings, a wrapped name, or a row
    /// whose figures follow.
    fn words(&mut self, span: Span, joined: &str, cells: &Cells) {
        let unit = unit_of(joined);
        let title = title_of(joined);
        if unit.is_some() || title.is_some() {
            self.start_preamble();
            if let Some(u) = unit {
                self.preamble.unit = Some(u);
            }
            match title {
                Some(Title::Name(t)) => self.preamble.title = t,
                Some(Title::Number(n)) => self.preamble.number = Some(n),
                None => {}
            }
            return;
        }
        let total_row = vocab::TABLE_TOTAL_ROWS.contains(&joined);
        let heading = is_heading(joined);
        if self.in_preamble && self.pending.as_ref().is_some_and(|r| r.code.is_none() && r.figures.is_empty() && r.more.is_empty()) {
            // `合计` followed by more headings was a heading too.
            if let Some(row) = self.pending.take() {
                self.preamble.heading.push_str(&row.name);
                self.preamble.heading_lines.push(row.name);
            }
        }
        if let Some(row) = self.pending.as_mut().filter(|r| r.code.is_some() && r.figures.is_empty() && r.more.is_empty() && !total_row && !heading) {
            // A name wrapped onto the next line.
            row.name.push_str(joined);
            row.span.end = span.end;
            return;
        }
        if !total_row && (self.in_preamble || heading) {
            self.start_preamble();
            self.preamble.heading.push_str(joined);
            self.preamble.heading_lines.push(joined.to_string());
            if cells.explicit && cells.cells.len() >= 2 {
                // Headings on two lines (`科目编码 … 科目名称 本年支出` over
                // `类 款 项 … 合计 基本支出 项目支出`): a cell left empty on the
                // lower line is headed by the one above it.
                let above = self.preamble.heading_cells.take().unwrap_or_default();
                let headed = cells.cells.iter().enumerate().map(|(k, c)| match c.text().unwrap_or("") {
                    "" => above.get(k).cloned().unwrap_or_default(),
                    text => text.to_string(),
                });
                self.preamble.heading_cells = Some(headed.collect());
            }
            return;
        }
        self.flush();
        self.pending = Some(Row { span, code: None, unplaced_code: false, name: joined.to_string(), figures: Vec::new(), explicit: cells.explicit, more: Vec::new() });
    }

    fn start_preamble(&mut self) {
        self.flush();
        if !self.in_preamble {
            self.in_preamble = true;
            self.preamble = Preamble::default();
        }
    }

    /// The first row after a title or headings: a new table, or the same
    /// table continued after a page break (same title, or none).
    fn begin_rows(&mut self) {
        if !self.in_preamble {
            return;
        }
        self.in_preamble = false;
        let p = std::mem::take(&mut self.preamble);
        let columns = columns_of(&p);
        let continues = self.tables.last().is_some_and(|t| {
            // Untitled, with other headings: another table.
            // A caption over the figure columns may be printed on one page
            // and not the next: the columns from the first total on.
            let names = |c: &Columns| {
                let labels: Vec<&str> = c.labels.iter().map(|l| l.0).collect();
                let from = c.labels.iter().position(|l| l.1 == ColumnRole::Total).unwrap_or(0);
                labels[from..].to_vec()
            };
            let same_headings = columns.labels.is_empty() || t.columns.labels.is_empty() || names(&columns) == names(&t.columns);
            let untitled = p.title.is_empty() && p.number.is_none() && same_headings;
            let same = !p.title.is_empty() && canonical_title(&p.title) == t.title && (p.number.is_none() || p.number == t.number);
            untitled || same || p.title.contains('续')
        });
        match self.tables.last_mut() {
            Some(t) if continues => {
                if t.columns.labels.is_empty() && !columns.labels.is_empty() {
                    t.columns = columns;
                }
                if t.unit.is_none() {
                    t.unit = p.unit;
                }
            }
            _ => {
                self.economic = None;
                let stacked = is_stacked(&p.heading_lines);
                self.tables.push(Table { title: canonical_title(&p.title), number: p.number, unit: p.unit, columns, rows: Vec::new(), heading_lines: p.heading_lines, stacked });
            }
        }
    }

    fn flush(&mut self) {
        if let Some(row) = self.pending.take() {
            self.push(row);
        }
    }

    fn push(&mut self, mut row: Row) {
        self.begin_rows();
        let Some(table) = self.tables.last_mut() else { return };
        if vocab::TABLE_NUMBERING_ROWS.contains(&row.name.as_str()) || (row.name.is_empty() && row.code.is_none() && numbers_columns(&row.figures)) {
            return;
        }
        if table.columns.row_numbers {
            // `一、一般公共预算财政拨款收入 1 2,306.18`: the row's number first.
            let strip = |figures: &mut Vec<Option<Num>>| {
                if figures.first().is_some_and(|f| f.is_some_and(|n| n.plain)) && figures.len() >= 2 {
                    figures.remove(0);
                }
            };
            strip(&mut row.figures);
            for (_, figures) in &mut row.more {
                strip(figures);
            }
        }
        self.open = table.stacked && !row.figures.is_empty();
        table.rows.push(row);
    }

    /// A line of a table printed one cell per line: a code starts a row, a
    /// name names it (or starts a row without a code), figures go to the
    /// row being read. False when the line is not read this way.
    fn stacked_line(&mut self, span: Span, cells: &Cells, words_only: bool) -> bool {
        if self.in_preamble || !self.tables.last().is_some_and(|t| t.stacked) || cells.explicit {
            return false;
        }
        if words_only {
            let joined: String = cells.cells.iter().filter_map(|c| c.text()).collect();
            if unit_of(&joined).is_some() || title_of(&joined).is_some() {
                return false;
            }
            if self.tables.last().is_some_and(|t| t.heading_lines.contains(&joined)) {
                return true; // the headings repeated after a page break
            }
            self.open = false;
            match self.pending.as_mut() {
                // The name of the code above, or the rest of a name wrapped.
                Some(row) if row.code.is_some() && row.figures.is_empty() && !vocab::TABLE_TOTAL_ROWS.contains(&joined.as_str()) => {
                    row.name.push_str(&joined);
                    row.span.end = span.end;
                }
                _ => {
                    self.flush();
                    self.pending = Some(Row { span, code: None, unplaced_code: false, name: joined, figures: Vec::new(), explicit: false, more: Vec::new() });
                }
            }
            return true;
        }
        if !cells.cells.iter().all(|c| c.is_figure()) {
            return false;
        }
        if let Some(code) = self.stacked_code(cells) {
            self.flush();
            self.open = false;
            if code.len() == 3 {
                self.economic = code.starts_with(['3', '5']).then(|| code.clone());
            }
            self.pending = Some(Row { span, code: Some(code), unplaced_code: false, name: String::new(), figures: Vec::new(), explicit: false, more: Vec::new() });
            return true;
        }
        let figures = figures_of(cells);
        if let Some(mut row) = self.pending.take() {
            row.figures = figures;
            row.span.end = span.end;
            self.push(row);
            return true;
        }
        if self.open {
            let table = self.tables.last_mut().filter(|t| t.columns.labels.is_empty() || t.rows.last().is_some_and(|r| r.figures.len() + figures.len() <= t.columns.labels.len()));
            if let Some(row) = table.and_then(|t| t.rows.last_mut()) {
                row.figures.extend(figures);
                row.span.end = span.end;
                return true;
            }
        }
        false
    }

    /// An account code alone on its line: `301`, `301 01`, `30101`, or
    /// `01` under `301`.
    fn stacked_code(&self, cells: &Cells) -> Option<String> {
        let digits: Option<Vec<&str>> = cells.cells.iter().map(|c| c.num().filter(|n| n.plain).map(|n| &self.source[n.span.range()])).collect();
        let digits = digits?;
        let code = match digits.as_slice() {
            [one] if one.len() == 2 && one.starts_with('0') => format!("{}{one}", self.economic.as_deref()?),
            [one] if matches!(one.len(), 3 | 5 | 7) && one.starts_with(['2', '3', '5']) => one.to_string(),
            [head, rest @ ..] if head.len() == 3 && rest.len() <= 2 && rest.iter().all(|d| d.len() == 2) => digits.concat(),
            _ => return None,
        };
        Some(code)
    }

    /// A line with a code or figures: code, name, figures (and the right
    /// half of a two-sided table).
    fn row(&mut self, span: Span, cells: &Cells) -> Row {
        let c = &cells.cells;
        let (code, unplaced_code, mut i) = if cells.explicit { self.explicit_code(c) } else { self.spaced_code(c) };
        let mut segments: Vec<(String, Vec<Option<Num>>)> = Vec::new();
        let halves = self.tables.last().map(|t| t.columns.halves.as_slice()).filter(|h| cells.explicit && !h.is_empty() && i <= h[0].1);
        if let Some(halves) = halves {
            // A two-sided table in cells: each half its name and figures,
            // a half left empty kept as such (`| | | 三、卫生健康支出 | 80.00 |`).
            // A row's number (`行次`) is a name cell's, never a figure.
            for (k, &(first, at)) in halves.iter().enumerate() {
                let end = halves.get(k + 1).map_or(c.len(), |h| h.0).min(c.len());
                let from = if k == 0 { i } else { first };
                let name: String = c.get(from..=at).unwrap_or_default().iter().filter_map(|cell| cell.text()).collect();
                let figures: Vec<Option<Num>> = c.get(at + 1..end).unwrap_or_default().iter().map(|cell| cell.num().copied()).collect();
                segments.push((name, figures));
            }
            let mut segments = segments.into_iter();
            let (name, figures) = segments.next().unwrap_or_default();
            return Row { span, code, unplaced_code, name, figures, explicit: cells.explicit, more: segments.collect() };
        }
        let start = self.tables.last().and_then(|t| t.columns.first_figure_cell).filter(|&s| cells.explicit && i <= s && s <= c.len());
        if let Some(start) = start {
            // The headings say where the figures start: the cells before are
            // the name, whichever of them is filled (`| 合计 | | 7.00 |`).
            segments.push((c[i..start].iter().filter_map(|cell| cell.text()).collect(), Vec::new()));
            i = start;
            while i < c.len() && c[i].is_figure() {
                segments[0].1.push(c[i].num().copied());
                i += 1;
            }
        }
        while i < c.len() {
            let mut name = String::new();
            while i < c.len() && !c[i].is_figure() {
                let word = c[i].text().unwrap_or("");
                if !name.is_empty() && !cells.explicit && super::cells::starts_with_ordinal(word) {
                    // `三、事业收入 三、卫生健康支出 9.00`: two halves, the first empty.
                    segments.push((std::mem::take(&mut name), Vec::new()));
                }
                name.push_str(word);
                i += 1;
            }
            if cells.explicit && name.is_empty() && segments.is_empty() {
                // Empty cells before the name.
                while i < c.len() && c[i].kind == CellKind::Empty {
                    i += 1;
                }
                if i < c.len() && !c[i].is_figure() {
                    continue;
                }
            }
            let mut figures = Vec::new();
            while i < c.len() && c[i].is_figure() {
                figures.push(c[i].num().copied());
                i += 1;
            }
            segments.push((name, figures));
        }
        let mut segments = segments.into_iter();
        let (name, figures) = segments.next().unwrap_or_default();
        if let Some(code) = &code {
            if code.len() == 3 {
                self.economic = code.starts_with(['3', '5']).then(|| code.clone());
            }
        }
        Row { span, code, unplaced_code, name, figures, explicit: cells.explicit, more: segments.collect() }
    }

    /// A code at the start of a line of text from PDF: `2080505`, `208 05 05`,
    /// `01` under `301`; a serial number (`1`) before it is skipped.
    fn spaced_code(&self, c: &[super::cells::Cell]) -> (Option<String>, bool, usize) {
        let digits = |k: usize| c.get(k).and_then(|cell| cell.num()).filter(|n| n.plain).map(|n| &self.source[n.span.range()]);
        let text_follows = |k: usize| c[k..].iter().take_while(|cell| cell.num().is_some_and(|n| n.plain)).count() + k < c.len() && c[k..].iter().any(|cell| cell.is_text());
        let mut i = 0;
        if digits(0).is_some_and(|d| d.len() == 1) && digits(1).is_some() {
            i = 1; // a serial number
        }
        let Some(first) = digits(i) else { return (None, false, i) };
        if !text_follows(i) || !c.get(i + 1).is_some_and(|cell| cell.is_text() || cell.num().is_some_and(|n| n.plain)) {
            return (None, false, i);
        }
        match first.len() {
            1 => (None, false, i + 1),
            2 => match &self.economic {
                Some(parent) => (Some(format!("{parent}{first}")), false, i + 1),
                None if first.starts_with('0') => (None, true, i + 1),
                None => (None, false, i + 1), // a serial number
            },
            4 => (None, false, i),
            n if n > 9 => (None, false, i),
            _ => {
                let mut code = first.to_string();
                let mut k = i + 1;
                while code.len() < 7 && (code.len() == 3 || code.len() == 5) {
                    match digits(k) {
                        Some(d) if d.len() == 2 && c.get(k + 1).is_some_and(|cell| cell.is_text() || digits(k + 1).is_some_and(|d| d.len() == 2)) => {
                            code.push_str(d);
                            k += 1;
                        }
                        _ => break,
                    }
                }
                (Some(code), false, k)
            }
        }
    }

    /// Codes in cells before the name: one cell (`2080505`, `208 05 05`) or
    /// one cell per level (`208 | 05 | 05`), a level left empty taken from
    /// the row above.
    fn explicit_code(&mut self, c: &[super::cells::Cell]) -> (Option<String>, bool, usize) {
        let mut parts: Vec<Option<String>> = Vec::new();
        let mut i = 0;
        while i < c.len() {
            match &c[i].kind {
                CellKind::Empty => parts.push(None),
                CellKind::Number(n) if n.plain => parts.push(Some(self.source[n.span.range()].to_string())),
                CellKind::Text(t) if !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit()) => parts.push(Some(t.clone())),
                _ => break,
            }
            i += 1;
        }
        if i >= c.len() || !c[i].is_text() {
            // No name after the digits: they are figures, not codes.
            return (None, false, 0);
        }
        // A serial number before the code.
        if parts.len() >= 2 && parts[0].as_ref().is_some_and(|p| p.len() <= 2) && parts[1].as_ref().is_some_and(|p| p.len() >= 3) {
            parts.remove(0);
        }
        let filled: Vec<&String> = parts.iter().flatten().collect();
        let code = match filled.as_slice() {
            [] => return (None, false, i),
            [one] if parts.len() == 1 || one.len() >= 3 => match one.len() {
                2 => match &self.economic {
                    Some(parent) => Some(format!("{parent}{one}")),
                    None => return (None, one.starts_with('0'), i),
                },
                1 | 4 => return (None, false, i),
                _ => Some((*one).clone()),
            },
            _ => {
                // 类 | 款 | 项 in their own cells; a level left empty before
                // the printed one is the row above's.
                let last = parts.iter().rposition(Option::is_some).unwrap_or(0);
                let mut levels = Vec::new();
                for (k, part) in parts[..=last].iter().enumerate() {
                    match part.as_ref().or_else(|| self.explicit_code.get(k)) {
                        Some(p) => levels.push(p.clone()),
                        None => return (None, true, i),
                    }
                }
                let code = levels.concat();
                self.explicit_code = levels;
                Some(code)
            }
        };
        if let Some(code) = &code {
            if parts.len() == 1 || filled.len() == 1 {
                self.explicit_code = split_levels(code);
            }
        }
        (code, false, i)
    }
}

/// Headings one to a line, three or more of them: a table printed one cell
/// per line.
fn is_stacked(lines: &[String]) -> bool {
    lines.len() >= 3
        && lines.iter().all(|l| {
            let s = scan_heading(l);
            s.understood && s.labels.len() + s.captions.len() + s.names == 1
        })
        && lines.iter().any(|l| !scan_heading(l).labels.is_empty())
}

/// `2080505` as its levels `208`, `05`, `05`.
fn split_levels(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    if code.len() >= 3 && code.is_ascii() {
        out.push(code[..3].to_string());
        let mut k = 3;
        while k + 2 <= code.len() {
            out.push(code[k..k + 2].to_string());
            k += 2;
        }
    }
    out
}

/// A `行次` column whose heading was not read, in a two-sided table: in every
/// row with more than one figure, each half's first figure is a whole number,
/// and they count up.
fn strip_unheaded_row_numbers(table: &mut Table) {
    if table.columns.row_numbers || table.rows.iter().all(Row::is_simple) {
        return;
    }
    let halves = table.rows.iter().map(|r| r.more.len() + 1).max().unwrap_or(1);
    for half in 0..halves {
        fn figures_of(row: &Row, half: usize) -> Option<&Vec<Option<Num>>> {
            if half == 0 {
                Some(&row.figures)
            } else {
                row.more.get(half - 1).map(|m| &m.1)
            }
        }
        let firsts: Vec<Decimal> = table.rows.iter().filter_map(|r| figures_of(r, half)).filter(|f| f.len() >= 2).filter_map(|f| f[0].filter(|n| n.plain).map(|n| n.value)).collect();
        let with_two = table.rows.iter().filter_map(|r| figures_of(r, half)).filter(|f| f.len() >= 2).count();
        let counting = firsts.len() >= 3 && firsts.len() == with_two && firsts.windows(2).all(|w| w[0] < w[1]) && firsts.iter().all(|v| *v < Decimal::from(1000));
        if !counting {
            continue;
        }
        for row in &mut table.rows {
            let figures = if half == 0 { Some(&mut row.figures) } else { row.more.get_mut(half - 1).map(|m| &mut m.1) };
            if let Some(f) = figures.filter(|f| f.len() >= 2) {
                f.remove(0);
            }
        }
    }
}

/// `1 2 3 4 5 6`: the columns' numbers, not figures.
fn numbers_columns(figures: &[Option<Num>]) -> bool {
    figures.len() >= 2
        && figures.iter().enumerate().all(|(k, f)| {
            f.is_some_and(|n| n.plain) && figures[0].is_some_and(|first| f.is_some_and(|n| n.value == first.value + Decimal::from(k)))
        })
}

fn figures_of(cells: &Cells) -> Vec<Option<Num>> {
    cells.cells.iter().map(|c| c.num().copied()).collect()
}

enum Title {
    Name(String),
    Number(String),
}

/// `一般公共预算支出表`, `支出总表（续）`; or a table's number, `部门公开表5`, `表 5`.
fn title_of(joined: &str) -> Option<Title> {
    let t = match vocab::find(joined, "单位") {
        Some(i) if unit_of(&joined[i..]).is_some() => &joined[..i],
        _ => joined,
    };
    let t = t.trim_end_matches(['：', ':', '（', '(', ' ']);
    // `…支出表（按功能分类）`: a note after the title.
    let t = match t.rfind(['（', '(']) {
        Some(i) if t.ends_with(['）', ')']) && t[..i].ends_with('表') => &t[..i],
        _ => t,
    };
    let digits_end = t.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '-' | '－'));
    if digits_end.len() < t.len() && digits_end.ends_with('表') && digits_end.chars().count() <= 8 {
        return Some(Title::Number(t.to_string()));
    }
    if t.chars().count() <= 40 && vocab::TABLE_TITLE_ENDINGS.iter().any(|e| t.ends_with(e)) && !t.contains(['，', '。']) {
        let name = vocab::trim_end_word(vocab::trim_end_word(t, "（续）"), "(续)");
        return Some(Title::Name(name.to_string()));
    }
    None
}

/// A title in its standard form: the local forms (`部门收支总体情况表`,
/// `一般公共预算支出预算表`) rewritten by [`super::words::TITLE_FORMS`].
pub fn canonical_title(title: &str) -> String {
    let mut t = title.to_string();
    for (from, to) in super::words::TITLE_FORMS {
        if t.ends_with(from) {
            t.truncate(t.len() - from.len());
            t.push_str(to);
        }
    }
    t
}

/// The unit a `单位：万元` line gives.
fn unit_of(joined: &str) -> Option<Unit> {
    let w = "单位";
    let i = vocab::find(joined, w)?;
    // Markdown emphasis around the unit (`单位：**万元**`) is not part of it.
    let rest = joined[i + w.len()..].trim_start_matches(['*', '_']).strip_prefix(['：', ':'])?.trim_start_matches(['*', '_', ' ']);
    vocab::UNITS.iter().find(|(u, unit)| unit.is_money() && rest.starts_with(u)).map(|&(_, u)| u)
}

/// A line of words after rows that repeats the column headings (a page break).
fn is_heading(joined: &str) -> bool {
    let s = scan(joined, true);
    s.understood && s.labels.len() + s.captions.len() + s.names >= 2 && s.names >= 1
}

fn columns_of(p: &Preamble) -> Columns {
    let scan = scan_heading(&p.heading);
    let prior_first = scan.captions.first().is_some_and(|c| c.1);
    // Captions with nothing under them are the columns themselves.
    let (labels, captions) = if scan.labels.is_empty() {
        (scan.captions.iter().map(|c| (c.0, ColumnRole::Caption)).collect(), 0)
    } else {
        (scan.labels.clone(), scan.captions.len())
    };
    let mut columns = Columns {
        labels,
        captions,
        prior_first,
        understood: scan.understood,
        row_numbers: scan.row_numbers,
        first_figure_cell: None,
        halves: Vec::new(),
        prior: Vec::new(),
        scan: None,
        notes: Vec::new(),
    };
    if p.heading_cells.is_none() {
        columns.scan = Some(scan);
    }
    if let Some(cells) = &p.heading_cells {
        // Headings in cells: the figure columns are those after the last
        // label column (`科目名称`).
        let roles: Vec<Option<(&'static str, ColumnRole)>> = cells.iter().map(|c| exact_label(c)).collect();
        let is_label = |r: &Option<(&'static str, ColumnRole)>| r.is_some_and(|l| l.1 == ColumnRole::Label);
        // The cells place a `行次` column: no figure is a row's number.
        columns.row_numbers = false;
        // Two-sided: name columns, figure columns, name columns again, each
        // half as wide (`项目 金额 项目 金额`, `项目 行次 金额 项目 行次 金额`).
        let runs: Vec<(usize, usize)> = (0..roles.len())
            .filter(|&k| is_label(&roles[k]) && (k == 0 || !is_label(&roles[k - 1])))
            .map(|k| (k, (k..roles.len()).take_while(|&j| is_label(&roles[j])).last().unwrap_or(k)))
            .collect();
        if let [first, second, ..] = runs[..] {
            let width = second.0 - first.0;
            let last = runs[runs.len() - 1];
            if width >= 2 && runs.windows(2).all(|w| w[1].0 - w[0].0 == width && w[1].1 - w[1].0 == w[0].1 - w[0].0) && roles.len() - last.0 == width && first.1 + 1 < second.0 {
                columns.halves = runs.clone();
                columns.first_figure_cell = Some(first.1 + 1);
                columns.labels = roles[first.1 + 1..second.0].iter().map(|r| r.unwrap_or(("", ColumnRole::Label))).collect();
                columns.captions = 0;
                return columns;
            }
        }
        let start = roles.iter().rposition(is_label).map_or(0, |k| k + 1);
        columns.first_figure_cell = (start > 0).then_some(start);
        columns.labels.clear();
        // One heading per cell: a caption here names its own column.
        columns.captions = 0;
        for role in &roles[start..] {
            match role {
                Some(l) => columns.labels.push(*l),
                None => {
                    columns.labels.push(("", ColumnRole::Label));
                    columns.understood = false;
                }
            }
        }
    }
    columns
}

/// A heading cell read whole: `合计`, `基本支出`, `科目名称`.
fn exact_label(cell: &str) -> Option<(&'static str, ColumnRole)> {
    let s = scan_heading(cell);
    if !s.understood {
        return None;
    }
    match (s.labels.as_slice(), s.captions.len(), s.names) {
        ([one], 0, 0) => Some(*one),
        ([], 1, 0) => Some(("", ColumnRole::Caption)),
        ([], 0, n) if n >= 1 => Some(("", ColumnRole::Label)),
        _ => None,
    }
}

/// A figure column as the headings name it, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Item {
    pub name: &'static str,
    pub role: ColumnRole,
    /// The year printed before it: `2025年预算数`.
    pub year: Option<u32>,
    /// It names last year: `上年预算数`.
    pub prior: bool,
}

/// What a heading text says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Scan {
    /// Every figure column or caption, in order.
    pub items: Vec<Item>,
    /// Figure columns: canonical name and role.
    labels: Vec<(&'static str, ColumnRole)>,
    /// Captions in order, and whether each names last year (`上年预算数`).
    captions: Vec<(&'static str, bool)>,
    /// Label columns (`科目名称`).
    names: usize,
    /// Every word recognised.
    pub understood: bool,
    /// A `行次` column.
    pub row_numbers: bool,
}

/// Reads heading text (spaces removed) as column names, longest first. A
/// year before a heading makes it a caption: `2025年预算数`, `2025年基本支出`.
pub(crate) fn scan_heading(text: &str) -> Scan {
    scan(text, false)
}

/// [`scan_heading`]; with `give_up`, stops at the first word not
/// understood (what is read by then is not the whole heading's).
fn scan(text: &str, give_up: bool) -> Scan {
    let mut scan = Scan { understood: true, ..Scan::default() };
    let mut rest = text;
    let mut after_year = false;
    let mut year = None;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            year = rest[..digits].parse::<u32>().ok().filter(|_| digits == 4);
            rest = &rest[digits..];
            rest = rest.strip_prefix("年度").or_else(|| rest.strip_prefix('年')).unwrap_or(rest);
            after_year = digits == 4;
            scan.understood &= digits == 4;
            if give_up && !scan.understood {
                return scan;
            }
            continue;
        }
        if super::cells::starts_with_ordinal(rest) {
            // `一、本年收入`: a numbered row without figures among the headings.
            let marker = rest.char_indices().find(|&(i, ch)| i > 0 && matches!(ch, '、' | '.' | '．' | '）' | ')')).map_or(c.len_utf8(), |(i, ch)| i + ch.len_utf8());
            rest = &rest[marker..];
            // Its name is a row's, not a column's.
            if let Some((w, _, _)) = super::words::column_at(rest) {
                rest = &rest[w.len()..];
            }
            continue;
        }
        if c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')' | '：' | ':' | '、' | '/' | '|' | '“' | '”' | '"' | '-' | '—' | '·' | '．' | '.' | '\u{feff}') {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        match super::words::column_at(rest) {
            Some((w, canonical, role)) => {
                rest = &rest[w.len()..];
                // `增减率（%）`: the unit of the rate before it, not a column.
                if canonical == "%" && scan.items.last().is_some_and(|i| i.role == ColumnRole::Ratio) {
                    continue;
                }
                let prior = !after_year && vocab::contains_any(canonical, vocab::PRIOR_PERIOD);
                match role {
                    ColumnRole::Label | ColumnRole::RowNumber => {}
                    _ if after_year => scan.items.push(Item { name: canonical, role: ColumnRole::Caption, year, prior }),
                    _ => scan.items.push(Item { name: canonical, role, year: None, prior }),
                }
                match role {
                    _ if after_year => scan.captions.push((canonical, false)),
                    ColumnRole::Caption => scan.captions.push((canonical, vocab::contains_any(canonical, vocab::PRIOR_PERIOD))),
                    ColumnRole::Label => scan.names += 1,
                    ColumnRole::RowNumber => {
                        scan.names += 1;
                        scan.row_numbers = true;
                    }
                    _ => scan.labels.push((canonical, role)),
                }
            }
            None => {
                scan.understood = false;
                if give_up {
                    return scan;
                }
                rest = &rest[c.len_utf8()..];
            }
        }
        after_year = false;
        year = None;
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(source: &str) -> Vec<(Option<String>, String, Vec<String>)> {
        read_tables(source)
            .into_iter()
            .flat_map(|t| t.rows)
            .map(|r| (r.code, r.name, r.figures.iter().map(|f| f.map_or("_".to_string(), |n| source[n.span.range()].to_string())).collect()))
            .collect()
    }

    fn row(code: Option<&str>, name: &str, figures: &[&str]) -> (Option<String>, String, Vec<String>) {
        (code.map(str::to_string), name.to_string(), figures.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn a_row_broken_over_lines_is_one_row() {
        let t = "2080505   机关事业单位基本养老保险缴费\n支出\n\n52.36 52.36\n2080506 职业年金 31.07 31.07\n";
        assert_eq!(rows(t), vec![row(Some("2080505"), "机关事业单位基本养老保险缴费支出", &["52.36", "52.36"]), row(Some("2080506"), "职业年金", &["31.07", "31.07"])]);
    }

    #[test]
    fn economic_codes_under_their_class() {
        let t = "301 工资福利支出 10.00 10.00\n01   基本工资 4.00 4.00\n14   医疗费\n302 商品和服务支出 1.00\n01 办公费 1.00\n";
        let codes: Vec<Option<String>> = rows(t).into_iter().map(|r| r.0).collect();
        let expected = ["301", "30101", "30114", "302", "30201"].map(|c| Some(c.to_string()));
        assert_eq!(codes, expected);
    }

    #[test]
    fn spaced_and_celled_codes() {
        assert_eq!(rows("208 05 05 机关事业单位 52.36\n")[0].0.as_deref(), Some("2080505"));
        let t = "| 类 | 款 | 项 | 科目名称 | 合计 |\n|---|---|---|---|---|\n| 208 | | | 社会保障 | 5.00 |\n| | 05 | | 养老 | 5.00 |\n| | | 05 | 基本养老 | 5.00 |\n";
        let codes: Vec<Option<String>> = rows(t).into_iter().map(|r| r.0).collect();
        assert_eq!(codes, ["208", "20805", "2080505"].map(|c| Some(c.to_string())));
    }

    #[test]
    fn headings_wrapped_over_lines() {
        let t = "一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计 基本支\n出 项目支出\n合计 3.00 1.00 2.00\n";
        let tables = read_tables(t);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].title, "一般公共预算支出表");
        assert_eq!(tables[0].unit, Some(Unit::WanYuan));
        let names: Vec<&str> = tables[0].columns.labels.iter().map(|l| l.0).collect();
        assert_eq!(names, ["合计", "基本支出", "项目支出"]);
        assert!(tables[0].columns.understood && tables[0].columns.total_first());
    }

    #[test]
    fn a_year_makes_a_caption() {
        let s = scan_heading("经济分类科目2025年基本支出科目编码科目名称合计人员经费公用经费");
        assert_eq!(s.labels.iter().map(|l| l.0).collect::<Vec<_>>(), ["合计", "人员经费", "公用经费"]);
        assert_eq!((s.captions.len(), s.understood, s.names), (1, true, 3));
        assert!(scan_heading("上年预算数2025年预算数合计").captions.iter().map(|c| c.1).eq([true, false]));
    }

    #[test]
    fn a_page_break_continues_the_table() {
        let t = "部门公开表6\n基本支出表\n单位：万元\n科目名称 合计\n301 工资 1.00\n基本支出表\n单位：万元\n科目名称 合计\n01 基本工资 1.00\n部门公开表7\n其他表\n单位：万元\n合计 2.00\n";
        let tables = read_tables(t);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[0].rows[1].code.as_deref(), Some("30101"));
        assert_eq!(tables[1].number.as_deref(), Some("部门公开表7"));
    }

    #[test]
    fn local_titles_in_their_standard_form() {
        for (local, standard) in [
            ("某某县某某局2025年部门收支总体情况表", "某某县某某局2025年部门收支总表"),
            ("部门收支预算总表", "部门收支总表"),
            ("一般公共预算支出情况表", "一般公共预算支出表"),
            ("2025年一般公共预算支出预算表", "2025年一般公共预算支出表"),
            ("一般公共预算财政拨款基本支出表", "一般公共预算基本支出表"),
            ("表5一般公共预算“三公”经费支出情况表", "表5一般公共预算“三公”经费支出表"),
        ] {
            assert_eq!(canonical_title(local), standard);
        }
        let t = "表3\n某某县某某局2025年部门支出总体情况表\n单位：万元\n科目名称 合计\n合计 1.00\n";
        let tables = read_tables(t);
        assert_eq!((tables[0].title.as_str(), tables[0].number.as_deref()), ("某某县某某局2025年部门支出总表", Some("表3")));
    }

    #[test]
    fn a_table_printed_one_cell_per_line() {
        let t = "基本支出表\n科目编码\n科目名称\n合计\n人员经费\n公用经费\n合计\n5.00\n3.00\n2.00\n301\n工资福利支出\n3.00\n3.00\n301 01\n基本工资\n3.00\n3.00\n";
        assert_eq!(rows(t), vec![row(None, "合计", &["5.00", "3.00", "2.00"]), row(Some("301"), "工资福利支出", &["3.00", "3.00"]), row(Some("30101"), "基本工资", &["3.00", "3.00"])]);
    }

    #[test]
    fn headings_one_to_a_line_over_rows_of_one_line() {
        // Not a table of one cell per line: its rows are whole, one name
        // wrapped with its figures on the next line.
        let t = "基本支出表\n科目名称\n合计\n人员经费\n公用经费\n合计 5.00 3.00 2.00\n301 工资福利支出 3.00 3.00\n30101 基本工资 1.00 1.00\n30108 机关事业单位基本养老保险缴\n费\n2.00 2.00\n302 商品和服务支出 2.00 2.00\n";
        assert_eq!(
            rows(t),
            vec![
                row(None, "合计", &["5.00", "3.00", "2.00"]),
                row(Some("301"), "工资福利支出", &["3.00", "3.00"]),
                row(Some("30101"), "基本工资", &["1.00", "1.00"]),
                row(Some("30108"), "机关事业单位基本养老保险缴费", &["2.00", "2.00"]),
                row(Some("302"), "商品和服务支出", &["2.00", "2.00"]),
            ]
        );
    }

    #[test]
    fn two_sided_rows() {
        let t = "收入总计 2,306.18 支出总计 2,306.18\n";
        let r = &read_tables(t)[0].rows[0];
        assert_eq!(r.name, "收入总计");
        assert_eq!(r.more.len(), 1);
        assert_eq!(r.more[0].0, "支出总计");
    }
}

#[cfg(test)]
mod unit_line_tests {
    use super::*;

    #[test]
    fn a_unit_in_markdown_emphasis_is_read() {
        assert_eq!(unit_of("单位：**万元**"), Some(Unit::WanYuan));
        assert_eq!(unit_of("**单位：万元**"), Some(Unit::WanYuan));
        assert_eq!(unit_of("单位：元"), Some(Unit::Yuan));
    }
}
