use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::message::Message;
use crate::profile::Title;

declare_rule! {
    /// ## What it does
    /// Flags a standard table or a required explanation that a whole
    /// disclosure does not contain: the nine standard tables of a 预算 (收支总表
    /// … 国有资本经营预算支出表) or of a 决算 (收入支出决算总表 …), and the
    /// explanations of 部门职责及机构设置, 机关运行经费, 政府采购, 国有资产占用,
    /// 绩效 and 名词解释. An item is found under any of its local names, in a
    /// heading, a table's title or an entry of the 目录; the list of items and
    /// names is data (`src/profile/required.rs`), and `gouji.toml` can drop
    /// items of it or add a region's own (`[required]`), or say what the
    /// drafts are when their titles do not (`profile = "预算"`). One
    /// diagnostic per missing item, on the title.
    ///
    /// ## Why is this bad?
    /// Completeness is the first count inspections grade: a disclosure
    /// without one of its standard tables or required explanations fails it,
    /// whatever the quality of the rest. A department with nothing to report
    /// under an item still publishes it (an empty table with its note, or a
    /// sentence that it has none).
    ///
    /// ## Not flagged
    /// A draft whose title does not read as a 部门/单位 预算 or 决算
    /// disclosure, and a draft too short or with too few of the required
    /// items to be a whole disclosure (an excerpt, a single section): the
    /// rule judges complete documents only. An item named in the 目录 counts
    /// as present (its tables may be published beside the text), and a text
    /// with none of its tables is the explanation alone: no table of it is
    /// missing. A table is found by its title, which says 表 (a section's
    /// heading with the same words is not the table).
    ///
    /// ## Example
    /// A 预算 disclosure with no 政府采购 section and no 国有资本经营预算支出表.
    /// Add the section (`政府采购支出预算情况说明`) and the table, empty with
    /// its note if the department has no such fund.
    ///
    /// ## Fix
    /// None: the content is the department's.
    MISSING_SECTION, "missing-section", Warning, "a whole disclosure lacks one of its standard tables or required explanations",
    zh: "完整的公开文稿缺少规定的公开表格或说明内容"
}

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    let Some(completeness) = cx.inspection().completeness.as_ref().filter(|c| c.whole) else { return };
    let kind = title.kind.label().to_string();
    for item in completeness.items.iter().filter(|i| i.at.is_none() && (completeness.tables || !i.table)) {
        let message = if item.table { Message::MissingTable { table: item.name.clone(), kind: kind.clone() } } else { Message::MissingExplanation { section: item.name.clone(), kind: kind.clone() } };
        out.push(Diagnostic::new(&MISSING_SECTION, title.span, message).note(Message::RequiredByRules));
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "missing-section").collect()
    }

    const BODY: &[&str] = &[
        "第一部分 部门概况", "一、主要职责", "二、机构设置", "第二部分 预算情况说明", "一、收支预算总体情况", "二、机关运行经费", "三、政府采购情况", "四、国有资产占用情况", "五、预算绩效情况",
        "第三部分 名词解释", "第四部分 预算表", "一、部门收支总表", "二、部门收入总表", "三、部门支出总表", "四、财政拨款收支总表", "五、一般公共预算支出表", "六、一般公共预算基本支出表",
        "七、一般公共预算“三公”经费支出表", "八、政府性基金预算支出表", "九、国有资本经营预算支出表",
    ];

    fn draft(title: &str, leave_out: &[&str]) -> String {
        let filler = "本部门按规定公开预算信息，内容真实完整。\n".repeat(120);
        let body: Vec<&str> = BODY.iter().copied().filter(|l| !leave_out.iter().any(|o| l.contains(o))).collect();
        format!("{title}\n\n{}\n\n{filler}", body.join("\n\n"))
    }

    #[test]
    fn every_item_present_is_silent() {
        assert!(check(&draft("2025年某县林业局部门预算公开", &[])).is_empty());
    }

    #[test]
    fn a_missing_table_and_section_are_named_on_the_title() {
        let d = check(&draft("2025年某县林业局部门预算公开", &["政府采购", "国有资本经营"]));
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| d.span.start == 0));
    }

    #[test]
    fn a_section_heading_is_not_the_table_of_the_same_words() {
        // The fund's explanation is there; its table is not.
        let mut d = draft("2025年某县林业局部门预算公开", &["国有资本经营"]);
        d.push_str("\n十、国有资本经营预算支出情况说明\n本部门无国有资本经营预算支出。\n");
        let d = check(&d);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(matches!(&d[0].message, crate::Message::MissingTable { table, .. } if table.contains("国有资本经营")), "{d:?}");
    }

    #[test]
    fn an_explanation_without_any_table_is_not_missing_its_tables() {
        // The tables are published beside the text: only the explanations are judged.
        assert!(check(&draft("2025年某县林业局部门预算公开", &["表"])).is_empty());
        let d = check(&draft("2025年某县林业局部门预算公开", &["表", "政府采购"]));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(matches!(&d[0].message, crate::Message::MissingExplanation { section, .. } if section == "政府采购"), "{d:?}");
    }

    #[test]
    fn excerpts_and_short_drafts_are_silent() {
        // Too short.
        assert!(check("2025年某县林业局部门预算公开\n\n一、政府采购情况\n本部门无政府采购。\n").is_empty());
        // Long, but only a part of a disclosure.
        let part = format!("2025年某县林业局部门预算公开\n\n一、政府采购情况\n{}", "本部门按规定公开预算信息，内容真实完整。\n".repeat(120));
        assert!(check(&part).is_empty());
        // No title.
        let d = draft("", &["政府采购"]);
        assert!(check(&d).is_empty());
    }
}
