//! What a disclosure must contain, as data: the standard tables of a 预算
//! and of a 决算 (the sets differ), and the explanations every disclosure
//! gives, each with the local names it goes by.
//!
//! An item is found when any of its names is written on a short line of the
//! draft (a heading, a table's title, an entry of the 目录): names are
//! matched as words inside the line, so a longer local title
//! (`部门收支总体情况表`, `一般公共预算“三公”经费支出预算表`) is found by
//! its core words. A name that is too short to be safe is not listed: an
//! item whose names are all missed is reported, so every name here errs on
//! the side of finding the item.

use serde::Deserialize;

use super::Kind;
use crate::text::Span;

/// An item a disclosure must contain.
#[derive(Debug, Clone, Copy)]
pub struct Required {
    /// Its name in messages, as the national template calls it.
    pub name: &'static str,
    /// Whether it is a table (else a section of the text).
    pub table: bool,
    /// The words that name it in a heading, title or 目录 entry; any one
    /// found is enough. Each alternative is a list of words that must all
    /// be in the line, in order (`["一般公共预算", "基本支出"]`).
    pub names: &'static [&'static [&'static str]],
}

const fn table(name: &'static str, names: &'static [&'static [&'static str]]) -> Required {
    Required { name, table: true, names }
}

const fn section(name: &'static str, names: &'static [&'static [&'static str]]) -> Required {
    Required { name, table: false, names }
}

/// The nine standard tables of a 部门预算 (财政部 template), with their
/// local titles' core words.
pub const BUDGET_TABLES: &[Required] = &[
    table("部门收支总表", &[&["收支总表"], &["收入支出总表"], &["收支预算总表"], &["收支总体情况表"], &["收支", "总表"]]),
    table("部门收入总表", &[&["收入总表"], &["收入预算总表"], &["收入预算表"], &["收入", "总体情况表"], &["收入表"]]),
    table("部门支出总表", &[&["支出总表"], &["支出预算总表"], &["支出预算表"], &["支出", "总体情况表"], &["支出表"]]),
    table("财政拨款收支总表", &[&["财政拨款收支"], &["财政拨款收入支出"]]),
    table("一般公共预算支出表", &[&["一般公共预算", "支出"]]),
    table("一般公共预算基本支出表", &[&["基本支出", "表"], &["基本支出预算"], &["基本支出情况"]]),
    table("一般公共预算“三公”经费支出表", &[&["三公"]]),
    table("政府性基金预算支出表", &[&["政府性基金"]]),
    table("国有资本经营预算支出表", &[&["国有资本经营"]]),
];

/// The nine standard tables of a 部门决算.
pub const FINAL_TABLES: &[Required] = &[
    table("收入支出决算总表", &[&["收入支出决算"], &["收支决算"], &["收支总表"], &["收入支出总表"]]),
    table("收入决算表", &[&["收入决算"], &["收入总表"], &["收入表"]]),
    table("支出决算表", &[&["支出决算"], &["支出总表"], &["支出表"]]),
    table("财政拨款收入支出决算总表", &[&["财政拨款收入支出"], &["财政拨款收支"]]),
    table("一般公共预算财政拨款支出决算表", &[&["一般公共预算", "支出"]]),
    table("一般公共预算财政拨款基本支出决算表", &[&["基本支出", "表"], &["基本支出决算"], &["基本支出情况"]]),
    table("财政拨款“三公”经费支出决算表", &[&["三公"]]),
    table("政府性基金预算财政拨款收入支出决算表", &[&["政府性基金"]]),
    table("国有资本经营预算财政拨款支出决算表", &[&["国有资本经营"]]),
];

