//! The words of the genre, as data.
//!
//! Wording varies from region to region and year to year; every phrase the
//! analysis recognises is listed here and nowhere else, so a new variant is
//! one line in one table. Lists are matched longest first where order matters.

use crate::facts::{Direction, Unit};

/// Traditional characters folded to simplified ones before analysis (the
/// logical text keeps its mapping to the original, so spans are unaffected).
pub const TRADITIONAL: &[(char, char)] = &[
    ('萬', '万'), ('億', '亿'), ('預', '预'), ('決', '决'), ('長', '长'), ('減', '减'),
    ('較', '较'), ('與', '与'), ('佔', '占'), ('總', '总'), ('計', '计'), ('資', '资'),
    ('額', '额'), ('費', '费'), ('經', '经'), ('為', '为'), ('項', '项'), ('於', '于'),
    ('撥', '拨'), ('個', '个'), ('輛', '辆'), ('臺', '台'), ('點', '点'), ('無', '无'),
    ('變', '变'), ('動', '动'), ('結', '结'), ('轉', '转'), ('餘', '余'), ('務', '务'),
    ('會', '会'), ('對', '对'), ('關', '关'), ('說', '说'), ('數', '数'), ('從', '从'),
    ('傳', '传'), ('門', '门'), ('號', '号'), ('這', '这'), ('們', '们'), ('來', '来'),
    ('時', '时'), ('後', '后'), ('僅', '仅'), ('兩', '两'), ('補', '补'), ('貼', '贴'),
    ('險', '险'), ('級', '级'), ('財', '财'), ('務', '务'), ('並', '并'), ('幣', '币'),
    ('種', '种'), ('幹', '干'), ('專', '专'), ('戶', '户'), ('單', '单'), ('當', '当'),
    ('體', '体'), ('據', '据'), ('覽', '览'), ('歲', '岁'), ('處', '处'), ('際', '际'),
    ('場', '场'), ('積', '积'), ('參', '参'), ('繳', '缴'), ('療', '疗'), ('醫', '医'),
    ('衛', '卫'), ('職', '职'), ('業', '业'), ('員', '员'), ('勞', '劳'), ('養', '养'),
    ('舊', '旧'), ('購', '购'), ('運', '运'), ('維', '维'), ('護', '护'), ('車', '车'),
    ('輔', '辅'), ('開', '开'), ('類', '类'), ('並', '并'), ('構', '构'), ('條', '条'),
];

/// Units a figure may carry, longest spelling first.
pub const UNITS: &[(&str, Unit)] = &[
    ("万元", Unit::WanYuan),
    ("亿元", Unit::YiYuan),
    ("千元", Unit::QianYuan),
    ("元", Unit::Yuan),
    ("个百分点", Unit::PercentagePoint),
    ("%", Unit::Percent),
    ("台（套）", Unit::Count),
    ("台(套)", Unit::Count),
    ("平方米", Unit::Area),
    ("个", Unit::Count),
    ("家", Unit::Count),
    ("人", Unit::Count),
    ("名", Unit::Count),
    ("辆", Unit::Count),
    ("台", Unit::Count),
    ("套", Unit::Count),
    ("项", Unit::Count),
    ("次", Unit::Count),
    ("户", Unit::Count),
];

/// Words right after a unit that make the figure a threshold or a per-unit
/// price rather than an amount (`50万元以上`, `6 元/年`).
pub const NOT_AN_AMOUNT_AFTER: &[&str] = &[
    "以上", "以下", "以内", "（含）", "(含)", "左右", "/", "／", "每", "至", "~", "～", "-", "—",
];

/// Words right before a number that make it something other than an amount.
pub const NOT_AN_AMOUNT_BEFORE: &[&str] = &["第", "每", "标准", "约", "近", "超过", "不超过", "不足", "达到", "编号", "号"];

/// Comparison with last year; a change phrase carrying one of these is about
/// the figure stated just before it.
pub const VERSUS_LAST_YEAR: &[&str] = &[
    "与上年预算相比", "与上年相比", "与去年相比", "与上年度相比", "比上年预算", "较上年预算",
    "比上年度", "较上年度", "比上年", "较上年", "比去年", "较去年", "同比", "与上年",
];

/// Direction words for a change in amount or rate, longest first.
pub const DIRECTIONS: &[(&str, Direction)] = &[
    ("增长率为", Direction::Up),
    ("增长率", Direction::Up),
    ("增幅为", Direction::Up),
    ("增幅", Direction::Up),
    ("减幅为", Direction::Down),
    ("减幅", Direction::Down),
    ("降幅为", Direction::Down),
    ("降幅", Direction::Down),
    ("减少率", Direction::Down),
    ("下降率", Direction::Down),
    ("负增长", Direction::Down),
    ("增加了", Direction::Up),
    ("增长了", Direction::Up),
    ("减少了", Direction::Down),
    ("下降了", Direction::Down),
    ("增加", Direction::Up),
    ("增长", Direction::Up),
    ("上升", Direction::Up),
    ("提高", Direction::Up),
    ("减少", Direction::Down),
    ("下降", Direction::Down),
    ("降低", Direction::Down),
    ("缩减", Direction::Down),
    ("压减", Direction::Down),
    ("回落", Direction::Down),
    ("回升", Direction::Up),
    ("增收", Direction::Up),
    ("增支", Direction::Up),
    ("减收", Direction::Down),
    ("减支", Direction::Down),
    // Against the budget: `比年初预算节约 0.76 万元`, `节约资金 S 万元`,
    // `决算数大于预算数 D 万元`.
    ("节约资金", Direction::Down),
    ("节约了", Direction::Down),
    ("节约", Direction::Down),
    ("节支", Direction::Down),
    ("大于预算数", Direction::Up),
    ("小于预算数", Direction::Down),
    ("大于年初预算数", Direction::Up),
    ("小于年初预算数", Direction::Down),
    ("大于预算", Direction::Up),
    ("小于预算", Direction::Down),
];

