use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::facts::Measure;
use crate::message::Message;
use crate::profile::{Kind, Title};
use crate::text::BlockKind;

declare_rule! {
    /// ## What it does
    /// Flags an item of the “三公”经费 stated in the text without the detail
    /// inspections require: 公务用车购置及运行维护费 not split into the
    /// 购置费 and the 运行维护费 anywhere in the draft; and, in a 决算, the
    /// 因公出国（境）费 with no number of groups or people (团组、人次), the
    /// 公务用车 with no number of cars (辆: 购置数、保有量), and the 公务接待费
    /// with no number of receptions or guests (批次、人次). Only for an
    /// amount other than zero, in a draft whose title reads as a 部门/单位
    /// 预算 or 决算 disclosure.
    ///
    /// ## Why is this bad?
    /// The disclosure rules ask for the “三公”经费 in detail: the two parts
    /// of the cars' cost, and in a 决算 the counts behind each item. A total
    /// alone is graded as not detailed enough.
    ///
    /// ## Not flagged
    /// A short draft or an excerpt (the detail may be in a part not shown);
    /// an item of zero; the detail given anywhere in the draft, in a
    /// sentence or a table; figures in tables (the text is judged).
    ///
    /// ## Example
    /// ```text
    /// 公务用车购置及运行维护费 6 万元，比上年减少 1 万元，主要原因是…
    /// ```
    /// Use instead: `公务用车购置及运行维护费 6 万元，其中：公务用车购置费 0 万元，公务用车运行维护费 6 万元…`
    ///
    /// ## Fix
    /// None: the detail is the department's.
    THREE_PUBLIC_DETAIL, "three-public-detail", Warning, "an item of the three public expenses without the detail required: the cars' two parts, and in final accounts the counts",
    zh: "“三公”经费分项未按要求细化：公务用车未分列购置费和运行维护费，决算未列团组、人次、车辆数、接待批次"
}

/// The cars' item, as its combined name is written; the words of its parts.
const CAR_ITEM: &[&str] = &["公务用车购置及运行维护费", "公务用车购置及运行费", "公务用车购置和运行维护费", "公务用车购置及运维费", "公务用车购置及运行维护"];
const CAR_PURCHASE: &[&str] = &["购置"];
const CAR_RUNNING: &[&str] = &["运行维护", "运行费", "运维费", "运行经费"];

/// In a 决算: each item, the words naming it in a figure's subject, the
/// counters that detail it (any one found in the draft is enough), and
/// the detail a message asks for.
const FINAL_COUNTS: &[(&str, &[&str], &str)] = &[
    ("因公出国", &["人次", "团组", "个团", "人数"], "出国（境）团组数及人次"),
    ("公务用车", &["辆"], "公务用车购置数及保有量（辆）"),
    ("公务接待", &["批次", "人次"], "公务接待批次及人次"),
];

/// Whether `word` (a part of the cars' cost) is written somewhere other
/// than inside the cars' combined name.
fn named_apart(text: &str, word: &str) -> bool {
    let inside = |at: usize| {
        CAR_ITEM.iter().any(|item| item.match_indices(word).any(|(o, _)| at.checked_sub(o).and_then(|from| text.get(from..)).is_some_and(|t| t.starts_with(item))))
    };
    text.match_indices(word).any(|(at, _)| !inside(at))
}

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    // The detail may be anywhere (a table, another part): an excerpt or a
    // short draft may simply not show it.
    if !cx.inspection().long {
        return;
    }
    // The parts named outside the cars' combined name, or not.
    let split = CAR_PURCHASE.iter().any(|w| named_apart(text, w)) && CAR_RUNNING.iter().any(|w| named_apart(text, w));
    let blocks = cx.blocks();
    let mut said = [false; 4];
    for (k, f) in cx.facts.figures.iter().enumerate() {
        if f.measure != Measure::Amount || f.value.is_zero() || !f.unit.is_some_and(|u| u.is_money()) {
            continue;
        }
        let b = blocks.partition_point(|bl| bl.span.end <= f.span.start);
        if blocks.get(b).is_none_or(|bl| bl.kind != BlockKind::Prose) {
            continue;
        }
        let subject = &f.subject;
        if !split && !said[0] && CAR_ITEM.iter().any(|w| subject.contains(w)) {
            said[0] = true;
            out.push(Diagnostic::new(&THREE_PUBLIC_DETAIL, f.span, Message::ThreePublicWithoutDetail { item: "公务用车购置及运行维护费".into(), figure: cx.show(k), detail: "公务用车购置费和公务用车运行维护费".into() }));
        }
        if title.kind != Kind::FinalAccounts {
            continue;
        }
        for (i, &(item, counters, detail)) in FINAL_COUNTS.iter().enumerate() {
            if said[i + 1] || !subject.contains(item) || counters.iter().any(|c| text.contains(c)) {
                continue;
            }
            said[i + 1] = true;
            let name = subject.rfind(item).map_or(item, |at| &subject[at..]);
            out.push(Diagnostic::new(&THREE_PUBLIC_DETAIL, f.span, Message::ThreePublicWithoutDetail { item: name.to_string(), figure: cx.show(k), detail: detail.into() }));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        let text = &format!("{text}\n{}", "本部门按规定公开预算信息，内容真实完整。\n".repeat(120));
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "three-public-detail").collect()
    }

    #[test]
    fn the_cars_need_their_two_parts() {
        let t = "2025年某县林业局部门预算公开\n\n一、“三公”经费预算情况\n公务用车购置及运行维护费 6 万元，与上年持平。\n";
        assert_eq!(check(t).len(), 1);
        let t = "2025年某县林业局部门预算公开\n\n一、“三公”经费预算情况\n公务用车购置及运行维护费 6 万元，其中：公务用车购置费 0 万元，公务用车运行维护费 6 万元。\n";
        assert!(check(t).is_empty());
    }

    #[test]
    fn a_part_inside_the_combined_name_is_not_named_apart() {
        let combined = "公务用车购置及运行维护费 6 万元";
        assert!(!super::named_apart(combined, "购置"));
        assert!(!super::named_apart(combined, "运行维护"));
        assert!(super::named_apart(&format!("{combined}，其中购置费 0 万元"), "购置"));
        assert!(super::named_apart("运行维护费 6 万元，公务用车购置及运行维护费 6 万元", "运行维护"));
    }

    #[test]
    fn final_accounts_need_their_counts() {
        let t = "某县林业局2024年度部门决算公开\n\n一、“三公”经费决算情况\n公务接待费 2.5 万元，与上年持平。\n";
        assert_eq!(check(t).len(), 1);
        let t = "某县林业局2024年度部门决算公开\n\n一、“三公”经费决算情况\n公务接待费 2.5 万元，共接待 12 批次 96 人次。\n";
        assert!(check(t).is_empty());
        // In a 预算, no counts are asked for.
        let t = "2025年某县林业局部门预算公开\n\n一、“三公”经费预算情况\n公务接待费 2.5 万元，与上年持平。\n";
        assert!(check(t).is_empty());
        // No title; and a short draft.
        assert!(check("公务用车购置及运行维护费 6 万元，与上年持平。\n").is_empty());
        let short = "2025年某县林业局部门预算公开\n\n公务用车购置及运行维护费 6 万元，与上年持平。\n";
        assert!(crate::analyze(short).diagnostics.iter().all(|d| d.code != "three-public-detail"));
    }
}
