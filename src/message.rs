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
    /// A final figure's stated difference from its budget, which gives the
    /// budget when the draft does not state it.
    BudgetDifference,
    Part,
    Whole,

    // ---- changes
    /// `fell`: this year's (the final) figure is the smaller, and the
    /// difference is written larger less smaller.
    ChangeAmountMismatch { now: String, prior: String, difference: String, stated: String, budget: bool, fell: bool },
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
    /// Shares of parts that cannot overlap adding up past the whole: the
    /// sum as written and its least value over every rounding.
    ShareSumOver { arithmetic: String, least: String },
    /// Another part's share in a [`Message::ShareSumOver`].
    ShareInSum,
    /// The whole a share is read against when no sentence names it: the
    /// one the other shares of the sentence give, from `low` to `high`.
    WholeFromOtherShares { low: String, high: String },
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
    /// A paragraph stating a figure again, differently: the name, the
    /// value here and the value stated first.
    RestatedDifferently { name: String, value: String, first: String },
    /// The first statement of a [`Message::RestatedDifferently`].
    FirstStatement,
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
    /// `others`: the places further on worded the same way.
    ZeroChangeWithReason { written: String, others: usize },
    TheReason,
    /// Another place worded as the finding's (its repeats, linked to it).
    SameWording,
    /// `与上年持平` where this year's and last year's figures differ.
    FlatButFiguresDiffer { now: String, prior: String },
    /// A change of a figure inspectors want explained, with no reason given.
    ChangeWithoutReason { subject: String, change: String },
    ReasonExpected,
    /// A 项 of a 决算 whose spending differs from its 年初预算, with no reason.
    ItemDifferenceWithoutReason { item: String, actual: String, budget: String },
    /// The 年初预算 a 决算 figure differs from.
    BudgetAtStartOfYear,
    ItemReasonExpected,
    // ---- empty-table-note, missing-section (issue 17)
    /// A table of a fund the department may not have, all zero, with no note.
    EmptyTableWithoutNote { table: String },
    /// The note an empty table carries, for this fund.
    EmptyTableNoteExpected { fund: String },
    /// The fix: the note inserted under an empty table.
    InsertEmptyTableNote { note: String },
    /// A note that a table is empty, above figures other than zero.
    EmptyNoteButFigures { table: String, figure: String },
    FigureInTable,
    /// A standard table a whole disclosure of `kind` does not contain.
    MissingTable { table: String, kind: String },
    /// A required explanation a whole disclosure of `kind` does not contain.
    MissingExplanation { section: String, kind: String },
    RequiredByRules,
    /// An item of the “三公”经费 stated without the detail required.
    ThreePublicWithoutDetail { item: String, figure: String, detail: String },
    /// A table whose codes of a classification stop at `deepest` digits,
    /// short of the `level` required.
    CodesShortOfLevel { table: String, classification: String, deepest: usize, level: String },
    /// A year naming the disclosure that is not its title's `year`.
    WrongYear { written: String, year: u16, kind: String },
    /// A 项 of a spending table not named in an explanation that names
    /// `explained` of its `of` 项.
    ItemNotExplained { table: String, code: String, name: String, explained: usize, of: usize },
    /// A unit's disclosure calling itself a department (`本部门`), and
    /// `others` places more.
    WrongScope { written: String, others: usize },
    /// The organisation named `written`, not as the `title` names it, and
    /// `others` places more.
    OrganisationNamedOtherwise { written: String, title: String, others: usize },
    /// The draft's title, as a related place.
    TheTitle,
    /// An explanation (procurement, state assets) without the `detail` required.
    ExplanationWithoutDetail { item: String, detail: String },
    /// A change compared with the year before last (`比2023年`) in a
    /// disclosure of `year`.
    WrongComparisonYear { written: String, year: u16, kind: String },
    /// A heading naming the `wrong` kind in a disclosure of `kind`.
    WrongKind { heading: String, kind: String, wrong: String },
    // ---- reading files (src/input/)
    /// A format not read (`.doc`, `.wps`, `.ofd`): what to convert it to.
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
    InPdfPage { file: String, page: usize, line: usize },
    /// A PDF that needs a password to be opened.
    EncryptedPdf,
    /// A PDF with no text at all (scanned pages, images only).
    NoTextLayer { pages: usize },
    /// Characters of a PDF whose font has no Unicode map (read as U+FFFD).
    UndecodedCharacters { count: usize },
    // ---- the command line, gouji.toml, the editors (lang2)
    /// A path named on the command line that is not there.
    NoSuchPath { path: String },
    /// A file's error, after the file's name.
    InFile { path: String, error: Box<Message> },
    /// A file or folder that could not be read.
    CannotRead { path: String, cause: IoCause },
    /// A fixed draft that could not be written back.
    CannotWrite { path: String, cause: IoCause },
    /// A file that is not a draft's text.
    NotText { path: String, why: NotText },
    /// A `gouji.toml` that cannot be used, at its line and column.
    ConfigInvalid { path: String, line: usize, column: usize, problem: ConfigProblem },
    /// `gouji explain` of a rule that does not exist.
    NoSuchRule { id: String },
    /// A `--lang` that is neither `zh` nor `en` (clap names the value).
    BadLang,
    /// An unsafe fix's title, offered for review.
    ReviewFix { title: String },
    /// The editor's action applying every safe fix of a document.
    FixAll { count: usize },
    /// The language server's warning that a `gouji.toml` is not used.
    ConfigNotUsed { error: Box<Message> },
    /// The heading of `--coverage` for one file.
    CoverageOf { path: String },
    /// One line of `--coverage`: a standard tie and what became of it.
    CoverageLine { tie: Tie, status: CoverageStatus },
    /// `--coverage`: the items a disclosure of `kind` must contain follow;
    /// `whole` is false for an excerpt, whose missing items are not reported.
    RequiredHeader { kind: String, whole: bool },
    /// `--coverage`: one item required, and the line that names it (1-based).
    RequiredLine { item: String, table: bool, line: Option<usize> },
    // ---- the review of a folder (`--format html`)
    /// The progress bar's word while a folder is checked.
    Checking,
    /// `--output`: the report's file could not be written.
    CannotWriteReport { path: String, cause: IoCause },
    /// The report's opening line: what was checked and found.
    ReviewCounts { documents: usize, errors: usize, warnings: usize, not_checked: usize },
    /// Where a finding or a related place is.
    AtLine { line: usize, column: usize },
    /// The documents a chart leaves out.
    ChartMore { count: usize },
    /// A document's ledger of standard ties, counted.
    CoverageCounts { verified: usize, differs: usize, skipped: usize },
    // ---- ties across documents (issue 18)
    /// This year's 上年 figure (the arithmetic that gives it) against last
    /// year's published one; `actual`: compared with last year's 决算.
    PreviousFigureMismatch { subject: String, arithmetic: String, stated: String, actual: bool },
    /// A 决算's 年初预算 figure against the year's published budget.
    BudgetFigureMismatch { subject: String, here: String, there: String },
    /// The text explains a difference between years: a restatement.
    RestatementExplained { word: String },
    /// What the other document states, at its place.
    StatedThere { document: crate::diagnostic::OtherDocument, value: String },
    /// Where the other document states it: its file and line.
    OtherPlace { document: crate::diagnostic::OtherDocument, path: String, line: usize, value: String },
    /// A draft's other document (named by `--previous`, `--budget` or
    /// `[[previous]]`) that cannot be read.
    OtherDocumentUnreadable { document: crate::diagnostic::OtherDocument, draft: String, error: Box<Message> },
    /// Another document whose title names the wrong year: not compared.
    OtherDocumentYear { document: crate::diagnostic::OtherDocument, draft: String, year: u16, other: u16 },
    /// `--coverage`: the ties to the other document, counted.
    CrossCoverage { document: crate::diagnostic::OtherDocument, path: String, verified: usize, differs: usize, not_found: usize },
}