/// One-character direction words trusted right after last year's figure
/// (`比去年 2.95 万元少 0.09 万元`).
pub const DIRECTIONS_AFTER_PRIOR: &[(&str, Direction)] = &[
    ("增", Direction::Up),
    ("多", Direction::Up),
    ("减", Direction::Down),
    ("少", Direction::Down),
    ("降", Direction::Down),
];

/// Words that open a comparison naming last year's figure: `较2020年的
/// 147万元`, `同比去年 1.35 万元`, `比上年累计支出 412 万元`, `与2022年的 X
/// 万元相比`.
pub const COMPARISON_OPENERS: &[&str] = &["相较于", "相较", "同比", "与", "较", "比"];

/// Words that compare a figure with its budget (`比年初预算`, `决算数大于
/// 预算数`), before the budget's qualifiers…
pub const BUDGET_COMPARISONS: &[&str] = &["比", "较", "与", "对比", "大于", "小于", "高于", "低于"];
/// …which may name which budget (`年初`, `调整`).
pub const BUDGET_QUALIFIERS: &[&str] = &["本年", "全年", "年初", "调整后", "调整", "年度"];
/// Words that make a change one against the budget whatever opens it:
/// savings (`节约资金 S 万元`, `节约 P%`).
pub const SAVINGS_WORDS: &[&str] = &["节约", "节支"];

/// Does the text compare with the year's budget (`比年初预算`, `较调整预算`,
/// `决算数比预算数`, `与预算相比`) or state savings against it (`节约`)? Last
/// year's budget (`比上年预算`) is a comparison with last year.
pub fn mentions_budget(text: &str) -> bool {
    if contains_any(text, SAVINGS_WORDS) {
        return true;
    }
    contains(text, "预算")
        && BUDGET_COMPARISONS.iter().any(|w| {
            text.match_indices(w).any(|(i, _)| {
                let mut rest = text[i + w.len()..].trim_start();
                while let Some(q) = starts_with_any(rest, BUDGET_QUALIFIERS) {
                    rest = rest[q.len()..].trim_start();
                }
                rest.starts_with("预算")
            })
        })
}

/// The text before its comparison with the budget (`公务接待费比年初预算`
/// → `公务接待费`), without the final figure's own words (`决算数比预算数`
/// → empty).
pub fn strip_budget_comparison(text: &str) -> &str {
    let mut cut = text.len();
    for w in BUDGET_COMPARISONS {
        for (i, _) in text.match_indices(w) {
            let mut rest = text[i + w.len()..].trim_start();
            while let Some(q) = starts_with_any(rest, BUDGET_QUALIFIERS) {
                rest = rest[q.len()..].trim_start();
            }
            if rest.starts_with("预算") {
                cut = cut.min(i);
            }
        }
    }
    let mut s = text[..cut].trim_end();
    while let Some(w) = ends_with_any(s, &["决算数", "决算", "实际数"]) {
        s = s[..s.len() - w.len()].trim_end();
    }
    s
}

/// Words that open the first of two years' amounts: `由 X 万元增加到 Y 万元`,
/// `从2019年的 X 万元下降至…`.
pub const FROM_WORDS: &[&str] = &["由", "从"];

/// Words between the two years' amounts: `增加到`, `下降至`.
pub const TO_WORDS: &[&str] = &["到", "至"];

/// Words after which a number with no unit, followed by a direction word,
/// is last year's figure (`较上年 3.46 减少`).
pub const BARE_PRIOR_AFTER: &[&str] = &["上年", "去年", "上年度", "年的", "期间的"];

/// The longest comparison (in characters) read as naming last year's figure.
pub const COMPARISON_LONGEST: usize = 16;

/// Is a figure with these words before it (in its clause) last year's
/// figure inside a comparison: `较2020年的`, `同比去年`, `比上年累计支出`,
/// `较“十二五”期间的`?
pub fn is_comparison_base(lead: &str) -> bool {
    let s = lead.trim();
    if s.chars().count() > COMPARISON_LONGEST || s.contains(CLAUSE_END) {
        return false;
    }
    starts_with_any(s, COMPARISON_OPENERS).is_some() && (mentions_last_year(s) || contains(s, "期间") || contains(s, "上年同期") || mentions_budget(s))
}

/// A figure's words say it is the first of two years' (`由`, `从2016年的`),
/// and the words after it lead to the second (`增加到`, `下降至`, `增至`).
pub fn is_from_figure(lead: &str, after: &str) -> bool {
    // `由`, `从2016年的`: the word, then at most a year.
    let Some(at) = FROM_WORDS.iter().filter_map(|w| rfind(lead, w).map(|i| i + w.len())).max() else { return false };
    let year = lead[at..].trim().trim_end_matches('的').trim_end_matches('度').trim_end_matches('年').trim();
    if !year.chars().all(|c| c.is_ascii_digit()) || year.len() > 4 {
        return false;
    }
    let after = after.trim_start();
    let Some((w, _)) = DIRECTIONS.iter().chain(SHORT_DIRECTIONS).filter(|(w, _)| after.starts_with(w)).max_by_key(|(w, _)| w.len()) else { return false };
    let rest = after[w.len()..].trim_start();
    let rest = rest.strip_prefix('了').unwrap_or(rest);
    starts_with_any(rest, TO_WORDS).is_some()
}

/// One-character direction words, trusted only right after a comparison
/// (`与上年相比加 4.75 万元`).
pub const SHORT_DIRECTIONS: &[(&str, Direction)] = &[
    ("增", Direction::Up),
    ("加", Direction::Up),
    ("减", Direction::Down),
    ("降", Direction::Down),
];

/// Phrases that state no change at all.
pub const NO_CHANGE: &[&str] = &["无增减变动", "无增减变化", "无增减", "持平", "无变化", "保持不变"];

/// Phrases that say a rate cannot be computed because last year was zero.
pub const ZERO_BASE: &[&str] = &["不可比", "基数为0", "基数为零", "上年为0", "上年无"];

