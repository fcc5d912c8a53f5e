use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::profile::Title;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags what a template leaves behind when a draft is filled in from it:
    /// placeholders (`XX局`, `20XX年`, `XXX万元`, `×××`), both words of a
    /// choice the template offered (`增加（减少）`, `增长（下降）`,
    /// `大于（小于）`), the template's instructions to whoever fills it in
    /// (`（如持平作持平表述）`, `（不涉及的不列）`), and notes that something
    /// is still to be written (`待填写`). Only in a draft whose title reads as
    /// a 部门/单位 预算 or 决算 disclosure. A unit or a percent sign with no
    /// figure (`增长%`) is `missing-figure`'s.
    ///
    /// ## Why is this bad?
    /// A published disclosure with template words in it is graded as not
    /// prepared with care, and a reader cannot tell what the figure or the
    /// name was meant to be. Inspections list it among the most frequent
    /// faults.
    ///
    /// ## Not flagged
    /// An `X` inside a Latin word or code (`XXL`, `MAXX`), one `X` that is
    /// not an amount (`X光机`), a multiplication sign between figures
    /// (`3×4`), and parentheses that explain rather than instruct
    /// (`（如办公费、印刷费等）`, `（境）`).
    ///
    /// ## Example
    /// ```text
    /// 比上年增加（减少）3.2万元（如持平作持平表述）。
    /// ```
    /// Use instead: `比上年减少3.2万元。`
    ///
    /// ## Fix
    /// An instruction in parentheses is deleted (safe: nothing of the draft
    /// goes with it). A placeholder or a choice has no fix: the right name,
    /// figure or word is not in the text.
    TEMPLATE_RESIDUE, "template-residue", Warning, "template words left in a draft: a placeholder, a choice of two words, an instruction",
    zh: "模板残留：XX 占位符、“增加（减少）”二选一用语、填写说明"
}

/// Words a template offers in pairs, `A（B）`, one to be chosen.
const CHOICE_UP: &[&str] = &["增加", "增长", "上升", "提高", "大于", "高于", "多于", "超过", "增收", "增支"];
const CHOICE_DOWN: &[&str] = &["减少", "下降", "降低", "小于", "低于", "少于", "减收", "减支", "持平"];

/// What an instruction in parentheses says (its content contains one of
/// these): the template speaking to whoever fills it in.
const INSTRUCTION_WORDS: &[&str] = &[
    "作持平表述",
    "持平的",
    "如持平",
    "不涉及的",
    "不涉及此",
    "未涉及的",
    "无此项的",
    "没有的不",
    "请填",
    "请据实",
    "请根据",
    "请按",
    "据实填写",
    "填写",
    "填列",
    "可删除",
    "请删除",
    "予以删除",
    "删去",
    "二选一",
    "选填",
];

/// Notes that something is still to be written.
const TO_DO_WORDS: &[&str] = &["待填写", "待补充", "待完善", "请填写", "此处填写"];

/// Placeholder letters: a run of two or more, or one before an amount's unit.
const PLACEHOLDERS: &[char] = &['X', 'Ｘ', 'x', 'ｘ', '×'];
/// Units that make a single placeholder letter a figure (`X万元`, `X个`,
/// `X月X日`).
const AMOUNT_UNITS: &[&str] = &["万元", "亿元", "元", "%", "％", "个百分点", "个", "人", "名", "辆", "家", "项", "台", "批次", "年", "月", "日"];

pub fn check(cx: &Context, _title: &Title, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if PLACEHOLDERS.contains(&c) {
            let mut end = at + c.len_utf8();
            let mut run = 1;
            while let Some(&(n, d)) = chars.peek() {
                if !PLACEHOLDERS.contains(&d) {
                    break;
                }
                end = n + d.len_utf8();
                run += 1;
                chars.next();
            }
            if let Some(d) = placeholder(text, at, end, run) {
                out.push(d);
            }
        } else if c == '（' || c == '(' {
            if let Some(d) = parenthesis(text, at, c) {
                out.push(d);
            }
        } else if c == '待' || c == '请' || c == '此' {
            let rest = &text[at..];
            if let Some(w) = TO_DO_WORDS.iter().find(|w| rest.starts_with(**w)) {
                // A to-do inside an instruction is the instruction's.
                if !inside_parenthesis(text, at) {
                    out.push(Diagnostic::new(&TEMPLATE_RESIDUE, Span::new(at, at + w.len()), Message::TemplateToDo { written: w.to_string() }));
                }
            }
        }
    }
}

