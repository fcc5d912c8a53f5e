use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::profile::Title;
use crate::text::{is_heading_lead, Span};

declare_rule! {
    /// ## What it does
    /// Flags a heading or a table's title that names the other kind of
    /// disclosure: `二、收入支出预算总体情况` or `部门收支预算总表` in a
    /// 决算, `一般公共预算财政拨款支出决算情况` in a 预算. The words that hold
    /// 预算 in every 决算 are set aside first: the funds' names (`一般公共预算`,
    /// `政府性基金预算`, `国有资本经营预算`), `年初预算`, `调整预算`, `预算数`,
    /// `预算执行`, `预算完成`, `预算单位`, `预算绩效`, `预决算`. Only in a draft
    /// whose title reads as a 部门/单位 预算 or 决算 disclosure.
    ///
    /// ## Why is this bad?
    /// A 决算 is often drafted from the department's 预算 of the same year,
    /// and a heading left with the budget's words says the draft was not
    /// read again; a reader cannot tell which figures are planned and which
    /// are spent. Inspections grade it with the wrong year.
    ///
    /// ## Not flagged
    /// Sentences (a 决算 compares its spending with the 年初预算 throughout),
    /// headings that name both kinds (`预算与决算对比情况`), and a draft whose
    /// title reads as neither.
    ///
    /// ## Example
    /// ```text
    /// 某县林业局2024年度部门决算公开
    /// …
    /// 二、收入支出预算总体情况
    /// ```
    /// Use instead: `二、收入支出决算总体情况`
    ///
    /// ## Fix
    /// The word is replaced by the title's kind, for review: the title may be
    /// the one that is wrong.
    WRONG_KIND, "wrong-kind", Warning, "a heading or table title naming the other kind of disclosure (budget words in final accounts, or the reverse)",
    zh: "标题或表名使用了另一类公开的用语（决算中写作预算，或预算中写作决算）"
}

/// A line longer than this (in characters) is not a heading.
const HEADING_MAX_CHARS: usize = 40;

/// Words holding 预算 or 决算 that name something else than the
/// disclosure: the funds, the budget a 决算 is measured against, the
/// two kinds together. Set aside before a heading is judged.
const SET_ASIDE: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
    "年初预算",
    "调整预算",
    "预算调整",
    "追加预算",
    "预算数",
    "预算执行",
    "预算完成",
    "完成预算",
    "预算单位",
    "预算管理",
    "预算绩效",
    "绩效预算",
    "预算批复",
    "预决算",
    "決算數",
    "决算数",
    "上年决算",
];

/// Words that make a heading a comparison of the two kinds.
const COMPARING: &[&str] = &["对比", "比较", "与预算", "与决算", "和预算", "和决算", "预算与", "决算与"];

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    let (wrong, right) = (title.kind.other().label(), title.kind.label());
    for line in heading_lines(cx) {
        if line.range().contains(&title.span.start) || title.span.range().contains(&line.start) {
            continue;
        }
        let words = &cx.text[line.range()];
        if COMPARING.iter().any(|w| words.contains(w)) {
            continue;
        }
        let own = |word: &str| occurrences(words, word).collect::<Vec<_>>();
        let (wrongs, rights) = (own(wrong), own(right));
        let [at] = wrongs[..] else {
            // None, or several: a heading that says it twice is left to the reader.
            continue;
        };
        if !rights.is_empty() {
            continue;
        }
        let span = Span::new(line.start + at, line.start + at + wrong.len());
        let fix = Fix::replace(span, right.to_string(), Message::ReplaceWith { value: right.to_string() }, Applicability::Unsafe);
        out.push(Diagnostic::new(&WRONG_KIND, span, Message::WrongKind { heading: words.to_string(), kind: right.to_string(), wrong: wrong.to_string() }).fix(Some(fix)));
    }
}

