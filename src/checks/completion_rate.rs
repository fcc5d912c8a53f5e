use super::{declare_rule, disagreeing_rate, percent_text, rate_diagnostic, Context};
use crate::diagnostic::Diagnostic;
use crate::message::{Message, RateKind};

declare_rule! {
    /// ## What it does
    /// In final accounts (决算), checks the completion rate against its
    /// figures: `年初预算为 B 万元，支出决算为 A 万元，完成年初预算的 P%`
    /// means P = A / B.
    ///
    /// ## Why is this bad?
    /// The completion rate is what readers compare across departments; one
    /// that does not follow from the budget and the final figure (or a final
    /// figure larger than its budget stated as 100%) misleads them. Rates are
    /// checked with interval arithmetic, and one right only when truncated is
    /// a warning.
    ///
    /// ## Example
    /// ```text
    /// 年初预算为 45.6 万元，支出决算为 47.2 万元，完成年初预算的 100%。
    /// ```
    /// 47.2 / 45.6 = 103.5%.
    ///
    /// ## Fix
    /// Replaces the rate with the one the figures give, at the same decimals.
    COMPLETION_RATE_MISMATCH, "completion-rate-mismatch", Error, "a completion rate does not follow from the final and budget figures",
    zh: "完成率与决算数、年初预算数不符"
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for c in cx.completions() {
        let rate = &cx.facts.figures[c.rate];
        let (Some(actual), Some(budget)) = (cx.interval(c.actual), cx.interval(c.budget)) else { continue };
        let Some((computed, verdict)) = disagreeing_rate(cx, actual, budget, c.rate) else { continue };
        let (a, b) = (cx.facts.figures[c.actual].value, cx.facts.figures[c.budget].value);
        let arithmetic = format!("{} / {} = {}%", cx.number_text(c.actual).trim(), cx.number_text(c.budget).trim(), percent_text(a, b, rate.scale + 2));
        let d = rate_diagnostic(cx, &COMPLETION_RATE_MISMATCH, c.rate, computed, verdict, arithmetic, RateKind::Completion)
            .related(cx.facts.figures[c.actual].span, Message::FinalFigure)
            .related(cx.facts.figures[c.budget].span, Message::BudgetFigure);
        out.push(d);
    }
}
