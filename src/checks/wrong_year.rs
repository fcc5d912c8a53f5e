use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::profile::Title;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags a year that names the disclosure itself but is not the year of
    /// its title: in a `2025年…部门预算公开`, `本部门2024年收入预算合计…` or a
    /// heading `二、2024年部门收支预算总体情况` (last year's draft copied
    /// forward and not updated), or `2023年部门预算` anywhere. A year names
    /// the disclosure when the clause after it holds the title's kind (预算 or
    /// 决算); last year's is taken for a slip only as the subject of a
    /// sentence or a heading, where a comparison cannot be meant. A change
    /// compared with the year before last (`比2023年预算增加` in a 2025
    /// 预算) is flagged too: a disclosure compares with the year before.
    ///
    /// ## Why is this bad?
    /// Inspections list the wrong year among the commonest faults of a
    /// disclosure: it says the draft was copied from last year's and not
    /// read again, and a reader cannot tell which year a figure is of.
    ///
    /// ## Not flagged
    /// Last year in a comparison (`比2024年预算增加`, `2024年预算执行`), dates
    /// (`2024年9月`, `截至2024年12月31日`), titles of documents (`《…2024年…》`)
    /// and document numbers (`〔2024〕`), the other kind (`2024年决算数` in a
    /// 2025 预算), and a draft whose title states no year.
    ///
    /// ## Example
    /// ```text
    /// 2025年某县林业局部门预算公开
    /// …
    /// 本部门2024年收入预算合计 812.40 万元。
    /// ```
    /// Use instead: `本部门2025年收入预算合计 812.40 万元。`
    ///
    /// ## Fix
    /// The year is replaced by the title's, for review: the title may be the
    /// one that is wrong.
    WRONG_YEAR, "wrong-year", Warning, "a year naming the disclosure that is not the year of its title",
    zh: "文中所称公开年度与标题年度不一致"
}

/// The clause after a year read for the title's kind, in characters.
const CLAUSE_CHARS: usize = 14;
/// The text before a year read for a comparison or a date, in characters.
const BEFORE_CHARS: usize = 6;

/// Words after a year that make it last year's figures, not the disclosure's.
const NOT_THIS_DISCLOSURE: &[&str] = &["执行", "调整", "同期", "上年", "对比", "相比", "数为基数", "基数"];
/// Words before a year that make it a comparison, a span of time or a date.
const COMPARED_OR_DATED: &[&str] = &["比", "较", "与", "同", "对", "于", "截至", "截止", "至", "到", "从", "自", "起", "上年", "相比", "和", "及", "年、"];
/// What a sentence's subject or a heading ends with right before its year.
const SUBJECT_ENDS: &[&str] = &["部门", "单位", "本局", "本委", "本院", "本办", "本会", "本中心", "部分", "、", "）", ")", "."];

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    let Some(year) = title.year else { return };
    let text = cx.text;
    let kind = title.kind.label();
    let other = title.kind.other().label();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 4 || title.span.range().contains(&start) || (start > 0 && matches!(bytes[start - 1], b'.' | b'-' | b'/')) {
            continue;
        }
        let Ok(written) = text[start..i].parse::<u16>() else { continue };
        if !(1990..=2099).contains(&written) || written == year || written > year + 1 {
            continue;
        }
        // A comparison with the year before last: last year's draft copied forward.
        if let Some(from) = compared_with(text, start, i, other).filter(|_| written + 2 == year) {
            let span = Span::new(start, i);
            let last = (year - 1).to_string();
            let fix = Fix::replace(span, last.clone(), Message::ReplaceWith { value: last }, Applicability::Unsafe);
            out.push(Diagnostic::new(&WRONG_YEAR, span, Message::WrongComparisonYear { written: format!("{}年", &text[from..i]), year, kind: kind.to_string() }).fix(Some(fix)));
            continue;
        }
        if let Some(shown) = names_the_disclosure(text, start, i, kind, written + 1 == year, title.organisation.as_deref()) {
            let span = Span::new(start, i);
            let fix = Fix::replace(span, year.to_string(), Message::ReplaceWith { value: year.to_string() }, Applicability::Unsafe);
            out.push(Diagnostic::new(&WRONG_YEAR, span, Message::WrongYear { written: text[start..shown].to_string(), year, kind: kind.to_string() }).fix(Some(fix)));
        }
    }
}

/// Does the year at `start..end` name the disclosure of `kind`: the
/// clause after it holds the kind, and nothing around it makes it a
/// comparison, a date or a title's? Last year's only as a subject or in a
/// heading. Where the words naming it end (`2024年收入预算`), if it does.
fn names_the_disclosure(text: &str, start: usize, end: usize, kind: &str, last_year: bool, organisation: Option<&str>) -> Option<usize> {
    let (clause_end, after) = clause_after(text, end);
    let rest = after.trim_start_matches([' ', '\u{3000}']).strip_prefix('年')?;
    let rest = rest.strip_prefix('度').unwrap_or(rest).trim_start_matches([' ', '\u{3000}']);
    // A date (`2024年9月`), a span (`2024年—2026年`) or several years (`2024年、2025年`).
    if rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '—' | '-' | '至' | '到' | '~' | '、' | '和' | '及' | '与')) {
        return None;
    }
    let kind_at = text[end..clause_end].find(kind)?;
    if NOT_THIS_DISCLOSURE.iter().any(|w| text[end..clause_end].contains(w)) {
        return None;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..start].trim_end_matches([' ', '\u{3000}', '\t']);
    // Inside a document's title or number.
    if ["《", "〔", "[", "【"].iter().any(|open| before.rfind(open).is_some_and(|o| !before[o..].contains(['》', '〕', ']', '】']))) {
        return None;
    }
    let near: String = before.chars().rev().take(BEFORE_CHARS).collect::<Vec<_>>().into_iter().rev().collect();
    if COMPARED_OR_DATED.iter().any(|w| near.ends_with(w) || (w.chars().count() > 1 && near.contains(w))) || near.contains(['比', '较']) {
        return None;
    }
    let subject = before.is_empty() || SUBJECT_ENDS.iter().any(|e| before.ends_with(e)) || organisation.is_some_and(|o| before.ends_with(o));
    (!last_year || subject).then_some(end + kind_at + kind.len())
}