/// Where `word` stands in `words` on its own: not inside one of the words
/// [`SET_ASIDE`].
fn occurrences<'w>(words: &'w str, word: &'w str) -> impl Iterator<Item = usize> + 'w {
    words.match_indices(word).map(|(at, _)| at).filter(move |&at| {
        !SET_ASIDE.iter().any(|aside| {
            aside.match_indices(word).any(|(inner, _)| at >= inner && words.get(at - inner..).is_some_and(|w| w.starts_with(aside)))
        })
    })
}

/// The lines that are headings: a numbered heading that opens a block, and
/// a table's title (a short line of words ending in 表, with no clause in
/// it), trimmed. One pass over the lines.
fn heading_lines(cx: &Context) -> Vec<Span> {
    let text = cx.text;
    let mut numbered = cx.blocks().iter().filter_map(|b| b.heading.map(|h| h.marker.start)).peekable();
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let mut opens_block = false;
        while numbered.next_if(|&at| at < end).is_some() {
            opens_block = true;
        }
        let lead = line.len() - line.trim_start_matches(is_heading_lead).len();
        let words = line.trim_matches(is_heading_lead);
        if !words.is_empty() && (opens_block || is_table_title(words)) && is_heading(words) {
            lines.push(Span::new(start + lead, start + lead + words.len()));
        }
        start = end;
    }
    lines
}

/// A table's title: ends in 表 (or `表（续）`).
fn is_table_title(words: &str) -> bool {
    let words = words.trim_end_matches(['）', ')', '续', '（', '(']);
    words.ends_with('表')
}

/// Short, and no clause: a heading, not a sentence broken over lines.
fn is_heading(words: &str) -> bool {
    !words.is_empty() && words.chars().count() <= HEADING_MAX_CHARS && !words.contains(['。', '，', '；', '：', ',', ';', ':', '…']) && !words.contains("万元")
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "wrong-kind").collect()
    }

    const FINAL: &str = "某县林业局2024年度部门决算公开\n\n";
    const BUDGET: &str = "2025年某县林业局部门预算公开\n\n";

    #[test]
    fn budget_words_in_a_final_accounts_heading_are_flagged_and_fixed() {
        let t = format!("{FINAL}第一部分 部门概况\n\n一、主要职能\n负责全县林业工作。\n\n二、收入支出预算总体情况\n本部门2024年度收入决算合计 812.40 万元。\n\n部门收支预算总表\n");
        let d = check(&t);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| &t[d.span.range()] == "预算"));
        let (fixed, _) = crate::fix::apply(&t, &d, true);
        assert!(fixed.contains("二、收入支出决算总体情况") && fixed.contains("部门收支决算总表") && check(&fixed).is_empty(), "{fixed}");
    }

    #[test]
    fn final_accounts_words_in_a_budget_heading_are_flagged() {
        let t = format!("{BUDGET}三、一般公共预算财政拨款支出决算情况\n本部门2025年一般公共预算财政拨款支出 500.00 万元。\n");
        let d = check(&t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&t[d[0].span.range()], "决算");
    }

    #[test]
    fn funds_the_budget_measured_against_and_comparisons_are_not() {
        for heading in [
            "三、一般公共预算财政拨款支出决算情况",
            "四、政府性基金预算财政拨款收入支出决算情况",
            "五、国有资本经营预算财政拨款支出决算情况",
            "（二）一般公共预算财政拨款支出决算具体情况",
            "六、预算绩效管理情况",
            "七、决算与年初预算对比情况",
            "一般公共预算财政拨款支出决算表",
            "政府性基金预算财政拨款收入支出决算表",
        ] {
            let t = format!("{FINAL}{heading}\n本部门年初预算为 500.00 万元，支出决算为 480.00 万元。\n");
            assert!(check(&t).is_empty(), "{heading}");
        }
        // Sentences are not headings.
        assert!(check(&format!("{FINAL}一、收入支出决算总体情况\n本部门严格按照预算安排支出，2024年度收入决算合计 812.40 万元。\n")).is_empty());
        // A budget's own headings.
        assert!(check(&format!("{BUDGET}二、收入支出预算总体情况\n部门收支预算总表\n")).is_empty());
        // No title: no kind to judge by.
        assert!(check("二、收入支出预算总体情况\n部门收支决算总表\n").is_empty());
    }
}