/// Why a file or folder could not be read or written, from its
/// [`std::io::ErrorKind`]; the system's own words otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoCause {
    NotFound,
    PermissionDenied,
    IsADirectory,
    Other(String),
}

impl IoCause {
    pub fn of(e: &std::io::Error) -> IoCause {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoCause::NotFound,
            std::io::ErrorKind::PermissionDenied => IoCause::PermissionDenied,
            std::io::ErrorKind::IsADirectory => IoCause::IsADirectory,
            _ => IoCause::Other(e.to_string()),
        }
    }

    fn text(&self, lang: Lang) -> String {
        match self {
            IoCause::NotFound => lang.pick("找不到该文件或文件夹", "no such file or folder").into(),
            IoCause::PermissionDenied => lang.pick("没有访问权限", "permission denied").into(),
            IoCause::IsADirectory => lang.pick("这是文件夹，不是文件", "a folder, not a file").into(),
            IoCause::Other(e) => match lang {
                Lang::Zh => format!("系统错误（{e}）"),
                Lang::En => e.clone(),
            },
        }
    }
}

/// Why a file is not a draft's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// It has a byte order mark, but is not valid text in that encoding.
    BadEncoding { encoding: String },
    /// It contains NUL bytes.
    Nul,
    /// Neither UTF-8 nor GB18030.
    Unknown,
}

/// What is wrong in a `gouji.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// A key gouji does not know.
    UnknownKey { key: String },
    /// A value not among those allowed (`"loud"` for a severity): the
    /// values allowed.
    BadValue { value: String, expected: Vec<String> },
    /// What the TOML reader said, in its own (English) words.
    Toml { message: String },
    UnknownRule { id: String },
    UnknownRuleInIgnore { id: String },
    DefaultUnit { unit: String },
    NegativeTolerance,
}

impl ConfigProblem {
    /// Reads the TOML reader's message: unknown keys and values are named
    /// in the reader's language; anything else is kept as the reader wrote it.
    pub fn from_toml(message: &str) -> ConfigProblem {
        let quoted = |rest: &str| rest.split('`').nth(1).map(str::to_string);
        if let Some(key) = message.strip_prefix("unknown field").and_then(quoted) {
            ConfigProblem::UnknownKey { key }
        } else if let Some(value) = message.strip_prefix("unknown variant").and_then(quoted) {
            let expected = message.split_once("expected").map_or("", |(_, e)| e);
            let expected = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
            ConfigProblem::BadValue { value, expected }
        } else {
            ConfigProblem::Toml { message: message.to_string() }
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        use Lang::{En, Zh};
        match (self, lang) {
            (ConfigProblem::UnknownKey { key }, Zh) => format!("未知的设置项 `{key}`"),
            (ConfigProblem::UnknownKey { key }, En) => format!("unknown key `{key}`"),
            (ConfigProblem::BadValue { value, expected }, Zh) => format!("无效的取值 `{value}`（应为 {} 之一）", expected.join("、")),
            (ConfigProblem::BadValue { value, expected }, En) => format!("invalid value `{value}` (expected one of {})", expected.join(", ")),
            (ConfigProblem::Toml { message }, Zh) => format!("格式有误（{message}）"),
            (ConfigProblem::Toml { message }, En) => message.clone(),
            (ConfigProblem::UnknownRule { id }, Zh) => format!("没有名为 `{id}` 的规则（`gouji rules` 列出全部规则）"),
            (ConfigProblem::UnknownRule { id }, En) => format!("unknown rule `{id}` (`gouji rules` lists them)"),
            (ConfigProblem::UnknownRuleInIgnore { id }, Zh) => format!("[[ignore]] 中没有名为 `{id}` 的规则"),
            (ConfigProblem::UnknownRuleInIgnore { id }, En) => format!("unknown rule `{id}` in [[ignore]]"),
            (ConfigProblem::DefaultUnit { unit }, Zh) => format!("default-unit 只能是 元、千元、万元 或 亿元，不能是 `{unit}`"),
            (ConfigProblem::DefaultUnit { unit }, En) => format!("default-unit must be 元, 千元, 万元 or 亿元, not `{unit}`"),
            (ConfigProblem::NegativeTolerance, Zh) => "tolerance 不能为负数".into(),
            (ConfigProblem::NegativeTolerance, En) => "tolerance must not be negative".into(),
        }
    }
}

/// A standard tie between tables every disclosure promises (`--coverage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// 收支总表 收入总计 = 收入总表 合计
    IncomeTotals,
    /// 收支总表 本年支出合计 = 支出总表 合计
    SpendingTotals,
    /// 财政拨款收支总表 支出总计 = 收支总表 支出总计
    AppropriationSpending,
    /// 一般公共预算支出表 基本支出 = 基本支出表 合计
    BasicSpending,
    /// “三公”经费表 合计 = 说明中的“三公”经费
    ThreePublic,
    /// The tables' class rows against the text's class figures.
    Classes,
}

impl Tie {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Tie::IncomeTotals => "收支总表 收入总计 = 收入总表 合计",
            Tie::SpendingTotals => "收支总表 本年支出合计 = 支出总表 合计",
            Tie::AppropriationSpending => "财政拨款收支总表 支出总计 = 收支总表 支出总计",
            Tie::BasicSpending => "一般公共预算支出表 基本支出 = 基本支出表 合计",
            Tie::ThreePublic => lang.pick("“三公”经费表 合计 = 说明中的“三公”经费", "“三公”经费表 合计 = “三公”经费 in the text"),
            Tie::Classes => lang.pick("表中的科目类 = 说明中的科目类", "科目类 in the tables = 科目类 in the text"),
        }
    }
}

/// What became of a standard tie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoverageStatus {
    /// Both sides were found and agree.
    Agrees,
    /// Both sides were found and differ (the diagnostics say where).
    Differs,
    /// Not checked, and why.
    Skipped(Skip),
}

impl CoverageStatus {
    /// The status as JSON writes it, the same in every language.
    pub fn key(&self) -> &'static str {
        match self {
            CoverageStatus::Agrees => "verified",
            CoverageStatus::Differs => "differs",
            CoverageStatus::Skipped(_) => "skipped",
        }
    }

    /// The status as a person reads it.
    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            CoverageStatus::Agrees => lang.pick("已核对", "verified"),
            CoverageStatus::Differs => lang.pick("不一致", "differs"),
            CoverageStatus::Skipped(_) => lang.pick("未核对", "skipped"),
        }
    }
}

