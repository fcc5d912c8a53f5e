//! Hover on a figure: what it is, and the arithmetic it takes part in.
//!
//! - On a total: its items as a table, their sum and the difference.
//! - On a rate: last year's amount and the rate they give.
//! - On a share: the part over the whole.
//! - On any figure: its role, the list it is an item of, and the other
//!   places the same subject is stated.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::documents::Snapshot;
use super::from_proto;
use super::to_proto::Locator;
use crate::checks::{format_decimal, format_plain, rate_verdict, Context, RateVerdict, SumVerdict};
use crate::facts::{ChangeValue, Direction, Facts, FigureId, List, Measure, Period, RateValue, Unit};
use crate::interval::Interval;
use crate::message::{Lang, Message};
use crate::text::ColumnUnit;

/// How many other statements of the same subject a hover lists.
const MAX_OTHERS: usize = 8;

pub fn hover(snapshot: &Snapshot, position: Position, unit: ColumnUnit, markdown: bool) -> Option<Hover> {
    let analysis = snapshot.analysis.as_ref()?;
    let offset = from_proto::offset(&snapshot.index, &snapshot.text, position, unit);
    let id = figure_at(&analysis.facts, offset)?;
    let cx = Context::new(&snapshot.text, &analysis.facts).with_ties(&analysis.ties);
    let value = describe(&cx, id, |span| snapshot.index.line_of(span) + 1, snapshot.lang);
    let locator = Locator { uri: &snapshot.uri, text: &snapshot.text, index: &snapshot.index, unit };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: if markdown { MarkupKind::Markdown } else { MarkupKind::PlainText }, value }),
        range: Some(locator.range(analysis.facts.figures[id].span)),
    })
}

/// The figure under `offset`: the smallest one containing it, else one
/// that ends right there (the cursor just after a figure).
pub fn figure_at(facts: &Facts, offset: usize) -> Option<FigureId> {
    let inside = |k: &usize| {
        let s = facts.figures[*k].span;
        s.start <= offset && offset < s.end
    };
    let touching = |k: &usize| facts.figures[*k].span.end == offset;
    let by_size = |k: &usize| facts.figures[*k].span.len();
    let all = 0..facts.figures.len();
    all.clone().filter(inside).min_by_key(by_size).or_else(|| all.filter(touching).min_by_key(by_size))
}

/// The hover text of figure `id`, in Markdown, in `lang`; `line` gives the
/// 1-based line of an offset.
pub fn describe(cx: &Context, id: FigureId, line: impl Fn(usize) -> usize, lang: Lang) -> String {
    let f = &cx.facts.figures[id];
    let mut out = String::new();
    let shown = match f.unit {
        Some(u @ (Unit::Percent | Unit::PercentagePoint)) => format!("{}{}", cx.number_text(id).trim(), u.label()),
        _ => cx.show(id),
    };
    if f.subject.is_empty() {
        let _ = writeln!(out, "{shown} — {}", role(f.measure, f.period, lang));
    } else {
        let _ = writeln!(out, "**{}** {shown} — {}", escape(&f.subject), role(f.measure, f.period, lang));
    }
    for list in cx.lists_with_total(id) {
        out.push('\n');
        list_table(cx, list, lang, &mut out);
    }
    for s in &cx.facts.changes {
        if s.rate == Some(RateValue::Stated(id)) {
            out.push('\n');
            rate(cx, s, id, lang, &mut out);
        } else if s.amount == Some(id) || s.change == ChangeValue::Stated(id) {
            out.push('\n');
            change(cx, s, lang, &mut out);
        }
    }
    for s in cx.facts.shares.iter().filter(|s| s.share == id) {
        out.push('\n');
        share(cx, s.part, id, s.whole.as_deref(), lang, &mut out);
    }
    for list in cx.lists_with_item(id) {
        let n = list.items.iter().position(|&k| k == id).map_or(0, |i| i + 1);
        let total = &cx.facts.figures[list.total];
        let (count, subject, shown, at) = (list.items.len(), escape(&total.subject), cx.show(list.total), line(total.span.start));
        let _ = match lang {
            Lang::Zh => writeln!(out, "\n**{subject}** {shown}（第 {at} 行）共 {count} 个分项，此为第 {n} 项。"),
            Lang::En => writeln!(out, "\nItem {n} of {count} in the list of **{subject}** {shown} (line {at})."),
        };
    }
    others(cx, id, &line, lang, &mut out);
    out
}

