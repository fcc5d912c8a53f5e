//! The message catalogue: every text a check writes, typed, in both
//! languages.
//!
//! A check says *what* it found as a [`Message`] with the figures as fields
//! (written as the draft writes them); the edges (the command line's
//! renderers, the language server) turn it into text in the reader's
//! [`Lang`]. Each message's two texts sit side by side in [`Message::text`],
//! whose `match` is exhaustive: a message cannot exist in one language only.
//! Chinese is the default, in the vocabulary of the documents themselves
//! (合计、其中、增减额、增减率、占比、上年数、年初预算、决算数、完成率).
//!
//! The core never chooses a language: [`Lang::from_locale`] and
//! [`Lang::from_env`] read values the edges pass in.

use std::fmt;

/// The language of what gouji writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文, the default.
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh` or `en` (as in `--lang` and `lang = "…"` in gouji.toml).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "zh-cn" | "zh_cn" | "zh-hans" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// A locale (`en-US`, `en_GB.UTF-8`, `zh-cn`, `C`): English when it
    /// starts with `en`, else Chinese; `None` when empty.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale.trim();
        if l.is_empty() {
            return None;
        }
        Some(if l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("en")) { Lang::En } else { Lang::Zh })
    }

    /// The language of the environment, as POSIX looks up a category: the
    /// first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty
    /// decides (`C`, `C.UTF-8` and nothing at all mean Chinese).
    pub fn from_env(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Lang {
        [lc_all, lc_messages, lang].into_iter().flatten().find_map(Lang::from_locale).unwrap_or_default()
    }

    /// The first text in Chinese, the second in English.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which stated percentage a rate message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKind {
    /// A change rate over the change stated (增减率 from 增减额).
    Change,
    /// A change rate from this year's and last year's amounts.
    ChangeFromAmounts,
    /// A share of a whole (占比).
    Share,
    /// A completion rate of a final account (完成率).
    Completion,
    /// An average annual rate over several years (年均增长率).
    Average,
}

impl RateKind {
    fn noun(self, lang: Lang) -> &'static str {
        match self {
            RateKind::Change | RateKind::ChangeFromAmounts => lang.pick("增减率", "rate"),
            RateKind::Share => lang.pick("占比", "share"),
            RateKind::Completion => lang.pick("完成率", "rate"),
            RateKind::Average => lang.pick("年均增长率", "average rate"),
        }
    }
}

/// Where a statement of a figure is: a table (its number and title) or the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Table { number: Option<String>, title: String },
    Text,
}

/// Everything a check writes: messages, notes, labels of related places
/// and fix titles. Figures are as the draft writes them (`371.3 万元`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    // ---- list-total-mismatch
    /// The items of a list do not add up to its total.
    ItemsSum { sum: String, stated: String, unit: String, off: String, over: bool },
    /// A total that must equal one other figure (`收入总计` = `支出总计`).
    TotalEqualsOther { subject: String, stated: String, other_subject: String, other: String, unit: String, off: String },
    MoreItems { count: usize },
    TotalAgreesWithParent { subject: String, value: String },
    ParentAgreesWithSum { sum: String, subject: String, value: String },
    /// The total is also the sum of another list (`agree`: one that agrees
    /// with it as printed, a table row's columns).
    AlsoSumOf { total: String, parts: Vec<String>, agree: bool },
    Item { subject: String, value: String },
    ParentTotal,
    ParentTotalAgreeingWithSum,
    OtherListAddingUp,
    ReplaceTotal { value: String },

    // ---- rates: change-rate, share, completion-rate
    RateMismatch { kind: RateKind, arithmetic: String, stated: String, truncated: bool },
    ReplaceRate { kind: RateKind, value: String },
    OtherReadings { count: usize, rate: String },
    DividedByThisYear,
    FractionAsPercent,
    HundredTimes,
    TransposedRate { stated: String, right: String },
    FinalFigure,
    BudgetFigure,
    Part,
    Whole,

    // ---- changes
    ChangeAmountMismatch { now: String, prior: String, difference: String, stated: String, budget: bool },
    RateAgreesWithDifference,
    ReplaceChangeWithDifference { value: String },
    ChangeSumMismatch { sum: String, stated: Option<String> },
    ItemsAddUpSoChangesMust,
    ItemChange { subject: String, change: String },
    ReplaceChangeWithItemsSum { value: String },
    DirectionConflict { change: String, change_up: bool, rate: String, rate_up: bool },
    DirectionAgainstAmounts { prior: String, now: String, says_up: bool, budget: bool },
    ChangeWithItsWord,
    ReadAsPrior { figure: String },
    /// Where a comparison is with the budget: the figure read as the budget.
    ReadAsBudget { figure: String },
    /// The difference between the final figure and its budget.
    ChangeFromBudget,
    ThisYear,
    /// The first year's amount of an average rate.
    FirstYearAmount,
    /// The last year's amount of an average rate.
    LastYearAmount,
    LastYear,
    ChangeFromLastYear,

    // ---- zero-base-change
    ZeroBaseIncrease { says_zero: bool, amount: String, stated: String },
    ZeroBaseNotZero { amount: String, change: String },
    ZeroBaseRate { amount: String, change: String },
    PriorBelowZero { amount: String, change: String },
    WriteNotComparable,
    BaseWasZero,
    ChangeEqualsAmount,
    ReplaceIncreaseWithAmount { value: String },

    // ---- share-points-mismatch
    PointsMismatch { now: String, prior: String, difference: String, stated: String },
    ReadAsPriorPercentage { figure: String },
    ThisYearPercentage,
    LastYearPercentage,
    ReplacePoints { value: String },

    // ---- repeated-figure-mismatch
    BelowItems { name: String, value: String, items: Vec<String> },
    StatedElsewhere { name: String, value: String, agreed: String, places: usize },
    NoMajority { name: String, value: String },
    ItemOf { name: String, value: String },
    Statement { value: String, place: Place },
    LastYearsFigure { figure: String, change: String },
    LastYearsSum,
    RowNeighbour { above: bool, row: String },
    DigitsSwapped,
    RateFitsAgreed { rate: String },
    RateFittingAgreed,
    SumItMends { subject: String, total: String },
    SumMended,
    ReplaceWith { value: String },

    // ---- units and figures
    UnitSlip { total: bool, figure: String },
    ReadAsWan,
    ListTotal,
    WriteWan,
    MissingUnit { figure: String, unit: String },
    AddUnit { unit: String },
    MissingFigure { written: String, rate: bool },

    // ---- unused-suppression
    UnusedSuppression { rules: Vec<String> },
    /// An `[[ignore]]` entry of `gouji.toml` that accepts nothing.
    UnusedIgnoreEntry { text: String, path: String, rules: Vec<String> },
    /// Where to remove it: its line in `gouji.toml` (0 when unknown), or
    /// the entry itself when the diagnostic is in `gouji.toml`.
    RemoveIgnoreEntry { line: usize, in_draft: bool },
    RemoveSuppression,

    // ---- template-residue, flat-contradiction, change-without-reason (issue 17)
    /// A placeholder left from the template: `XX局`, `XXX万元`, `×××`.
    TemplatePlaceholder { written: String },
    /// Both words of a template's choice left in: `增加（减少）`.
    TemplateChoice { written: String },
    /// A template's instruction to whoever fills it in: `（如持平作持平表述）`.
    TemplateInstruction { written: String },
    /// A note that something is still to be written: `待填写`.
    TemplateToDo { written: String },
    /// The change beside a template's choice is zero.
    ZeroChangeIsFlat,
    DeleteInstruction,
    /// `比上年持平`: 持平 takes 与, not 比 or 较.
    FlatWithComparative { written: String },
    WriteFlatWithYu { written: String },
    /// `增加持平`: a direction and no change at once.
    FlatWithDirection { written: String },
    DeleteDirectionWord { word: String },
    /// `增加0万元…主要原因是…`: a zero change written as a move, with a reason.
    ZeroChangeWithReason { written: String },
    TheReason,
    /// `与上年持平` where this year's and last year's figures differ.
    FlatButFiguresDiffer { now: String, prior: String },
    /// A change of a figure inspectors want explained, with no reason given.
    ChangeWithoutReason { subject: String, change: String },
    ReasonExpected,
    // ---- reading files (src/input/)
    /// A format not read (`.doc`, `.wps`, `.ofd`, `.pdf`): what to convert it to.
    ConvertFirst { format: String, convert_to: String },
    /// A file that cannot be read as what its name says.
    DamagedFile { format: String, detail: String },
    /// A file past the reading bounds (a zip bomb, a sheet too wide).
    FileTooLarge { limit: usize },
    /// `--fix` on a file gouji does not write.
    CannotFixDocument { file: String },
    /// Where a diagnostic's figure is in the file read.
    InParagraph { file: String, paragraph: usize },
    InWordTable { file: String, table: usize, row: usize, column: usize },
    InSheetCell { file: String, cell: String },
}

impl Message {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Lang::{En, Zh};
        use Message as M;
        match self {
            M::ItemsSum { sum, stated, unit, off, over } => match lang {
                Zh => format!("分项之和为 {sum} {unit}，合计为 {stated} {unit}，相差 {off}{}", if *over { "（分项之和大于合计）" } else { "" }),
                En => format!("items sum to {sum} {unit}, stated {stated} {unit}, off by {off}{}", if *over { " (the items exceed the total)" } else { "" }),
            },
            M::TotalEqualsOther { subject, stated, other_subject, other, unit, off } => match lang {
                Zh => format!("{subject}为 {stated}，而{other_subject}为 {other} {unit}，两者应相等，相差 {off}"),
                En => format!("{subject} is {stated}, but {other_subject} is {other} {unit}, off by {off}"),
            },
            M::MoreItems { count } => match lang {
                Zh => format!("另有 {count} 项未列出"),
                En => format!("{count} more items not shown"),
            },
            M::TotalAgreesWithParent { subject, value } => match lang {
                Zh => format!("本合计与上一级的{subject} {value}相符，可能是某一分项有误或遗漏"),
                En => format!("the total agrees with {subject} {value}, so an item is likely wrong or missing"),
            },
            M::ParentAgreesWithSum { sum, subject, value } => match lang {
                Zh => format!("合计改为 {sum} 后，上一级的{subject} {value}也能勾稽一致"),
                En => format!("with {sum}, {subject} {value} also adds up"),
            },
            M::AlsoSumOf { total, parts, agree } => match (lang, agree) {
                (Zh, false) => format!("{total}也等于 {} 之和，因此本组可能有分项错误或遗漏", parts.join(" + ")),
                (Zh, true) => format!("{total}也等于 {} 之和，二者相符", parts.join(" + ")),
                (En, false) => format!("{total} is also the sum of {}, so an item here is likely wrong or missing", parts.join(" + ")),
                (En, true) => format!("{total} is also the sum of {}, which agree with it", parts.join(" + ")),
            },
            M::Item { subject, value } => match lang {
                Zh => format!("分项：{subject} {value}"),
                En => format!("item: {subject} {value}"),
            },
            M::ParentTotal => lang.pick("与本合计相符的上级合计", "the larger total this one agrees with").into(),
            M::ParentTotalAgreeingWithSum => lang.pick("与分项之和相符的上级合计", "the larger total that agrees with the items' sum").into(),
            M::OtherListAddingUp => lang.pick("另一组与合计相符的分项", "the other list that adds up to the total").into(),
            M::ReplaceTotal { value } => match lang {
                Zh => format!("将合计改为分项之和 {value}"),
                En => format!("Replace the total with the items' sum {value}"),
            },

            M::RateMismatch { kind, arithmetic, stated, truncated } => match (lang, truncated) {
                (Zh, false) => format!("{}：{arithmetic}，文中为 {stated}%", rate_lead(*kind)),
                (Zh, true) => format!("{}：{arithmetic}，文中为 {stated}%，仅在截尾（而非四舍五入）时成立", rate_lead(*kind)),
                (En, false) => format!("{arithmetic}, stated {stated}%"),
                (En, true) => format!("{arithmetic}, stated {stated}%: right only if truncated, not rounded"),
            },
            M::ReplaceRate { kind, value } => match lang {
                Zh => format!("将{}改为 {value}%", kind.noun(lang)),
                En => format!("Replace the {} with {value}", kind.noun(lang)),
            },
            M::OtherReadings { count, rate } => match lang {
                Zh => format!("本句另有 {count} 种读法也已核算，均得不出 {rate}%"),
                En => format!("{count} other reading(s) of the sentence checked; none gives {rate}%"),
            },
            M::DividedByThisYear => lang.pick("增减率误以本年数为分母计算（应除以上年数）", "the rate was divided by this year's figure instead of last year's").into(),
            M::FractionAsPercent => lang.pick("把小数直接当作百分数写出（增减率大了 100 倍）", "a fraction was written as a percent (the rate is 100 times larger)").into(),
            M::HundredTimes => lang.pick("增减率大了 100 倍", "the rate is 100 times too large").into(),
            M::TransposedRate { stated, right } => match lang {
                Zh => format!("两位数字前后颠倒（{stated} 应为 {right}）"),
                En => format!("two digits are transposed ({stated} for {right})"),
            },
            M::FinalFigure => lang.pick("决算数", "the final figure (决算)").into(),
            M::BudgetFigure => lang.pick("年初预算数", "the budget (年初预算)").into(),
            M::Part => lang.pick("占比的分子（部分）", "the part").into(),
            M::Whole => lang.pick("占比的分母（总体）", "the whole").into(),

            M::ChangeAmountMismatch { now, prior, difference, stated, budget: false } => match lang {
                Zh => format!("增减额与两年金额之差不符：{now} − {prior} = {difference}，文中增减额为 {stated}"),
                En => format!("{now} − {prior} = {difference}, stated change {stated}"),
            },
            M::ChangeAmountMismatch { now, prior, difference, stated, budget: true } => match lang {
                Zh => format!("与预算的差额不符：决算数 {now} − 预算数 {prior} = {difference}，文中为 {stated}"),
                En => format!("final {now} − budget {prior} = {difference}, stated difference {stated}"),
            },
            M::RateAgreesWithDifference => lang.pick("文中增减率与两年金额之差相符，应更正的是增减额", "the stated rate agrees with the difference, so the change is the figure to correct").into(),
            M::ReplaceChangeWithDifference { value } => match lang {
                Zh => format!("将增减额改为两年金额之差 {value}"),
                En => format!("Replace the change with the difference {value}"),
            },
            M::ChangeSumMismatch { sum, stated } => match lang {
                Zh => format!("各分项增减额之和为 {sum}，而合计的增减额为 {}", stated.as_deref().unwrap_or("0（持平）")),
                En => format!("the items' changes sum to {sum}, but the total's change is stated as {}", stated.as_deref().unwrap_or("0 (持平)")),
            },
            M::ItemsAddUpSoChangesMust => lang.pick("各分项金额之和等于合计，其增减额之和也应等于合计的增减额", "the items' amounts add up to the total, so their changes must too").into(),
            M::ItemChange { subject, change } => match lang {
                Zh => format!("{subject}：增减额 {change}"),
                En => format!("{subject}: change {change}"),
            },
            M::ReplaceChangeWithItemsSum { value } => match lang {
                Zh => format!("将增减额改为各分项增减额之和 {value}"),
                En => format!("Replace the change with the items' sum {value}"),
            },
            M::DirectionConflict { change, change_up, rate, rate_up } => match lang {
                Zh => format!(
                    "增减方向矛盾：增减额 {change}为{}，增减率 {rate}% 却为{}",
                    if *change_up { "增加" } else { "减少" },
                    if *rate_up { "增长" } else { "下降" }
                ),
                En => format!("the change {change} is {} but its rate {rate}% is {}", up_down(*change_up), up_down(*rate_up)),
            },
            M::DirectionAgainstAmounts { prior, now, says_up, budget: true } => match lang {
                Zh => format!(
                    "与预算比较的方向不符：预算数 {prior}，决算数 {now}，决算数实为{}，文中却称{}",
                    if *says_up { "较少" } else { "较多" },
                    if *says_up { "较多" } else { "较少" }
                ),
                En => format!(
                    "the final figure {now} is {} than the budget {prior}, but the text states it is {}",
                    if *says_up { "lower" } else { "higher" },
                    if *says_up { "higher" } else { "lower" }
                ),
            },
            M::DirectionAgainstAmounts { prior, now, says_up, budget: false } => match lang {
                Zh => format!(
                    "增减方向与两年金额不符：上年 {prior}，本年 {now}，实为{}，文中却称{}",
                    if *says_up { "减少" } else { "增加" },
                    if *says_up { "增加" } else { "减少" }
                ),
                En => format!(
                    "from {prior} last year to {now} this year the figure {}, but the text states {}",
                    if *says_up { "fell" } else { "rose" },
                    if *says_up { "an increase" } else { "a decrease" }
                ),
            },
            M::ChangeWithItsWord => lang.pick("增减额及其方向词", "the change, with its own direction word").into(),
            M::ReadAsBudget { figure } => match lang {
                Zh => format!("将 {figure} 读作预算数"),
                En => format!("read {figure} as the budget"),
            },
            M::ChangeFromBudget => lang.pick("与预算的差额", "the difference from the budget").into(),
            M::ReadAsPrior { figure } => match lang {
                Zh => format!("将 {figure} 读作上年数"),
                En => format!("read {figure} as last year's amount"),
            },
            M::ThisYear => lang.pick("本年数", "this year's amount").into(),
            M::FirstYearAmount => lang.pick("首年金额", "the first year's amount").into(),
            M::LastYearAmount => lang.pick("末年金额", "the last year's amount").into(),
            M::LastYear => lang.pick("上年数", "last year's amount").into(),
            M::ChangeFromLastYear => lang.pick("比上年增减额", "the change from last year").into(),

            M::ZeroBaseIncrease { says_zero, amount, stated } => match (lang, says_zero) {
                (Zh, true) => format!("上年数为零，增加额应等于本年数 {amount}，文中为 {stated}"),
                (Zh, false) => format!("增加额不能大于本年数：应为 {amount}，文中为 {stated}"),
                (En, true) => format!("last year was zero, so the increase should be {amount}, stated {stated}"),
                (En, false) => format!("an increase cannot exceed the amount: the increase should be {amount}, stated {stated}"),
            },
            M::ZeroBaseNotZero { amount, change } => match lang {
                Zh => format!("文中称上年数为零，但 {amount} − {change} 不为零"),
                En => format!("the text says last year was zero, but {amount} − {change} is not"),
            },
            M::ZeroBaseRate { amount, change } => match lang {
                Zh => format!("上年数为零（{amount} − {change}），无法计算增减率"),
                En => format!("last year was zero ({amount} − {change}), so no rate can be computed"),
            },
            M::PriorBelowZero { amount, change } => match lang {
                Zh => format!("上年数将为 {amount} − {change} < 0"),
                En => format!("last year would have been {amount} − {change} < 0"),
            },
            M::WriteNotComparable => lang.pick("此处应写“不可比”，而不是增减率", "write 不可比 (not comparable) instead of a rate").into(),
            M::BaseWasZero => lang.pick("文中称上年基数为零", "the text says the base was zero").into(),
            M::ChangeEqualsAmount => lang.pick("增减额，与本年数相等", "the change, equal to the amount").into(),
            M::ReplaceIncreaseWithAmount { value } => match lang {
                Zh => format!("将增加额改为本年数 {value}"),
                En => format!("Replace the increase with the amount {value}"),
            },

            M::PointsMismatch { now, prior, difference, stated } => match lang {
                Zh => format!("增减百分点与两年比重之差不符：{now}% − {prior}% = {difference} 个百分点，文中为 {stated}"),
                En => format!("{now}% − {prior}% = {difference} 个百分点, stated {stated}"),
            },
            M::ReadAsPriorPercentage { figure } => match lang {
                Zh => format!("将 {figure}% 读作上年比重"),
                En => format!("read {figure}% as last year's percentage"),
            },
            M::ThisYearPercentage => lang.pick("本年比重", "this year's percentage").into(),
            M::LastYearPercentage => lang.pick("上年比重", "last year's percentage").into(),
            M::ReplacePoints { value } => match lang {
                Zh => format!("将百分点改为两年比重之差 {value}"),
                En => format!("Replace the points with the difference {value}"),
            },

            M::BelowItems { name, value, items } => match lang {
                Zh => format!("{name}：此处为 {value}，小于其在别处所列各分项之和 {}", items.join(" + ")),
                En => format!("{name} is {value} here, less than its items elsewhere: {}", items.join(" + ")),
            },
            M::StatedElsewhere { name, value, agreed, places } => match lang {
                Zh if *places == 1 => format!("{name}：此处为 {value}，另一处为 {agreed}"),
                Zh => format!("{name}：此处为 {value}，另外 {places} 处均为 {agreed}"),
                En => format!("{name} is {value} here, but {agreed} in {places} other place{}", if *places == 1 { "" } else { "s" }),
            },
            M::NoMajority { name, value } => match lang {
                Zh => format!("{name}：此处为 {value}，与别处所列不一致，且各处数值无多数一致"),
                En => format!("{name} is {value} here but stated differently elsewhere, with no majority for any value"),
            },
            M::ItemOf { name, value } => match lang {
                Zh => format!("{name}的分项：{value}"),
                En => format!("an item of {name}: {value}"),
            },
            M::Statement { value, place } => match (lang, place) {
                (Zh, Place::Table { number: Some(n), title }) => format!("{value}，见{n} {title}"),
                (Zh, Place::Table { number: None, title }) => format!("{value}，见{title}"),
                (Zh, Place::Text) => format!("{value}，见正文"),
                (En, Place::Table { number: Some(n), title }) => format!("{value} in {n} {title}"),
                (En, Place::Table { number: None, title }) => format!("{value} in {title}"),
                (En, Place::Text) => format!("{value} in the text"),
            },
            M::LastYearsFigure { figure, change } => match lang {
                Zh => format!("此数是上年数：{figure} 减去增减额 {change}"),
                En => format!("it is last year's figure: {figure} less its change {change}"),
            },
            M::LastYearsSum => lang.pick("此数是上年数：各分项之和减去其增减额", "it is last year's figure: its items' sum less their changes").into(),
            M::RowNeighbour { above, row } => match lang {
                Zh => format!("此数是{}一行（{row}）的数", if *above { "上" } else { "下" }),
                En => format!("it is the figure of the row {} it ({row})", if *above { "above" } else { "below" }),
            },
            M::DigitsSwapped => lang.pick("有两位数字前后颠倒", "two digits are swapped").into(),
            M::RateFitsAgreed { rate } => match lang {
                Zh => format!("其增减率 {rate}% 与该数相符，与此处的数不符"),
                En => format!("its change rate {rate}% fits that value, not this one"),
            },
            M::RateFittingAgreed => lang.pick("与多数值相符的增减率", "the rate that fits the agreed value").into(),
            M::SumItMends { subject, total } => match lang {
                Zh => format!("改用该数后，{subject} {total}也能勾稽一致"),
                En => format!("with that value, the sum {subject} {total} also adds up"),
            },
            M::SumMended => lang.pick("改用该数后勾稽一致的合计", "the sum it mends").into(),
            M::ReplaceWith { value } => match lang {
                Zh => format!("改为 {value}"),
                En => format!("Replace with {value}"),
            },

            M::UnitSlip { total, figure } => match lang {
                Zh => format!("{}“{figure}”以元为单位，而同组其他数据均以万元为单位", if *total { "合计" } else { "分项" }),
                En => format!("{} {figure} is in 元 where the rest of the list is in 万元", if *total { "the total" } else { "an item" }),
            },
            M::ReadAsWan => lang.pick("按万元计，该组数据勾稽一致", "read as 万元, the list adds up").into(),
            M::ListTotal => lang.pick("该组的合计", "the list's total").into(),
            M::WriteWan => lang.pick("改为万元", "Write 万元").into(),
            M::MissingUnit { figure, unit } => match lang {
                Zh => format!("{figure} 缺少单位，同组数据的单位为{unit}"),
                En => format!("{figure} has no unit in a list of {unit}"),
            },
            M::AddUnit { unit } => match lang {
                Zh => format!("补上单位“{unit}”"),
                En => format!("Add {unit}"),
            },
            M::MissingFigure { written, rate } => match lang {
                Zh => format!("“{written}”缺少{}", if *rate { "比率数值" } else { "金额数值" }),
                En => format!("`{written}` has no {}", if *rate { "rate" } else { "amount" }),
            },

            M::UnusedSuppression { rules } => match lang {
                Zh => format!("此处对{}的忽略没有匹配任何诊断", if rules.is_empty() { "所有规则".to_string() } else { format!(" {} ", rules.join("、")) }),
                En => format!("this suppression of {} matches no diagnostic", if rules.is_empty() { "any rule".to_string() } else { rules.join(", ") }),
            },
            M::UnusedIgnoreEntry { text, path, rules } => match lang {
                Zh => format!("gouji.toml 中针对“{text}”（{path}，{}）的 [[ignore]] 条目没有匹配任何诊断", if rules.is_empty() { "所有规则".to_string() } else { rules.join("、") }),
                En => format!("the [[ignore]] entry for “{text}” in {path} ({}) matches no diagnostic", if rules.is_empty() { "any rule".to_string() } else { rules.join(", ") }),
            },
            M::RemoveIgnoreEntry { line, in_draft } => match (lang, in_draft, line) {
                (Zh, true, 0) => "请从 gouji.toml 中删除该条目，或改正其文字或路径".into(),
                (Zh, true, line) => format!("请删除 gouji.toml 第 {line} 行的该条目，或改正其文字或路径"),
                (Zh, false, _) => "请删除该条目，或改正其文字或路径".into(),
                (En, true, 0) => "remove the entry from gouji.toml, or correct its text or path".into(),
                (En, true, line) => format!("remove the entry at gouji.toml:{line}, or correct its text or path"),
                (En, false, _) => "remove the entry, or correct its text or path".into(),
            },
            M::RemoveSuppression => lang.pick("删除该忽略注释", "Remove the suppression").into(),

            M::TemplatePlaceholder { written } => match lang {
                Zh => format!("模板残留：占位符“{written}”未替换为实际内容"),
                En => format!("template residue: the placeholder `{written}` was never filled in"),
            },
            M::TemplateChoice { written } => match lang {
                Zh => format!("模板残留：“{written}”应按实际情况选用其中一词"),
                En => format!("template residue: `{written}` offers two words, and one must be chosen"),
            },
            M::TemplateInstruction { written } => match lang {
                Zh => format!("模板残留：填写说明“{written}”未删除"),
                En => format!("template residue: the instruction `{written}` was left in"),
            },
            M::TemplateToDo { written } => match lang {
                Zh => format!("模板残留：“{written}”处内容尚未填写"),
                En => format!("template residue: `{written}` marks text still to be written"),
            },
            M::ZeroChangeIsFlat => lang.pick("增减额为 0，应表述为“与上年持平”", "the change is zero: write that it is unchanged (与上年持平)").into(),
            M::DeleteInstruction => lang.pick("删除该填写说明", "Delete the instruction").into(),
            M::FlatWithComparative { written } => match lang {
                Zh => format!("“{written}”搭配不当：“持平”应与“与……”搭配（如“与上年持平”），不用“比”“较”"),
                En => format!("`{written}`: 持平 (unchanged) takes 与, not 比 or 较, as in 与上年持平"),
            },
            M::WriteFlatWithYu { written } => match lang {
                Zh => format!("改为“{written}”"),
                En => format!("Write `{written}`"),
            },
            M::FlatWithDirection { written } => match lang {
                Zh => format!("“{written}”自相矛盾：既称增减又称持平"),
                En => format!("`{written}` contradicts itself: a change and no change at once"),
            },
            M::DeleteDirectionWord { word } => match lang {
                Zh => format!("删除“{word}”"),
                En => format!("Delete `{word}`"),
            },
            M::ZeroChangeWithReason { written } => match lang {
                Zh => format!("“{written}”：增减额为 0，却写作增减并说明变动原因，应表述为“与上年持平”"),
                En => format!("`{written}` is a change of zero, written as a change and given a reason: write that it is unchanged (与上年持平)"),
            },
            M::TheReason => lang.pick("所说明的变动原因", "the reason given").into(),
            M::FlatButFiguresDiffer { now, prior } => match lang {
                Zh => format!("称“持平”，但本年 {now} 与上年 {prior} 不相等"),
                En => format!("stated as unchanged (持平), but this year's {now} differs from last year's {prior}"),
            },
            M::ChangeWithoutReason { subject, change } => match lang {
                Zh => format!("{subject}{change}，未说明变动原因"),
                En => format!("{subject} changed ({change}) and no reason is given"),
            },
            M::ReasonExpected => lang.pick("增减变动须说明主要原因（如“主要原因是……”），持平的无须说明", "a change needs its main reason (主要原因是…); an unchanged figure needs none").into(),
            M::ConvertFirst { format, convert_to } => match lang {
                Zh => format!("暂不能读取 {format} 文件，请先另存为 {convert_to}（或将文字复制到 .txt 文件）后再检查"),
                En => format!("cannot read {format} files yet: save it as {convert_to} (or copy its text into a .txt file) and check that"),
            },
            M::DamagedFile { format, detail } => match lang {
                Zh => format!("无法读取：文件已损坏、已加密或不是 {format} 文件（{detail}）"),
                En => format!("cannot read: the file is damaged, encrypted or not a {format} file ({detail})"),
            },
            M::FileTooLarge { limit } => match lang {
                Zh => format!("文件解压或读出的内容超过上限（{limit} MiB，或单元格过多、过宽），可能是压缩炸弹，未予检查"),
                En => format!("the file holds more than the limit once uncompressed or read ({limit} MiB, or too many or too wide cells), possibly a zip bomb: not checked"),
            },
            M::CannotFixDocument { file } => match lang {
                Zh => format!("{file}：gouji 不改写 Word、Excel 文件，--fix 未作任何改动，请在原文件中修改"),
                En => format!("{file}: gouji does not write Word or Excel files, --fix changed nothing (make the fixes in the original)"),
            },
            M::InParagraph { file, paragraph } => match lang {
                Zh => format!("原文位置：{file} 第{paragraph}段"),
                En => format!("in the source: {file} paragraph {paragraph}"),
            },
            M::InWordTable { file, table, row, column } => match lang {
                Zh => format!("原文位置：{file} 第{table}个表格 第{row}行第{column}列"),
                En => format!("in the source: {file} table {table}, row {row}, column {column}"),
            },
            M::InSheetCell { file, cell } => match lang {
                Zh => format!("原文位置：{file} {cell}"),
                En => format!("in the source: {file} {cell}"),
            },
        }
    }

    /// One instance of every message, for tests that render them all.
    #[cfg(test)]
    pub fn samples() -> Vec<Message> {
        use Message as M;
        let s = |t: &str| t.to_string();
        let mut all = vec![
            M::ItemsSum { sum: s("371.3"), stated: s("386.52"), unit: s("万元"), off: s("15.22"), over: false },
            M::ItemsSum { sum: s("371.3"), stated: s("36.52"), unit: s("万元"), off: s("334.78"), over: true },
            M::TotalEqualsOther { subject: s("收入总计"), stated: s("100"), other_subject: s("支出总计"), other: s("90"), unit: s("万元"), off: s("10") },
            M::MoreItems { count: 3 },
            M::TotalAgreesWithParent { subject: s("收入总计"), value: s("100 万元") },
            M::ParentAgreesWithSum { sum: s("90"), subject: s("收入总计"), value: s("100 万元") },
            M::AlsoSumOf { total: s("100 万元"), parts: vec![s("60"), s("40")], agree: false },
            M::AlsoSumOf { total: s("100 万元"), parts: vec![s("60"), s("40")], agree: true },
            M::Item { subject: s("事业收入"), value: s("0 万元") },
            M::ParentTotal,
            M::ParentTotalAgreeingWithSum,
            M::OtherListAddingUp,
            M::ReplaceTotal { value: s("371.3") },
            M::ReplaceRate { kind: RateKind::Share, value: s("21.44") },
            M::OtherReadings { count: 1, rate: s("4.68") },
            M::DividedByThisYear,
            M::FractionAsPercent,
            M::HundredTimes,
            M::TransposedRate { stated: s("4.68"), right: s("4.86") },
            M::FinalFigure,
            M::BudgetFigure,
            M::Part,
            M::Whole,
            M::ChangeAmountMismatch { now: s("100 万元"), prior: s("90 万元"), difference: s("10 万元"), stated: s("12 万元"), budget: false },
            M::ChangeAmountMismatch { now: s("100 万元"), prior: s("90 万元"), difference: s("10 万元"), stated: s("12 万元"), budget: true },
            M::ReadAsBudget { figure: s("90 万元") },
            M::ChangeFromBudget,
            M::RateAgreesWithDifference,
            M::ReplaceChangeWithDifference { value: s("10") },
            M::ChangeSumMismatch { sum: s("3"), stated: Some(s("4")) },
            M::ChangeSumMismatch { sum: s("3"), stated: None },
            M::ItemsAddUpSoChangesMust,
            M::ItemChange { subject: s("事业收入"), change: s("-1.2") },
            M::ReplaceChangeWithItemsSum { value: s("3") },
            M::DirectionConflict { change: s("3 万元"), change_up: true, rate: s("2"), rate_up: false },
            M::DirectionAgainstAmounts { prior: s("90 万元"), now: s("80 万元"), says_up: true, budget: false },
            M::DirectionAgainstAmounts { prior: s("80 万元"), now: s("90 万元"), says_up: false, budget: false },
            M::DirectionAgainstAmounts { prior: s("90 万元"), now: s("80 万元"), says_up: true, budget: true },
            M::ChangeWithItsWord,
            M::ReadAsPrior { figure: s("90 万元") },
            M::ThisYear,
            M::FirstYearAmount,
            M::LastYearAmount,
            M::LastYear,
            M::ChangeFromLastYear,
            M::ZeroBaseIncrease { says_zero: true, amount: s("5 万元"), stated: s("6 万元") },
            M::ZeroBaseIncrease { says_zero: false, amount: s("5 万元"), stated: s("6 万元") },
            M::ZeroBaseNotZero { amount: s("5 万元"), change: s("4 万元") },
            M::ZeroBaseRate { amount: s("5 万元"), change: s("5 万元") },
            M::PriorBelowZero { amount: s("5"), change: s("6") },
            M::WriteNotComparable,
            M::BaseWasZero,
            M::ChangeEqualsAmount,
            M::ReplaceIncreaseWithAmount { value: s("5") },
            M::PointsMismatch { now: s("78.6"), prior: s("77.1"), difference: s("1.5"), stated: s("1.6 个百分点") },
            M::ReadAsPriorPercentage { figure: s("77.1") },
            M::ThisYearPercentage,
            M::LastYearPercentage,
            M::ReplacePoints { value: s("1.5") },
            M::BelowItems { name: s("档案事务"), value: s("200 万元"), items: vec![s("190"), s("78.1")] },
            M::StatedElsewhere { name: s("2080505 机关事业单位基本养老保险缴费支出"), value: s("26.3 万元"), agreed: s("26.03 万元"), places: 2 },
            M::NoMajority { name: s("“三公”经费"), value: s("3 万元") },
            M::ItemOf { name: s("档案事务"), value: s("190 万元") },
            M::Statement { value: s("26.03 万元"), place: Place::Table { number: Some(s("表3")), title: s("支出总表") } },
            M::Statement { value: s("26.03 万元"), place: Place::Table { number: None, title: s("支出总表") } },
            M::Statement { value: s("26.03 万元"), place: Place::Text },
            M::LastYearsFigure { figure: s("26.3"), change: s("1.3") },
            M::LastYearsSum,
            M::RowNeighbour { above: true, row: s("行政运行") },
            M::RowNeighbour { above: false, row: s("行政运行") },
            M::DigitsSwapped,
            M::RateFitsAgreed { rate: s("5.2") },
            M::RateFittingAgreed,
            M::SumItMends { subject: s("支出合计"), total: s("100") },
            M::SumMended,
            M::ReplaceWith { value: s("26.03") },
            M::UnitSlip { total: true, figure: s("3.18 元") },
            M::UnitSlip { total: false, figure: s("3.18 元") },
            M::ReadAsWan,
            M::ListTotal,
            M::WriteWan,
            M::MissingUnit { figure: s("3.18"), unit: s("万元") },
            M::AddUnit { unit: s("万元") },
            M::MissingFigure { written: s("增长%"), rate: true },
            M::MissingFigure { written: s("支出 万元"), rate: false },
            M::UnusedSuppression { rules: vec![s("unit-slip")] },
            M::UnusedSuppression { rules: Vec::new() },
            M::UnusedIgnoreEntry { text: s("主要原因"), path: s("2025/预算.txt"), rules: vec![s("unit-slip")] },
            M::RemoveIgnoreEntry { line: 7, in_draft: true },
            M::RemoveSuppression,
            M::TemplatePlaceholder { written: s("XX局") },
            M::TemplateChoice { written: s("增加（减少）") },
            M::TemplateInstruction { written: s("（如持平作持平表述）") },
            M::TemplateToDo { written: s("待填写") },
            M::ZeroChangeIsFlat,
            M::DeleteInstruction,
            M::FlatWithComparative { written: s("比上年持平") },
            M::WriteFlatWithYu { written: s("与上年持平") },
            M::FlatWithDirection { written: s("增加持平") },
            M::DeleteDirectionWord { word: s("增加") },
            M::ZeroChangeWithReason { written: s("增加0万元") },
            M::TheReason,
            M::FlatButFiguresDiffer { now: s("12.5 万元"), prior: s("11.8 万元") },
            M::ChangeWithoutReason { subject: s("公务接待费"), change: s("减少 0.5 万元") },
            M::ReasonExpected,
            M::ConvertFirst { format: s("PDF (.pdf)"), convert_to: s(".docx") },
            M::DamagedFile { format: s("Word (.docx)"), detail: s("invalid Zip archive") },
            M::FileTooLarge { limit: 256 },
            M::CannotFixDocument { file: s("预算公开.docx") },
            M::InParagraph { file: s("预算公开.docx"), paragraph: 3 },
            M::InWordTable { file: s("预算公开.docx"), table: 1, row: 4, column: 3 },
            M::InSheetCell { file: s("预算表.xlsx"), cell: s("表5!C12") },
        ];
        for kind in [RateKind::Change, RateKind::ChangeFromAmounts, RateKind::Share, RateKind::Completion, RateKind::Average] {
            for truncated in [false, true] {
                all.push(M::RateMismatch { kind, arithmetic: s("46.92 / 966.33 = 4.86%"), stated: s("4.68"), truncated });
            }
            all.push(M::ReplaceRate { kind, value: s("4.86") });
        }
        all
    }
}

/// What a Chinese rate message opens with: which percentage disagrees with what.
fn rate_lead(kind: RateKind) -> &'static str {
    match kind {
        RateKind::Change => "增减率与增减额不符",
        RateKind::ChangeFromAmounts => "增减率与两年金额不符",
        RateKind::Share => "占比与金额不符",
        RateKind::Completion => "完成率与决算数、年初预算数不符",
        RateKind::Average => "年均增长率与首末年度金额不符",
    }
}

fn up_down(up: bool) -> &'static str {
    if up {
        "up"
    } else {
        "down"
    }
}

/// Does the text contain a Chinese character (CJK ideograph)?
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures, units and the draft's own words (subjects, `万元`, `不可比`)
    /// may be Chinese in an English message; what English adds must not be.
    fn english_words(text: &str) -> String {
        text.chars().filter(|c| !has_cjk(&c.to_string()) && !matches!(c, '“' | '”' | '（' | '）')).collect()
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        // The `match` in `Message::text` is exhaustive, so no message lacks a
        // language; here each is rendered to see that both texts say something,
        // the Chinese in Chinese, and that they differ.
        for m in Message::samples() {
            let (zh, en) = (m.text(Lang::Zh), m.text(Lang::En));
            assert!(has_cjk(&zh), "{m:?} has no Chinese text: {zh}");
            assert!(!zh.contains(" the ") && !zh.contains("stated"), "{m:?}: English in the Chinese text: {zh}");
            assert!(english_words(&en).chars().any(|c| c.is_ascii_alphabetic()), "{m:?} has no English text: {en}");
            assert_ne!(zh, en, "{m:?}");
            for punctuation in ["，", "：", "；"] {
                assert!(!en.contains(punctuation), "{m:?}: Chinese punctuation in the English text: {en}");
            }
        }
    }

    #[test]
    fn every_kind_of_message_has_a_sample() {
        // A new variant must be added to the samples: counted by discriminant.
        let kinds: std::collections::HashSet<_> = Message::samples().iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), VARIANTS, "a message kind has no sample in Message::samples");
    }

    /// The number of variants of [`Message`]; raise it with a new one.
    const VARIANTS: usize = 78 + 15 + 7;

    #[test]
    fn languages_from_locales_and_the_environment() {
        assert_eq!(Lang::from_locale("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("zh-cn"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("C"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("C.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale(""), None);
        assert_eq!(Lang::from_env(None, None, None), Lang::Zh);
        assert_eq!(Lang::from_env(None, None, Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_env(Some("C"), None, Some("en_US.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_env(Some(""), Some("en_US.UTF-8"), Some("zh_CN.UTF-8")), Lang::En);
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }
}