/// Why a standard tie was not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// The two sides count different funds.
    DifferentFunds,
    /// A figure too large to compare.
    TooLarge,
    /// The text does not state it.
    NotInText,
    /// No such table in the draft (`table`: its name).
    NoTable { table: &'static str },
    /// The table is there but its unit is not known.
    UnitUnknown { table: &'static str },
    /// The table is there, but the row or column was not placed: why, as
    /// its reading noted it (the first note, and how many more).
    NotPlaced { table: &'static str, total_row: bool, column: &'static str, note: Option<TableNote>, more: usize },
    /// The text states no class figure the tables print.
    NoClassInText,
    /// No table prints class rows by code.
    NoClassRows,
}

impl Skip {
    pub fn text(&self, lang: Lang) -> String {
        use Lang::{En, Zh};
        match (self, lang) {
            (Skip::DifferentFunds, _) => lang.pick("两边统计的资金范围不同", "the two sides count different funds").into(),
            (Skip::TooLarge, _) => lang.pick("数值过大，无法比较", "a figure too large to compare").into(),
            (Skip::NotInText, _) => lang.pick("说明中没有列出", "the text does not state it").into(),
            (Skip::NoTable { table }, Zh) => format!("稿中没有{table}"),
            (Skip::NoTable { table }, En) => format!("no {table} in the draft"),
            (Skip::UnitUnknown { table }, Zh) => format!("已找到{table}，但其单位不明"),
            (Skip::UnitUnknown { table }, En) => format!("{table} seen, its unit unknown"),
            (Skip::NotPlaced { table, total_row, column, note, more }, Zh) => {
                let row = if *total_row { "合计行" } else { "该行" };
                let why = match (note, more) {
                    (None, _) => "未能确定其位置".to_string(),
                    (Some(n), 0) => format!("未能确定其位置（{}）", n.text(lang)),
                    (Some(n), more) => format!("未能确定其位置（{}，另有 {more} 条）", n.text(lang)),
                };
                format!("已找到{table}，但其{row}或“{column}”列{why}")
            }
            (Skip::NotPlaced { table, total_row, column, note, more }, En) => {
                let row = if *total_row { "its total row" } else { "the row" };
                let why = match (note, more) {
                    (None, _) => "not read with certainty".to_string(),
                    (Some(n), 0) => format!("not placed: {}", n.text(lang)),
                    (Some(n), more) => format!("not placed: {} (and {more} more)", n.text(lang)),
                };
                format!("{table} seen, {row} or its {column} column {why}")
            }
            (Skip::NoClassInText, _) => lang.pick("说明中没有列出表中所列的科目类数", "the text states no class figure the tables print").into(),
            (Skip::NoClassRows, _) => lang.pick("没有表格按科目编码列出类级科目", "no table prints class rows by code").into(),
        }
    }
}

/// What the reading of a table noted about what it could not place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum TableNote {
    /// A total row short of figures, with no sum to tell its columns.
    ShortTotalRow { row: String },
    /// A row whose figures' columns were not placed, and why.
    RowNotPlaced { row: String, why: Unplaced },
    /// Headings not all understood.
    Headings { headings: String },
    /// Several sets of columns under captions (上年 beside 本年).
    SeveralCaptions,
    NoHeadings,
    /// Its total row prints no figures.
    EmptyTotalRow { row: String },
}

impl TableNote {
    pub fn text(&self, lang: Lang) -> String {
        use Lang::{En, Zh};
        match (self, lang) {
            (TableNote::ShortTotalRow { row }, Zh) => format!("“{row}”行数字不全，且没有合计能说明它们各属哪一列"),
            (TableNote::ShortTotalRow { row }, En) => format!("row `{row}`: short of figures, and no sum tells which columns it fills"),
            (TableNote::RowNotPlaced { row, why }, Zh) => format!("“{row}”行的数字未能对应到列：{}", why.text(lang)),
            (TableNote::RowNotPlaced { row, why }, En) => format!("row `{row}`: its figures' columns not placed: {}", why.text(lang)),
            (TableNote::Headings { headings }, Zh) => format!("表头未能完全识别：“{headings}”"),
            (TableNote::Headings { headings }, En) => format!("headings not all understood: `{headings}`"),
            (TableNote::SeveralCaptions, _) => lang.pick("表头下有多组列（上年与本年并列）", "several sets of columns under captions (上年 beside 本年)").into(),
            (TableNote::NoHeadings, _) => lang.pick("没有列标题", "no column headings").into(),
            (TableNote::EmptyTotalRow { row }, Zh) => format!("其“{row}”行没有数字"),
            (TableNote::EmptyTotalRow { row }, En) => format!("its {row} row prints no figures"),
        }
    }
}

/// Why a row's figures could not be placed in their columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Unplaced {
    ParentUnknown,
    DoesNotFoot,
    MoreThanParent,
    BesideUnplaced,
    TooManyWays,
    FootEqually,
    NoneFoots,
    NotPlaced,
}

impl Unplaced {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Unplaced::ParentUnknown => lang.pick("其上级行的列未知", "its parent row's columns are not known"),
            Unplaced::DoesNotFoot => lang.pick("该行各数横向相加不等", "its figures do not add up across"),
            Unplaced::MoreThanParent => lang.pick("数字个数多于上级行的列数", "more figures than its parent row has columns"),
            Unplaced::BesideUnplaced => lang.pick("相邻的行未能对应到列", "a row beside it could not be placed"),
            Unplaced::TooManyWays => lang.pick("可能的对应方式过多", "too many ways to place its figures"),
            Unplaced::FootEqually => lang.pick("有两种对应方式同样能与上级行勾稽", "two placements of its figures foot equally"),
            Unplaced::NoneFoots => lang.pick("没有一种对应方式能与上级行勾稽", "no placement of its figures foots its parent row"),
            Unplaced::NotPlaced => lang.pick("未能对应", "not placed"),
        }
    }
}

/// The fixed words of the review report (`--format html`): headings,
/// column names, labels. Texts with figures in them are [`Message`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewText {
    Title,
    Summary,
    SortHint,
    Document,
    Department,
    Kind,
    Year,
    Errors,
    Warnings,
    Verified,
    Differs,
    NotVerified,
    Budget,
    FinalAccounts,
    TitleNotRead,
    ByRule,
    ByDocument,
    Rules,
    Findings,
    FoundIn,
    Documents,
    NoFindings,
    NoDocuments,
    Coverage,
    Tie,
    Status,
    Related,
    Fix,
    SafeFix,
    UnsafeFix,
    Error,
    Warning,
    Info,
    NotChecked,
    BackToSummary,
}

impl ReviewText {
    pub const ALL: [ReviewText; 35] = [
        ReviewText::Title,
        ReviewText::Summary,
        ReviewText::SortHint,
        ReviewText::Document,
        ReviewText::Department,
        ReviewText::Kind,
        ReviewText::Year,
        ReviewText::Errors,
        ReviewText::Warnings,
        ReviewText::Verified,
        ReviewText::Differs,
        ReviewText::NotVerified,
        ReviewText::Budget,
        ReviewText::FinalAccounts,
        ReviewText::TitleNotRead,
        ReviewText::ByRule,
        ReviewText::ByDocument,
        ReviewText::Rules,
        ReviewText::Findings,
        ReviewText::FoundIn,
        ReviewText::Documents,
        ReviewText::NoFindings,
        ReviewText::NoDocuments,
        ReviewText::Coverage,
        ReviewText::Tie,
        ReviewText::Status,
        ReviewText::Related,
        ReviewText::Fix,
        ReviewText::SafeFix,
        ReviewText::UnsafeFix,
        ReviewText::Error,
        ReviewText::Warning,
        ReviewText::Info,
        ReviewText::NotChecked,
        ReviewText::BackToSummary,
    ];