fn role(measure: Measure, period: Period, lang: Lang) -> String {
    let what = match measure {
        Measure::Amount => lang.pick("金额", "amount"),
        Measure::Change(Direction::Up) => lang.pick("比上年增加额", "increase over last year"),
        Measure::Change(Direction::Down) => lang.pick("比上年减少额", "decrease from last year"),
        Measure::Rate(Direction::Up) => lang.pick("增长率", "rate of increase"),
        Measure::Rate(Direction::Down) => lang.pick("下降率", "rate of decrease"),
        Measure::Share => lang.pick("占比", "share of a whole"),
        Measure::Completion => lang.pick("预算完成率", "share of the budget completed"),
        Measure::Other => lang.pick("文中未明确含义的数", "figure whose role the text does not make clear"),
    };
    match (measure, period, lang) {
        (Measure::Amount | Measure::Other, Period::Current, Lang::Zh) => format!("本年{what}"),
        (Measure::Amount | Measure::Other, Period::Prior, Lang::Zh) => format!("上年{what}"),
        (Measure::Amount | Measure::Other, Period::Current, Lang::En) => format!("{what}, this year"),
        (Measure::Amount | Measure::Other, Period::Prior, Lang::En) => format!("{what}, last year"),
        _ => what.to_owned(),
    }
}

/// A member's value in the list's unit (the midpoint of its interval, which
/// is the value itself unless it had to be converted).
fn member_value(cx: &Context, list: &List, k: FigureId) -> Option<Decimal> {
    if cx.facts.figures[k].value.is_zero() {
        return Some(Decimal::ZERO);
    }
    let i = cx.member_interval(list, k)?;
    Some((i.lo + i.hi) / Decimal::TWO)
}

fn list_table(cx: &Context, list: &List, lang: Lang, out: &mut String) {
    let unit = cx.list_unit(list).map_or("", |u| u.label());
    let complete = cx.list_is_complete(list);
    let count = list.items.len();
    let _ = match (lang, complete) {
        (Lang::Zh, true) => writeln!(out, "{count} 个分项的合计：\n"),
        (Lang::Zh, false) => writeln!(out, "{count} 个主要分项的合计（未必列全）：\n"),
        (Lang::En, true) => writeln!(out, "Total of {count} — its items:\n"),
        (Lang::En, false) => writeln!(out, "Total of {count} — its main items (not necessarily all):\n"),
    };
    let _ = writeln!(out, "| {} | {} |\n| --- | ---: |", lang.pick("分项", "Item"), if unit.is_empty() { lang.pick("数值", "Value") } else { unit });
    let list_unit = cx.list_unit(list);
    for &k in &list.items {
        let f = &cx.facts.figures[k];
        let shown = if f.unit.is_none() || f.unit == list_unit { cx.number_text(k).trim().to_owned() } else { cx.show(k) };
        let _ = writeln!(out, "| {} | {} |", escape(if f.subject.is_empty() { lang.pick("（未写名称）", "(no subject)") } else { &f.subject }), shown);
    }
    let scale = list.items.iter().map(|&k| cx.facts.figures[k].scale).max().unwrap_or(0);
    let values: Option<Vec<Decimal>> = list.items.iter().map(|&k| member_value(cx, list, k)).collect();
    let (Some(values), Some(total), Some(sum)) = (values, member_value(cx, list, list.total), cx.list_sum(list)) else {
        let _ = writeln!(out, "\n{}", lang.pick("数值过大，无法相加。", "The figures are too large to add up."));
        return;
    };
    let items: Decimal = values.iter().copied().sum();
    let total_scale = cx.facts.figures[list.total].scale;
    let difference = total - items;
    let _ = writeln!(out, "| **{}** | **{}** |", lang.pick("分项之和", "Sum of the items"), format_decimal(items, scale));
    let _ = writeln!(out, "| **{}** | **{}** |", lang.pick("文中合计", "Stated total"), cx.number_text(list.total).trim());
    let _ = writeln!(out, "| **{}** | **{}** |", lang.pick("差额", "Difference"), format_decimal(difference, scale.max(total_scale)));
    let verdict = match (sum.verdict, lang) {
        (SumVerdict::Agrees, Lang::Zh) => "分项之和与合计相符（在四舍五入范围内）。".to_owned(),
        (SumVerdict::Agrees, Lang::En) => "The items add up to the total, within rounding.".to_owned(),
        (SumVerdict::Over, Lang::Zh) => format!("分项之和比合计多 {} {unit}。", format_plain(-difference)),
        (SumVerdict::Over, Lang::En) => format!("The items exceed the total by {} {unit}.", format_plain(-difference)),
        (SumVerdict::Short, Lang::Zh) if complete => format!("分项之和比合计少 {} {unit}。", format_plain(difference)),
        (SumVerdict::Short, Lang::En) if complete => format!("The items fall short of the total by {} {unit}.", format_plain(difference)),
        (SumVerdict::Short, Lang::Zh) => format!("所列分项比合计少 {} {unit}；该组只列了主要分项。", format_plain(difference)),
        (SumVerdict::Short, Lang::En) => format!("The items named come to {} {unit} less than the total; the list names its main items only.", format_plain(difference)),
    };
    let _ = writeln!(out, "\n{verdict}");
}