/// Words that make a rate an average over years (`年均增长`), not the
/// change from last year.
pub const AVERAGE_WORDS: &[&str] = &["年均", "平均每年", "年平均", "平均增长"];

/// Words that pair two enumerations in order (`A、B 分别为 a、b`, `各占 x%、y%`).
pub const PAIRING_WORDS: &[&str] = &["分别", "各"];

/// What stands between two entries of one enumeration of figures.
pub const ENUMERATION_JOINS: &[&str] = &["、", "和", "及", "与", "以及"];

/// The year a figure's words name last (`从2016年的` → 2016, `增加到2021年的`
/// → 2021).
pub fn year_in(text: &str) -> Option<u32> {
    years(text).last()
}

/// `2015年至2020年`, `2015—2020年`: the first and last year of a period the
/// text names, when it names exactly two.
pub fn year_span(text: &str) -> Option<(u32, u32)> {
    let found: Vec<u32> = years(text).collect();
    match found[..] {
        [a, b] => Some((a, b)),
        _ => None,
    }
}

/// Four-digit years in the text (followed by `年`, or by a dash and a year).
fn years(text: &str) -> impl Iterator<Item = u32> + '_ {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).filter_map(move |i| {
        let digits = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        let year: u32 = text.get(i..i + 4)?.parse().ok()?;
        (digits && alone && (1949..=2100).contains(&year)).then_some(year)
    })
}

/// Are these the names of parts that cannot overlap? Distinct, none inside
/// another, all ending in the same word (`财政拨款收入`, `事业收入`).
pub fn siblings<S: AsRef<str>>(names: &[S]) -> bool {
    let head = |n: &str| n.chars().rev().take(2).collect::<String>();
    let Some(first) = names.first() else { return false };
    let first = head(first.as_ref());
    names.iter().all(|n| head(n.as_ref()) == first)
        && names.iter().enumerate().all(|(i, a)| names.iter().enumerate().all(|(j, b)| i == j || !b.as_ref().contains(a.as_ref())))
}

/// Words that stand for the department in a sentence that names it again:
/// `该局机关运行经费支出`.
pub const DEPARTMENT_PRONOUNS: &[&str] = &["该局", "本局", "我局", "该部门", "本部门", "我部门", "该单位", "本单位", "我单位", "该中心", "本中心", "该院", "本院", "该馆", "本馆", "该委", "本委"];

/// What a subject names once the department's name and the year before it
/// (`某县审计局2022年`) or a pronoun for the department (`该局`) are set
/// aside, with that year: `(Some(2022), "机关运行经费支出")`. `None` when
/// what remains is too short to name one figure, or still holds a figure
/// or a year.
pub fn restated_name(subject: &str) -> Option<(Option<u32>, &str)> {
    // The last `YYYY年` of the subject (`本年` is no year).
    let year_at = subject.match_indices('年').rev().map(|(at, _)| at).find(|&at| at >= 4 && subject.is_char_boundary(at - 4) && year_in(&subject[at - 4..at + '年'.len_utf8()]).is_some());
    let (year, name) = match year_at {
        Some(at) => {
            let rest = &subject[at + '年'.len_utf8()..];
            (year_in(&subject[at - 4..at + '年'.len_utf8()]), rest.strip_prefix('度').unwrap_or(rest))
        }
        None => (None, starts_with_any(subject, DEPARTMENT_PRONOUNS).map_or(subject, |p| &subject[p.len()..])),
    };
    let plain = name.chars().count() >= 4 && !name.contains(|c: char| c.is_ascii_digit()) && !is_prior_period(name);
    plain.then_some((year, name))
}

/// Measure words a clause may name alone, leaving what they measure to
/// its sentence's first clause (`“三公”经费支出预算为 40 万元，支出决算为
/// 28.36 万元`). Longest first.
pub const BARE_MEASURES: &[&str] = &["支出决算数", "支出预算数", "收入决算数", "收入预算数", "支出决算", "支出预算", "收入决算", "收入预算", "决算数", "预算数"];

/// What a name that ends in measure words measures: `“三公”经费` of
/// `“三公”经费支出预算` or of `“三公”经费支出` (`预算为` is not kept in a
/// subject). `None` when the name is the measure alone, or ends otherwise.
pub fn measured_topic(name: &str) -> Option<&str> {
    let measure = ends_with_any(name, BARE_MEASURES).or_else(|| ends_with_any(name, &["支出", "收入"]))?;
    let topic = name[..name.len() - measure.len()].trim_end();
    (topic.chars().count() >= 2).then_some(topic)
}

/// Share words before a percentage: `占 p%`, `占比 p%`, `占…的 p%`.
pub const SHARE_WORDS: &[&str] = &["资金节约率", "节约率为", "节约率", "占比为", "占比", "所占比重为", "所占比例为", "比重为", "占"];

/// Completion words of final accounts: `完成年初预算的 P%`.
pub const COMPLETION_WORDS: &[&str] = &[
    "完成年初预算的", "完成调整预算的", "完成预算的", "为年初预算的", "为调整预算的", "占年初预算的", "占调整预算的",
    "完成年初预算", "完成调整预算", "占年初预算", "占调整预算",
];

/// Words before the budget inside a completion rate: `完成年初预算数 B 万元的
/// P%`, `占调整预算 B 万元的 P%`.
pub const COMPLETION_BUDGET_LEADS: &[&str] =
    &["完成年初预算数", "完成年初预算", "完成调整预算数", "完成调整预算", "完成预算数", "完成预算", "占年初预算", "占调整预算", "为年初预算", "为调整预算"];

/// Words that make a figure a final one in a completion: `支出决算为`,
/// `收入完成`, `实际完成`.
pub const COMPLETED_WORDS: &[&str] = &["决算", "完成", "实际", "执行"];