    pub fn text(self, lang: Lang) -> &'static str {
        use ReviewText as R;
        match self {
            R::Title => lang.pick("预算公开文稿检查报告", "Review of budget disclosures"),
            R::Summary => lang.pick("总览", "Summary"),
            R::SortHint => lang.pick("点击列标题可排序，点击文稿名查看详情。", "Click a column heading to sort, a document to see its findings."),
            R::Document => lang.pick("文稿", "Document"),
            R::Department => lang.pick("单位", "Department"),
            R::Kind => lang.pick("类型", "Kind"),
            R::Year => lang.pick("年度", "Year"),
            R::Errors => lang.pick("错误", "Errors"),
            R::Warnings => lang.pick("警告", "Warnings"),
            R::Verified => lang.pick("已核对", "Verified"),
            R::Differs => lang.pick("不一致", "Differing"),
            R::NotVerified => lang.pick("未核对", "Not checked"),
            R::Budget => lang.pick("预算", "budget"),
            R::FinalAccounts => lang.pick("决算", "final accounts"),
            R::TitleNotRead => lang.pick("（标题未识别）", "(title not read)"),
            R::ByRule => lang.pick("各规则发现的问题数", "Findings by rule"),
            R::ByDocument => lang.pick("各文稿发现的问题数", "Findings by document"),
            R::Rules => lang.pick("规则说明", "Rules"),
            R::Findings => lang.pick("发现的问题", "Findings"),
            R::FoundIn => lang.pick("出现于", "Found in"),
            R::Documents => lang.pick("逐个文稿", "Documents"),
            R::NoFindings => lang.pick("未发现问题。", "No findings."),
            R::NoDocuments => lang.pick("没有检查任何文稿。", "No document was checked."),
            R::Coverage => lang.pick("表间勾稽关系核对情况", "Ties between tables"),
            R::Tie => lang.pick("勾稽关系", "Tie"),
            R::Status => lang.pick("结果", "Status"),
            R::Related => lang.pick("相关位置", "Related places"),
            R::Fix => lang.pick("修改建议", "Suggested fix"),
            R::SafeFix => lang.pick("可直接应用", "safe to apply"),
            R::UnsafeFix => lang.pick("请核对后再应用", "review before applying"),
            R::Error => lang.pick("错误", "error"),
            R::Warning => lang.pick("警告", "warning"),
            R::Info => lang.pick("提示", "note"),
            R::NotChecked => lang.pick("未能检查的文件", "Files not checked"),
            R::BackToSummary => lang.pick("返回总览", "Back to the summary"),
        }
    }
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
            M::BudgetDifference => lang.pick("决算数与预算数的差额（据此推出预算数）", "the difference from the budget (which gives the budget)").into(),
            M::Part => lang.pick("占比的分子（部分）", "the part").into(),
            M::Whole => lang.pick("占比的分母（总体）", "the whole").into(),

            M::ChangeAmountMismatch { now, prior, difference, stated, budget: false, fell } => {
                let (a, b) = if *fell { (prior, now) } else { (now, prior) };
                match lang {
                    Zh => format!("增减额与两年金额之差不符：{a} − {b} = {difference}，文中增减额为 {stated}"),
                    En => format!("{a} − {b} = {difference}, stated change {stated}"),
                }
            }
            M::ChangeAmountMismatch { now, prior, difference, stated, budget: true, fell } => match (lang, fell) {
                (Zh, false) => format!("与预算的差额不符：决算数 {now} − 预算数 {prior} = {difference}，文中为 {stated}"),
                (Zh, true) => format!("与预算的差额不符：预算数 {prior} − 决算数 {now} = {difference}，文中为 {stated}"),
                (En, false) => format!("final {now} − budget {prior} = {difference}, stated difference {stated}"),
                (En, true) => format!("budget {prior} − final {now} = {difference}, stated difference {stated}"),
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
            M::ShareSumOver { arithmetic, least } => match lang {
                Zh => format!("各部分占比之和超过 100%：{arithmetic}；各占比按四舍五入取最小值，合计仍为 {least}%"),
                En => format!("the parts' shares add up to more than 100%: {arithmetic}; at the least each could round from, still {least}%"),
            },
            M::ShareInSum => lang.pick("同一总体中另一部分的占比", "another part's share of the same whole").into(),
            M::WholeFromOtherShares { low, high } => match lang {
                Zh => format!("文中未列总体金额；按同句其他各项的金额和占比推算，总体在 {low} 至 {high} 之间"),
                En => format!("the whole is not stated; the other parts' amounts and shares in the sentence put it between {low} and {high}"),
            },
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
            M::RestatedDifferently { name, value, first } => match lang {
                Zh => format!("同一段中{name}前后不一致：此处为 {value}，前文为 {first}"),
                En => format!("{name} is {value} here, but {first} earlier in the same paragraph"),
            },
            M::FirstStatement => lang.pick("本段前文的同一数据", "the same figure earlier in the paragraph").into(),
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
            M::ZeroChangeWithReason { written, others: 0 } => match lang {
                Zh => format!("“{written}”：增减额为 0，却写作增减并说明变动原因，应表述为“与上年持平”"),
                En => format!("`{written}` is a change of zero, written as a change and given a reason: write that it is unchanged (与上年持平)"),
            },
            M::ZeroChangeWithReason { written, others } => match lang {
                Zh => format!("“{written}”：增减额为 0，却写作增减并说明变动原因，应表述为“与上年持平”（下文另有 {others} 处同样表述）"),
                En => format!("`{written}` is a change of zero, written as a change and given a reason: write that it is unchanged (与上年持平); {others} more places below are worded the same way"),
            },
            M::TheReason => lang.pick("所说明的变动原因", "the reason given").into(),
            M::SameWording => lang.pick("同样表述", "worded the same way").into(),
            M::FlatButFiguresDiffer { now, prior } => match lang {
                Zh => format!("称“持平”，但本年 {now} 与上年 {prior} 不相等"),
                En => format!("stated as unchanged (持平), but this year's {now} differs from last year's {prior}"),
            },
            M::ChangeWithoutReason { subject, change } => match lang {
                Zh => format!("{subject}{change}，未说明变动原因"),
                En => format!("{subject} changed ({change}) and no reason is given"),
            },
            M::ItemDifferenceWithoutReason { item, actual, budget } => match lang {
                Zh => format!("{item}（项）支出决算 {actual}，与年初预算 {budget} 不一致，未说明差异原因"),
                En => format!("{item} (a sub-item) spent {actual} against a budget of {budget} at the start of the year, and no reason is given"),
            },
            M::BudgetAtStartOfYear => lang.pick("年初预算数", "the budget at the start of the year").into(),
            M::ItemReasonExpected => lang.pick("决算中各项级科目的决算数与年初预算数不一致的，须逐项说明原因", "in final accounts, each sub-item whose spending differs from its budget at the start of the year needs its reason").into(),
            M::ReasonExpected => lang.pick("增减变动须说明主要原因（如“主要原因是……”），持平的无须说明", "a change needs its main reason (主要原因是…); an unchanged figure needs none").into(),
            M::EmptyTableWithoutNote { table } => match lang {
                Zh => format!("“{table}”中数据均为 0 或空白，未注明本表为空表及原因"),
                En => format!("the table {table} has no figure but zero, and no note says it is empty and why"),
            },
            M::EmptyTableNoteExpected { fund } => match lang {
                Zh => format!("空表须在表下注明原因，如“本部门无{fund}，故本表为空表”"),
                En => format!("an empty table carries a note saying why, such as that the department has no {fund} (故本表为空表)"),
            },
            M::InsertEmptyTableNote { note } => match lang {
                Zh => format!("在表下加注“{note}”"),
                // The note is Chinese text, with its punctuation: not quoted here.
                En => "Add the template's note under the table: the department has none of this fund, so the table is empty".into(),
            },
            M::EmptyNoteButFigures { table, figure } => match lang {
                Zh => format!("注明“{table}”为空表或无此项资金，但表中有数据 {figure}"),
                En => format!("the note says the table {table} is empty or the fund absent, but the table shows {figure}"),
            },
            M::FigureInTable => lang.pick("表中的数据", "a figure in the table").into(),
            M::MissingTable { table, kind } => match lang {
                Zh => format!("未见“{table}”：{kind}公开应包含的公开表格"),
                En => format!("no {table} found: a standard table of every {kind} disclosure"),
            },
            M::MissingExplanation { section, kind } => match lang {
                Zh => format!("未见“{section}”的说明：{kind}公开应包含的内容"),
                En => format!("no explanation of {section} found: every {kind} disclosure must give one"),
            },
            M::RequiredByRules => lang.pick("按预决算公开的规定，无此项内容的也应公开（空表注明原因，或说明本部门无此项）；如以其他名称列出，可忽略本条", "the disclosure rules require it even when there is nothing to report (an empty table with its note, or a sentence saying so); if it is there under another name, suppress this").into(),
            M::CodesShortOfLevel { table, classification, deepest, level } => match lang {
                Zh => format!("“{table}”的{classification}科目编码最细为 {deepest} 位，未细化到{level}"),
                En => format!("the {classification} codes of {table} stop at {deepest} digits, short of the level required ({level})"),
            },
            M::WrongYear { written, year, kind } => match lang {
                Zh => format!("标题为 {year} 年{kind}，此处写作“{written}”：年度不一致，可能沿用了以前年度的文稿"),
                En => format!("the title is of the {year} {kind}, but this says `{written}`: the year differs, perhaps copied from an earlier year's draft"),
            },
            M::ItemNotExplained { table, code, name, explained, of } => match lang {
                Zh => format!("“{table}”列有 {code} {name}，说明中逐项说明了 {of} 个项级科目中的 {explained} 个，未见该项的说明"),
                En => format!("{table} lists {code} {name}, but the explanation, which goes through {explained} of its {of} sub-items, does not name it"),
            },
            M::WrongScope { written, others: 0 } => match lang {
                Zh => format!("标题为单位公开，此处写作“{written}”：部门与单位口径不一致"),
                En => format!("the title is of a unit's disclosure, but this says `{written}` (the department)"),
            },
            M::WrongScope { written, others } => match lang {
                Zh => format!("标题为单位公开，此处写作“{written}”：部门与单位口径不一致（下文另有 {others} 处同样表述）"),
                En => format!("the title is of a unit's disclosure, but this says `{written}` (the department); {others} more places below say the same"),
            },
            M::OrganisationNamedOtherwise { written, title, others: 0 } => match lang {
                Zh => format!("标题中单位名称为“{title}”，此处写作“{written}”：同一单位名称前后不一致"),
                En => format!("the title names the organisation `{title}`, but this says `{written}`"),
            },
            M::OrganisationNamedOtherwise { written, title, others } => match lang {
                Zh => format!("标题中单位名称为“{title}”，此处写作“{written}”：同一单位名称前后不一致（下文另有 {others} 处同样写法）"),
                En => format!("the title names the organisation `{title}`, but this says `{written}`; {others} more places below say the same"),
            },
            M::TheTitle => lang.pick("标题", "the title").into(),
            M::ExplanationWithoutDetail { item, detail } => match lang {
                Zh => format!("{item}未细化：应列明{detail}"),
                En => format!("{item} is given without its detail: {detail}"),
            },
            M::WrongComparisonYear { written, year, kind } => match lang {
                Zh => format!("标题为 {year} 年{kind}，应与上年（{}年）比较，此处写作“{written}”：可能沿用了以前年度的文稿", year - 1),
                En => format!("the title is of the {year} {kind}, which compares with {}, but this says `{written}`: perhaps copied from an earlier year's draft", year - 1),
            },
            M::WrongKind { heading, kind, wrong } => match lang {
                Zh => format!("标题为{kind}，此处标题写作“{heading}”：用了{wrong}的说法，可能沿用了{wrong}文稿"),
                En => format!("the title is of a {kind}, but this heading says `{heading}`: the words of a {wrong}, perhaps copied from its draft"),
            },
            M::ThreePublicWithoutDetail { item, figure, detail } => match lang {
                Zh => format!("{item} {figure} 未细化：应列明{detail}"),
                En => format!("{item} ({figure}) is given without its detail: {detail}"),
            },
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
                Zh => format!("{file}：gouji 不改写 Word、Excel、PDF 文件，--fix 未作任何改动，请在原文件中修改"),
                En => format!("{file}: gouji does not write Word, Excel or PDF files, --fix changed nothing (make the fixes in the original)"),
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
            M::InPdfPage { file, page, line } => match lang {
                Zh => format!("原文位置：{file} 第{page}页 第{line}行"),
                En => format!("in the source: {file} page {page}, line {line}"),
            },
            M::EncryptedPdf => lang.pick("无法读取：PDF 文件已加密，需要密码才能打开；请去除密码后另存，或另存为 .docx 后再检查", "cannot read: the PDF is encrypted and needs a password to open; save it without the password, or as .docx, and check that").into(),
            M::NoTextLayer { pages } => match lang {
                Zh => format!("PDF 没有文字层（共 {pages} 页，均为图像，可能是扫描件），无法检查：请使用含文字的 PDF 或原 Word 文件，或先进行文字识别（OCR）"),
                En => format!("the PDF has no text layer ({pages} pages, images only: a scan?), nothing to check: use a PDF with text, the Word file, or run OCR first"),
            },
            M::UndecodedCharacters { count } => match lang {
                Zh => format!("有 {count} 个字符无法解码（所用字体没有 Unicode 映射表），已显示为 �，这些文字未能检查：请使用原 Word 文件，或换用嵌入 Unicode 映射的 PDF"),
                En => format!("{count} characters could not be decoded (their font has no Unicode map), shown as �: their text was not checked; use the Word file, or a PDF whose fonts carry Unicode maps"),
            },
            M::InFile { path, error } => match lang {
                Zh => format!("{path}：{}", error.text(lang)),
                En => format!("{path}: {}", error.text(lang)),
            },
            M::NoSuchPath { path } => match lang {
                Zh => format!("{path}：找不到该文件或文件夹"),
                En => format!("{path}: no such file or folder"),
            },
            M::CannotRead { path, cause } => match lang {
                Zh => format!("{path}：无法读取，{}", cause.text(lang)),
                En => format!("{path}: cannot read: {}", cause.text(lang)),
            },
            M::CannotWrite { path, cause } => match lang {
                Zh => format!("{path}：无法写入修正，{}", cause.text(lang)),
                En => format!("{path}: cannot write the fixes: {}", cause.text(lang)),
            },
            M::NotText { path, why } => match (lang, why) {
                (Zh, NotText::BadEncoding { encoding }) => format!("{path}：不是有效的 {encoding} 文本"),
                (Zh, NotText::Nul) => format!("{path}：不是文本文件（含有 NUL 字节）"),
                (Zh, NotText::Unknown) => format!("{path}：不是文本文件（既不是 UTF-8 也不是 GB18030 编码）"),
                (En, NotText::BadEncoding { encoding }) => format!("{path}: not valid {encoding} text"),
                (En, NotText::Nul) => format!("{path}: not a text file (it contains NUL bytes)"),
                (En, NotText::Unknown) => format!("{path}: not a text file (neither UTF-8 nor GB18030)"),
            },
            M::ConfigInvalid { path, line, column, problem } => match lang {
                Zh => format!("{path}:{line}:{column}：配置有误，{}", problem.text(lang)),
                En => format!("{path}:{line}:{column}: {}", problem.text(lang)),
            },
            M::NoSuchRule { id } => match lang {
                Zh => format!("没有名为 `{id}` 的规则，`gouji rules` 列出全部规则"),
                En => format!("no rule `{id}`; `gouji rules` lists them"),
            },
            M::BadLang => lang.pick("语言只能是 zh 或 en", "the language is zh or en").into(),
            M::ReviewFix { title } => match lang {
                Zh => format!("{title}（请核对后再应用）"),
                En => format!("{title} (review)"),
            },
            M::FixAll { count } => match lang {
                Zh => format!("应用全部 {count} 处 gouji 安全修正"),
                En => format!("Apply {count} safe gouji fix{}", if *count == 1 { "" } else { "es" }),
            },
            M::ConfigNotUsed { error } => match lang {
                Zh => format!("未使用 gouji.toml：{}", error.text(lang)),
                En => format!("gouji.toml not used: {}", error.text(lang)),
            },
            M::CoverageOf { path } => match lang {
                Zh => format!("{path} 的表间勾稽核对情况："),
                En => format!("coverage of {path}:"),
            },
            M::RequiredHeader { kind, whole: true } => match lang {
                Zh => format!("  {kind}公开应包含的表格和说明："),
                En => format!("  the tables and explanations of a {kind} disclosure:"),
            },
            M::RequiredHeader { kind, whole: false } => match lang {
                Zh => format!("  {kind}公开应包含的表格和说明（文稿不完整，未见的不作提示）："),
                En => format!("  the tables and explanations of a {kind} disclosure (not a whole disclosure: none reported missing):"),
            },
            M::RequiredLine { item, table, line } => {
                let what = match (lang, table) {
                    (Zh, true) => "表格",
                    (Zh, false) => "说明",
                    (En, true) => "table",
                    (En, false) => "explanation",
                };
                match (lang, line) {
                    (Zh, Some(line)) => format!("    已列出  {what}：{item}（第 {line} 行）"),
                    (Zh, None) => format!("    未见    {what}：{item}"),
                    (En, Some(line)) => format!("    found     {what}: {item} (line {line})"),
                    (En, None) => format!("    not found {what}: {item}"),
                }
            }
            M::CoverageLine { tie, status } => {
                let label = status.label(lang);
                let reason = match status {
                    CoverageStatus::Skipped(why) => why.text(lang),
                    _ => String::new(),
                };
                match (lang, reason.is_empty()) {
                    // Chinese labels are two columns wide a character.
                    (Zh, true) => format!("{label}  {}", tie.text(lang)),
                    (Zh, false) => format!("{label}  {}：{reason}", tie.text(lang)),
                    (En, true) => format!("{label:<9} {}", tie.text(lang)),
                    (En, false) => format!("{label:<9} {}: {reason}", tie.text(lang)),
                }
            }
            M::Checking => lang.pick("检查中", "checking").into(),
            M::CannotWriteReport { path, cause } => match lang {
                Zh => format!("{path}：无法写入报告，{}", cause.text(lang)),
                En => format!("{path}: cannot write the report: {}", cause.text(lang)),
            },
            M::ReviewCounts { documents, errors, warnings, not_checked } => match lang {
                Zh => {
                    let failed = if *not_checked > 0 { format!("，另有 {not_checked} 个文件未能检查") } else { String::new() };
                    format!("共检查 {documents} 个文稿，发现 {errors} 个错误、{warnings} 个警告{failed}。")
                }
                En => {
                    let failed = if *not_checked > 0 { format!("; {not_checked} file(s) could not be checked") } else { String::new() };
                    format!("{documents} document(s) checked: {errors} error(s), {warnings} warning(s){failed}.")
                }
            },
            M::AtLine { line, column } => match lang {
                Zh => format!("第 {line} 行第 {column} 列"),
                En => format!("line {line}, column {column}"),
            },
            M::ChartMore { count } => match lang {
                Zh => format!("另有 {count} 个文稿未列入此图"),
                En => format!("{count} more document(s) not in this chart"),
            },
            M::CoverageCounts { verified, differs, skipped } => match lang {
                Zh => format!("表间勾稽关系：已核对 {verified} 项，不一致 {differs} 项，未核对 {skipped} 项"),
                En => format!("ties between tables: {verified} verified, {differs} differing, {skipped} not checked"),
            },
            M::PreviousFigureMismatch { subject, arithmetic, stated, actual } => match lang {
                Zh => format!("上年数与上年公开数不衔接：{subject}，本稿所列上年数为 {arithmetic}，上年{}公开数为 {stated}", if *actual { "决算" } else { "预算" }),
                En => format!("{subject}: this draft gives last year as {arithmetic}, last year's {} disclosure states {stated}", if *actual { "final accounts" } else { "budget" }),
            },
            M::BudgetFigureMismatch { subject, here, there } => match lang {
                Zh => format!("年初预算数与本年预算公开数不符：{subject}，本稿年初预算为 {here}，本年预算公开数为 {there}"),
                En => format!("{subject}: budget {here} here, the year's published budget states {there}"),
            },
            M::RestatementExplained { word } => match lang {
                Zh => format!("文中写明“{word}”，差异可能来自预算调整或口径调整，仅作提示"),
                En => format!("the text says “{word}”: the difference may be a restatement, so this is a hint"),
            },
            M::StatedThere { document, value } => match lang {
                Zh => format!("{}所列：{value}", other_zh(*document)),
                En => format!("{} states {value}", other_en(*document)),
            },
            M::OtherPlace { document, path, line, value } => match lang {
                Zh => format!("{} {path} 第 {line} 行：{value}", other_zh(*document)),
                En => format!("{} {path}, line {line}: {value}", other_en(*document)),
            },
            M::OtherDocumentUnreadable { document, draft, error } => match lang {
                Zh => format!("无法读取 {draft} 的{}：{}", other_zh(*document), error.text(lang)),
                En => format!("cannot read {} of {draft}: {}", other_en(*document), error.text(lang)),
            },
            M::OtherDocumentYear { document, draft, year, other } => match lang {
                Zh => format!("{draft} 为 {year} 年，而其{}为 {other} 年，未作核对", other_zh(*document)),
                En => format!("{draft} is of {year} but {} is of {other}: not compared", other_en(*document)),
            },
            M::CrossCoverage { document, path, verified, differs, not_found } => match lang {
                Zh => format!("与{} {path} 的勾稽：已核对 {verified} 项，不一致 {differs} 项，对方未列 {not_found} 项", other_zh(*document)),
                En => format!("ties to {} {path}: {verified} verified, {differs} differ, {not_found} not found there", other_en(*document)),
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
            M::BudgetDifference,
            M::Part,
            M::Whole,
            M::ChangeAmountMismatch { now: s("100 万元"), prior: s("90 万元"), difference: s("10 万元"), stated: s("12 万元"), budget: false, fell: false },
            M::ChangeAmountMismatch { now: s("100 万元"), prior: s("90 万元"), difference: s("10 万元"), stated: s("12 万元"), budget: true, fell: false },
            M::ChangeAmountMismatch { now: s("90 万元"), prior: s("100 万元"), difference: s("10 万元"), stated: s("12 万元"), budget: false, fell: true },
            M::ChangeAmountMismatch { now: s("90 万元"), prior: s("100 万元"), difference: s("10 万元"), stated: s("12 万元"), budget: true, fell: true },
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
            M::ShareSumOver { arithmetic: s("88.6% + 8.3% + 4.1% = 101%"), least: s("100.85") },
            M::ShareInSum,
            M::WholeFromOtherShares { low: s("1211.7"), high: s("1216.3") },
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
            M::RestatedDifferently { name: s("机关运行经费支出"), value: s("36.82 万元"), first: s("38.62 万元") },
            M::FirstStatement,
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
            M::ZeroChangeWithReason { written: s("增加0万元"), others: 0 },
            M::ZeroChangeWithReason { written: s("增加0万元"), others: 3 },
            M::TheReason,
            M::SameWording,
            M::FlatButFiguresDiffer { now: s("12.5 万元"), prior: s("11.8 万元") },
            M::ChangeWithoutReason { subject: s("公务接待费"), change: s("减少 0.5 万元") },
            M::ReasonExpected,
            M::ItemDifferenceWithoutReason { item: s("行政运行"), actual: s("305.80 万元"), budget: s("310.10 万元") },
            M::BudgetAtStartOfYear,
            M::ItemReasonExpected,
            M::EmptyTableWithoutNote { table: s("政府性基金预算支出表") },
            M::EmptyTableNoteExpected { fund: s("政府性基金预算财政拨款安排的预算") },
            M::InsertEmptyTableNote { note: s("某县林业局2025年无政府性基金预算财政拨款安排的预算，故本表为空表。") },
            M::EmptyNoteButFigures { table: s("国有资本经营预算支出表"), figure: s("12.50") },
            M::FigureInTable,
            M::MissingTable { table: s("政府性基金预算支出表"), kind: s("预算") },
            M::MissingExplanation { section: s("政府采购"), kind: s("决算") },
            M::RequiredByRules,
            M::CodesShortOfLevel { table: s("一般公共预算支出表"), classification: s("功能分类"), deepest: 5, level: s("项级") },
            M::WrongYear { written: s("2024年收入预算合计 812.40 万元"), year: 2025, kind: s("预算") },
            M::ItemNotExplained { table: s("一般公共预算支出表"), code: s("2101101"), name: s("行政单位医疗"), explained: 3, of: 4 },
            M::WrongScope { written: s("本部门"), others: 2 },
            M::OrganisationNamedOtherwise { written: s("某县林业和草原局"), title: s("某县林业局"), others: 1 },
            M::TheTitle,
            M::ExplanationWithoutDetail { item: s("国有资产占用情况"), detail: s("车辆数量（辆）") },
            M::WrongComparisonYear { written: s("比2023年"), year: 2025, kind: s("预算") },
            M::WrongKind { heading: s("二、收入支出预算总体情况"), kind: s("决算"), wrong: s("预算") },
            M::ThreePublicWithoutDetail { item: s("公务接待费"), figure: s("2.5 万元"), detail: s("公务接待批次及人次") },
            M::ConvertFirst { format: s("OFD (.ofd)"), convert_to: s(".docx") },
            M::DamagedFile { format: s("Word (.docx)"), detail: s("invalid Zip archive") },
            M::FileTooLarge { limit: 256 },
            M::CannotFixDocument { file: s("预算公开.docx") },
            M::InParagraph { file: s("预算公开.docx"), paragraph: 3 },
            M::InWordTable { file: s("预算公开.docx"), table: 1, row: 4, column: 3 },
            M::InSheetCell { file: s("预算表.xlsx"), cell: s("表5!C12") },
            M::InPdfPage { file: s("预算公开.pdf"), page: 7, line: 12 },
            M::EncryptedPdf,
            M::NoTextLayer { pages: 3 },
            M::UndecodedCharacters { count: 120 },
            M::NoSuchPath { path: s("nope.txt") },
            M::InFile { path: s("预算公开.docx"), error: Box::new(M::FileTooLarge { limit: 256 }) },
            M::CannotRead { path: s("a.txt"), cause: IoCause::PermissionDenied },
            M::CannotRead { path: s("a.txt"), cause: IoCause::NotFound },
            M::CannotRead { path: s("a.txt"), cause: IoCause::IsADirectory },
            M::CannotRead { path: s("a.txt"), cause: IoCause::Other(s("disk full")) },
            M::CannotWrite { path: s("a.txt"), cause: IoCause::PermissionDenied },
            M::NotText { path: s("a.txt"), why: NotText::BadEncoding { encoding: s("UTF-16LE") } },
            M::NotText { path: s("a.txt"), why: NotText::Nul },
            M::NotText { path: s("a.txt"), why: NotText::Unknown },
            M::NoSuchRule { id: s("no-such-rule") },
            M::BadLang,
            M::ReviewFix { title: M::ReplaceWith { value: s("26.03") }.text(Lang::Zh) },
            M::FixAll { count: 2 },
            M::FixAll { count: 1 },
            M::ConfigNotUsed { error: Box::new(M::ConfigInvalid { path: s("gouji.toml"), line: 2, column: 1, problem: ConfigProblem::NegativeTolerance }) },
            M::CoverageOf { path: s("a.txt") },
            M::RequiredHeader { kind: s("预算"), whole: true },
            M::RequiredHeader { kind: s("决算"), whole: false },
            M::RequiredLine { item: s("部门收支总表"), table: true, line: Some(40) },
            M::RequiredLine { item: s("政府采购"), table: false, line: None },
            M::PreviousFigureMismatch { subject: s("财政拨款收入"), arithmetic: s("1020.77 − 46.92 = 973.85 万元"), stated: s("979.27 万元"), actual: false },
            M::PreviousFigureMismatch { subject: s("财政拨款收入"), arithmetic: s("1020.77 − 46.92 = 973.85 万元"), stated: s("979.27 万元"), actual: true },
            M::BudgetFigureMismatch { subject: s("“三公”经费"), here: s("6.80 万元"), there: s("6.40 万元") },
            M::RestatementExplained { word: s("调整预算") },
            M::StatedThere { document: crate::diagnostic::OtherDocument::Previous, value: s("979.27 万元") },
            M::StatedThere { document: crate::diagnostic::OtherDocument::Budget, value: s("6.40 万元") },
            M::OtherPlace { document: crate::diagnostic::OtherDocument::Previous, path: s("2025/预算公开.txt"), line: 88, value: s("979.27 万元") },
            M::OtherPlace { document: crate::diagnostic::OtherDocument::Budget, path: s("2025/预算公开.txt"), line: 88, value: s("6.40 万元") },
            M::OtherDocumentUnreadable { document: crate::diagnostic::OtherDocument::Previous, draft: s("2026/预算公开.txt"), error: Box::new(M::NoSuchPath { path: s("2025/预算公开.txt") }) },
            M::OtherDocumentYear { document: crate::diagnostic::OtherDocument::Previous, draft: s("2026/预算公开.txt"), year: 2026, other: 2024 },
            M::CrossCoverage { document: crate::diagnostic::OtherDocument::Previous, path: s("2025/预算公开.txt"), verified: 12, differs: 1, not_found: 3 },
        ];
        for problem in [
            ConfigProblem::UnknownKey { key: s("colour") },
            ConfigProblem::BadValue { value: s("loud"), expected: vec![s("off"), s("error")] },
            ConfigProblem::Toml { message: s("invalid string") },
            ConfigProblem::UnknownRule { id: s("no-such-rule") },
            ConfigProblem::UnknownRuleInIgnore { id: s("no-such-rule") },
            ConfigProblem::DefaultUnit { unit: s("斤") },
            ConfigProblem::NegativeTolerance,
        ] {
            all.push(M::ConfigInvalid { path: s("gouji.toml"), line: 2, column: 1, problem });
        }
        let unplaced = [
            Unplaced::ParentUnknown,
            Unplaced::DoesNotFoot,
            Unplaced::MoreThanParent,
            Unplaced::BesideUnplaced,
            Unplaced::TooManyWays,
            Unplaced::FootEqually,
            Unplaced::NoneFoots,
            Unplaced::NotPlaced,
        ];
        let mut notes: Vec<TableNote> = unplaced.into_iter().map(|why| TableNote::RowNotPlaced { row: s("2080505 机关事业单位基本养老保险缴费支出"), why }).collect();
        notes.extend([
            TableNote::ShortTotalRow { row: s("合计") },
            TableNote::Headings { headings: s("科目 金额") },
            TableNote::SeveralCaptions,
            TableNote::NoHeadings,
            TableNote::EmptyTotalRow { row: s("合计") },
        ]);
        let mut skips = vec![
            Skip::DifferentFunds,
            Skip::TooLarge,
            Skip::NotInText,
            Skip::NoTable { table: "支出总表" },
            Skip::UnitUnknown { table: "支出总表" },
            Skip::NoClassInText,
            Skip::NoClassRows,
            Skip::NotPlaced { table: "基本支出表", total_row: false, column: "基本支出", note: None, more: 0 },
        ];
        for (i, note) in notes.into_iter().enumerate() {
            skips.push(Skip::NotPlaced { table: "一般公共预算支出表", total_row: i % 2 == 0, column: "基本支出", note: Some(note), more: i % 3 });
        }
        let ties = [Tie::IncomeTotals, Tie::SpendingTotals, Tie::AppropriationSpending, Tie::BasicSpending, Tie::ThreePublic, Tie::Classes];
        for (i, tie) in ties.into_iter().enumerate() {
            all.push(M::CoverageLine { tie, status: CoverageStatus::Agrees });
            all.push(M::CoverageLine { tie, status: CoverageStatus::Differs });
            all.push(M::CoverageLine { tie, status: CoverageStatus::Skipped(skips[i].clone()) });
        }
        for why in skips {
            all.push(M::CoverageLine { tie: Tie::BasicSpending, status: CoverageStatus::Skipped(why) });
        }
        all.extend([
            M::Checking,
            M::CannotWriteReport { path: s("review.html"), cause: IoCause::PermissionDenied },
            M::ReviewCounts { documents: 12, errors: 3, warnings: 5, not_checked: 0 },
            M::ReviewCounts { documents: 12, errors: 3, warnings: 5, not_checked: 2 },
            M::AtLine { line: 12, column: 5 },
            M::ChartMore { count: 70 },
            M::CoverageCounts { verified: 3, differs: 1, skipped: 2 },
        ]);
        for kind in [RateKind::Change, RateKind::ChangeFromAmounts, RateKind::Share, RateKind::Completion, RateKind::Average] {
            for truncated in [false, true] {
                all.push(M::RateMismatch { kind, arithmetic: s("46.92 / 966.33 = 4.86%"), stated: s("4.68"), truncated });
            }
            all.push(M::ReplaceRate { kind, value: s("4.86") });
        }
        all
    }
}

