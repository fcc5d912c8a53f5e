//! `previous-figure-mismatch`: this year's 上年数 against last year's
//! published figure. The comparison itself is in [`super::across`].

use super::declare_rule;

declare_rule! {
    /// ## What it does
    /// Compares the last year's figures a draft implies with last year's
    /// disclosure (`gouji check 2026/预算公开.txt --previous
    /// 2025/预算公开.txt`, or `[[previous]]` in gouji.toml). Every change
    /// states last year's figure: `1020.77 万元，比上年增加 46.92 万元` says
    /// last year was 1020.77 − 46.92 = 973.85; so does a rate alone
    /// (`增长 5%`: N ÷ 1.05), a 上年 figure written out, and a two-year
    /// table's 上年 column. The figure is found in last year's disclosure
    /// by the same identity the ties use within one draft (account code,
    /// else names; the standard totals; the “三公” parts; the column and
    /// the funds), and like is compared with like: a 预算's 上年 figure is
    /// last year's budget unless its words say 执行数 or 决算; a 决算's is
    /// last year's final accounts.
    ///
    /// ## Why is this bad?
    /// "上下年数据不衔接" is one of the findings inspections report most,
    /// and no check of one draft can see it. Both figures are compared as
    /// the intervals they round from: only a difference no rounding
    /// explains is reported.
    ///
    /// Budgets are adjusted and accounts reclassified between years, so
    /// a difference is a warning that names both places, never an error;
    /// where the text explains it (`调整预算`, `口径调整`) it is a hint.
    ///
    /// ## Example
    /// Last year's disclosure: `“三公”经费预算数为 6.40 万元`. This year's:
    /// ```text
    /// 2026年“三公”经费预算数为 6.00 万元，比上年减少 0.50 万元。
    /// ```
    /// 6.00 + 0.50 = 6.50, not 6.40.
    ///
    /// ## Fix
    /// None: either year's figure may be the one to correct, or the
    /// difference may be a restatement the text should explain.
    PREVIOUS_FIGURE_MISMATCH, "previous-figure-mismatch", Warning, "this year's figure for last year does not match last year's published figure",
    zh: "上年数与上年公开数不衔接"
}