fn rate(cx: &Context, s: &crate::facts::ChangeStatement, r: FigureId, lang: Lang, out: &mut String) {
    let stated = cx.number_text(r).trim();
    let Some(a) = s.amount else {
        let _ = match lang {
            Lang::Zh => writeln!(out, "增减率：文中未写本年数，增减率 {stated}% 无法核对。"),
            Lang::En => writeln!(out, "Rate of change: the text states no amount for this year, so the rate {stated}% cannot be checked."),
        };
        return;
    };
    let d = match s.change {
        ChangeValue::Unchanged(_) => {
            let _ = writeln!(out, "{}", lang.pick("增减率：文中称与上年持平，增减率应为 0。", "Rate of change: the text says the amount is unchanged, so the rate should be 0."));
            return;
        }
        ChangeValue::Implied(..) => {
            if let Some(p) = s.prior {
                let (a, p) = (cx.show(a), cx.show(p));
                let _ = match lang {
                    Lang::Zh => writeln!(out, "增减率：按本年数和上年数计算，({a} − {p}) / {p}。"),
                    Lang::En => writeln!(out, "Rate of change: ({a} − {p}) / {p} from this year's and last year's amounts."),
                };
            }
            return;
        }
        ChangeValue::Stated(d) => d,
    };
    let (fa, fd) = (&cx.facts.figures[a], &cx.facts.figures[d]);
    if fa.unit != fd.unit {
        let (a, d) = (cx.show(a), cx.show(d));
        let _ = match lang {
            Lang::Zh => writeln!(out, "增减率：本年数（{a}）与增减额（{d}）单位不同。"),
            Lang::En => writeln!(out, "Rate of change: the amount ({a}) and the change ({d}) are in different units."),
        };
        return;
    }
    let down = matches!(fd.measure, Measure::Change(Direction::Down));
    let prior = if down { fa.value + fd.value } else { fa.value - fd.value };
    let unit = fa.unit.map_or("", |u| u.label());
    let (n, c) = (cx.number_text(a).trim(), cx.number_text(d).trim());
    let op = if down { "+" } else { "−" };
    let scale = fa.scale.max(fd.scale);
    let _ = writeln!(out, "{}\n", lang.pick("增减率：", "Rate of change:"));
    let _ = writeln!(out, "- {}{n} {op} {c} = {} {unit}", lang.pick("上年数：", "last year: "), format_decimal(prior, scale));
    if prior <= Decimal::ZERO {
        let _ = writeln!(out, "- {}", lang.pick("上年数不大于 0，无法计算增减率（`不可比`）", "last year's amount is not above 0, so no rate can be computed (`不可比`)"));
        return;
    }
    let shown = fd.value.checked_div(prior).map(|q| q * Decimal::ONE_HUNDRED);
    let scale = cx.facts.figures[r].scale;
    let _ = writeln!(
        out,
        "- {}{c} ÷ {} = {}%",
        lang.pick("增减率：", "rate: "),
        format_decimal(prior, scale_of(prior)),
        shown.map_or_else(|| "?".into(), |v| format_plain(v.round_dp(scale + 2)))
    );
    let computed = (|| {
        let (now, change) = (cx.interval(a)?, cx.interval(d)?);
        let prior = if down { now.checked_add(change)? } else { now.checked_sub(change)? };
        change.checked_div(prior)?.scale(Decimal::ONE_HUNDRED)
    })();
    let verdict = computed.and_then(|i| rate_verdict(i, cx.facts.figures[r].value, scale));
    let _ = writeln!(out, "- {}{stated}%{}", lang.pick("文中：", "stated: "), verdict_text(verdict, lang));
}