/// A list follows: `其中：`, `包括：`. Longest first.
pub const LIST_CUES: &[(&str, CueKind)] = &[
    ("主要包括以下支出", CueKind::Partial),
    ("主要包括", CueKind::Partial),
    ("主要有", CueKind::Partial),
    ("主要用于", CueKind::Partial),
    // `。具体包括：` opens its sentence as `包括` would.
    ("具体包括", CueKind::Including),
    ("包括", CueKind::Including),
    ("其中", CueKind::Among),
];

/// Breakdowns that are whole by definition: (the total, its parts).
pub const KNOWN_BREAKDOWNS: &[(&str, &[&str])] = &[("基本支出", &["人员经费", "公用经费"]), ("公务用车购置及运行维护费", &["公务用车购置费", "公务用车运行维护费"]), ("公务用车购置及运行费", &["购置费", "运行费"])];

/// Parts that make up a whole whatever it is called: procurement is goods,
/// works and services (`货物类 a、工程类 b、服务类 c`).
pub const COMPLETE_PART_SETS: &[&[&str]] = &[&["货物", "工程", "服务"]];

/// What a list cue promises about its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum CueKind {
    /// `包括`: the items make up the total.
    Including,
    /// `其中`: the items are parts of the total; often all of them, not always.
    Among,
    /// `主要包括…等`: the main items only; they must not exceed the total.
    Partial,
}

/// A subject naming one of these is a total.
pub const TOTAL_WORDS: &[&str] = &["合计", "总计", "总额", "总预算", "共计", "总金额", "合共"];

/// Words that close a list of main items (`…等`).
pub const ET_CETERA: &str = "等";

/// A subject beginning with one of these is a catch-all item, so the list it
/// closes is complete.
pub const CATCH_ALL: &[&str] = &["其他", "其它"];

/// A total that names both income and spending states two equal totals at
/// once (`收、支预算总计各…`), not one total of two parts.
pub const INCOME_WORDS: &[&str] = &["收入", "收、支", "收支"];
pub const SPENDING_WORDS: &[&str] = &["支出", "收、支", "收支"];

/// Words before a figure that is missing (`增长%`, `支出 万元`).
pub const MISSING_FIGURE_AFTER: &[&str] = &[
    "增长", "增加", "减少", "下降", "上升", "降低", "增幅", "减幅", "占比", "占", "支出", "收入",
    "预算数为", "预算为", "预算", "拨款", "合计", "总计", "共计", "安排",
];

/// The other direction a template offers in parentheses, left in a draft
/// (`增加（减少）`, `增长(下降)`): the text without it.
pub fn strip_template_alternative(text: &str) -> &str {
    for (open, close) in [('（', '）'), ('(', ')')] {
        let Some(inner) = text.strip_suffix(close) else { continue };
        let Some(at) = inner.rfind(open) else { continue };
        let word = inner[at + open.len_utf8()..].trim();
        if DIRECTIONS.iter().any(|(w, _)| *w == word) {
            return inner[..at].trim_end();
        }
    }
    text
}

/// Filler stripped from the end of a subject (`…预算数为`, `…是`).
pub const SUBJECT_TRAILERS: &[&str] = &["预算数为", "预算为", "数为", "为", "是", "共", "约", "达"];

/// Filler stripped from the start of a subject.
pub const SUBJECT_LEADERS: &[&str] = &["其中", "包括", "主要包括", "以及", "及", "和", "另外", "此外", "另"];

/// A heading line ending in one of these is a title, not the start of the
/// sentence below it (`一、支出预算情况说明`).
pub const TITLE_ENDINGS: &[&str] = &["说明", "情况", "概况", "职责", "职能", "设置", "解释", "方式", "公开", "目录", "构成"];

/// Words that put a figure in last year rather than this one.
pub const PRIOR_PERIOD: &[&str] = &["上年", "去年", "上一年"];

/// Chinese numerals used by headings.
pub const CHINESE_NUMERALS: &str = "一二三四五六七八九十百零〇";

/// Is `c` one of [`CHINESE_NUMERALS`]? (`str::contains` of a character
/// outside ASCII searches for its bytes as for a word: slower, asked of
/// most lines.)
pub fn is_chinese_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇')
}

/// Characters that end a sentence.
pub const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?'];

/// Characters that end a clause inside a sentence.
pub const CLAUSE_END: &[char] = &['，', ',', '；', ';', '：', ':', '、'];

/// Does the text compare with last year (`与上年相比`, `比上年`…, or a
/// named year: `比2024年`, `较 2024 年预算`)?
pub fn mentions_last_year(text: &str) -> bool {
    text.contains(['比', '较', '同', '与']) && (contains_any(text, VERSUS_LAST_YEAR) || compares_with_a_year(text))
}

/// The text without its comparison words (`与上年相比`, `比2024年预算`).
pub fn strip_comparison(text: &str) -> String {
    // Every comparison word holds one of these: text without them is kept.
    if !text.contains(['比', '较', '同', '与']) {
        return text.to_string();
    }
    let mut s = text.to_string();
    for m in VERSUS_LAST_YEAR {
        if contains(&s, m) {
            s = replace(&s, m, "");
        }
    }
    for w in ["比", "较", "与"] {
        while let Some(i) = find(&s, w) {
            let rest = s[i + w.len()..].trim_start();
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits != 4 || !rest[4..].trim_start().starts_with('年') {
                break;
            }
            let mut tail = rest[4..].trim_start()['年'.len_utf8()..].to_string();
            for filler in ["度", "预算数", "预算", "相比"] {
                if let Some(t) = tail.strip_prefix(filler) {
                    tail = t.to_string();
                }
            }
            s = format!("{}{}", &s[..i], tail);
        }
    }
    if contains(&s, "相比") {
        s = replace(&s, "相比", "");
    }
    s
}

/// `比2024年`, `较 2024 年度`, `与2024年相比`.
fn compares_with_a_year(text: &str) -> bool {
    ["比", "较", "与"].iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            let rest = text[i + w.len()..].trim_start();
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            digits == 4 && rest[4..].trim_start().starts_with('年')
        })
    })
}

