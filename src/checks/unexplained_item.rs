use std::collections::BTreeMap;

use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::message::Message;
use crate::profile::Title;
use crate::text::{BlockKind, Span};

declare_rule! {
    /// ## What it does
    /// Flags a 项 (a seven-digit functional code) of the general-budget
    /// spending table that has an amount but is not named in the
    /// explanation, when the explanation goes through the table item by
    /// item: it names at least three of the table's 项 and at least half of
    /// them. Only in a draft whose title reads as a 部门/单位 预算 or 决算
    /// disclosure.
    ///
    /// ## Why is this bad?
    /// The disclosure rules ask the explanation of general-budget spending
    /// to go down to 项级, each 项 with its amount (and in a 决算, why its
    /// spending differs from the 年初预算). A draft that explains some 项
    /// and skips others is graded as not detailed enough, and the 项
    /// skipped are often the ones added or moved late.
    ///
    /// ## Not flagged
    /// A 项 with no amount in the table, a table whose 项 the explanation
    /// does not go through one by one (it explains by 类, or not at all), a
    /// 项 named anywhere in the prose (in a list with others, or with its
    /// 款 and 类: `医疗保障管理事务（款）行政运行（项）`), and tables of
    /// other spending (basic spending, the “三公”, the funds).
    ///
    /// ## Example
    /// ```text
    /// 一般公共预算支出表
    /// 2080505 机关事业单位基本养老保险缴费支出 52.30
    /// 2101101 行政单位医疗 21.40
    /// …
    /// 1.机关事业单位基本养老保险缴费支出（项）52.30 万元……
    /// ```
    /// Add the explanation of `行政单位医疗（项）`.
    ///
    /// ## Fix
    /// None: only the department can say what the money was for.
    UNEXPLAINED_ITEM, "unexplained-item", Warning, "a sub-item (seven-digit code) of the general-budget spending table left out of an explanation that goes through the others",
    zh: "一般公共预算支出表中的项级科目在逐项说明中被遗漏"
}

/// More 项 than any department spends on: not a department's table, and
/// each 项 is looked for in the whole text.
const MAX_ITEMS: usize = 400;

/// An explanation that names fewer of the table's 项 goes by 类 or 款, not by 项.
const MIN_NAMED: usize = 3;

pub fn check(cx: &Context, _title: &Title, out: &mut Vec<Diagnostic>) {
    let items = items(cx);
    if !(MIN_NAMED..=MAX_ITEMS).contains(&items.len()) {
        return;
    }
    let prose = prose(cx);
    let named = |name: &str| named_in(&prose, name);
    let explained = items.values().filter(|i| named(&i.name)).count();
    if explained < MIN_NAMED || explained * 2 < items.len() {
        return;
    }
    for (code, item) in &items {
        if !named(&item.name) {
            out.push(Diagnostic::new(
                &UNEXPLAINED_ITEM,
                item.figure,
                Message::ItemNotExplained { table: item.table.clone(), code: code.clone(), name: item.name.clone(), explained, of: items.len() },
            ));
        }
    }
}

/// A 项 of the table, as printed: its name, the table and its first figure.
struct Item {
    name: String,
    table: String,
    figure: Span,
}

/// Is the table one of general-budget spending by functional class?
fn is_general_spending(title: &str) -> bool {
    title.contains("支出")
        && (title.contains("一般公共预算") || title.contains("财政拨款"))
        && !["基本支出", "三公", "收支", "收入支出", "政府性基金", "国有资本", "项目支出", "经济分类"].iter().any(|w| title.contains(w))
}

/// The 项 with an amount other than zero of every general-budget spending
/// table, by code (one entry for a 项 printed in several tables).
fn items(cx: &Context) -> BTreeMap<String, Item> {
    let facts = cx.facts;
    let mut items = BTreeMap::new();
    for cell in &facts.cells {
        let table = &facts.tables[cell.table];
        if !is_general_spending(&table.title) || facts.figures[cell.figure].value.is_zero() {
            continue;
        }
        let row = &table.rows[cell.row];
        let Some(code) = row.code.as_deref().filter(|c| c.len() == 7 && c.starts_with('2') && c.bytes().all(|b| b.is_ascii_digit())) else { continue };
        if row.name.chars().count() < 2 {
            continue;
        }
        items.entry(code.to_string()).or_insert_with(|| Item { name: row.name.to_string(), table: table.title.clone(), figure: facts.figures[cell.figure].span });
    }
    items
}

/// The text of the prose blocks, without spaces or line ends (a name may
/// be broken over two lines).
fn prose(cx: &Context) -> String {
    cx.blocks().iter().filter(|b| b.kind == BlockKind::Prose).flat_map(|b| cx.text[b.span.range()].chars()).filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// Is the 项 named: its name, its name without a closing `支出` or `费`
/// (`行政单位医疗` for `行政单位医疗支出`), or the first [`NAME_HEAD_CHARS`]
/// characters of a long one (a name the table wrapped or the text shortened)?
fn named_in(prose: &str, name: &str) -> bool {
    let short = name.strip_suffix("支出").or_else(|| name.strip_suffix("费")).filter(|s| s.chars().count() >= 2);
    let head = name.char_indices().nth(NAME_HEAD_CHARS).map(|(i, _)| &name[..i]);
    [Some(name), short, head].into_iter().flatten().any(|n| prose.contains(n))
}

/// How many characters of a long name are enough to name it.
const NAME_HEAD_CHARS: usize = 6;

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "unexplained-item").collect()
    }

    const TABLE: &str = "一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n2080505\t机关事业单位基本养老保险缴费支出\t52.30\n2101101\t行政单位医疗\t21.40\n2130301\t行政运行\t310.10\n2130306\t森林资源培育\t0\n2210201\t住房公积金\t30.20\n";

    fn draft(explained: &[&str]) -> String {
        let mut t = format!("2025年某县林业局部门预算公开\n\n{TABLE}\n三、一般公共预算支出情况说明\n");
        for (i, e) in explained.iter().enumerate() {
            t.push_str(&format!("{}.{e}（项）安排资金，用于保障相关工作。\n", i + 1));
        }
        t
    }

    #[test]
    fn a_sub_item_skipped_in_an_item_by_item_explanation_is_flagged() {
        let t = draft(&["机关事业单位基本养老保险缴费支出", "行政运行", "住房公积金"]);
        let d = check(&t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&t[d[0].span.range()], "21.40");
    }

    #[test]
    fn explanations_by_class_items_without_amounts_and_names_in_lists_are_not() {
        // Every 项 with an amount named (森林资源培育 has none), some in one list.
        assert!(check(&draft(&["机关事业单位基本养老保险缴费支出", "行政运行", "行政单位医疗、住房公积金"])).is_empty());
        // Two named: not an explanation by 项.
        assert!(check(&draft(&["行政运行", "住房公积金"])).is_empty());
        // A name broken over two lines.
        let t = draft(&["机关事业单位基本养老保险缴费支出", "行政运行", "住房公积金"]).replace("三、", "行政单位医\n疗支出安排 21.40 万元。\n三、");
        assert!(check(&t).is_empty());
        // No title.
        let t = draft(&["机关事业单位基本养老保险缴费支出", "行政运行", "住房公积金"]);
        assert!(check(&t[t.find('\n').map_or(0, |i| i + 1)..]).is_empty());
    }
}