fn change(cx: &Context, s: &crate::facts::ChangeStatement, lang: Lang, out: &mut String) {
    let (Some(a), ChangeValue::Stated(d)) = (s.amount, s.change) else { return };
    let (fa, fd) = (&cx.facts.figures[a], &cx.facts.figures[d]);
    if fa.unit != fd.unit {
        return;
    }
    let down = matches!(fd.measure, Measure::Change(Direction::Down));
    let prior = if down { fa.value + fd.value } else { fa.value - fd.value };
    let op = if down { "+" } else { "−" };
    let unit = fa.unit.map_or("", |u| u.label());
    let (n, c, p) = (cx.number_text(a).trim(), cx.number_text(d).trim(), format_decimal(prior, fa.scale.max(fd.scale)));
    let _ = match lang {
        Lang::Zh => writeln!(out, "上年数：{n} {op} {c} = {p} {unit}。"),
        Lang::En => writeln!(out, "Last year: {n} {op} {c} = {p} {unit}."),
    };
}

fn share(cx: &Context, part: FigureId, share: FigureId, whole_name: Option<&str>, lang: Lang, out: &mut String) {
    let stated = cx.number_text(share).trim();
    let Some(list) = cx.lists_with_item(part).next() else {
        let _ = match lang {
            Lang::Zh => {
                let whole = whole_name.map_or_else(String::new, |w| format!("（{}）", escape(w)));
                writeln!(out, "占比：总体{whole}未作为本数所属的合计写出，{stated}% 无法核对。")
            }
            Lang::En => {
                let whole = whole_name.map_or_else(String::new, |w| format!(" ({})", escape(w)));
                writeln!(out, "Share: the whole{whole} is not stated as a total this figure is an item of, so {stated}% cannot be checked.")
            }
        };
        return;
    };
    let (Some(p), Some(w)) = (member_value(cx, list, part), member_value(cx, list, list.total)) else { return };
    let scale = cx.facts.figures[share].scale;
    let total = &cx.facts.figures[list.total];
    let _ = match lang {
        Lang::Zh => writeln!(out, "占 **{}** {} 的比重：\n", escape(&total.subject), cx.show(list.total)),
        Lang::En => writeln!(out, "Share of **{}** {}:\n", escape(&total.subject), cx.show(list.total)),
    };
    let computed = p.checked_div(w).map(|q| format_plain((q * Decimal::ONE_HUNDRED).round_dp(scale + 2)));
    let _ = writeln!(out, "- {} ÷ {} = {}%", cx.number_text(part).trim(), cx.number_text(list.total).trim(), computed.unwrap_or_else(|| "?".into()));
    let interval = (|| cx.member_interval(list, part)?.checked_div(cx.member_interval(list, list.total)?)?.scale(Decimal::ONE_HUNDRED))();
    let verdict = interval.and_then(|i| rate_verdict(i, cx.facts.figures[share].value, scale));
    let _ = writeln!(out, "- {}{stated}%{}", lang.pick("文中：", "stated: "), verdict_text(verdict, lang));
}