/// What a figure of a record states (`A 支出 3.06 万元，年初预算 4.5 万元，
/// 差值 1.44 万元`), by the last words of its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordMeasure {
    Budget,
    Difference,
    /// The amount itself (spent, received, or unsaid).
    Main,
}

/// Subject endings that make a figure a budget…
pub const BUDGET_ENDINGS: &[&str] = &["年初预算", "调整预算", "预算数", "预算"];
/// …unless they name a kind of funds (`一般公共预算`).
pub const FUNDS_ENDINGS: &[&str] = &["公共预算", "基金预算", "经营预算", "财政预算"];
/// Names of funds that end in `预算` without being a budget figure.
pub const FUNDS_NAMES: &[&str] = &["一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算", "财政预算"];

/// The text without names of funds (`一般公共预算财政拨款支出年初预算为` →
/// `财政拨款支出年初预算为`), so that `预算` left in it names a budget.
pub fn strip_funds(text: &str) -> std::borrow::Cow<'_, str> {
    // Every name of funds holds `预算`: most text is told by one search.
    if !contains(text, "预算") || !contains_any(text, FUNDS_NAMES) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut s = text.to_string();
    for w in FUNDS_NAMES {
        s = replace(&s, w, "");
    }
    std::borrow::Cow::Owned(s)
}

/// Subject endings that make a figure a difference.
pub const DIFFERENCE_ENDINGS: &[&str] = &["差值", "差额"];

pub fn record_measure(subject: &str) -> RecordMeasure {
    let s = subject.trim_end_matches(['为', '是']);
    if ends_with_any(s, DIFFERENCE_ENDINGS).is_some() {
        RecordMeasure::Difference
    } else if ends_with_any(s, BUDGET_ENDINGS).is_some() && ends_with_any(s, FUNDS_ENDINGS).is_none() {
        RecordMeasure::Budget
    } else {
        RecordMeasure::Main
    }
}

/// Does a subject name last year's amount of what the sentence is about
/// (`上年决算数`, `上年同期`), rather than an item of this year that bears
/// last year's name (`上年结转`)?
pub fn names_last_year_amount(subject: &str) -> bool {
    starts_with_any(subject, PRIOR_PERIOD).is_some() && !contains_any(subject, &["结转", "结余"])
}

/// A subject's words after its year (`某局2023年“三公”经费支出` →
/// `“三公”经费支出`); the subject itself when it names none.
pub fn after_year(subject: &str) -> &str {
    let b = subject.as_bytes();
    let mut out = subject;
    for (i, _) in subject.match_indices('年') {
        let digits = b[..i].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        if digits == 4 {
            let rest = &subject[i + '年'.len_utf8()..];
            out = rest.strip_prefix('度').unwrap_or(rest);
        }
    }
    out
}

/// Does the text put its figure in last year?
pub fn is_prior_period(text: &str) -> bool {
    text.contains(['上', '去']) && contains_any(text, PRIOR_PERIOD)
}

/// Words that pair or total a subject without naming it (`收、支总计各`):
/// left out when two subjects are compared.
pub const SUBJECT_QUALIFIERS: &[&str] = &["总预算", "总计", "合计", "总额", "共计", "各", "均", "分别", "预算", "决算"];

/// A subject without its trailing [`SUBJECT_QUALIFIERS`].
pub fn subject_core(subject: &str) -> &str {
    let mut s = subject;
    while let Some(w) = ends_with_any(s, SUBJECT_QUALIFIERS) {
        s = &s[..s.len() - w.len()];
    }
    s
}

/// Does `subject` name `word` at its end, but for its
/// [`SUBJECT_QUALIFIERS`] and a trailing `支出` (`公务用车运行维护费支出决算`
/// names `公务用车运行维护费`)?
pub fn names_at_end(subject: &str, word: &str) -> bool {
    let core = subject_core(subject);
    core.ends_with(word) || core.strip_suffix("支出").is_some_and(|c| c.ends_with(word))
}

/// Helpers over these tables.
pub fn ends_with_any<'a>(text: &str, words: &'a [&'a str]) -> Option<&'a str> {
    words.iter().copied().filter(|w| text.ends_with(w)).max_by_key(|w| w.len())
}

pub fn starts_with_any<'a>(text: &str, words: &'a [&'a str]) -> Option<&'a str> {
    words.iter().copied().filter(|w| text.starts_with(w)).max_by_key(|w| w.len())
}

pub fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| contains(text, w))
}

/// Does `text` contain `word`? What `str::contains` answers, in a fraction
/// of its time on what the vocabulary is matched against: subjects and
/// titles of a few dozen bytes, words of a few characters, millions of
/// times a draft. `str::contains` prepares a two-way searcher at every call,
/// which costs more than such a search; here the word's last byte is found
/// with memchr and the word compared where it would end. That byte is a
/// continuation byte for a Chinese word, a thirtieth of the characters at
/// most, where its first byte starts a sixth of them.
pub fn contains(text: &str, word: &str) -> bool {
    find(text, word).is_some()
}

/// Where `word` first occurs in `text`: what `str::find` answers, found as
/// [`contains`] finds it.
pub fn find(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some(&last) = w.last() else { return Some(0) };
    memchr::memchr_iter(last, t).find(|&at| t[..=at].ends_with(w)).map(|at| at + 1 - w.len())
}

/// Where `word` last occurs in `text`: what `str::rfind` answers, found as
/// [`find`] finds the first.
pub fn rfind(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some(&last) = w.last() else { return Some(t.len()) };
    memchr::memrchr_iter(last, t).find(|&at| t[..=at].ends_with(w)).map(|at| at + 1 - w.len())
}

