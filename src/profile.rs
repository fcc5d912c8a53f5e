//! What a draft says it is: its title read for the kind of disclosure
//! (预算 or 决算), whose it is (部门 or 单位, and the organisation's name)
//! and its year.
//!
//! The rules that judge a disclosure as a whole (template residue, wording,
//! reasons, and later completeness) apply only to a draft whose title reads
//! as one: a paragraph or an excerpt gets none of them. The title is read
//! here once, for every rule that needs it.
//!
//! A title is a short line near the top, before the first part of the body,
//! with no sentence and no figure but its year: `2025年某县教育局部门预算公开`,
//! `某市统计局2024年度部门决算`, `某区财政局部门（单位）预算公开说明`.

use serde::Deserialize;

use crate::text::{is_heading_lead, Span};

pub mod required;

/// Which profile a draft is judged by (`profile =` in `gouji.toml`): read
/// from its title (the default), one kind whatever the title says (a draft
/// whose title is not yet written, or reads otherwise), or none (no rule of
/// a whole disclosure).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Choice {
    #[default]
    #[serde(rename = "按标题", alias = "auto")]
    FromTitle,
    #[serde(rename = "预算", alias = "budget")]
    Budget,
    #[serde(rename = "决算", alias = "final-accounts")]
    FinalAccounts,
    #[serde(rename = "无", alias = "none")]
    None,
}

/// What the rules of a whole disclosure read: its title (as written, or
/// as the profile sets it), and what it holds of the items required.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspection {
    /// `None`: not a disclosure these rules judge.
    pub title: Option<Title>,
    pub completeness: Option<required::Completeness>,
    /// Whether the draft is long enough to be a whole disclosure
    /// ([`required::WHOLE_MIN_CHARS`]): the rules that look for a detail
    /// anywhere in it judge nothing shorter, an excerpt may simply not show it.
    pub long: bool,
}

impl Inspection {
    /// Reads the title and the items required, as the profile chosen says.
    pub fn read(text: &str, choice: Choice, amend: &required::Amend) -> Inspection {
        let title = match choice {
            Choice::None => None,
            Choice::FromTitle => read_title(text),
            Choice::Budget | Choice::FinalAccounts => {
                let kind = if choice == Choice::Budget { Kind::Budget } else { Kind::FinalAccounts };
                Some(match read_title(text) {
                    Some(t) => Title { kind, ..t },
                    // No title read: the rules' findings on the whole sit on the first line.
                    None => Title { span: first_line(text), kind, scope: None, year: None, organisation: None },
                })
            }
        };
        // Counted no further than needed: a character is at most 4 bytes.
        let long = text.len() >= 4 * required::WHOLE_MIN_CHARS || text.chars().count() >= required::WHOLE_MIN_CHARS;
        let completeness = title.as_ref().map(|t| required::completeness(text, t.kind, amend, long));
        Inspection { title, completeness, long }
    }
}

/// The first line with words in it (empty at the start of an empty text).
fn first_line(text: &str) -> Span {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = trim(line);
        if !trimmed.is_empty() {
            let from = at + (line.len() - line.trim_start_matches(is_heading_lead).len());
            return Span::new(from, from + trimmed.len());
        }
        at += line.len();
    }
    Span::new(0, 0)
}

/// Which disclosure a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Kind {
    /// 预算: the budget, published early in the year.
    Budget,
    /// 决算: the final accounts, published the year after.
    FinalAccounts,
}

impl Kind {
    /// The kind a draft of this kind is not.
    pub fn other(self) -> Kind {
        match self {
            Kind::Budget => Kind::FinalAccounts,
            Kind::FinalAccounts => Kind::Budget,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Budget => "预算",
            Kind::FinalAccounts => "决算",
        }
    }
}

/// Whose disclosure it is: a department's (with its units) or one unit's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Scope {
    /// 部门, and the drafts titled 部门（单位）.
    Department,
    /// 单位.
    Unit,
}

/// A draft's title, as read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Title {
    /// The title's line (or lines, when it is broken over two), trimmed.
    pub span: Span,
    pub kind: Kind,
    /// `None` when the title has no scope word (`某局2025年预算公开`).
    pub scope: Option<Scope>,
    /// The year the disclosure is about, when the title states it.
    pub year: Option<u16>,
    /// The organisation, as the title names it (`某县教育局`), when it does.
    pub organisation: Option<String>,
}