/// The explanations every disclosure gives, 预算 and 决算 alike.
pub const SECTIONS: &[Required] = &[
    section("部门职责及机构设置", &[&["职责"], &["职能"], &["机构设置"], &["部门概况"], &["单位概况"], &["基本情况"]]),
    section("机关运行经费", &[&["运行经费"]]),
    section("政府采购", &[&["政府采购"]]),
    section("国有资产占用", &[&["国有资产"], &["资产占用"]]),
    section("绩效目标或绩效自评", &[&["绩效"]]),
    section("名词解释", &[&["名词解释"], &["名词说明"], &["术语解释"], &["名词注释"], &["专业名词"]]),
];

/// What a disclosure of this kind must contain: its tables, then its
/// explanations.
pub fn required(kind: Kind) -> impl Iterator<Item = &'static Required> {
    let tables = match kind {
        Kind::Budget => BUDGET_TABLES,
        Kind::FinalAccounts => FINAL_TABLES,
    };
    tables.iter().chain(SECTIONS)
}

/// Every item of the national sets, of both kinds: the names `drop` may give.
pub fn every_name() -> impl Iterator<Item = &'static str> {
    BUDGET_TABLES.iter().chain(FINAL_TABLES).chain(SECTIONS).map(|r| r.name)
}

impl Required {
    /// Does the line name this item?
    pub fn named_in(&self, line: &str) -> bool {
        self.names.iter().any(|words| in_order(line, words.iter().copied()))
    }
}

/// Are the words all in the line, in this order?
fn in_order<'w>(line: &str, words: impl IntoIterator<Item = &'w str>) -> bool {
    let mut rest = line;
    words.into_iter().all(|w| match rest.find(w) {
        Some(i) => {
            rest = &rest[i + w.len()..];
            true
        }
        None => false,
    })
}

/// `[required]` in `gouji.toml`: a region's amendments to the national set.
///
/// ```toml
/// [required]
/// drop = ["名词解释"]              # items of the national set not required here
/// [[required.add]]                 # an item the region requires besides
/// name = "重点项目绩效目标"
/// names = ["重点项目 绩效", "项目支出绩效目标"]  # words in order, any one line; the name when omitted
/// table = false                    # a table (true) or an explanation (the default)
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amend {
    /// Items of the national set (by their names in [`required`]) not required.
    #[serde(default)]
    pub drop: Vec<String>,
    #[serde(default)]
    pub add: Vec<Extra>,
}

/// An item a region requires beyond the national set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extra {
    pub name: String,
    /// The ways a heading may name it: each the words it must hold, in
    /// order, separated by spaces. The item's name itself when empty.
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub table: bool,
}

impl Extra {
    fn named_in(&self, line: &str) -> bool {
        if self.names.is_empty() {
            return line.contains(self.name.as_str());
        }
        self.names.iter().any(|n| in_order(line, n.split_whitespace()))
    }
}

/// A draft shorter than this (in characters) is an excerpt, not a whole
/// disclosure.
pub const WHOLE_MIN_CHARS: usize = 2000;
/// A draft with fewer of its required items than this (or than all but
/// one, when fewer are judged) is an excerpt or a single part.
const WHOLE_MIN_FOUND: usize = 8;
/// Only the head of a line is read for a name (a heading, a title, a 目录
/// entry), up to its first sentence mark and at most this many characters.
const HEAD_MAX_CHARS: usize = 40;

/// What a draft holds of the items its kind requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    /// The kind of disclosure the items are those of.
    pub kind: Kind,
    /// Whether the draft reads as a whole disclosure (long enough, with
    /// enough of its items), not an excerpt: only then is a missing item
    /// missing.
    pub whole: bool,
    /// Whether the draft holds any of its tables: a text that holds none
    /// is the explanation alone, its tables published beside it, and no
    /// table of it is missing.
    pub tables: bool,
    /// Every item required, in order (tables, explanations, then the
    /// region's), with the first line that names it.
    pub items: Vec<Found>,
}

/// An item required, and where the draft names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub table: bool,
    /// The head of the first line that names it (a heading, a title, a 目录 entry).
    pub at: Option<Span>,
}

