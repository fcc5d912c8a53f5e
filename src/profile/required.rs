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

use super::Kind;

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

impl Required {
    /// Does the line name this item?
    pub fn named_in(&self, line: &str) -> bool {
        self.names.iter().any(|words| {
            let mut rest = line;
            words.iter().all(|w| match rest.find(w) {
                Some(i) => {
                    rest = &rest[i + w.len()..];
                    true
                }
                None => false,
            })
        })
    }
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
    fn each_kind_has_nine_tables() {
        assert_eq!(BUDGET_TABLES.len(), 9);
        assert_eq!(FINAL_TABLES.len(), 9);
    }
}
