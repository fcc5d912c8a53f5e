use rust_decimal::Decimal;

use super::{declare_rule, format_plain, Context};
use crate::diagnostic::Diagnostic;
use crate::interval::Interval;
use crate::message::Message;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Adds up the shares of parts that cannot overlap, stated without
    /// their amounts: `财政拨款收入占比为 88.6%，事业收入占比为 8.3%，其他
    /// 收入占比为 4.1%` is 101% of the income, which no income is. The
    /// parts are taken as separate only when their names differ, none holds
    /// another, and all end in the same word (`收入`, `支出`); each share is
    /// taken at the least it could round from, so only a sum past 100% at
    /// every rounding is flagged. A sum below 100% is not: the parts named
    /// need not be all of the whole.
    ///
    /// ## Why is this bad?
    /// At least one of the shares is wrong, and readers who add them up see
    /// it at once. With no amounts beside them, nothing else in the draft
    /// catches it.
    ///
    /// ## Fix
    /// None: the sum does not tell which share is wrong. The diagnostic
    /// covers them all.
    SHARE_SUM_MISMATCH, "share-sum-mismatch", Error, "the shares of separate parts of one whole add up to more than 100%",
    zh: "各部分占比之和超过100%"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let hundred = Decimal::ONE_HUNDRED;
    for set in cx.share_sets() {
        let (Some(&first), Some(&last)) = (set.shares.first(), set.shares.last()) else { continue };
        let Some(sum) = Interval::sum(set.shares.iter().filter_map(|&k| cx.interval(k)).collect::<Vec<_>>()) else { continue };
        let Some(sum) = sum.widened(cx.tolerance) else { continue };
        if sum.lo <= hundred {
            continue;
        }
        let figures = &cx.facts.figures;
        let written: Vec<String> = set.shares.iter().map(|&k| format!("{}%", cx.number_text(k).trim())).collect();
        let stated: Decimal = set.shares.iter().map(|&k| figures[k].value).sum();
        let arithmetic = format!("{} = {}%", written.join(" + "), format_plain(stated));
        let span = Span::new(figures[first].number.start, figures[last].span.end);
        let mut d = Diagnostic::new(&SHARE_SUM_MISMATCH, span, Message::ShareSumOver { arithmetic, least: format_plain(sum.lo) });
        for &k in &set.shares {
            d = d.related(figures[k].span, Message::ShareInSum);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::message::Lang;

    fn codes(text: &str) -> Vec<String> {
        crate::analyze(text).diagnostics.iter().filter(|d| d.code == "share-sum-mismatch").map(|d| d.message.text(Lang::Zh)).collect()
    }

    #[test]
    fn shares_past_the_whole_at_every_rounding_are_flagged() {
        let found = codes("2023年收入决算中，财政拨款收入占比为88.6%，事业收入占比为8.3%，其他收入占比为4.1%。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("88.6% + 8.3% + 4.1% = 101%"), "{}", found[0]);
    }

    #[test]
    fn an_enumeration_is_summed_too() {
        assert_eq!(codes("本年支出中，基本支出、项目支出分别占72.4%、31.6%。").len(), 1);
    }

    #[test]
    fn rounding_can_take_a_sum_back_to_the_whole() {
        // 33.4 + 33.3 + 33.4 = 100.1, but each may be 0.05 less: 99.95.
        assert!(codes("财政拨款收入占比为33.4%，事业收入占比为33.3%，其他收入占比为33.4%。").is_empty());
    }

    #[test]
    fn nested_or_unlike_parts_are_not_summed() {
        // 财政拨款收入 holds 一般公共预算财政拨款收入.
        assert!(codes("财政拨款收入占比为90%，一般公共预算财政拨款收入占比为80%。").is_empty());
        // A part of a part.
        assert!(codes("基本支出占72%，其中人员经费占60%。").is_empty());
        // Different wholes.
        assert!(codes("基本支出占本年支出的72%，项目支出占财政拨款支出的40%。").is_empty());
        // Different kinds of thing: 收入 and 支出.
        assert!(codes("财政拨款收入占比为90%，基本支出占比为70%。").is_empty());
    }

    #[test]
    fn shares_with_their_amounts_are_left_to_share_mismatch() {
        assert!(codes("本年支出合计100万元，其中：基本支出72万元，占72%；项目支出31万元，占31%。").is_empty());
    }
}