/// A run of placeholder letters at `at..end`, with the word after it.
fn placeholder(text: &str, at: usize, end: usize, run: usize) -> Option<Diagnostic> {
    let before = text[..at].chars().next_back();
    let after = text[end..].chars().next();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ'));
    let letters = &text[at..end];
    let is_x = letters.chars().all(|c| c != '×');
    // An `X` inside a Latin word or code (`XXL`, `MAXX`); `×` beside
    // figures is a multiplication (`3×4`), and a lower-case run only counts
    // beside Chinese (`xx局`), never inside Latin text.
    if latin(before) || latin(after) {
        return None;
    }
    if !is_x && (before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit())) {
        return None;
    }
    if letters.chars().any(|c| c.is_lowercase()) && letters.chars().any(|c| !c.is_lowercase()) {
        return None;
    }
    let rest = text[end..].trim_start_matches([' ', '\u{3000}']);
    let amount = AMOUNT_UNITS.iter().find(|u| rest.starts_with(**u));
    if run < 2 && amount.is_none() {
        return None;
    }
    // The placeholder is shown with its unit, when it stands for a figure.
    let shown_end = match amount {
        Some(u) => text.len() - rest.len() + u.len(),
        None => end,
    };
    let written = text[at..shown_end].to_string();
    Some(Diagnostic::new(&TEMPLATE_RESIDUE, Span::new(at, end), Message::TemplatePlaceholder { written }))
}

/// An opening parenthesis at `at`: a template's choice (`增加（减少）`) or
/// instruction (`（如持平作持平表述）`).
fn parenthesis(text: &str, at: usize, open: char) -> Option<Diagnostic> {
    let close = if open == '（' { ['）', ')'] } else { [')', '）'] };
    let inner_start = at + open.len_utf8();
    let rest = &text[inner_start..];
    // The content up to the closing parenthesis, on the same line and short.
    let inner_len = rest.char_indices().take(40).find(|&(_, c)| close.contains(&c) || c == '\n' || c == '（' || c == '(').filter(|&(_, c)| close.contains(&c)).map(|(i, _)| i)?;
    let inner = &rest[..inner_len];
    let end = inner_start + inner_len + rest[inner_len..].chars().next().map_or(0, char::len_utf8);
    let word = inner.trim();
    // A choice: `增加（减少）`, `减少（增加）`.
    let before = &text[..at];
    let pairs = |a: &'static [&'static str], b: &[&str]| -> Option<&'static str> { a.iter().find(|w| before.ends_with(**w)).filter(|_| b.contains(&word)).copied() };
    if let Some(first) = pairs(CHOICE_UP, CHOICE_DOWN).or_else(|| pairs(CHOICE_DOWN, CHOICE_UP)) {
        let start = at - first.len();
        let written = text[start..end].to_string();
        let mut d = Diagnostic::new(&TEMPLATE_RESIDUE, Span::new(start, end), Message::TemplateChoice { written });
        if zero_change_follows(&text[end..]) {
            d = d.note(Message::ZeroChangeIsFlat);
        }
        return Some(d);
    }
    // An instruction: deleted with its parentheses.
    if INSTRUCTION_WORDS.iter().any(|w| word.contains(w)) {
        let span = Span::new(at, end);
        let written = text[span.range()].to_string();
        let fix = Fix::replace(span, "", Message::DeleteInstruction, Applicability::Safe);
        return Some(Diagnostic::new(&TEMPLATE_RESIDUE, span, Message::TemplateInstruction { written }).fix(Some(fix)));
    }
    None
}

/// Does a figure of zero follow (`0 万元`, `0.00万元`, `0%`)?
fn zero_change_follows(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\u{3000}']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    !digits.is_empty() && digits.chars().all(|c| c == '0' || c == '.') && !rest[digits.len()..].starts_with(|c: char| c.is_ascii_digit())
}

/// Is `at` inside parentheses opened on the same line?
pub(super) fn inside_parenthesis(text: &str, at: usize) -> bool {
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let open = line.rfind(['（', '(']);
    let close = line.rfind(['）', ')']);
    match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}