/// `text` with every `word` in it replaced by `with`: what `str::replace`
/// gives, without preparing a searcher for a word of a few bytes.
pub fn replace(text: &str, word: &str, with: &str) -> String {
    if word.is_empty() {
        return text.replace(word, with);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = find(rest, word) {
        out.push_str(&rest[..i]);
        out.push_str(with);
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
    out
}

/// `text` without every `word` at its end: what `trim_end_matches(word)`
/// gives, without preparing a searcher for a word of a few bytes.
pub fn trim_end_word<'a>(text: &'a str, word: &str) -> &'a str {
    if word.is_empty() {
        return text;
    }
    let mut s = text;
    while let Some(rest) = s.strip_suffix(word) {
        s = rest;
    }
    s
}

// ---- Tables ----

/// What a table column holds, read from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    /// `合计`, `总计`: the sum of the part columns.
    Total,
    /// `小计`: a subtotal of some of the columns after it.
    Subtotal,
    /// A part of the total; `of` names the group column it belongs to when
    /// the table prints that group too (`人员经费` under `基本支出`).
    Part { of: Option<&'static str> },
    /// A rate or share: never added.
    Ratio,
    /// A change against last year: added, but not a part of the total.
    Change,
    /// A heading over a set of columns: `2025年预算数`, `上年预算数`.
    Caption,
    /// A column that is not a figure: `科目编码`, `科目名称`.
    Label,
    /// `行次`: each row's number, printed before its figures.
    RowNumber,
}

