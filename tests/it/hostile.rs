//! Hostile input: junk, extremes and malformed figures. The analysis must
//! answer, never panic, and never hang.

use proptest::prelude::*;

fn analyze(text: &str) -> usize {
    gouji::analyze(text).diagnostics.len()
}

#[test]
fn empty_and_blank() {
    assert_eq!(analyze(""), 0);
    assert_eq!(analyze("\n\n\r\n  \u{3000}\n"), 0);
    assert_eq!(analyze("\u{feff}"), 0);
}

#[test]
fn malformed_figures_are_not_figures() {
    for text in ["收入 1.2.3万元，其中：甲 1 万元。", "占 %", "增长 .5%", "支出１２３．４５万元，其中：甲 100 万元、乙 23.45 万元。", "合计 ,,, 万元", "增加 -5 万元，增长 -3%", "1e9 万元", "0x1F 万元"] {
        gouji::analyze(text);
    }
    // Full-width digits are read like ASCII ones.
    let d = gouji::analyze("本部门支出合计１２３．４５万元，其中：甲 100 万元、乙 20 万元、其他 0 万元。").diagnostics;
    assert_eq!(d.len(), 1, "{d:?}");
}

#[test]
fn figures_beyond_decimal_are_skipped() {
    let huge = "9".repeat(5000);
    let tiny = format!("0.{}1", "0".repeat(40));
    let text = format!("本部门支出合计 {huge} 万元，其中：甲 {huge} 万元、乙 {tiny} 万元，增长 {huge}%。\n合计 79228162514264337593543950335 万元，其中：甲 79228162514264337593543950335 万元、乙 79228162514264337593543950335 万元。");
    gouji::analyze(&text);
}

#[test]
fn a_long_single_line_and_many_short_lines() {
    let sentence = "本部门支出合计 100 万元，其中：甲 60 万元、乙 30 万元，比上年增加 5 万元，增长 5.3%；";
    let long_line = sentence.repeat((20 << 20) / sentence.len());
    let d = analyze(&long_line);
    assert!(d > 0);
    let many: String = (0..200_000).map(|i| format!("{}.甲{i}\n", i % 9 + 1)).collect();
    analyze(&many);
}