/// The other document, as a Chinese message names it.
fn other_zh(document: crate::diagnostic::OtherDocument) -> &'static str {
    match document {
        crate::diagnostic::OtherDocument::Previous => "上年公开稿",
        crate::diagnostic::OtherDocument::Budget => "本年预算公开稿",
    }
}

/// The other document, as an English message names it.
fn other_en(document: crate::diagnostic::OtherDocument) -> &'static str {
    match document {
        crate::diagnostic::OtherDocument::Previous => "last year's disclosure",
        crate::diagnostic::OtherDocument::Budget => "the year's published budget",
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
    fn every_review_text_exists_in_both_languages() {
        for t in ReviewText::ALL {
            let (zh, en) = (t.text(Lang::Zh), t.text(Lang::En));
            assert!(has_cjk(zh), "{t:?}: {zh}");
            assert!(en.chars().any(|c| c.is_ascii_alphabetic()) && !has_cjk(en), "{t:?}: {en}");
        }
    }

    #[test]
    fn every_kind_of_message_has_a_sample() {
        // A new variant must be added to the samples: counted by discriminant.
        let kinds: std::collections::HashSet<_> = Message::samples().iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), VARIANTS, "a message kind has no sample in Message::samples");
    }

    /// The number of variants of [`Message`]; raise it with a new one.
    const VARIANTS: usize = 78 + 15 + 7 + 13 + 2 + 2 + 6 + 8 + 1 + 8 + 1 + 2 + 1 + 1 + 1 + 4 + 1 + 1 + 3 + 1 + 2 + 1 + 1 + 1; // + lang2's command line, gouji.toml, editors, coverage; shares; restatements; the review; ties across documents; the whole from other shares; empty tables, missing sections, the three public expenses' detail, a wording repeated; the items required in --coverage; the empty table's note; the wrong year; the codes' depth; PDFs; the wrong kind; the 项 not explained; a 项's difference without its reason; 部门 for 单位; the organisation's name; procurement's and assets' detail; the year compared with; a budget given by its difference

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
