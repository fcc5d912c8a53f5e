//! `budget-figure-mismatch`: a 决算's 年初预算 figures against the same
//! year's 预算公开. The comparison itself is in [`super::across`].

use super::declare_rule;

declare_rule! {
    /// ## What it does
    /// Compares the budget figures a 决算 states (`年初预算 1026.19 万元`,
    /// the budget beside a completion rate or a `比年初预算` comparison)
    /// with the same year's 预算公开 (`gouji check 2025/决算公开.txt
    /// --budget 2025/预算公开.txt`, or `budget = …` in a `[[previous]]`
    /// entry of gouji.toml). The figure is found in the 预算公开 by the
    /// identity the ties use within one draft (account code, else names;
    /// the standard totals; the “三公” parts; the column and the funds).
    ///
    /// ## Why is this bad?
    /// A 决算's 年初预算 is the budget published at the start of the year;
    /// a different figure is either a slip or a budget adjusted since,
    /// which the text must say. Figures are compared as the intervals they
    /// round from.
    ///
    /// A difference is a warning naming both places; where the text
    /// explains it (`调整预算`, `口径调整`) it is a hint.
    ///
    /// ## Example
    /// The 预算公开: `“三公”经费预算数为 6.40 万元`. The 决算:
    /// ```text
    /// “三公”经费年初预算 6.80 万元，支出决算 6.12 万元，完成年初预算的 90.0%。
    /// ```
    ///
    /// ## Fix
    /// None: the 决算 may be right about an adjusted budget.
    BUDGET_FIGURE_MISMATCH, "budget-figure-mismatch", Warning, "a final account's budget figure does not match the year's published budget",
    zh: "年初预算数与当年预算公开数不符"
}
