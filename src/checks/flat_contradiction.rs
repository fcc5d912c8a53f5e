use super::change_without_reason::reason_in;
use super::template_residue::inside_parenthesis;
use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::facts::{ChangeValue, Measure, Period};
use crate::message::Message;
use crate::profile::Title;
use crate::text::Span;
use crate::vocab;

declare_rule! {
    /// ## What it does
    /// Flags wording about an unchanged figure that contradicts itself:
    /// `比上年持平` and `较上年持平` (持平 takes 与: `与上年持平`), a direction
    /// and 持平 at once (`增加持平`), a change of zero written as a move and
    /// given a reason (`增加0万元，主要原因是…`), and 持平 where the text
    /// states this year's and last year's figures and they differ. Only in a
    /// draft whose title reads as a 部门/单位 预算 or 决算 disclosure.
    ///
    /// A zero change worded as a move in many places (a template filled in
    /// line after line) is one finding, on the first, with the others linked.
    ///
    /// ## Why is this bad?
    /// Inspections list these among the faults of wording: a reader cannot
    /// tell whether the figure moved, and a reason for a move that did not
    /// happen says the draft was filled in without reading it.
    ///
    /// ## Not flagged
    /// `与上年持平`, `同比持平`, `基本持平` beside figures that differ a
    /// little, `增加0万元` with no reason after it, and a template's choice
    /// (`增加（减少）0万元`), which is `template-residue`'s.
    ///
    /// ## Example
    /// ```text
    /// 公务接待费 1.2 万元，比上年持平。
    /// ```
    /// Use instead: `公务接待费 1.2 万元，与上年持平。`
    ///
    /// ## Fix
    /// `比`/`较` before 持平 becomes `与` (safe). In `增加持平` the direction
    /// word is deleted (for review: the figures may have moved after all).
    /// A zero change with a reason, and 持平 beside differing figures, have
    /// no fix: which figure or word is wrong is not in the text.
    FLAT_CONTRADICTION, "flat-contradiction", Warning, "wording of an unchanged figure that contradicts itself or its figures",
    zh: "“持平”表述自相矛盾或与数据不符"
}

const FLAT: &str = "持平";

/// What may stand between the comparison and 持平: `比上年基本持平`.
const FLAT_QUALIFIERS: &[&str] = &["基本上", "基本", "保持", "大致", "大体"];

/// Last year, or the budget, as the comparison names it after 比/较.
const COMPARED_WITH: &[&str] = &[
    "上年同期", "上年预算数", "上年预算", "上年决算数", "上年决算", "上年度", "上一年", "上年", "去年", "年初预算数", "年初预算", "预算数",
];

/// Direction words that cannot stand before 持平.
const DIRECTION_WORDS: &[&str] = &["增加", "减少", "增长", "下降", "上升", "降低", "提高"];

/// Characters that join 比 into another word (`同比`, `相比`, `对比`).
const COMPARATIVE_JOINED_AFTER: &[char] = &['同', '相', '对', '类', '正', '反'];

pub fn check(cx: &Context, _title: &Title, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    let mut worded = Vec::new();
    for (at, _) in text.match_indices(FLAT) {
        // A template's instruction (`（如持平作持平表述）`) is template-residue's.
        if inside_parenthesis(text, at) {
            worded.push(at);
            continue;
        }
        let end = at + FLAT.len();
        let clause = clause_before(text, at);
        let mut bare = clause.trim_end_matches([' ', '\u{3000}']);
        if let Some(q) = FLAT_QUALIFIERS.iter().find(|q| bare.ends_with(**q)) {
            bare = bare[..bare.len() - q.len()].trim_end_matches([' ', '\u{3000}']);
        }
        let bare_end = at - (clause.len() - bare.len());
        // `增加持平` (a template's `增加（减少）持平` is template-residue's).
        if let Some(w) = DIRECTION_WORDS.iter().find(|w| bare.ends_with(**w)) {
            let start = bare_end - w.len();
            let span = Span::new(start, end);
            let fix = Fix::replace(Span::new(start, bare_end), "", Message::DeleteDirectionWord { word: w.to_string() }, Applicability::Unsafe);
            out.push(Diagnostic::new(&FLAT_CONTRADICTION, span, Message::FlatWithDirection { written: text[span.range()].to_string() }).fix(Some(fix)));
            worded.push(at);
            continue;
        }
        // `比上年持平`, `较上年度基本持平`.
        if let Some(c) = COMPARED_WITH.iter().find(|c| bare.ends_with(**c)) {
            let before = &bare[..bare.len() - c.len()];
            let Some(word) = ['比', '较'].into_iter().find(|&w| before.ends_with(w)) else { continue };
            let word_at = bare_end - c.len() - word.len_utf8();
            if text[..word_at].chars().next_back().is_some_and(|p| COMPARATIVE_JOINED_AFTER.contains(&p)) {
                continue;
            }
            let span = Span::new(word_at, end);
            let right = format!("与{}", &text[word_at + word.len_utf8()..end]);
            let fix = Fix::replace(Span::new(word_at, word_at + word.len_utf8()), "与", Message::WriteFlatWithYu { written: right }, Applicability::Safe);
            out.push(Diagnostic::new(&FLAT_CONTRADICTION, span, Message::FlatWithComparative { written: text[span.range()].to_string() }).fix(Some(fix)));
            worded.push(at);
        }
    }
    let mut zero_moves = Vec::new();
    for s in &cx.facts.changes {
        match s.change {
            ChangeValue::Stated(k) => zero_moves.extend(zero_change_with_reason(cx, k)),
            ChangeValue::Unchanged(span) if !worded.iter().any(|&w| span.range().contains(&w)) => flat_but_differ(cx, s.amount, s.prior, span, out),
            _ => {}
        }
    }
    // A template filled in the same way item after item (`增加0万元…主要原因
    // …` under every income line) is one fault of wording: one finding on
    // the first, the others linked to it.
    if let Some(&(span, reason)) = zero_moves.first() {
        let written = text[span.range()].to_string();
        let d = Diagnostic::new(&FLAT_CONTRADICTION, span, Message::ZeroChangeWithReason { written, others: zero_moves.len() - 1 })
            .related(reason, Message::TheReason)
            .same_wording(zero_moves[1..].iter().map(|&(other, _)| other));
        out.push(d);
    }
}