/// Column headings of budget tables: (as printed, canonical name, role).
/// Matched longest first against the heading text with spaces removed, so
/// headings wrapped over several lines are read whole.
pub const TABLE_COLUMNS: &[(&str, &str, ColumnRole)] = &[
    ("本年收入合计", "合计", ColumnRole::Total),
    ("本年支出合计", "合计", ColumnRole::Total),
    ("收入合计", "合计", ColumnRole::Total),
    ("支出合计", "合计", ColumnRole::Total),
    ("合计", "合计", ColumnRole::Total),
    ("总计", "总计", ColumnRole::Total),
    ("小计", "小计", ColumnRole::Subtotal),
    ("基本支出", "基本支出", ColumnRole::Part { of: None }),
    ("项目支出", "项目支出", ColumnRole::Part { of: None }),
    ("事业单位经营支出", "事业单位经营支出", ColumnRole::Part { of: None }),
    ("上缴上级支出", "上缴上级支出", ColumnRole::Part { of: None }),
    ("对附属单位补助支出", "对附属单位补助支出", ColumnRole::Part { of: None }),
    ("人员经费", "人员经费", ColumnRole::Part { of: Some("基本支出") }),
    ("公用经费", "公用经费", ColumnRole::Part { of: Some("基本支出") }),
    ("上年结转结余", "上年结转", ColumnRole::Part { of: None }),
    ("上年结转", "上年结转", ColumnRole::Part { of: None }),
    ("上年结余", "上年结转", ColumnRole::Part { of: None }),
    ("财政拨款收入", "财政拨款", ColumnRole::Part { of: None }),
    ("财政拨款", "财政拨款", ColumnRole::Part { of: None }),
    ("一般公共预算拨款收入", "一般公共预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("一般公共预算拨款", "一般公共预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("一般公共预算", "一般公共预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("政府性基金预算拨款收入", "政府性基金预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("政府性基金预算拨款", "政府性基金预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("政府性基金预算", "政府性基金预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("国有资本经营预算拨款收入", "国有资本经营预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("国有资本经营预算拨款", "国有资本经营预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("国有资本经营预算", "国有资本经营预算", ColumnRole::Part { of: Some("财政拨款") }),
    ("财政专户管理资金收入", "财政专户管理资金", ColumnRole::Part { of: None }),
    ("财政专户管理资金", "财政专户管理资金", ColumnRole::Part { of: None }),
    ("单位资金", "单位资金", ColumnRole::Part { of: None }),
    ("事业收入", "事业收入", ColumnRole::Part { of: Some("单位资金") }),
    ("上级补助收入", "上级补助收入", ColumnRole::Part { of: Some("单位资金") }),
    ("附属单位上缴收入", "附属单位上缴收入", ColumnRole::Part { of: Some("单位资金") }),
    ("事业单位经营收入", "事业单位经营收入", ColumnRole::Part { of: Some("单位资金") }),
    ("经营收入", "事业单位经营收入", ColumnRole::Part { of: Some("单位资金") }),
    ("经营支出", "事业单位经营支出", ColumnRole::Part { of: None }),
    ("其他收入", "其他收入", ColumnRole::Part { of: Some("单位资金") }),
    ("用事业基金弥补收支差额", "用事业基金弥补收支差额", ColumnRole::Part { of: Some("单位资金") }),
    ("因公出国（境）费用", "因公出国（境）费", ColumnRole::Part { of: None }),
    ("因公出国（境）费", "因公出国（境）费", ColumnRole::Part { of: None }),
    ("因公出国(境)费用", "因公出国（境）费", ColumnRole::Part { of: None }),
    ("因公出国(境)费", "因公出国（境）费", ColumnRole::Part { of: None }),
    ("公务用车购置及运行维护费", "公务用车购置及运行费", ColumnRole::Part { of: None }),
    ("公务用车购置及运行费", "公务用车购置及运行费", ColumnRole::Part { of: None }),
    ("公务用车购置费", "公务用车购置费", ColumnRole::Part { of: Some("公务用车购置及运行费") }),
    ("公务用车运行维护费", "公务用车运行费", ColumnRole::Part { of: Some("公务用车购置及运行费") }),
    ("公务用车运行费", "公务用车运行费", ColumnRole::Part { of: Some("公务用车购置及运行费") }),
    ("公务接待费", "公务接待费", ColumnRole::Part { of: None }),
    ("增长率", "增长率", ColumnRole::Ratio),
    ("增幅", "增长率", ColumnRole::Ratio),
    ("降幅", "增长率", ColumnRole::Ratio),
    ("比例", "比例", ColumnRole::Ratio),
    ("增减率", "增减率", ColumnRole::Ratio),
    ("变动率", "变动率", ColumnRole::Ratio),
    ("完成率", "完成率", ColumnRole::Ratio),
    ("占比", "占比", ColumnRole::Ratio),
    ("比重", "比重", ColumnRole::Ratio),
    ("%", "%", ColumnRole::Ratio),
    ("％", "%", ColumnRole::Ratio),
    ("增减变动", "增减", ColumnRole::Change),
    ("增减额", "增减", ColumnRole::Change),
    ("增减", "增减", ColumnRole::Change),
    ("比上年增减", "增减", ColumnRole::Change),
    ("本年收入", "本年收入", ColumnRole::Caption),
    ("本年支出", "本年支出", ColumnRole::Caption),
    ("上年预算数", "上年预算数", ColumnRole::Caption),
    ("上年预算", "上年预算数", ColumnRole::Caption),
    ("本年预算数", "本年预算数", ColumnRole::Caption),
    ("年初预算数", "年初预算数", ColumnRole::Caption),
    ("调整预算数", "调整预算数", ColumnRole::Caption),
    ("预算数", "预算数", ColumnRole::Caption),
    ("决算数", "决算数", ColumnRole::Caption),
    ("本年预算", "本年预算数", ColumnRole::Caption),
    ("预算", "预算数", ColumnRole::Caption),
    ("决算", "决算数", ColumnRole::Caption),
    ("金额", "金额", ColumnRole::Caption),
    ("支出功能分类科目", "科目", ColumnRole::Label),
    ("支出经济分类科目", "科目", ColumnRole::Label),
    ("部门预算支出经济分类科目", "科目", ColumnRole::Label),
    ("政府预算支出经济分类科目", "科目", ColumnRole::Label),
    ("功能分类科目", "科目", ColumnRole::Label),
    ("经济分类科目", "科目", ColumnRole::Label),
    ("科目编码", "科目编码", ColumnRole::Label),
    ("科目代码", "科目编码", ColumnRole::Label),
    ("科目名称", "科目名称", ColumnRole::Label),
    ("项目（按功能分类）", "项目", ColumnRole::Label),
    ("项目(按功能分类)", "项目", ColumnRole::Label),
    ("项目名称", "项目", ColumnRole::Label),
    ("项目", "项目", ColumnRole::Label),
    ("部门（单位）代码", "单位代码", ColumnRole::Label),
    ("部门（单位）名称", "单位名称", ColumnRole::Label),
    ("部门（单位名称）", "单位名称", ColumnRole::Label),
    ("单位代码", "单位代码", ColumnRole::Label),
    ("单位编码", "单位代码", ColumnRole::Label),
    ("单位名称", "单位名称", ColumnRole::Label),
    ("编码", "科目编码", ColumnRole::Label),
    ("名称", "科目名称", ColumnRole::Label),
    ("序号", "序号", ColumnRole::Label),
    ("收入", "收入", ColumnRole::Label),
    ("支出", "支出", ColumnRole::Label),
    ("行次", "行次", ColumnRole::RowNumber),
    ("栏次", "栏次", ColumnRole::RowNumber),
    ("类", "类", ColumnRole::Label),
    ("款", "款", ColumnRole::Label),
    ("项", "项", ColumnRole::Label),
];

/// Groups of columns whose parts may run on past the parts listed under
/// them in the vocabulary (`单位资金` over `事业收入`… and, in some years,
/// `上年结转`): a row's total over the top-level columns is not checked.
pub const TABLE_OPEN_GROUPS: &[&str] = &["单位资金", "财政拨款"];

/// A row with one of these names (spaces removed) is the table's total row.
pub const TABLE_TOTAL_ROWS: &[&str] = &["合计", "总计", "支出合计", "收入合计", "本年支出合计", "本年收入合计", "合计数"];

/// A row with one of these names numbers the columns (`栏次 1 2 3`): not figures.
pub const TABLE_NUMBERING_ROWS: &[&str] = &["栏次", "行次", "序号", "栏号"];

/// A row with one of these names is a subtotal, so the rows are not a plain
/// tree of accounts under one total.
pub const TABLE_SUBTOTAL_ROWS: &[&str] = &["小计", "其中"];

/// Titles of the two-sided tables (income on the left, spending on the right).
pub const TWO_SIDED_TABLES: &[&str] = &["收支总表", "收支预算总表", "收支决算总表"];

/// Title words of the “三公” table, whose columns follow a fixed template.
pub const THREE_PUBLIC_TABLES: &[&str] = &["三公"];

/// A title ends with one of these: `一般公共预算支出表`, `…表（续）`.
pub const TABLE_TITLE_ENDINGS: &[&str] = &["表（续）", "表(续)", "续表", "表"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_topic_of_a_name_is_what_its_measure_words_measure() {
        assert_eq!(measured_topic("“三公”经费支出预算"), Some("“三公”经费"));
        assert_eq!(measured_topic("“三公”经费支出"), Some("“三公”经费"));
        assert_eq!(measured_topic("机关运行经费决算数"), Some("机关运行经费"));
        assert_eq!(measured_topic("支出决算"), None);
        assert_eq!(measured_topic("公务接待费"), None);
    }

    #[test]
    fn comparisons_with_last_year() {
        for t in ["与上年相比", "比上年预算", "同比", "比2024年", "较 2024 年预算", "与2024年相比"] {
            assert!(mentions_last_year(t), "{t}");
        }
        for t in ["比例", "较为", "2024年", "比20245年"] {
            assert!(!mentions_last_year(t), "{t}");
        }
        assert_eq!(strip_comparison("基本支出比2024年预算"), "基本支出");
        assert_eq!(strip_comparison("与上年相比收、支预算总计"), "收、支预算总计");
        // Its quick exit: every comparison word holds one of these.
        assert!(VERSUS_LAST_YEAR.iter().all(|w| w.contains(['比', '较', '同', '与'])));
    }

    #[test]
    fn every_name_of_funds_holds_yusuan() {
        // `strip_funds` looks for `预算` first.
        assert!(FUNDS_NAMES.iter().all(|w| w.contains("预算")));
    }

    proptest::proptest! {
        #[test]
        fn searches_are_those_of_str(text in "[预算支出收入a1 ]{0,40}", word in "[预算支出a1]{0,3}") {
            proptest::prop_assert_eq!(contains(&text, &word), text.contains(&word));
            proptest::prop_assert_eq!(find(&text, &word), text.find(&word));
            proptest::prop_assert_eq!(rfind(&text, &word), text.rfind(&word));
            proptest::prop_assert_eq!(trim_end_word(&text, &word), text.trim_end_matches(&word));
            proptest::prop_assert_eq!(replace(&text, &word, "x"), text.replace(&word, "x"));
        }
    }

    #[test]
    fn numerals() {
        assert!(CHINESE_NUMERALS.chars().all(is_chinese_numeral));
        assert_eq!(('\0'..='\u{ffff}').filter(|&c| is_chinese_numeral(c)).count(), CHINESE_NUMERALS.chars().count());
        assert!(!is_chinese_numeral('年') && !is_chinese_numeral('1'));
    }
}

/// Which funds a table or a section speaks of, by the words of its title,
/// most specific first: `一般公共预算基本支出表` is about basic spending of
/// the general budget, `财政拨款收支总表` about all appropriations,
/// `收支总表` about the whole department.
pub const SCOPES: &[(&str, Scope)] = &[
    ("三公", Scope::ThreePublic),
    ("基本支出", Scope::Basic),
    ("当年拨款", Scope::GeneralCurrent),
    ("一般公共预算", Scope::General),
    ("政府性基金", Scope::Fund),
    ("国有资本经营", Scope::Capital),
    ("财政拨款", Scope::Fiscal),
    ("收支", Scope::Department),
    ("收入支出", Scope::Department),
    ("收入预算", Scope::Department),
    ("支出预算", Scope::Department),
    ("收入决算", Scope::Department),
    ("支出决算", Scope::Department),
    ("收入总表", Scope::Department),
    ("支出总表", Scope::Department),
    ("收入表", Scope::Department),
    ("支出表", Scope::Department),
];

/// Words of a title whose figures are not the budget's accounts or totals:
/// a project table lists projects under account codes, a performance or
/// procurement table other amounts.
pub const NOT_ACCOUNTS: &[&str] = &["项目", "绩效", "采购", "资产"];

/// Titles of tables whose 合计 row is this year's spending.
pub const SPENDING_TABLES: &[&str] = &["支出总表", "一般公共预算支出表", "基本支出表", "政府性基金预算支出表", "国有资本经营预算支出表", "支出决算表"];

/// The funds a figure is counted in (see [`SCOPES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Everything the department receives and spends.
    Department,
    /// Appropriations: the general budget, government funds, state capital.
    Fiscal,
    General,
    /// This year's appropriation of the general budget: without what was
    /// carried over from last year, which the general budget's tables may
    /// include.
    GeneralCurrent,
    Fund,
    Capital,
    /// Basic spending of the general budget, by economic class.
    Basic,
    /// The 三公 funds.
    ThreePublic,
}

impl Scope {
    /// Is every figure counted in `self` also counted in `wider`?
    pub fn within(self, wider: Scope) -> bool {
        use Scope::*;
        self == wider
            || matches!(
                (self, wider),
                (GeneralCurrent, General | Fiscal | Department) | (General | Fund | Capital, Fiscal | Department) | (Fiscal, Department)
            )
    }
}

/// Marks of the levels of a functional account in prose: `卫生健康支出（类）`.
pub const ACCOUNT_LEVELS: &[(&str, u8)] = &[("（类）", 0), ("（款）", 1), ("（项）", 2), ("(类)", 0), ("(款)", 1), ("(项)", 2)];

/// Words a draft may write one way or another in an account's name, folded
/// before names are compared (`机关事业单位基本养老保险缴费支出` is printed
/// `机关事业单位养老保险缴费支出` too, `住房保障支出（类）支出` for the class).
pub const NAME_FOLDS: &[(&str, &str)] = &[("基本养老保险", "养老保险"), ("支出", ""), ("费用", "费")];

/// Name endings of a budget unit rather than an account (a row per unit).
pub const UNIT_NAME_ENDINGS: &[&str] = &["局", "委", "委员会", "院", "中心", "所", "站", "队", "校", "馆", "本级", "（本级）", "部", "厅", "办", "办公室", "处", "会"];

/// Words of a figure's subject that make it a budget figure in final
/// accounts, or an actual one: never the same figure as the other.
pub const BUDGET_WORDS: &[&str] = &["预算"];
pub const ACTUAL_WORDS: &[&str] = &["决算", "执行", "实际"];

/// Do these words name a budget, and no final (actual) figure
/// (`年初预算`, not `预算执行`)?
pub fn names_budget(words: &str) -> bool {
    contains(words, "预算") && !contains_any(words, ACTUAL_WORDS)
}

/// The totals of a budget that several tables state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Total {
    /// 本年收入合计: this year's income.
    Income,
    /// 本年支出合计: this year's spending (a spending table's 合计 row).
    Spending,
    /// 收入总计: with last year's carry-over (the 收入总表's 合计 row).
    IncomeAll,
    /// 支出总计: with what is carried over to next year.
    SpendingAll,
}

/// Total rows and the totals they state; prose stating the same words is
/// the same total.
pub const TOTAL_ROWS: &[(&str, Total)] =
    &[("本年收入合计", Total::Income), ("本年支出合计", Total::Spending), ("收入总计", Total::IncomeAll), ("支出总计", Total::SpendingAll)];

/// Words of the parts of spending that prose states on their own.
pub const SPENDING_PARTS: &[&str] = &["基本支出", "项目支出"];

/// The columns of the “三公” table, by canonical name (see [`TABLE_COLUMNS`]).
pub const THREE_PUBLIC_COLUMNS: &[&str] = &["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费"];
