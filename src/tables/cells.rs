//! One line of a table into cells.
//!
//! Three forms reach us: `|` pipes (Markdown) and tabs (pasted from a
//! spreadsheet) keep every cell, empty ones included, so their columns are
//! known; text extracted from PDF separates cells by spaces and drops the
//! empty ones, so a figure's column is known only when the row is full.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::text::Span;

/// A number printed in a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub span: Span,
    /// The magnitude as written (a minus sign is in `negative`).
    pub value: Decimal,
    /// Decimals written.
    pub scale: u32,
    pub negative: bool,
    /// Digits only (no separator, no decimals, no sign): may be a code.
    pub plain: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    /// An empty cell between pipes or tabs.
    Empty,
    /// `-`, `—`: printed as nothing.
    Dash,
    Number(Num),
    /// Words; spaces removed.
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub span: Span,
    pub kind: CellKind,
}

impl Cell {
    pub fn is_text(&self) -> bool {
        matches!(self.kind, CellKind::Text(_))
    }

    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            CellKind::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn num(&self) -> Option<&Num> {
        match &self.kind {
            CellKind::Number(n) => Some(n),
            _ => None,
        }
    }

    /// A cell that holds a figure or stands for an empty one.
    pub fn is_figure(&self) -> bool {
        matches!(self.kind, CellKind::Number(_) | CellKind::Dash | CellKind::Empty)
    }
}

/// The cells of a line, `line` in `source` bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Cells {
    pub cells: Vec<Cell>,
    /// Pipes or tabs: every cell is there, empty or not.
    pub explicit: bool,
}

/// Splits a line into cells; `None` for a Markdown separator row (`|---|`).
pub fn split_line(source: &str, line: Span) -> Option<Cells> {
    let text = &source[line.range()];
    let trimmed = text.trim_start();
    if trimmed.starts_with('|') || trimmed.starts_with('｜') {
        let cells = explicit(source, line, |c| c == '|' || c == '｜', true);
        let separator = !cells.is_empty()
            && cells.iter().all(|c| match &c.kind {
                CellKind::Text(t) => t.chars().all(|ch| matches!(ch, '-' | ':' | '—')),
                CellKind::Dash | CellKind::Empty => true,
                CellKind::Number(_) => false,
            });
        return (!separator).then_some(Cells { cells, explicit: true });
    }
    if text.contains('\t') {
        return Some(Cells { cells: explicit(source, line, |c| c == '\t', false), explicit: true });
    }
    Some(Cells { cells: spaced(source, line), explicit: false })
}

/// Cells between separators; with `pipes`, the text before the first and
/// after the last pipe is not a cell.
fn explicit(source: &str, line: Span, sep: impl Fn(char) -> bool, pipes: bool) -> Vec<Cell> {
    let text = &source[line.range()];
    let mut bounds = vec![0];
    for (i, c) in text.char_indices() {
        if sep(c) {
            bounds.push(i);
            bounds.push(i + c.len_utf8());
        }
    }
    bounds.push(text.len());
    let mut pieces: Vec<(usize, usize)> = bounds.chunks(2).map(|p| (p[0], p[1])).collect();
    if pipes {
        // Drop what lies outside the outer pipes.
        if !pieces.is_empty() {
            pieces.remove(0);
        }
        if pieces.last().is_some_and(|&(a, b)| text[a..b].trim().is_empty()) {
            pieces.pop();
        }
    }
    let mut out: Vec<Cell> = Vec::with_capacity(pieces.len());
    for (a, b) in pieces {
        let piece = &text[a..b];
        // Markdown emphasis around a cell: `**合计**`.
        let lead = piece.len() - piece.trim_start_matches(|c: char| is_space(c) || c == '*' || c == '`').len();
        let inner = piece.trim_matches(|c: char| is_space(c) || c == '*' || c == '`');
        let span = Span::new(line.start + a + lead, line.start + a + lead + inner.len());
        let first_words = out.iter().all(|c| c.kind == CellKind::Empty);
        match leading_code(inner).filter(|_| first_words) {
            // `2080505 机关事业单位…` in one cell: the code, then the name.
            Some(k) => {
                let code = Span::new(span.start, span.start + k);
                let digits: String = inner[..k].chars().filter(char::is_ascii_digit).collect();
                out.push(Cell { span: code, kind: CellKind::Text(digits) });
                let rest = inner[k..].trim_start_matches(is_space);
                let name = Span::new(span.end - rest.len(), span.end);
                out.push(Cell { span: name, kind: kind_of(rest, name, true) });
            }
            None => out.push(Cell { span, kind: kind_of(inner, span, true) }),
        }
    }
    out
}