/// Is the year at `start..end` the other side of a change (`比2023年预算增加`,
/// `与2023年相比`, `较2023年下降`): a comparing word right before it, a
/// change right after, in one clause, and not the `other` kind (a 预算
/// compared with the last 决算 published, that of the year before last)?
/// Where the comparing word starts, if so.
fn compared_with(text: &str, start: usize, end: usize, other: &str) -> Option<usize> {
    let before = text[..start].trim_end_matches([' ', '\u{3000}']);
    let word = COMPARING.iter().find(|w| before.ends_with(*w))?;
    let (_, after) = clause_after(text, end);
    let rest = after.trim_start_matches([' ', '\u{3000}']).strip_prefix('年')?;
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    // Not a date (`2023年9月`).
    let changed = !rest.starts_with(|c: char| c.is_ascii_digit()) && !after.contains(other) && CHANGE_WORDS.iter().any(|w| after.contains(w));
    changed.then_some(before.len() - word.len())
}

/// Words right before a year it is compared with.
const COMPARING: &[&str] = &["比", "较", "与", "同"];
/// Words of a change, in the clause after the year compared with.
const CHANGE_WORDS: &[&str] = &["增加", "减少", "增长", "下降", "持平", "相比", "相较", "对比", "增支", "减支"];

/// The end of the clause after `at` (a clause mark, a line's end, or
/// [`CLAUSE_CHARS`] characters on), and the text up to it.
fn clause_after(text: &str, at: usize) -> (usize, &str) {
    let rest = &text[at..];
    let end = rest
        .char_indices()
        .take(CLAUSE_CHARS)
        .find(|&(_, c)| matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':' | '\n' | '\r' | '（' | '('))
        .map_or_else(|| rest.char_indices().nth(CLAUSE_CHARS).map_or(rest.len(), |(i, _)| i), |(i, _)| i);
    (at + end, &rest[..end])
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "wrong-year").collect()
    }

    const TITLE: &str = "2025年某县林业局部门预算公开\n\n";

    #[test]
    fn last_years_subject_and_heading_are_flagged() {
        let t = format!("{TITLE}二、2024年部门收支预算总体情况\n本部门2024年收入预算合计 812.40 万元。\n某县林业局2024年度支出预算合计 812.40 万元。\n");
        let d = check(&t);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().all(|d| &t[d.span.range()] == "2024"));
        let (fixed, _) = crate::fix::apply(&t, &d, true);
        assert!(check(&fixed).is_empty() && fixed.contains("本部门2025年收入预算"), "{fixed}");
    }

    #[test]
    fn an_older_year_naming_the_disclosure_is_flagged_anywhere() {
        let t = format!("{TITLE}上述收支均纳入2023年部门预算编制范围。\n");
        assert_eq!(check(&t).len(), 1);
    }

    #[test]
    fn a_comparison_with_the_year_before_last_is_flagged() {
        for line in ["收入预算合计 812.40 万元，比2023年预算增加 36.20 万元。", "与2023年相比，支出预算减少 12.00 万元。", "较2023年下降 3.2%。"] {
            let t = format!("{TITLE}{line}\n");
            let d = check(&t);
            assert_eq!(d.len(), 1, "{line}: {d:?}");
            let (fixed, _) = crate::fix::apply(&t, &d, true);
            assert!(fixed.contains("2024年") && check(&fixed).is_empty(), "{fixed}");
        }
        // The last 决算 published is the year before last's; a date; a list of years.
        for line in ["支出预算比2023年决算数增加 36.20 万元。", "比2023年9月增加 2 人。", "2022年至2023年增长较快。"] {
            assert!(check(&format!("{TITLE}{line}\n")).is_empty(), "{line}");
        }
    }

    #[test]
    fn comparisons_dates_titles_and_the_other_kind_are_not() {
        for line in [
            "收入预算合计 812.40 万元，比2024年预算增加 36.20 万元。",
            "2024年预算执行中追加 12.00 万元。",
            "本部门2024年决算支出 790.10 万元。",
            "在职人员按2024年9月实有人数测算预算。",
            "截至2024年12月31日，本部门共有车辆 3 辆。",
            "依据《某县2024年部门预算管理办法》编制预算。",
            "根据某财预〔2024〕12号文件编制预算。",
            "与2024年预算相比增加 36.20 万元。",
            "2024年、2025年预算均未安排。",
            "2023年、2024年部门预算均未安排此项。",
            "本部门2025年收入预算合计 812.40 万元。",
        ] {
            assert!(check(&format!("{TITLE}{line}\n")).is_empty(), "{line}");
        }
        // No year in the title: nothing to compare with.
        assert!(check("某县林业局部门预算公开\n\n本部门2024年收入预算合计 812.40 万元。\n").is_empty());
    }
}