/// How many lines with words in them are read for a title, at most.
const TITLE_SEARCH_LINES: usize = 12;
/// A longer line is prose, not a title (in characters).
const TITLE_MAX_CHARS: usize = 64;

/// Words that make a line a disclosure's title, with the kind each names
/// (simplified and traditional).
const KIND_WORDS: &[(&str, Kind)] = &[("预算", Kind::Budget), ("預算", Kind::Budget), ("决算", Kind::FinalAccounts), ("決算", Kind::FinalAccounts)];

/// What a title says of whose disclosure it is, right before its kind word.
const SCOPE_WORDS: &[(&str, Scope)] = &[
    ("部门（单位）", Scope::Department),
    ("部门(单位)", Scope::Department),
    ("部門（單位）", Scope::Department),
    ("部门", Scope::Department),
    ("部門", Scope::Department),
    ("单位", Scope::Unit),
    ("單位", Scope::Unit),
];

/// Words after the kind that make a title of a line with no scope word
/// (`某局2025年预算公开`): a disclosure, not a heading of its body.
const DISCLOSURE_WORDS: &[&str] = &["公开", "公開", "信息公开", "情况说明", "编制说明", "说明", "报告", "報告"];

/// The lines that open the body: the title comes before them.
const BODY_OPENINGS: &[&str] = &["一、", "（一）", "(一)", "1.", "1、", "目录", "目 录", "表1", "表一"];

/// Does the line open the body: a part (`第二部分 部门预算表`), a numbered
/// heading or a table?
fn opens_body(words: &str) -> bool {
    let part = words.starts_with('第') && words.char_indices().take(6).any(|(i, _)| words[i..].starts_with("部分"));
    part || BODY_OPENINGS.iter().any(|o| words.starts_with(o))
}

/// Reads the draft's title from its first lines; `None` when none reads as
/// the title of a 部门/单位 预算 or 决算 disclosure.
pub fn read_title(text: &str) -> Option<Title> {
    let mut previous: Option<(Span, &str)> = None;
    let mut start = 0;
    for (seen, line) in text.split_inclusive('\n').filter_map(|l| {
        let s = start;
        start += l.len();
        let trimmed = trim(l);
        (!trimmed.is_empty()).then(|| (s + (l.len() - l.trim_start_matches(is_heading_lead).len()), trimmed))
    })
    .enumerate()
    {
        let (at, words) = line;
        if seen >= TITLE_SEARCH_LINES || opens_body(words) {
            return None;
        }
        let span = Span::new(at, at + words.len());
        if let Some(title) = title_of(words, span) {
            // A title broken over two lines: the organisation on the first.
            if title.organisation.is_none() {
                if let Some((p, pw)) = previous.filter(|(_, pw)| is_name_line(pw)) {
                    return Some(Title { span: p.cover(span), organisation: Some(pw.to_string()), ..title });
                }
            }
            return Some(title);
        }
        previous = Some((span, words));
    }
    None
}

/// A title's text: `#` of Markdown, `*` and spaces (full-width too) removed at both ends.
fn trim(line: &str) -> &str {
    line.trim_matches(is_heading_lead)
}


/// A line that is nothing but a name: the first line of a title broken in two.
fn is_name_line(words: &str) -> bool {
    words.chars().count() <= TITLE_MAX_CHARS / 2 && !words.chars().any(|c| c.is_ascii_digit() || is_sentence_mark(c)) && crate::message::has_cjk(words)
}

fn is_sentence_mark(c: char) -> bool {
    matches!(c, '。' | '，' | '；' | '：' | ':' | ';' | ',' | '、' | '%' | '％')
}

/// The title a line is, if it is one.
fn title_of(words: &str, span: Span) -> Option<Title> {
    if words.chars().count() > TITLE_MAX_CHARS || words.chars().any(is_sentence_mark) {
        return None;
    }
    let (kind_at, kind_word, kind) = KIND_WORDS.iter().filter_map(|&(w, k)| words.find(w).map(|at| (at, w, k))).min_by_key(|&(at, ..)| at)?;
    let before = &words[..kind_at];
    let after = &words[kind_at + kind_word.len()..];
    let scope = SCOPE_WORDS.iter().find(|(w, _)| before.trim_end().ends_with(w)).map(|&(w, s)| (w, s));
    // The kind ends the title, or a word of disclosure follows it: a
    // table's title (`部门预算收支总表`) is not the draft's.
    let after = after.trim_start();
    let disclosed = DISCLOSURE_WORDS.iter().any(|w| after.starts_with(w));
    if !(disclosed || after.is_empty() && scope.is_some()) {
        return None;
    }
    let (year, rest) = year_of(words);
    // No figure but the year: a line with amounts is a sentence.
    if rest.chars().any(|c| c.is_ascii_digit() || c.is_numeric() && !crate::message::has_cjk(&c.to_string())) {
        return None;
    }
    // The organisation: the words before the scope word, the year left out.
    let head = scope.map_or(before, |(w, _)| before.trim_end().strip_suffix(w).unwrap_or(before));
    let organisation: String = remove_year(head).trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').split_whitespace().collect();
    let organisation = (!organisation.is_empty()).then_some(organisation);
    Some(Title { span, kind, scope: scope.map(|(_, s)| s), year, organisation })
}

