use super::{declare_rule, Context};
use crate::diagnostic::Diagnostic;
use crate::facts::{ChangeStatement, ChangeValue, Direction, Measure};
use crate::message::Message;
use crate::profile::{Kind, Title};
use crate::text::{Block, BlockKind, Span};

declare_rule! {
    /// ## What it does
    /// Flags a change of a figure that inspections want explained, stated
    /// with no reason anywhere in its section: the “三公”经费 and each of its
    /// items (因公出国（境）费, 公务用车购置及运行维护费, 公务接待费),
    /// 机关运行经费, 财政拨款 figures, and the totals of income and
    /// spending. A reason is a clause such as `主要原因是…`, `主要是…`,
    /// `主要用于…`, `由于…`, `受…影响`. In a 决算, also each 项 explained on
    /// its own (`…行政运行（项）。年初预算为 B 万元，支出决算为 A 万元…`)
    /// whose 决算 differs from its 年初预算, with no reason in its item. Only
    /// in a draft whose title reads as a 部门/单位 预算 or 决算 disclosure.
    ///
    /// ## Why is this bad?
    /// The disclosure rules (财政部《地方预决算公开操作规程》 and their
    /// provincial versions) require the reason of every change of these
    /// figures; a change without one is graded as not detailed enough.
    ///
    /// ## Not flagged
    /// `与上年持平` and a change of zero (no reason needed); a reason given
    /// once for a list of items (`…公务接待费减少 0.5 万元。主要原因是…`
    /// covers every item before it); a reason anywhere in the item's section
    /// or, for an item numbered under a heading (`（一）`, `1.`), in its
    /// parent's section: this check stays silent whenever a reason may be
    /// meant for the change. A 项 of a 决算 needs its reason in its own item,
    /// or in a sentence of its section for them all (`以上各项…主要原因是…`).
    ///
    /// ## Example
    /// ```text
    /// 公务接待费 1.5 万元，比上年减少 0.5 万元。
    /// ```
    /// Use instead: `公务接待费 1.5 万元，比上年减少 0.5 万元，主要原因是严格控制接待规模。`
    ///
    /// ## Fix
    /// None: only the department knows the reason.
    CHANGE_WITHOUT_REASON, "change-without-reason", Warning, "a change of the three public expenses, running costs, appropriations or a total, with no reason given",
    zh: "“三公”经费、机关运行经费、财政拨款或收支总额的增减变动未说明原因"
}

/// What marks an explanation's item as a 项's own: `行政运行（项）`.
const ITEM_MARKS: &[&str] = &["（项）", "(项)"];

/// Subjects whose changes need a reason.
const EXPLAINED_SUBJECTS: &[&str] = &["三公", "因公出国", "公务用车", "公务接待", "机关运行经费", "财政拨款"];

/// Words that give a reason (a clause such as `主要原因是…`).
const REASON_WORDS: &[&str] = &["原因", "主要是", "主要系", "主要为", "主要用于", "用于", "由于", "因为", "是因", "系因", "影响", "导致", "所致", "在于"];

/// The longest subject a message shows, in characters (the end, where the
/// subject's own name is).
const SUBJECT_SHOWN: usize = 20;

/// The first reason word in `s`: its byte offset and length.
pub(super) fn reason_in(s: &str) -> Option<(usize, usize)> {
    REASON_WORDS.iter().filter_map(|w| s.find(w).map(|i| (i, w.len()))).min_by_key(|&(i, _)| i)
}

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    for s in &cx.facts.changes {
        let Some((span, change)) = nonzero_change(cx, s) else { continue };
        let Some(amount) = s.amount else { continue };
        let subject = &cx.facts.figures[amount].subject;
        let explained = EXPLAINED_SUBJECTS.iter().any(|w| subject.contains(w));
        let total = crate::facts::is_total(subject) && (subject.contains('收') || subject.contains('支'));
        if !explained && !total {
            continue;
        }
        let blocks = cx.blocks();
        let Some(section) = section_of(blocks, span.start) else { continue };
        let reasoned = blocks[section].iter().filter(|b| b.kind == BlockKind::Prose).any(|b| reason_in(cx.text.get(b.span.range()).unwrap_or_default()).is_some());
        if reasoned {
            continue;
        }
        out.push(Diagnostic::new(&CHANGE_WITHOUT_REASON, span, Message::ChangeWithoutReason { subject: shown(subject), change }).note(Message::ReasonExpected));
    }
    if title.kind == Kind::FinalAccounts {
        items_without_reason(cx, out);
    }
}

