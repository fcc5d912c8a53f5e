//! Tables: reading the rows of a budget table, and the ties between them.
//!
//! A table block is read in steps: each line into cells ([`cells`]:
//! pipes, tabs, or the spaces of text extracted from PDF), the lines into
//! tables with their title, unit, column headings and rows ([`read`]: rows
//! broken over lines, wrapped names, a table continued after a page break,
//! a table printed one cell per line), the headings read again against the
//! rows ([`settle`]: a caption spanning the figure columns, a group printed
//! before the total, captions that are the columns), and the rows into
//! facts ([`ties`]): every printed figure, and a [`List`] for each sum the
//! table promises, so the list checks foot tables as they foot the
//! narrative. Rows that dropped empty cells are placed in their columns by
//! arithmetic ([`place`]), or left unplaced, silent, with the reason kept
//! for the coverage ledger. Two-year tables give each row's change and rate,
//! final accounts each row's completion rate, as prose states them.
//!
//! A table block's facts depend on its own text alone, like a prose block's.
//!
//! [`List`]: crate::facts::List

mod cells;
mod place;
mod read;
mod settle;
mod ties;
mod words;

pub use cells::{parse_number, Num};
pub use read::{read_tables, Columns, Row, Table};

use crate::facts::BlockFacts;

/// The facts of a table block: its figures, and its parent rows, unit
/// breakdowns, total rows and cross-footed rows as lists. Spans are
/// relative to the start of `source`.
pub fn analyze_table(source: &str) -> BlockFacts {
    ties::facts(&read_tables(source))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each list as `total = a + b`, figures as printed.
    fn lists(source: &str) -> Vec<String> {
        let facts = analyze_table(source);
        let show = |k: usize| source[facts.facts.figures[k].number.range()].to_string();
        facts.facts.lists.iter().map(|l| format!("{} = {}", show(l.total), l.items.iter().map(|&k| show(k)).collect::<Vec<_>>().join(" + "))).collect()
    }

    const HEADINGS: &str = "一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n";

    #[test]
    fn parent_rows_total_rows_and_rows_across() {
        let t = format!("{HEADINGS}合计 30.00 10.00 20.00\n201 一般公共服务支出 30.00 10.00 20.00\n20101 人大事务 30.00 10.00 20.00\n2010101 行政运行 10.00 10.00\n2010102 一般行政管理事务 20.00 20.00\n");
        let got = lists(&t);
        for want in ["30.00 = 30.00", "30.00 = 10.00 + 20.00", "10.00 = 10.00", "20.00 = 20.00"] {
            assert!(got.contains(&want.to_string()), "{want} not in {got:?}");
        }
        // 合计 over 201, 201 over 20101, 20101 over its two items, in each of
        // the three columns (the short rows placed by arithmetic), and five
        // rows across.
        assert_eq!(got.len(), 3 * 3 + 5);
        assert!(got.contains(&"20.00 = 20.00".to_string()) && got.contains(&"10.00 = 10.00".to_string()));
    }

    #[test]
    fn a_code_under_itself_is_a_breakdown_by_unit() {
        let t = format!("{HEADINGS}2101501 行政运行 18.50 18.50\n2101501 行政运行 15.00 15.00\n2101501 行政运行 3.50 3.50\n");
        assert!(lists(&t).contains(&"18.50 = 15.00 + 3.50".to_string()));
    }

    #[test]
    fn a_repeat_larger_than_the_first_is_not_read_as_a_breakdown() {
        let t = "科目编码 科目名称 金额\n2101501 行政运行 3.50\n2101501 行政运行 15.00\n2101501 行政运行 18.50\n";
        assert!(lists(t).is_empty());
    }

    #[test]
    fn economic_items_under_their_class_across_a_page_break() {
        let t = "基本支出表\n单位：万元\n科目名称 合计 人员经费 公用经费\n合计 9.00 5.00 4.00\n301 工资福利支出 5.00 5.00\n01 基本工资 5.00 5.00\n302 商品和服务支出 4.00 4.00\n01 办公费 1.00 1.00\n- 7 -\n基本支出表\n单位：万元\n科目名称 合计 人员经费 公用经费\n28 工会经费 3.00 3.00\n";
        let got = lists(t);
        assert!(got.contains(&"4.00 = 1.00 + 3.00".to_string()), "{got:?}");
        assert!(got.contains(&"9.00 = 5.00 + 4.00".to_string()), "{got:?}");
    }

    #[test]
    fn without_headings_only_full_rows_count() {
        // Unknown columns, rows of different widths: no column is certain.
        let t = "201 一般公共服务支出 30.00 10.00\n20101 人大事务 30.00\n";
        assert!(lists(t).is_empty());
        // A single figure column is certain.
        let t = "201 一般公共服务支出 30.00\n20101 人大事务 30.00\n";
        assert_eq!(lists(t), ["30.00 = 30.00"]);
    }

    #[test]
    fn several_column_sets_leave_the_first_figure_uncertain() {
        let t = "科目名称 上年预算数 合计 基本支出 本年预算数 合计 基本支出\n201 一般公共服务支出 5.00 5.00 8.00 8.00\n20101 人大事务 8.00 8.00\n";
        assert!(lists(t).is_empty());
    }

    #[test]
    fn nested_headings_out_of_order_are_not_trusted() {
        let t = "科目名称 合计 基本支出 项目支出 人员经费 公用经费\n201 一般公共服务支出 9.00 5.00 3.00 2.00 4.00\n";
        assert!(lists(t).is_empty(), "{:?}", lists(t));
        let t = "科目名称 合计 基本支出 人员经费 公用经费 项目支出\n201 一般公共服务支出 9.00 5.00 3.00 2.00 4.00\n";
        assert_eq!(lists(t), ["9.00 = 5.00 + 4.00", "5.00 = 3.00 + 2.00"]);
    }

    #[test]
    fn under_a_group_of_sources_only_the_group_is_summed() {
        let t = "科目名称 合计 一般公共预算拨款收入 单位资金 事业收入 其他收入 上年结转\n208 社会保障和就业支出 9.00 5.00 3.00 2.00 1.00 1.00\n";
        assert_eq!(lists(t), ["3.00 = 2.00 + 1.00"]);
    }

    #[test]
    fn titles_with_notes_and_total_rows_with_colons() {
        let t = "一般公共预算支出表（按功能分类）\n科目名称 合计\n合计： 5.00\n201 一般公共服务支出 5.00\n支出总表\n科目名称 合计\n合计 7.00\n201 一般公共服务支出 7.00\n";
        assert_eq!(lists(t), ["5.00 = 5.00", "7.00 = 7.00"]);
    }

    #[test]
    fn a_code_or_row_number_in_a_figure_column_is_not_a_total() {
        let t = format!("{HEADINGS}行政运行\n2101501 203.46 203.46\n");
        assert!(lists(&t).is_empty(), "{:?}", lists(&t));
        let t = format!("{HEADINGS}行政事业单位养老支出\n20805 63 63\n");
        assert!(lists(&t).is_empty(), "{:?}", lists(&t));
    }

    #[test]
    fn two_sided_totals_and_row_numbers() {
        let t = "收支总表\n项目 行次 金额 项目 行次 金额\n一、一般公共预算拨款收入 1 80.00 一、一般公共服务支出 30 50.00\n二、事业收入 2 20.00 二、教育支出 31 50.00\n本年收入合计 10 100.00 本年支出合计 40 100.00\n收入总计 20 100.00 支出总计 50 100.00\n";
        let got = lists(t);
        // 本年合计 over the lines, 总计 over 本年合计 on each side, and 收入总计 = 支出总计.
        assert_eq!(got, ["100.00 = 80.00 + 20.00", "100.00 = 50.00 + 50.00", "100.00 = 100.00", "100.00 = 100.00", "100.00 = 100.00"]);
    }

    #[test]
    fn a_two_sided_table_in_cells_keeps_an_empty_half_empty() {
        // As Word and Excel tables are rendered: every cell, tabs between.
        let t = "收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n一、一般公共预算拨款收入\t500.00\t一、一般公共服务支出\t300.00\n二、事业收入\t20.00\t二、社会保障和就业支出\t150.00\n\t\t三、卫生健康支出\t80.00\n本年收入合计\t520.00\t本年支出合计\t520.00\n收入总计\t520.00\t支出总计\t520.00\n";
        let got = lists(t);
        assert!(got.contains(&"520.00 = 500.00 + 20.00".to_string()), "{got:?}");
        assert!(got.contains(&"520.00 = 300.00 + 150.00 + 80.00".to_string()), "{got:?}");
    }

    #[test]
    fn the_wide_half_of_a_two_sided_table_is_read_across() {
        let t = "财政拨款收支总表\n单位：万元\n收入 支出\n项目 预算数 项目（按功能分类） 合计 一般公共预算 政府性基金预算\n一、本年收入 一、本年支出\n（一）一般公共预算拨款 9.00 （一）一般公共服务支出 9.00 8.00 1.00\n收入总计 9.00 支出总计 9.00 8.00 1.00\n";
        let got = lists(t);
        assert!(got.contains(&"9.00 = 8.00 + 1.00".to_string()), "{got:?}");
        assert!(got.contains(&"9.00 = 9.00".to_string()), "{got:?}");
    }

    #[test]
    fn halves_whose_columns_cannot_be_placed_are_not_summed() {
        // Two figures a half (年初预算数, 决算数), one of them dropped on a
        // spending line: only the income half, every line full, is summed,
        // each of its columns on its own.
        let t = "收入支出决算总表\n项目 年初预算数 决算数 项目 年初预算数 决算数\n一、财政拨款收入 90.00 100.00 一、一般公共服务支出 100.00\n本年收入合计 90.00 100.00 本年支出合计 90.00 100.00\n收入总计 90.00 100.00 支出总计 90.00 100.00\n";
        assert_eq!(lists(t), ["90.00 = 90.00", "90.00 = 90.00", "100.00 = 100.00", "100.00 = 100.00"]);
    }

    #[test]
    fn row_numbers_without_their_heading() {
        let t = "收支总表\n一、一般公共预算拨款收入 1 800 一、一般公共服务支出 30 500\n二、事业收入 2 200 二、教育支出 31 500\n本年收入合计 10 1000 本年支出合计 40 1000\n收入总计 20 1000 支出总计 50 1000\n";
        assert_eq!(lists(t), ["1000 = 800 + 200", "1000 = 500 + 500", "1000 = 1000", "1000 = 1000", "1000 = 1000"]);
    }

    #[test]
    fn top_level_rows_of_different_kinds_are_not_summed() {
        let t = format!("{HEADINGS}合计 30.00\n201 一般公共服务支出 20.00\n506001 本级 10.00\n");
        assert!(!lists(&t).iter().any(|l| l.starts_with("30.00")));
    }

    #[test]
    fn three_public_template() {
        let t = "一般公共预算“三公”经费支出表\n单位：万元\n上年预算数 2025年预算数\n合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费 小计 公务用车购置费 公务用车运行费 小计 公务用车购置费 公务用车运行费\n6.00 1.00 3.00 1.00 2.00 2.00 5.00 0.00 4.00 0.00 4.00 1.00\n";
        assert_eq!(lists(t), ["6.00 = 1.00 + 3.00 + 2.00", "3.00 = 1.00 + 2.00", "5.00 = 0.00 + 4.00 + 1.00", "4.00 = 0.00 + 4.00"]);
        let facts = analyze_table(t);
        assert_eq!(facts.facts.figures[0].period, crate::facts::Period::Prior);
        assert_eq!(&*facts.facts.figures[6].subject, "“三公”经费");
    }

    #[test]
    fn every_column_of_amounts_is_summed_down_where_cells_are_kept() {
        let t = "科目编码\t科目名称\t上年预算数\t本年预算数\t增减\n208\t社会保障和就业支出\t10.00\t12.00\t2.00\n20805\t行政事业单位养老支出\t10.00\t12.00\t2.00\n2080505\t机关事业单位基本养老保险缴费支出\t6.00\t8.00\t2.00\n2080506\t机关事业单位职业年金缴费支出\t4.00\t4.00\t\n";
        assert_eq!(lists(t), ["10.00 = 10.00", "10.00 = 6.00 + 4.00", "12.00 = 12.00", "12.00 = 8.00 + 4.00", "2.00 = 2.00", "2.00 = 2.00"]);
    }

    #[test]
    fn full_rows_from_pdf_are_summed_down_every_column() {
        let t = "科目编码 科目名称 上年预算数 本年预算数\n208 社会保障和就业支出 10.00 12.00\n20805 行政事业单位养老支出 10.00 12.00\n2080505 基本养老保险缴费支出 6.00 8.00\n2080506 职业年金缴费支出 4.00 4.00\n";
        assert_eq!(lists(t), ["10.00 = 10.00", "10.00 = 6.00 + 4.00", "12.00 = 12.00", "12.00 = 8.00 + 4.00"]);
        // A row that dropped a cell leaves its parent's column unsummed.
        let t = "科目编码 科目名称 上年预算数 本年预算数\n20805 行政事业单位养老支出 10.00 12.00\n2080505 基本养老保险缴费支出 6.00 8.00\n2080506 职业年金缴费支出 4.00\n";
        assert!(lists(t).is_empty(), "{:?}", lists(t));
    }

    /// The columns of each figure, as placed.
    fn columns(source: &str) -> Vec<(String, Option<&'static str>)> {
        let facts = analyze_table(source);
        facts.facts.cells.iter().map(|c| (source[facts.facts.figures[c.figure].number.range()].to_string(), c.column)).collect()
    }

    const CAPTIONED: &str = "一般公共预算支出表\n单位：万元\n科目 一般公共预算支出\n科目编码 科目名称 合计 基本支出 项目支出\n总计 512.40 431.20 81.20\n208 社会保障和就业支出 40.10 40.10\n208 05 行政事业单位养老支出 40.10 40.10\n210 卫生健康支出 440.80 359.60 81.20\n221 住房保障支出 31.50 31.50\n";

    #[test]
    fn a_caption_over_the_figure_columns_is_no_column() {
        let got = lists(CAPTIONED);
        assert!(got.contains(&"512.40 = 431.20 + 81.20".to_string()), "{got:?}");
        assert!(got.contains(&"512.40 = 40.10 + 440.80 + 31.50".to_string()), "{got:?}");
    }

    #[test]
    fn short_rows_are_placed_by_arithmetic() {
        let got = lists(CAPTIONED);
        // 基本支出 down to 总计: 208 and 221 are basic spending.
        assert!(got.contains(&"431.20 = 40.10 + 359.60 + 31.50".to_string()), "{got:?}");
        assert!(got.contains(&"81.20 = 81.20".to_string()), "{got:?}");
        // Two parts of three: each figure in its column.
        let t = "科目编码 科目名称 合计 人员经费 公用经费 项目支出\n合计 30.00 10.00 5.00 15.00\n201 一般公共服务支出 30.00 10.00 5.00 15.00\n20101 人大事务 15.00 10.00 5.00\n20102 政协事务 15.00 15.00\n";
        let cols = columns(t);
        assert!(cols.contains(&("5.00".to_string(), Some("公用经费"))) && cols.iter().filter(|c| c.1 == Some("项目支出")).count() == 2, "{cols:?}");
    }

    #[test]
    fn a_wrong_figure_is_placed_and_found() {
        let t = CAPTIONED.replace("221 住房保障支出 31.50 31.50", "221 住房保障支出 32.50 32.50");
        assert!(lists(&t).contains(&"431.20 = 40.10 + 359.60 + 32.50".to_string()), "{:?}", lists(&t));
    }

    #[test]
    fn two_placements_that_foot_alike_leave_the_rows_unplaced() {
        // 221 and 222 print the same figure, one basic and one project:
        // either way round foots, so neither is placed and no column is summed.
        let t = "科目编码 科目名称 合计 基本支出 项目支出\n合计 20.00 10.00 10.00\n221 住房保障支出 10.00 10.00\n222 粮油物资储备支出 10.00 10.00\n";
        // The 合计 column down, and each row across; no part column down.
        let got = lists(t);
        assert_eq!(got.len(), 4, "{got:?}");
        let facts = analyze_table(t);
        assert!(facts.facts.tables[0].notes.iter().any(|n| matches!(n, crate::message::TableNote::RowNotPlaced { why: crate::message::Unplaced::FootEqually, .. })), "{:?}", facts.facts.tables[0].notes);
    }

    #[test]
    fn a_group_printed_before_the_total_is_a_caption() {
        let t = "部门收入总体情况表\n单位：万元\n财政拨款（补助）\n科目编码 科目名称 总计 小计 一般公共预算 政府性基金预算 事业收入\n总计 9.00 9.00 9.00\n208 社会保障和就业支出 9.00 9.00 9.00\n20805 行政事业单位养老支出 4.00 4.00 4.00\n20806 企业改革补助 5.00 5.00 5.00\n";
        let got = lists(t);
        assert!(got.contains(&"9.00 = 4.00 + 5.00".to_string()), "{got:?}");
        assert_eq!(read_tables(t)[0].title, "部门收入总表");
    }

    #[test]
    fn each_row_of_a_two_year_table_states_its_change_and_rate() {
        let t = "科目编码 科目名称 2024年预算数 2025年预算数 增减额 增减率（%）\n201 一般公共服务支出 100.00 112.00 12.00 12.00\n208 社会保障和就业支出 80.00 76.00 -4.00 -5.00\n";
        let facts = analyze_table(t).facts;
        assert_eq!(facts.changes.len(), 2);
        assert_eq!(facts.figures[0].period, crate::facts::Period::Prior);
        assert_eq!(facts.figures[6].measure, crate::facts::Measure::Change(crate::facts::Direction::Down));
        assert!(lists(t).contains(&"80.00 = 76.00 + -4.00".to_string()), "{:?}", lists(t));
    }

    #[test]
    fn final_accounts_state_completion_rates() {
        let t = "科目编码 科目名称 年初预算 调整预算 决算 完成率（%）\n201 一般公共服务支出 90.00 100.00 94.00 94.00\n208 社会保障和就业支出 80.00 80.00 76.00 95.00\n";
        let facts = analyze_table(t).facts;
        assert_eq!(facts.completions.len(), 2);
        // The first rate fits the adjusted budget, not the first one.
        assert_eq!(facts.figures[facts.completions[0].budget].value, rust_decimal::Decimal::from(100));
    }

    #[test]
    fn the_three_public_table_with_items_as_rows() {
        let t = "“三公”经费支出情况表\n单位：万元\n项目 上年预算数 本年预算数 增减额\n合计 14.80 13.30 -1.50\n因公出国（境）费 0.00 0.00 0.00\n公务用车购置及运行费 10.80 10.00 -0.80\n其中：公务用车购置费 0.00 0.00 0.00\n公务用车运行费 10.80 10.00 -0.80\n公务接待费 4.00 3.30 -0.70\n";
        let got = lists(t);
        assert!(got.contains(&"13.30 = 0.00 + 10.00 + 3.30".to_string()), "{got:?}");
        assert!(got.contains(&"10.80 = 0.00 + 10.80".to_string()), "{got:?}");
    }

    #[test]
    fn markdown_and_tab_tables() {
        let md = "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n|---|---|---|---|---|\n| **合计** | | **7.00** | **5.00** | **2.00** |\n| 208 | 社会保障和就业支出 | 7.00 | 5.00 | 2.00 |\n";
        assert!(lists(md).contains(&"7.00 = 5.00 + 2.00".to_string()), "{:?}", lists(md));
        let tab = "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t7.00\t5.00\t2.00\n208\t社会保障和就业支出\t7.00\t\t7.00\n";
        let got = lists(tab);
        assert!(got.contains(&"7.00 = 7.00".to_string()) && got.contains(&"7.00 = 5.00 + 2.00".to_string()), "{got:?}");
    }
}