/// A word that makes the number before it a date, a percentage or an
/// amount with its unit (`2025 年`, `95 %`, `3 万元`), not a cell.
fn unit_word(word: &str) -> bool {
    word.starts_with(['年', '月', '日', '%', '％']) || ["万元", "元", "亿元", "千元"].iter().any(|u| word == *u || word.starts_with(u) && !word[u.len()..].starts_with(|c: char| !c.is_ascii()))
}

/// The length of a code and the spaces after it at the start of a cell
/// that goes on with a name: `2080505 机关…`, `208 05 05 机关…`.
fn leading_code(cell: &str) -> Option<usize> {
    let end = cell.find(|c: char| !(c.is_ascii_digit() || c == ' ')).filter(|&k| k > 0)?;
    let digits = cell[..end].chars().filter(char::is_ascii_digit).count();
    let rest = &cell[end..];
    let named = rest.starts_with(|c: char| !c.is_ascii() && !matches!(c, '．' | '，' | '、')) && !unit_word(rest);
    (named && matches!(digits, 3 | 5 | 6 | 7 | 8 | 9)).then_some(end)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Cells separated by spaces: numbers and dashes alone, words joined.
fn spaced(source: &str, line: Span) -> Vec<Cell> {
    let text = &source[line.range()];
    let mut tokens: Vec<Cell> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_space(c), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let span = Span::new(line.start + s, line.start + i);
                push_token(&mut tokens, source, span);
                start = None;
            }
            _ => {}
        }
    }
    // Adjacent words are one cell (`合　计`, `本  年  收  入  合  计`), but
    // a numbered name starts its own (`三、事业收入 三、卫生健康支出`).
    let mut out: Vec<Cell> = Vec::with_capacity(tokens.len());
    for t in tokens {
        match (out.last_mut(), &t.kind) {
            (Some(Cell { span, kind: CellKind::Text(prev) }), CellKind::Text(word)) if !starts_with_ordinal(word) => {
                prev.push_str(word);
                span.end = t.span.end;
            }
            _ => out.push(t),
        }
    }
    out
}

/// `三、`, `十一.`, `（八）`, `(2)` at the start of a name.
pub fn starts_with_ordinal(word: &str) -> bool {
    let numeral = |c: char| matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十') || c.is_ascii_digit();
    let inner = word.strip_prefix(['（', '(']);
    let body = inner.unwrap_or(word);
    let n = body.chars().take_while(|&c| numeral(c)).count();
    let after = body.chars().nth(n);
    n > 0 && n <= 3 && if inner.is_some() { matches!(after, Some('）' | ')')) } else { matches!(after, Some('、' | '.' | '．')) && !body.starts_with(|c: char| c.is_ascii_digit()) }
}

fn push_token(tokens: &mut Vec<Cell>, source: &str, span: Span) {
    let word = &source[span.range()];
    // `2025 年`, `100 %`: a number read with the word after it. Not a
    // decimal before a name that opens with `年` (`上年结转 8.00
    // 年末结转和结余`): no date has a fraction.
    if let Some(prev) = tokens.last_mut() {
        let whole = source[prev.span.range()].chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        if matches!(prev.kind, CellKind::Number(_)) && unit_word(word) && (whole || !word.starts_with(['年', '月', '日'])) {
            prev.kind = CellKind::Text(format!("{}{word}", &source[prev.span.range()]));
            prev.span.end = span.end;
            return;
        }
    }
    // `2080505机关事业单位…`: a code run into its name.
    if tokens.is_empty() {
        let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &word[digits..];
        if digits >= 3 && rest.starts_with(|c: char| !c.is_ascii() && !matches!(c, '．' | '，' | '、')) && !unit_word(rest) {
            let code = Span::new(span.start, span.start + digits);
            tokens.push(Cell { span: code, kind: kind_of(&word[..digits], code, false) });
            let name = Span::new(span.start + digits, span.end);
            tokens.push(Cell { span: name, kind: CellKind::Text(rest.to_string()) });
            return;
        }
    }
    tokens.push(Cell { span, kind: kind_of(word, span, false) });
}

