//! Table vocabulary beyond [`crate::vocab`]'s: the local forms of titles and
//! headings met in disclosures of other regions and years. Data, not code.

use crate::vocab::ColumnRole;

/// More column headings, read with [`crate::vocab::TABLE_COLUMNS`] (as
/// printed, canonical name, role).
pub const MORE_COLUMNS: &[(&str, &str, ColumnRole)] = &[
    // `科目 一般公共预算支出` over `科目编码 科目名称 合计…`.
    ("科目", "科目", ColumnRole::Label),
    ("年初预算", "年初预算数", ColumnRole::Caption),
    ("调整预算数", "调整预算数", ColumnRole::Caption),
    ("调整后预算数", "调整预算数", ColumnRole::Caption),
    ("调整预算", "调整预算数", ColumnRole::Caption),
    ("全年预算数", "调整预算数", ColumnRole::Caption),
    ("决算数", "决算数", ColumnRole::Caption),
    ("上年决算数", "上年决算数", ColumnRole::Caption),
    ("上年数", "上年预算数", ColumnRole::Caption),
    ("本年数", "本年预算数", ColumnRole::Caption),
    ("上年执行数", "上年执行数", ColumnRole::Caption),
    ("执行数", "决算数", ColumnRole::Caption),
    ("增减额", "增减", ColumnRole::Change),
    ("增（减）额", "增减", ColumnRole::Change),
    ("增减幅度", "增减率", ColumnRole::Ratio),
    ("增（减）率", "增减率", ColumnRole::Ratio),
    ("完成预算", "完成率", ColumnRole::Ratio),
];

/// Local title endings and their standard form, tried in order on the end
/// of a title: `部门收支总体情况表` is the `部门收支总表`,
/// `一般公共预算支出情况表` the `一般公共预算支出表`.
pub const TITLE_FORMS: &[(&str, &str)] = &[
    ("总体情况表", "总表"),
    ("预算总表", "总表"),
    ("情况表", "表"),
    ("支出预算表", "支出表"),
    ("收入预算表", "收入表"),
    ("明细表", "表"),
    ("预算财政拨款基本支出表", "预算基本支出表"),
    ("预算财政拨款支出表", "预算支出表"),
];

/// Rows of the “三公” table printed as rows (项目 | 预算数 | …): the name
/// of each item and its canonical subject.
pub const THREE_PUBLIC_ROWS: &[(&str, &str)] = &[
    ("合计", "“三公”经费"),
    ("“三公”经费合计", "“三公”经费"),
    ("“三公”经费", "“三公”经费"),
    ("因公出国（境）费", "因公出国（境）费"),
    ("因公出国(境)费", "因公出国（境）费"),
    ("因公出国（境）费用", "因公出国（境）费"),
    ("公务用车购置及运行费", "公务用车购置及运行费"),
    ("公务用车购置及运行维护费", "公务用车购置及运行费"),
    ("公务用车购置费", "公务用车购置费"),
    ("公务用车运行费", "公务用车运行费"),
    ("公务用车运行维护费", "公务用车运行费"),
    ("公务接待费", "公务接待费"),
];

/// A column heading: as printed, canonical name, role.
pub(crate) type Column = (&'static str, &'static str, ColumnRole);

/// The column headings of [`crate::vocab::TABLE_COLUMNS`] and
/// [`MORE_COLUMNS`], indexed by their first character (in their order, so
/// that the longest match is the one a scan of both lists finds).
struct ColumnIndex {
    by_first: std::collections::HashMap<char, Vec<Column>>,
}

fn column_index() -> &'static ColumnIndex {
    static INDEX: std::sync::OnceLock<ColumnIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_first: std::collections::HashMap<char, Vec<Column>> = std::collections::HashMap::new();
        for &column in crate::vocab::TABLE_COLUMNS.iter().chain(MORE_COLUMNS) {
            if let Some(c) = column.0.chars().next() {
                by_first.entry(c).or_default().push(column);
            }
        }
        ColumnIndex { by_first }
    })
}

/// The longest column heading `text` starts with (the last of equally
/// long ones, as `max_by_key` over both lists gives).
pub(crate) fn column_at(text: &str) -> Option<Column> {
    let first = text.chars().next()?;
    column_index().by_first.get(&first)?.iter().filter(|(w, _, _)| text.starts_with(w)).max_by_key(|(w, _, _)| w.len()).copied()
}
