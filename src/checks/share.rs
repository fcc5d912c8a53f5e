use super::{declare_rule, disagreeing_rate, percent_text, rate_diagnostic, Context};
use crate::diagnostic::Diagnostic;
use crate::message::{Message, RateKind};
use crate::facts::{List, Unit};

declare_rule! {
    /// ## What it does
    /// Checks a share against its whole: in `其中：基本支出 215.64 万元，占
    /// 41.2%`, the whole is the total the list hangs from, so 41.2% must be
    /// 215.64 / total. A share naming its whole (`占“三公”经费的 0%`) is
    /// checked only when the list's total is that whole.
    ///
    /// ## Why is this bad?
    /// A share that does not follow from its figures was computed from an
    /// older draft or another total. Shares are checked with interval
    /// arithmetic, and one right only when truncated is a warning.
    ///
    /// ## Fix
    /// Replaces the share with the one the figures give, at the same decimals.
    SHARE_MISMATCH, "share-mismatch", Error, "a share does not follow from its part and whole",
    zh: "占比与部分、总体金额不符"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in cx.shares() {
        let share = &cx.facts.figures[s.share];
        if share.unit != Some(Unit::Percent) {
            continue;
        }
        let Some(list) = cx.lists_with_item(s.part).find(|l| names_whole(cx, l, s.whole.as_deref())) else { continue };
        if cx.is_dual_total(list) {
            continue;
        }
        let (Some(part), Some(whole)) = (cx.member_interval(list, s.part), cx.member_interval(list, list.total)) else { continue };
        let Some((computed, verdict)) = disagreeing_rate(cx, part, whole, s.share) else { continue };
        let (part_value, whole_value) = (cx.facts.figures[s.part].value, cx.facts.figures[list.total].value);
        let arithmetic = format!(
            "{} / {} = {}%",
            cx.number_text(s.part).trim(),
            cx.number_text(list.total).trim(),
            percent_text(part_value, whole_value, share.scale + 2)
        );
        let d = rate_diagnostic(cx, &SHARE_MISMATCH, s.share, computed, verdict, arithmetic, RateKind::Share)
            .related(cx.facts.figures[s.part].span, Message::Part)
            .related(cx.facts.figures[list.total].span, Message::Whole);
        out.push(d);
    }
}

/// Is the list's total the whole the share names (or names none)?
fn names_whole(cx: &Context, list: &List, whole: Option<&str>) -> bool {
    let Some(whole) = whole else { return true };
    let strip = |s: &str| s.chars().filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '的')).collect::<String>();
    strip(&cx.facts.figures[list.total].subject).contains(&strip(whole))
}