fn kind_of(text: &str, span: Span, explicit: bool) -> CellKind {
    if text.is_empty() {
        return CellKind::Empty;
    }
    if matches!(text, "-" | "—" | "——" | "--" | "－" | "/" | "／") {
        return CellKind::Dash;
    }
    if let Some(n) = parse_number(text, span) {
        return CellKind::Number(n);
    }
    // `15.00%` in a column of rates: the figure, its unit the column's.
    if let Some(rate) = text.strip_suffix(['%', '％']).filter(|r| r.contains(['.', '．'])) {
        if let Some(n) = parse_number(rate, Span::new(span.start, span.start + rate.len())) {
            return CellKind::Number(Num { plain: false, ..n });
        }
    }
    let words: String = if explicit { text.chars().filter(|c| !is_space(*c)).collect() } else { text.to_string() };
    CellKind::Text(words)
}

/// `2,306.18`, `2306.18`, `0.00`, `-3.5`, `１２３`; not `1.2.3`, `12a`, `2025-01`.
pub fn parse_number(text: &str, span: Span) -> Option<Num> {
    // A number starts with a digit, after a minus sign if any: names and
    // words are told at their first character, without folding them.
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut chars = text.chars();
    let first = chars.next()?;
    if !(digit(first) || (matches!(first, '-' | '－' | '−') && chars.next().is_some_and(digit))) {
        return None;
    }
    if let Some(num) = plain_figure(text, span) {
        return Some(num);
    }
    let folded: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            c => c,
        })
        .collect();
    let (negative, body) = match folded.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, folded.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() || !int.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1;
    if grouped && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    if groups.iter().any(|g| !g.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) || f.len() > 12 {
            return None;
        }
    }
    let digits: String = groups.concat();
    // Only ASCII digits can be a code (full-width ones are figures).
    let ascii = text.is_ascii();
    if digits.len() > 1 && digits.starts_with('0') && frac.is_none() {
        // `01`: a code, not an amount; kept as plain digits.
        let value = Decimal::from_str(&digits).ok()?;
        return Some(Num { span, value, scale: 0, negative, plain: !negative && ascii });
    }
    let literal = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits.clone(),
    };
    let value = Decimal::from_str(&literal).ok()?;
    Some(Num { span, value, scale: frac.map_or(0, |f| f.len() as u32), negative, plain: ascii && !negative && !grouped && frac.is_none() })
}