#[test]
fn deep_and_odd_structure() {
    let nested: String = (0..5000).map(|i| format!("（{}）甲 {i} 万元。其中：\n", i % 9 + 1)).collect();
    analyze(&nested);
    let cues = "其中：".repeat(50_000);
    analyze(&format!("合计 5 万元，{cues}甲 5 万元。"));
    let units = "万元".repeat(50_000);
    analyze(&format!("增长{units}%%%%"));
    // One sentence of cues named by the words before them, each total's
    // items listed before it: was cubic in the cues.
    let named = "其中：一般公共预算拨款收入 1 万元，占 100".repeat(50_000);
    analyze(&named);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any bytes: decoding either fails with a message or yields text that analyses.
    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(source) = gouji::cli::decode(&bytes) {
            gouji::analyze(&source.text);
        }
    }

    /// Text built from the genre's own pieces, in any order.
    #[test]
    fn genre_soup(pieces in prop::collection::vec(prop::sample::select(vec![
        "合计", "其中：", "包括", "主要包括", "等", "，", "。", "；", "、", "\n", "\n\n", "（一）", "1.", "（1）", "一、",
        "增加", "减少", "增长", "下降", "占", "%", "万元", "元", "持平", "（基数为 0，不可比）", "比上年", "与上年相比",
        "0", "1", "12.5", "100", "0.05", "1,234.56", "２３．４", "萬元", "**", "|", "\t", " ", "- 3 -", "𠮷",
    ]), 0..200)) {
        let text: String = pieces.concat();
        let analysis = gouji::analyze(&text);
        for d in &analysis.diagnostics {
            prop_assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            if let Some(fix) = &d.fix {
                for e in &fix.edits {
                    prop_assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                }
            }
        }
        // Incremental analysis equals a fresh one, whatever came before.
        let mut analyzer = gouji::Analyzer::default();
        analyzer.analyze(&format!("{text}\n一、前文 5 万元。"));
        prop_assert_eq!(analyzer.analyze(&text).diagnostics, analysis.diagnostics);
    }

    /// An analyser that follows a sequence of edits anywhere in a draft
    /// (inside a block, across blocks, making or breaking lines, headings
    /// and tables) answers as a fresh analysis of each text.
    #[test]
    fn incremental_analysis_follows_any_edits(edits in prop::collection::vec((0usize..5_000, 0usize..300, prop::sample::select(vec![
        "", "9", "\n", "\r\n", "\n\n", "一、", "（二）", "2.", "。", "，", "万元", "元", "%", "合计 1.00 2.00\n", "\t", "单位：万元\n", "- 3 -\n", "其中：", "𠮷",
    ])), 1..16)) {
        let mut text = EDITED.repeat(3);
        let mut analyzer = gouji::Analyzer::default();
        analyzer.analyze(&text);
        for (at, delete, insert) in edits {
            let at = floor(&text, at % (text.len() + 1));
            let end = floor(&text, (at + delete).min(text.len()));
            text.replace_range(at..end, insert);
            let incremental = analyzer.analyze(&text);
            let fresh = gouji::analyze(&text);
            prop_assert_eq!(incremental.blocks, fresh.blocks);
            prop_assert_eq!(&incremental.facts, &fresh.facts);
            prop_assert_eq!(incremental.ties, fresh.ties);
            prop_assert_eq!(incremental.diagnostics, fresh.diagnostics);
        }
    }

    /// Applying every offered fix changes only its range and raises nothing new elsewhere.
    #[test]
    fn fixes_touch_only_their_range(total in 50u32..500, a in 1u32..200, b in 1u32..200, rate in 1u32..99) {
        let text = format!(
            "本部门支出合计 {total} 万元，其中：基本支出 {a} 万元、项目支出 {b} 万元、其他支出 0 万元。\n\n（二）公用经费 {total}.5 万元，比上年增加 {a} 万元，增长 {rate}.5%。\n"
        );
        let before = gouji::analyze(&text).diagnostics;
        for d in before.iter().filter(|d| d.fix.is_some()) {
            let (fixed, applied) = gouji::fix::apply(&text, std::slice::from_ref(d), true);
            prop_assert_eq!(applied, 1);
            let after = gouji::analyze(&fixed).diagnostics;
            let edit = &d.fix.as_ref().map(|f| f.edits[0].clone()).unwrap_or_else(|| unreachable!());
            let prefix = &text[..edit.span.start];
            prop_assert!(fixed.starts_with(prefix) && fixed.ends_with(&text[edit.span.end..]));
            let outside = |x: &gouji::Diagnostic| x.span.end <= edit.span.start || x.span.start >= edit.span.end;
            let shift = edit.replacement.len() as isize - edit.span.len() as isize;
            for n in after.iter() {
                let was_there = before.iter().any(|o| o.code == n.code && (o.span.start == n.span.start || (o.span.start as isize + shift) == n.span.start as isize));
                prop_assert!(was_there || !outside(n), "fix {:?} raised {:?}", d.fix, n);
            }
        }
    }
}

/// A draft for edits: sections, a list, a change with its rate, a table.
const EDITED: &str = "第一部分 部门概况\n\n一、收支预算总体情况\n\n本部门收入合计 100.00 万元，其中：财政拨款 60.00 万元、事业收入 40.00 万元，比上年增加 5.00 万元，增长 5.26%。\n\n（一）基本支出 70.00 万元，占 70.00%。\n（二）项目支出 30.00 万元，占 30.00%。\n\n收支总表\n单位：万元\n项目\t预算数\n合计\t100.00\n基本支出\t70.00\n项目支出\t30.00\n- 2 -\n\n二、“三公”经费\n\n“三公”经费 3 万元，其中：公务接待费 1 万元，公务用车购置及运行费 2 万元。\n";

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
