use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::facts::Measure;
use crate::message::Message;
use crate::profile::{Kind, Title};
use crate::text::{BlockKind, Span};

declare_rule! {
    /// ## What it does
    /// Flags the explanations of government procurement and of state assets
    /// given without the detail the templates require: procurement stated
    /// as a total with no split into 货物, 工程 and 服务 (and, in a 决算, no
    /// word of the contracts awarded to small and medium enterprises,
    /// 中小企业); a 国有资产占用 section with no count of vehicles (辆) or no
    /// count of equipment worth 100 万元 or more. The detail may be anywhere
    /// in the draft. Only in a whole draft (two thousand characters or more)
    /// whose title reads as a 部门/单位 预算 or 决算 disclosure.
    ///
    /// ## Why is this bad?
    /// The disclosure rules list these details item by item; inspections
    /// grade an explanation without them as not detailed enough.
    ///
    /// ## Not flagged
    /// A procurement total of zero (`本部门无政府采购预算`), a draft that
    /// names the parts anywhere (a table, another section), 中小企业 in a
    /// 预算, and an assets section that gives both counts, zero included
    /// (`共有车辆 0 辆`, `单位价值 100 万元以上设备 0 台`).
    ///
    /// ## Example
    /// ```text
    /// 2025年本部门政府采购预算总额 86.50 万元。
    /// ```
    /// Use instead: `2025年本部门政府采购预算总额 86.50 万元，其中：政府采购货物预算
    /// 36.50 万元、政府采购工程预算 0 万元、政府采购服务预算 50.00 万元。`
    ///
    /// ## Fix
    /// None: the detail is in the department's records, not in the draft.
    EXPLANATION_DETAIL, "explanation-detail", Warning, "procurement without its split into goods, works and services (and small firms' share in final accounts), or state assets without the counts of vehicles and costly equipment",
    zh: "政府采购未分货物、工程、服务（决算未说明授予中小企业合同情况），或国有资产占用未说明车辆及大型设备数量"
}

/// The parts procurement is split into, as they are named beside it (服务
/// and 工程 alone are common words).
const PROCUREMENT_PARTS: &[&str] = &["货物", "采购工程", "工程类", "工程采购", "工程预算", "工程支出", "采购服务", "服务类", "服务采购", "服务预算", "服务支出"];
/// What says the small firms' share (决算).
const SMALL_FIRMS: &[&str] = &["中小企业", "小微企业"];
/// The heading words of the assets' section.
const ASSETS: &[&str] = &["国有资产占用", "国有资产"];
/// What counts vehicles; what names equipment worth 100 万元 or more.
const VEHICLES: &[&str] = &["辆"];
const COSTLY_EQUIPMENT: &[&str] = &["100万元", "100 万元", "一百万元", "百万元以上", "单位价值", "单价"];

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    if !cx.inspection().long {
        return;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    procurement(cx, title, &has, out);
    if let Some(heading) = assets_heading(cx) {
        let mut missing = Vec::new();
        if !has(VEHICLES) {
            missing.push("车辆数量（辆）");
        }
        if !has(COSTLY_EQUIPMENT) {
            missing.push("单位价值 100 万元以上设备数量");
        }
        if !missing.is_empty() {
            out.push(Diagnostic::new(&EXPLANATION_DETAIL, heading, Message::ExplanationWithoutDetail { item: "国有资产占用情况".into(), detail: missing.join("、") }));
        }
    }
}