/// Most of a table's figures, read at once: ASCII digits with at most a
/// decimal point (`2306.18`, `2080505`), what [`parse_number`] reads from
/// them without folding them into new strings. `None` for anything else,
/// left to it.
fn plain_figure(text: &str, span: Span) -> Option<Num> {
    let b = text.as_bytes();
    let int_len = b.iter().position(|c| !c.is_ascii_digit()).unwrap_or(b.len());
    let frac = match b.get(int_len) {
        None => None,
        Some(b'.') => Some(&b[int_len + 1..]),
        Some(_) => return None,
    };
    if int_len == 0 || frac.is_some_and(|f| f.is_empty() || f.len() > 12 || !f.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let value = Decimal::from_str(text).ok()?;
    // `01`: a code, not an amount; read as its digits.
    let code = int_len > 1 && b[0] == b'0' && frac.is_none();
    Some(Num { span, value, scale: frac.map_or(0, |f| f.len() as u32), negative: false, plain: code || frac.is_none() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<String> {
        let cells = split_line(line, Span::new(0, line.len())).map(|c| c.cells).unwrap_or_default();
        cells
            .iter()
            .map(|c| match &c.kind {
                CellKind::Empty => "_".to_string(),
                CellKind::Dash => "-".to_string(),
                CellKind::Number(n) => format!("{}{}", if n.plain { "#" } else { "" }, &line[n.span.range()]),
                CellKind::Text(t) => format!("'{t}'"),
            })
            .collect()
    }

    #[test]
    fn spaces_separate_numbers_and_join_words() {
        assert_eq!(kinds("合　计 2,306.18 512.40 1793.78"), ["'合计'", "2,306.18", "512.40", "1793.78"]);
        assert_eq!(kinds("2080505   机关事业单位基本养老保险缴费"), ["#2080505", "'机关事业单位基本养老保险缴费'"]);
        assert_eq!(kinds("208 05 05 机关事业单位 52.36 -"), ["#208", "#05", "#05", "'机关事业单位'", "52.36", "-"]);
        assert_eq!(kinds("本  年  收  入  合  计 2,306.18 本 年 支 出 合 计 2,306.18"), ["'本年收入合计'", "2,306.18", "'本年支出合计'", "2,306.18"]);
    }

    #[test]
    fn numbered_names_are_their_own_cells() {
        assert_eq!(kinds("三、事业收入 三、卫生健康支出 9.00"), ["'三、事业收入'", "'三、卫生健康支出'", "9.00"]);
        assert_eq!(kinds("（二）外交支出 一般公共服务"), ["'（二）外交支出一般公共服务'"]);
        assert_eq!(kinds("上年结转 （十四）交通运输支出"), ["'上年结转'", "'（十四）交通运输支出'"]);
        assert_eq!(kinds("一般 公共预算"), ["'一般公共预算'"]);
    }

    #[test]
    fn years_and_units_are_words() {
        assert_eq!(kinds("支出功能分类科目 2025 年预算数"), ["'支出功能分类科目2025年预算数'"]);
        assert_eq!(kinds("≥ 95 % 10"), ["'≥95%'", "#10"]);
    }

    #[test]
    fn a_code_run_into_its_name() {
        assert_eq!(kinds("2080505机关事业单位 52.36"), ["#2080505", "'机关事业单位'", "52.36"]);
        assert_eq!(kinds("2025年预算数"), ["'2025年预算数'"]);
        assert_eq!(kinds("20101 人大事务 3.00"), ["#20101", "'人大事务'", "3.00"]);
        assert_eq!(kinds("20101人大事务 3.00"), ["#20101", "'人大事务'", "3.00"]);
    }

    #[test]
    fn rates_with_their_percent_sign() {
        assert_eq!(kinds("2012601 行政运行 100.00 105.00 5.00 5.00%"), ["#2012601", "'行政运行'", "100.00", "105.00", "5.00", "5.00"]);
        assert_eq!(kinds("满意度 95%"), ["'满意度95%'"]);
    }

    #[test]
    fn pipes_and_tabs_keep_empty_cells() {
        assert_eq!(kinds("| 208 | 社会保障和就业支出 | 75.31 |  | - |"), ["#208", "'社会保障和就业支出'", "75.31", "_", "-"]);
        assert_eq!(kinds("|---|:---:|"), Vec::<String>::new());
        assert_eq!(kinds("208\t社会保障 和就业支出\t75.31\t\t75.31"), ["#208", "'社会保障和就业支出'", "75.31", "_", "75.31"]);
        assert_eq!(kinds("| 208 05 05 机关事业单位 | **52.36** |"), ["'2080505'", "'机关事业单位'", "52.36"]);
    }

    #[test]
    fn numbers() {
        let n = |s: &str| parse_number(s, Span::new(0, s.len())).map(|n| (n.value.to_string(), n.scale, n.negative, n.plain));
        assert_eq!(n("2,306.18"), Some(("2306.18".into(), 2, false, false)));
        assert_eq!(n("-3.5"), Some(("3.5".into(), 1, true, false)));
        assert_eq!(n("１２３"), Some(("123".into(), 0, false, false)));
        assert_eq!(n("05"), Some(("5".into(), 0, false, true)));
        assert_eq!(n("1.2.3"), None);
        assert_eq!(n("12,34"), None);
        assert_eq!(n("12a"), None);
    }
}