/// In a 决算, each 项 explained on its own (`1.…行政运行（项）。年初预算为
/// B 万元，支出决算为 A 万元，完成年初预算的 P%`) whose 决算 differs from its
/// 年初预算 needs the reason in its own item, or in a sentence of its
/// section that is no 项's (one reason for them all).
fn items_without_reason(cx: &Context, out: &mut Vec<Diagnostic>) {
    let blocks = cx.blocks();
    let text_of = |b: &Block| cx.text.get(b.span.range()).unwrap_or_default();
    let is_item = |b: &Block| b.kind == BlockKind::Prose && b.heading.is_some() && ITEM_MARKS.iter().any(|m| text_of(b).contains(m));
    let mut reasoned_sections = std::collections::HashMap::new();
    for c in &cx.facts.completions {
        let (budget, actual) = (&cx.facts.figures[c.budget], &cx.facts.figures[c.actual]);
        if budget.unit != actual.unit || budget.value == actual.value {
            continue;
        }
        let b = blocks.partition_point(|bl| bl.span.end <= actual.span.start);
        let Some(block) = blocks.get(b).filter(|bl| is_item(bl)) else { continue };
        if reason_in(text_of(block)).is_some() {
            continue;
        }
        let Some(section) = section_of(blocks, actual.span.start) else { continue };
        // Read once a section, however many items it has.
        let for_all = *reasoned_sections.entry((section.start, section.end)).or_insert_with(|| {
            blocks[section].iter().filter(|bl| bl.kind == BlockKind::Prose).any(|bl| if is_item(bl) { reason_for_all(text_of(bl)) } else { reason_in(text_of(bl)).is_some() })
        });
        if for_all {
            continue;
        }
        let item = item_name(text_of(block));
        out.push(
            Diagnostic::new(&CHANGE_WITHOUT_REASON, actual.span, Message::ItemDifferenceWithoutReason { item, actual: cx.show(c.actual), budget: cx.show(c.budget) })
                .related(budget.span, Message::BudgetAtStartOfYear)
                .note(Message::ItemReasonExpected),
        );
    }
}

/// Does an item hold a sentence giving one reason for every item (`以上各项…
/// 主要原因是…`), after its own?
fn reason_for_all(item: &str) -> bool {
    item.split(['。', '；', '\n'])
        .any(|sentence| !ITEM_MARKS.iter().any(|m| sentence.contains(m)) && ALL_ITEMS.iter().any(|w| sentence.contains(w)) && reason_in(sentence).is_some())
}

/// Words of a sentence about every item before it.
const ALL_ITEMS: &[&str] = &["以上", "上述", "各项", "均"];

/// The 项's name in its item: the words before `（项）`, after the 款's
/// `（款）` (or the item's number), at most [`SUBJECT_SHOWN`] characters.
fn item_name(item: &str) -> String {
    let end = ITEM_MARKS.iter().filter_map(|m| item.find(m)).min().unwrap_or(0);
    let head = &item[..end];
    let from = ["（款）", "(款)", "（类）", "(类)", "、", "."].iter().filter_map(|m| head.rfind(m).map(|i| i + m.len())).max().unwrap_or(0);
    let name: String = head[from..].chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = name.chars().collect();
    chars[chars.len().saturating_sub(SUBJECT_SHOWN)..].iter().collect()
}

/// The subject as a message names it: from its own name on (`机关运行经费预算`
/// of `本部门2025年机关运行经费预算`), or after its year, at most
/// [`SUBJECT_SHOWN`] characters.
fn shown(subject: &str) -> String {
    let own = EXPLAINED_SUBJECTS.iter().filter_map(|w| subject.rfind(w)).min();
    let from = match own {
        // `“三公”经费`: with its opening quote.
        Some(i) => subject[..i].char_indices().next_back().filter(|&(_, c)| matches!(c, '“' | '"' | '‘')).map_or(i, |(j, _)| j),
        None => subject.rfind('年').map_or(0, |i| i + '年'.len_utf8() + if subject[i + '年'.len_utf8()..].starts_with('度') { '度'.len_utf8() } else { 0 }),
    };
    let chars: Vec<char> = subject[from..].chars().collect();
    let skip = chars.len().saturating_sub(SUBJECT_SHOWN);
    format!("{}{}", if skip > 0 { "…" } else { "" }, chars[skip..].iter().collect::<String>())
}

/// A change that is not zero: where it is written, and how (`减少 0.5 万元`).
fn nonzero_change(cx: &Context, s: &ChangeStatement) -> Option<(Span, String)> {
    match s.change {
        ChangeValue::Stated(k) => {
            let f = &cx.facts.figures[k];
            let Measure::Change(direction) = f.measure else { return None };
            if f.value.is_zero() || !f.unit.is_some_and(|u| u.is_money()) {
                return None;
            }
            Some((f.span, format!("{} {}", word(direction), cx.show(k))))
        }
        ChangeValue::Implied(direction, span) => Some((span, word(direction).to_string())),
        ChangeValue::Unchanged(_) => None,
    }
}

fn word(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "增加",
        Direction::Down => "减少",
    }
}

/// The blocks a reason for a change at `at` may be in: the section of its
/// heading (the heading's block and those under it), or, for a numbered
/// item (`（一）`, `1.` under a heading), its parent's section. `None` for
/// a change in a table.
fn section_of(blocks: &[Block], at: usize) -> Option<std::ops::Range<usize>> {
    let b = blocks.partition_point(|bl| bl.span.end <= at);
    if blocks.get(b)?.kind != BlockKind::Prose {
        return None;
    }
    let level = |i: usize| blocks[i].heading.filter(|_| blocks[i].kind == BlockKind::Prose).map(|h| h.level);
    let Some(headed) = (0..=b).rev().find(|&i| level(i).is_some()) else {
        // Before any heading: up to the first one.
        let end = (b..blocks.len()).find(|&i| level(i).is_some()).unwrap_or(blocks.len());
        return Some(0..end);
    };
    let own = level(headed)?;
    let section = |h: usize, l: u8| h..(h + 1..blocks.len()).find(|&i| level(i).is_some_and(|m| m <= l)).unwrap_or(blocks.len());
    let parent = (0..headed).rev().find_map(|i| level(i).filter(|&l| l < own).map(|l| (i, l)));
    Some(match parent {
        Some((p, l)) if own >= 2 && l >= 1 => section(p, l),
        _ => section(headed, own),
    })
}