/// The clause before `at`, back to the last mark that ends one (at most a
/// few dozen bytes).
fn clause_before(text: &str, at: usize) -> &str {
    let from = at.saturating_sub(48);
    let from = (from..at).find(|&i| text.is_char_boundary(i)).unwrap_or(at);
    let window = &text[from..at];
    match window.rfind(|c: char| vocab::CLAUSE_END.contains(&c) || vocab::SENTENCE_END.contains(&c) || c == '\n') {
        Some(i) => &window[i + window[i..].chars().next().map_or(0, char::len_utf8)..],
        None => window,
    }
}

/// `增加0万元，主要原因是…`: a zero change written with a direction word and
/// given a reason. The wording's span and the reason's.
fn zero_change_with_reason(cx: &Context, k: usize) -> Option<(Span, Span)> {
    let f = &cx.facts.figures[k];
    if !f.value.is_zero() || !matches!(f.measure, Measure::Change(_)) || !f.unit.is_some_and(|u| u.is_money()) {
        return None;
    }
    let text = cx.text;
    let before = text[..f.span.start].trim_end_matches([' ', '\u{3000}']);
    let word = DIRECTION_WORDS.iter().find(|w| before.ends_with(**w))?;
    let start = before.len() - word.len();
    // The reason: in the rest of the sentence, or the next one when it
    // opens with it (`…0%。主要原因是…`).
    let reason = reason_after(text, f.span.end)?;
    Some((Span::new(start, f.span.end), reason))
}

/// Where a reason is given after `at`: in the rest of its sentence, or
/// opening the next (`主要原因…`, `变动原因：…`).
fn reason_after(text: &str, at: usize) -> Option<Span> {
    let rest = &text[at..];
    let sentence_end = rest.find(vocab::SENTENCE_END).filter(|&e| e <= SENTENCE_LONGEST)?;
    if let Some((i, len)) = reason_in(&rest[..sentence_end]) {
        return Some(Span::new(at + i, at + i + len));
    }
    let next_start = sentence_end + rest[sentence_end..].chars().next().map_or(0, char::len_utf8);
    let next = &rest[next_start..];
    let lead = next.len() - next.trim_start().len();
    let next = &next[lead..];
    let next_end = next.find(vocab::SENTENCE_END).unwrap_or(next.len()).min(SENTENCE_LONGEST);
    let next_end = (0..=next_end).rev().find(|&i| next.is_char_boundary(i)).unwrap_or(0);
    match reason_in(&next[..next_end]) {
        Some((i, len)) if i <= REASON_OPENS_WITHIN => Some(Span::new(at + next_start + lead + i, at + next_start + lead + i + len)),
        _ => None,
    }
}

/// A sentence longer than this (in bytes) is read no further.
const SENTENCE_LONGEST: usize = 300;
/// A reason opens a sentence when its word is within its first few
/// characters (`主要原因`, `变动原因：`), in bytes.
const REASON_OPENS_WITHIN: usize = 12;

/// `与上年持平` where the text states both years' figures and they differ
/// (`基本持平` allows a small difference, and is left alone).
fn flat_but_differ(cx: &Context, amount: Option<usize>, prior: Option<usize>, span: Span, out: &mut Vec<Diagnostic>) {
    let figures = &cx.facts.figures;
    let (a, p) = match (amount, prior) {
        (Some(a), Some(p)) if figures[p].measure == Measure::Amount && figures[p].period == Period::Prior => (a, p),
        // `3.2 万元，同比去年 2.6 万元持平`: the figure read is last year's;
        // this year's is the one before it in the sentence.
        (Some(p), None) if figures[p].period == Period::Prior && p > 0 => {
            let a = p - 1;
            let between = cx.text.get(figures[a].span.end..figures[p].span.start).unwrap_or("。");
            if figures[a].period != Period::Current || figures[a].measure != Measure::Amount || between.contains(vocab::SENTENCE_END) {
                return;
            }
            (a, p)
        }
        _ => return,
    };
    let clause = clause_before(cx.text, span.start);
    if FLAT_QUALIFIERS.iter().any(|q| clause.contains(q)) || ["略", "大致"].iter().any(|q| cx.text[span.range()].contains(q)) {
        return;
    }
    let Some(unit) = cx.facts.figures[a].unit.filter(|u| u.is_money()) else { return };
    let (Some(now), Some(before)) = (cx.interval(a), cx.in_unit(p, unit)) else { return };
    if now.meets(before) {
        return;
    }
    out.push(
        Diagnostic::new(&FLAT_CONTRADICTION, span, Message::FlatButFiguresDiffer { now: cx.show(a), prior: cx.show(p) })
            .related(cx.facts.figures[a].span, Message::ThisYear)
            .related(cx.facts.figures[p].span, Message::LastYear),
    );
}