fn verdict_text(verdict: Option<RateVerdict>, lang: Lang) -> &'static str {
    match verdict {
        Some(RateVerdict::Agrees) => lang.pick("，在四舍五入范围内相符", ", which agrees within rounding"),
        Some(RateVerdict::Truncated) => lang.pick("，仅在截尾（而非四舍五入）时成立", ", right only if truncated rather than rounded"),
        Some(RateVerdict::Wrong) => lang.pick("，各数的任何四舍五入都得不出此数", ", which no rounding of the figures gives"),
        None => "",
    }
}

fn scale_of(v: Decimal) -> u32 {
    v.normalize().scale()
}

/// Other statements of the same subject, period and measure.
/// The other statements of the same figure (same account, column, basis
/// and funds: see [`crate::ties`]), with their places and whether they differ.
fn others(cx: &Context, id: FigureId, line: &impl Fn(usize) -> usize, lang: Lang, out: &mut String) {
    let others = cx.ties.others(id);
    if others.is_empty() {
        return;
    }
    let f = &cx.facts.figures[id];
    let _ = writeln!(out, "\n{}\n", lang.pick("其他列示：", "Also stated:"));
    for s in others.iter().take(MAX_OTHERS) {
        let g = &cx.facts.figures[s.figure];
        let differs = Interval::rounded(g.value, g.scale).zip(Interval::rounded(f.value, f.scale)).is_some_and(|(a, b)| !a.meets(b) && g.unit == f.unit);
        let statement = Message::Statement { value: cx.show(s.figure), place: crate::checks::place(cx, s.figure) }.text(lang);
        let at = line(g.span.start);
        let _ = match lang {
            Lang::Zh => writeln!(out, "- 第 {at} 行：{statement}{}", if differs { "（不一致）" } else { "" }),
            Lang::En => writeln!(out, "- line {at}: {statement}{}", if differs { " (differs)" } else { "" }),
        };
    }
    if others.len() > MAX_OTHERS {
        let more = others.len() - MAX_OTHERS;
        let _ = match lang {
            Lang::Zh => writeln!(out, "- 另有 {more} 处"),
            Lang::En => writeln!(out, "- and {more} more"),
        };
    }
}

/// Keeps a subject from breaking a Markdown table or emphasis.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hover_on(text: &str, needle: &str) -> String {
        let analysis = crate::analyze(text);
        let at = text.find(needle).unwrap_or_default();
        let index = crate::text::LineIndex::new(text);
        let cx = Context::new(text, &analysis.facts).with_ties(&analysis.ties);
        figure_at(&analysis.facts, at).map(|id| describe(&cx, id, |o| index.line_of(o) + 1, Lang::En)).unwrap_or_default()
    }

    #[test]
    fn a_total_lists_its_items() {
        let text = "二、支出预算情况说明\n\n本年支出预算合计 120.5 万元，其中：基本支出 100.2 万元，占 83.15%；项目支出 20.2 万元，占 16.76%。\n";
        let h = hover_on(text, "120.5");
        assert!(h.contains("| 基本支出 | 100.2 |"), "{h}");
        assert!(h.contains("**Sum of the items** | **120.4**"), "{h}");
        assert!(h.contains("**Difference** | **0.1**"), "{h}");
        let h = hover_on(text, "83.15");
        assert!(h.contains("100.2 ÷ 120.5"), "{h}");
    }

    #[test]
    fn a_rate_shows_its_computation() {
        let text = "（一）机关运行经费 45.62 万元，比上年增加 3.21 万元，增长 7.9%。\n";
        let h = hover_on(text, "7.9");
        assert!(h.contains("45.62 − 3.21 = 42.41 万元"), "{h}");
        assert!(h.contains("which no rounding of the figures gives"), "{h}");
    }

    #[test]
    fn a_figure_stated_elsewhere_lists_its_other_statements() {
        let text = "一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n221 住房保障支出 50.00 50.00\n22102 住房改革支出 50.00 50.00\n2210201 住房公积金 50.00 50.00\n\n一、一般公共预算支出预算情况说明\n\n1、住房保障支出（类）住房改革支出（款）住房公积金（项）2025年预算数为50.40万元。\n";
        let h = hover_on(text, "50.40");
        assert!(h.contains("- line 6: 50.00 万元 in 一般公共预算支出表 (differs)"), "{h}");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a|b*c"), "a\\|b\\*c");
    }
}