/// The first procurement total in prose, if the draft lacks its parts.
fn procurement(cx: &Context, title: &Title, has: &dyn Fn(&[&str]) -> bool, out: &mut Vec<Diagnostic>) {
    let mut missing = Vec::new();
    if !has(PROCUREMENT_PARTS) {
        missing.push("货物、工程、服务各类采购金额");
    }
    if title.kind == Kind::FinalAccounts && !has(SMALL_FIRMS) {
        missing.push("授予中小企业合同金额及占比");
    }
    if missing.is_empty() {
        return;
    }
    let blocks = cx.blocks();
    let total = cx.facts.figures.iter().enumerate().find(|(_, f)| {
        let b = blocks.partition_point(|bl| bl.span.end <= f.span.start);
        f.measure == Measure::Amount && !f.value.is_zero() && f.unit.is_some_and(|u| u.is_money()) && f.subject.contains("政府采购") && blocks.get(b).is_some_and(|bl| bl.kind == BlockKind::Prose)
    });
    if let Some((k, f)) = total {
        out.push(Diagnostic::new(&EXPLANATION_DETAIL, f.span, Message::ExplanationWithoutDetail { item: format!("政府采购 {}", cx.show(k)), detail: missing.join("、") }));
    }
}

/// The heading of the assets' section, trimmed: a numbered heading that
/// names state assets, with a sentence under it.
fn assets_heading(cx: &Context) -> Option<Span> {
    let text = cx.text;
    cx.blocks().iter().filter(|b| b.kind == BlockKind::Prose).find_map(|b| {
        let h = b.heading?;
        let end = text[h.marker.start..].find('\n').map_or(text.len(), |i| h.marker.start + i);
        let line = &text[h.marker.start..end];
        // A heading with a sentence under it: not a 目录's entry, nor a
        // section left to fill in.
        let body = text.get(end..b.span.end).unwrap_or_default();
        (line.chars().count() <= 30 && ASSETS.iter().any(|w| line.contains(w)) && body.contains('。')).then(|| Span::new(h.marker.start, h.marker.start + line.trim_end().len()))
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        let text = &format!("{text}\n{}", "本部门按规定公开预算信息，内容真实完整。\n".repeat(120));
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "explanation-detail").collect()
    }

    const BUDGET: &str = "2025年某县林业局部门预算公开\n\n";
    const FINAL: &str = "某县林业局2024年度部门决算公开\n\n";

    #[test]
    fn procurement_needs_its_parts_and_in_final_accounts_small_firms() {
        assert_eq!(check(&format!("{BUDGET}一、政府采购预算情况\n2025年本部门政府采购预算总额 86.50 万元。\n")).len(), 1);
        let split = "政府采购支出总额 86.50 万元，其中：政府采购货物支出 36.50 万元、政府采购工程支出 0 万元、政府采购服务支出 50.00 万元。";
        assert!(check(&format!("{BUDGET}一、政府采购预算情况\n{split}\n")).is_empty());
        assert_eq!(check(&format!("{FINAL}一、政府采购支出情况\n{split}\n")).len(), 1);
        assert!(check(&format!("{FINAL}一、政府采购支出情况\n{split}授予中小企业合同金额 80.00 万元，占政府采购支出总额的 92.49%。\n")).is_empty());
        // None: nothing to split.
        assert!(check(&format!("{BUDGET}一、政府采购预算情况\n本部门2025年无政府采购预算。\n")).is_empty());
    }

    #[test]
    fn assets_need_vehicles_and_costly_equipment() {
        let d = check(&format!("{BUDGET}二、国有资产占用情况\n截至2024年12月31日，本部门共有房屋 1200 平方米。\n"));
        assert_eq!(d.len(), 1, "{d:?}");
        let both = "截至2024年12月31日，本部门共有车辆 2 辆，其中一般公务用车 2 辆；单位价值 100 万元以上设备 0 台（套）。";
        assert!(check(&format!("{BUDGET}二、国有资产占用情况\n{both}\n")).is_empty());
        // A heading alone (a 目录's entry, a section still to write).
        assert!(check(&format!("{BUDGET}二、国有资产占用情况\n三、政府采购情况\n")).is_empty());
        // A short draft: the detail may be elsewhere.
        let short = format!("{BUDGET}二、国有资产占用情况\n本部门共有房屋 1200 平方米。\n");
        assert!(crate::analyze(&short).diagnostics.iter().all(|d| d.code != "explanation-detail"));
    }
}