/// The year a line names (`2025年`, `2025 年度`), and the line without it.
fn year_of(words: &str) -> (Option<u16>, String) {
    let Some((at, len, year)) = find_year(words) else { return (None, words.to_string()) };
    (Some(year), format!("{}{}", &words[..at], &words[at + len..]))
}

fn remove_year(words: &str) -> String {
    year_of(words).1
}

/// Where the first year is (`2025年`, `2025 年度`): its byte offset, length and value.
fn find_year(words: &str) -> Option<(usize, usize, u16)> {
    let bytes = words.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let digits = &bytes[i..i + 4];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        if before_ok && digits.iter().all(u8::is_ascii_digit) && (bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())) {
            let rest = &words[i + 4..];
            let spaces = rest.len() - rest.trim_start().len();
            if rest[spaces..].starts_with('年') {
                let mut len = 4 + spaces + '年'.len_utf8();
                if words[i + len..].starts_with('度') {
                    len += '度'.len_utf8();
                }
                let year = std::str::from_utf8(digits).ok()?.parse().ok()?;
                return (1990..=2100).contains(&year).then_some((i, len, year));
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (Kind, Option<Scope>, Option<u16>, Option<String>);

    fn read(text: &str) -> Option<Read> {
        read_title(text).map(|t| (t.kind, t.scope, t.year, t.organisation))
    }

    #[test]
    fn titles_name_kind_scope_year_and_organisation() {
        assert_eq!(read("\n\n2025 年度某县林业局部门预算公开\n\n批复时间：2025 年 2 月 10 日\n"), Some((Kind::Budget, Some(Scope::Department), Some(2025), Some("某县林业局".into()))));
        assert_eq!(read("某市统计局2024年度部门决算\n第一部分 部门概况\n"), Some((Kind::FinalAccounts, Some(Scope::Department), Some(2024), Some("某市统计局".into()))));
        assert_eq!(read("# 某区档案馆 2026 年单位预算公开说明\n"), Some((Kind::Budget, Some(Scope::Unit), Some(2026), Some("某区档案馆".into()))));
        assert_eq!(read("2026年度某镇人民政府部门（单位）预算公开\n"), Some((Kind::Budget, Some(Scope::Department), Some(2026), Some("某镇人民政府".into()))));
        assert_eq!(read("某县气象局\n2025年部门预算公开\n"), Some((Kind::Budget, Some(Scope::Department), Some(2025), Some("某县气象局".into()))));
        assert_eq!(read("某局2025年预算公开\n"), Some((Kind::Budget, None, Some(2025), Some("某局".into()))));
        assert_eq!(read("某縣文化局2024年度部門決算公開\n"), Some((Kind::FinalAccounts, Some(Scope::Department), Some(2024), Some("某縣文化局".into()))));
    }

    #[test]
    fn paragraphs_headings_and_excerpts_have_no_title() {
        // A sentence with figures, even one that names a year and a budget.
        assert_eq!(read("某县农业局2023年一般公共预算财政拨款支出1286.45万元，比上年增加112.38万元。\n"), None);
        // The body starts before any title.
        assert_eq!(read("第一部分 部门概况\n\n2025年部门预算公开\n"), None);
        assert_eq!(read("一、部门收支预算总体情况\n"), None);
        // A heading of the body, not a disclosure.
        assert_eq!(read("（三）一般公共预算支出预算\n"), None);
        assert_eq!(read(""), None);
        // A part of the body, and a table's title.
        assert_eq!(read("第二部分 部门预算表\n表1\n"), None);
        assert_eq!(read("某县林业局2025年部门预算收支总表\n"), None);
        // Too far down.
        let late = format!("{}2025年部门预算公开\n", "某段文字\n".repeat(20));
        assert_eq!(read(&late), None);
    }
}
