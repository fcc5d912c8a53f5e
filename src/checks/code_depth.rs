use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::message::Message;
use crate::profile::Title;

declare_rule! {
    /// ## What it does
    /// Flags a table that lists its spending by account code but stops short
    /// of the level the rules require: functional codes (`208`, `20805`,
    /// `2080505`) short of 项级 (seven digits), economic codes (`301`,
    /// `30101`) short of 款级 (five digits), in the tables of spending (not
    /// the overview tables, 收支总表 and 财政拨款收支总表, which list spending
    /// by 类 in every template). The table's codes are read as
    /// printed; a table is judged only when it prints codes on several rows
    /// and none at the level required. Only in a draft whose title reads as
    /// a 部门/单位 预算 or 决算 disclosure.
    ///
    /// ## Why is this bad?
    /// The disclosure rules require spending by functional classification to
    /// 项级 and basic spending by economic classification to 款级;
    /// inspections grade a table that stops at 类 or 款 as not detailed
    /// enough.
    ///
    /// ## Not flagged
    /// A table with any code at the level required (its other rows may be
    /// the subtotals of 类 and 款), a table with fewer than three coded
    /// rows, and tables without codes.
    ///
    /// ## Example
    /// ```text
    /// 一般公共预算支出表
    /// 单位：万元
    /// 科目编码 科目名称 合计
    /// 208 社会保障和就业支出 52.30
    /// 20805 行政事业单位养老支出 52.30
    /// ```
    /// List the 项 under each 款 (`2080505 机关事业单位基本养老保险缴费支出`).
    ///
    /// ## Fix
    /// None: the detail is in the budget system, not in the draft.
    CODE_DEPTH, "code-depth", Warning, "a table's account codes stop short of the level required (functional codes to seven digits, economic to five)",
    zh: "表中科目编码未细化到规定级次（功能分类到项级、经济分类到款级）"
}

/// A table with fewer coded rows than this is not judged.
pub const MIN_CODED_ROWS: usize = 3;

/// The two classifications: the first digit of their codes, the digits of
/// the level required, and that level's name.
const CLASSIFICATIONS: &[(u8, usize, &str, &str)] = &[(b'2', 7, "功能分类", "项级"), (b'3', 5, "经济分类", "款级")];

pub fn check(cx: &Context, _title: &Title, out: &mut Vec<Diagnostic>) {
    let facts = cx.facts;
    for (t, table) in facts.tables.iter().enumerate() {
        // The spending tables: the overview tables (收支总表, 财政拨款收支总表)
        // list spending by 类 in every template.
        if !table.title.contains("支出") || table.title.contains("收支") || table.title.contains("收入支出") {
            continue;
        }
        for &(first, required, classification, level) in CLASSIFICATIONS {
            let codes: Vec<&str> = table.rows.iter().filter_map(|r| r.code.as_deref()).filter(|c| c.as_bytes().first() == Some(&first) && c.bytes().all(|b| b.is_ascii_digit())).collect();
            if codes.len() < MIN_CODED_ROWS || codes.iter().any(|c| c.len() >= required) {
                continue;
            }
            let deepest = codes.iter().map(|c| c.len()).max().unwrap_or(0);
            // On the table's first figure: the table has no span of its own.
            // Cells are in document order, so by table.
            let Some(cell) = facts.cells.get(facts.cells.partition_point(|c| c.table < t)).filter(|c| c.table == t) else { continue };
            out.push(Diagnostic::new(
                &CODE_DEPTH,
                facts.figures[cell.figure].span,
                Message::CodesShortOfLevel { table: table.title.clone(), classification: classification.into(), deepest, level: level.into() },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "code-depth").collect()
    }

    const TITLE: &str = "2025年某县林业局部门预算公开\n\n";

    #[test]
    fn functional_codes_short_of_xiang_are_flagged() {
        let t = format!("{TITLE}一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t96.50\n208\t社会保障和就业支出\t52.30\n20805\t行政事业单位养老支出\t52.30\n213\t农林水支出\t44.20\n21302\t林业和草原\t44.20\n");
        let d = check(&t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(matches!(&d[0].message, crate::Message::CodesShortOfLevel { deepest: 5, .. }), "{d:?}");
        let detailed = format!("{t}2130201\t行政运行\t44.20\n");
        assert!(check(&detailed).is_empty());
    }

    #[test]
    fn economic_codes_to_kuan_and_short_tables_are_silent() {
        let t = format!("{TITLE}一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t30.00\n301\t工资福利支出\t20.00\n30101\t基本工资\t20.00\n302\t商品和服务支出\t10.00\n30201\t办公费\t10.00\n");
        assert!(check(&t).is_empty());
        let short = format!("{TITLE}一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t30.00\n301\t工资福利支出\t20.00\n302\t商品和服务支出\t10.00\n303\t对个人和家庭的补助\t0.00\n");
        assert_eq!(check(&short).len(), 1);
        // The overview lists spending by 类.
        let overview = format!("{TITLE}财政拨款收支总表\n单位：万元\n项目\t合计\n合计\t96.50\n208\t社会保障和就业支出\t52.30\n213\t农林水支出\t44.20\n221\t住房保障支出\t0.00\n");
        assert!(check(&overview).is_empty());
    }
}