/// Reads which items a disclosure of `kind`, as `amend` changes the national
/// set, holds: each looked for in the heads of the draft's lines. `long`:
/// whether the draft is long enough to be whole (see [`super::Inspection`]).
pub fn completeness(text: &str, kind: Kind, amend: &Amend, long: bool) -> Completeness {
    let heads = heads(text);
    let first = |named: &dyn Fn(&str) -> bool| heads.iter().find(|(_, h)| named(h)).map(|&(at, h)| Span::new(at, at + h.len()));
    // A table is named by its title (or its 目录 entry), which says 表: a
    // section's heading with the same words (`政府性基金预算支出情况说明`)
    // is not the table.
    let titled = |table: bool, h: &str| !table || h.contains('表');
    let national = required(kind).filter(|r| !amend.drop.iter().any(|d| d == r.name));
    let mut items: Vec<Found> = national.map(|r| Found { name: r.name.to_string(), table: r.table, at: first(&|h| titled(r.table, h) && r.named_in(h)) }).collect();
    items.extend(amend.add.iter().map(|e| Found { name: e.name.clone(), table: e.table, at: first(&|h| titled(e.table, h) && e.named_in(h)) }));
    let tables = items.iter().any(|i| i.table && i.at.is_some());
    // Whole: long, with most of what is judged (the explanations alone when
    // no table is there) found.
    let judged = items.iter().filter(|i| tables || !i.table);
    let (count, found) = judged.fold((0usize, 0usize), |(n, f), i| (n + 1, f + usize::from(i.at.is_some())));
    let whole = found >= WHOLE_MIN_FOUND.min(count.saturating_sub(1)) && found > 0 && long;
    Completeness { kind, whole, tables, items }
}

/// The heads of the draft's lines a name may be in, with where each starts:
/// a line up to its first sentence mark, when short.
fn heads(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    let mut out = Vec::new();
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        let from = start + (line.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        let end = trimmed.find(['。', '；', ';', '，', ',', '：', ':']).unwrap_or(trimmed.len());
        let head = &trimmed[..end];
        if !head.is_empty() && head.chars().count() <= HEAD_MAX_CHARS {
            out.push((from, head));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_titles_are_found_by_their_core_words() {
        let find = |kind, line: &str| required(kind).filter(|r| r.named_in(line)).map(|r| r.name).collect::<Vec<_>>();
        assert!(find(Kind::Budget, "表7 一般公共预算“三公”经费支出预算表").contains(&"一般公共预算“三公”经费支出表"));
        assert!(find(Kind::FinalAccounts, "政府性基金预算财政拨款收入支出决算表").contains(&"政府性基金预算财政拨款收入支出决算表"));
        assert!(find(Kind::Budget, "十一、机构运行经费支出预算情况说明").contains(&"机关运行经费"));
        assert!(find(Kind::Budget, "第三部分 名词解释").contains(&"名词解释"));
        assert!(find(Kind::Budget, "某段与上述无关的文字").is_empty());
    }

    #[test]
    fn a_region_drops_and_adds_items() {
        let amend = Amend { drop: vec!["名词解释".into()], add: vec![Extra { name: "重点项目绩效目标".into(), names: vec!["重点项目 绩效".into()], table: false }] };
        let text = "一、重点项目支出绩效目标\n二、政府采购情况\n";
        let c = completeness(text, Kind::Budget, &amend, true);
        assert!(!c.items.iter().any(|i| i.name == "名词解释"));
        let added = c.items.iter().find(|i| i.name == "重点项目绩效目标").and_then(|i| i.at);
        assert_eq!(added.map(|s| &text[s.range()]), Some("一、重点项目支出绩效目标"));
        assert!(c.items.iter().find(|i| i.name == "政府采购").is_some_and(|i| i.at.is_some()));
        assert!(!c.whole, "two items found are not a whole disclosure, however long");
    }

    #[test]
    fn each_kind_has_nine_tables() {
        assert_eq!(BUDGET_TABLES.len(), 9);
        assert_eq!(FINAL_TABLES.len(), 9);
    }
}
