use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::profile::{Kind, Scope, Title};
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags a table of a fund or expense a department may not have — the
    /// 政府性基金预算 table, the 国有资本经营预算 table, the “三公”经费 table —
    /// whose figures are all zero or absent and which carries no note that it
    /// is empty and why (`本部门无政府性基金预算财政拨款安排的预算，故本表为空表`,
    /// `本单位本年度无……，本表无数据`). And the reverse: such a note under a
    /// table that has figures other than zero. Only in a draft whose title
    /// reads as a 部门/单位 预算 or 决算 disclosure, and only for a table
    /// clearly identified: its title on a line of its own, followed by its
    /// unit line (`单位：万元`).
    ///
    /// ## Why is this bad?
    /// An empty table with no word on it reads as a table left out by
    /// mistake; inspections require the note saying the department has no
    /// such fund. A note that the table is empty above figures contradicts
    /// them: one of the two was copied from another draft.
    ///
    /// ## Not flagged
    /// A fund explained as absent in words anywhere in the draft
    /// (`本部门无政府性基金预算支出`), with or without a table; the 目录's
    /// entries (no unit line follows them); a table with any non-zero figure
    /// and no note.
    ///
    /// ## Example
    /// ```text
    /// 政府性基金预算支出表
    /// 单位：万元
    /// 科目编码 科目名称 合计
    /// 合计 0.00
    /// ```
    /// Add under the table: `本部门无政府性基金预算财政拨款安排的预算，故本表为空表。`
    ///
    /// ## Fix
    /// An empty table without its note: the template's note is inserted
    /// under the table, with the organisation and year of the title
    /// (`某县林业局2025年无政府性基金预算财政拨款安排的预算，故本表为空表。`),
    /// for review: only the department knows it has none of the fund. A
    /// note above figures has no fix: which of the two is wrong is not in
    /// the text.
    EMPTY_TABLE_NOTE, "empty-table-note", Warning, "a table with no figure but zero and no note that it is empty, or that note above figures",
    zh: "空表未注明原因，或注明为空表的表格中有数据"
}

/// A fund or expense a department may have none of.
struct Fund {
    /// What the note of an empty table says the department has none of,
    /// in a 预算 and in a 决算 (the templates' words).
    budget: &'static str,
    final_accounts: &'static str,
    /// The words that name it in a table's title and in a note that it is absent.
    keys: &'static [&'static str],
}

const FUNDS: &[Fund] = &[
    Fund { budget: "政府性基金预算财政拨款安排的预算", final_accounts: "政府性基金预算财政拨款收入、支出及结转结余", keys: &["政府性基金"] },
    Fund { budget: "国有资本经营预算财政拨款安排的预算", final_accounts: "国有资本经营预算财政拨款支出", keys: &["国有资本经营"] },
    Fund { budget: "“三公”经费预算安排", final_accounts: "“三公”经费支出", keys: &["三公"] },
];

impl Fund {
    fn object(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Budget => self.budget,
            Kind::FinalAccounts => self.final_accounts,
        }
    }

    /// The note an empty table of this fund carries, for the draft its title
    /// names: `某县林业局2025年无…，故本表为空表。`
    fn note(&self, title: &Title) -> String {
        let who = match (&title.organisation, title.scope) {
            (Some(name), _) => name.as_str(),
            (None, Some(Scope::Unit)) => "本单位",
            (None, _) => "本部门",
        };
        let year = match (title.year, title.kind) {
            (Some(y), Kind::Budget) => format!("{y}年"),
            (Some(y), Kind::FinalAccounts) => format!("{y}年度"),
            (None, _) => String::new(),
        };
        format!("{who}{year}无{}，故本表为空表。", self.object(title.kind))
    }
}

/// Words of a note that a table is empty.
const EMPTY_WORDS: &[&str] = &["空表", "本表无数据", "本表为空", "本表数据为空", "此表无数据", "该表无数据", "无数据"];

/// Words before a fund's name that say the department has none of it
/// (`本部门无政府性基金…`, `没有使用国有资本经营预算…`), within
/// [`ABSENT_REACH`] characters.
const ABSENT_WORDS: &[&str] = &["无", "没有", "未安排", "未使用", "不涉及", "未发生", "未设置"];
const ABSENT_REACH: usize = 6;

/// Lines read after a table's title for its unit line.
const UNIT_REACH: usize = 6;
/// A title longer than this (in characters) is a sentence.
const TITLE_MAX_CHARS: usize = 40;
/// A line of prose longer than this (in characters) is past the table and
/// its note: the narrative has started again.
const NOTE_MAX_CHARS: usize = 100;

/// Chinese ordinals that open a numbered heading (`十、`, `（三）`).
const ORDINALS: &str = "一二三四五六七八九十";

/// Does the line end the table: a numbered heading with no figure in it,
/// or a long paragraph?
fn ends_table(words: &str) -> bool {
    let w = words.trim_start_matches(['（', '(']);
    let numbered = w.chars().next().is_some_and(|c| ORDINALS.contains(c)) && w.trim_start_matches(|c| ORDINALS.contains(c)).starts_with(['、', '）', ')']);
    opens_part(words) || numbered && !words.chars().any(|c| c.is_ascii_digit()) || words.chars().count() > NOTE_MAX_CHARS
}

/// Is a decimal other than zero written in the line (`36.00`): a table's
/// figure, whether or not the table was read?
fn nonzero_decimal(words: &str) -> bool {
    let b = words.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                i += 1;
            }
            let token = &words[start..i];
            if token.contains('.') && token.bytes().any(|c| matches!(c, b'1'..=b'9')) {
                return true;
            }
        } else {
            i += 1;
        }
    }
    false
}

/// A line of the text: where it is and its words, trimmed.
struct Line<'a> {
    span: Span,
    words: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for l in text.split_inclusive('\n') {
        let lead = l.len() - l.trim_start_matches(is_blank).len();
        let words = l.trim_matches(is_blank);
        if !words.is_empty() {
            out.push(Line { span: Span::new(start + lead, start + lead + words.len()), words });
        }
        start += l.len();
    }
    out
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{3000}' | '#' | '*' | '|')
}

/// Does the line read as a table's title: short, no sentence, ending in
/// 表 (a parenthesis after it allowed: `支出表（按功能分类）`)?
fn is_table_title(words: &str) -> bool {
    if words.chars().count() > TITLE_MAX_CHARS || words.contains(['。', '，', '；', '：', ':', ';', ',']) {
        return false;
    }
    let core = match words.rfind(['（', '(']) {
        Some(i) if words.ends_with(['）', ')']) => &words[..i],
        _ => words,
    };
    core.trim_end().ends_with('表')
}

/// Does the line open a table's unit or heading row (`单位：万元`)?
fn is_unit_line(words: &str) -> bool {
    let w = words.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    ["单位：", "单位:", "单位 ：", "金额单位", "单位（万元）", "单位(万元)", "单位：元"].iter().any(|u| w.starts_with(u)) || w.contains("单位：万元") || w.contains("单位:万元")
}

/// Does the line open a part of the document (`第三部分 …`)?
fn opens_part(words: &str) -> bool {
    words.starts_with('第') && words.char_indices().take(6).any(|(i, _)| words[i..].starts_with("部分"))
}

/// Does the line say the department has none of this fund, or that the
/// table is empty?
fn is_empty_note(words: &str, keys: &[&str]) -> bool {
    EMPTY_WORDS.iter().any(|w| words.contains(w)) || keys.iter().any(|k| says_absent(words, k))
}

/// `本部门无政府性基金…`: an absence word shortly before the fund's name.
fn says_absent(words: &str, key: &str) -> bool {
    words.match_indices(key).any(|(at, _)| {
        let before: String = words[..at].chars().rev().take(ABSENT_REACH).collect::<Vec<_>>().into_iter().rev().collect();
        ABSENT_WORDS.iter().any(|w| before.contains(w))
    })
}

pub fn check(cx: &Context, doc: &Title, out: &mut Vec<Diagnostic>) {
    let lines = lines(cx.text);
    // The tables clearly identified: a title followed by its unit line.
    let titles: Vec<usize> = (0..lines.len())
        .filter(|&i| is_table_title(lines[i].words) && lines[i + 1..].iter().take(UNIT_REACH).take_while(|l| !is_table_title(l.words)).any(|l| is_unit_line(l.words)))
        .collect();
    for (n, &t) in titles.iter().enumerate() {
        let title = &lines[t];
        let Some(fund) = FUNDS.iter().find(|f| f.keys.iter().any(|k| title.words.contains(k))) else { continue };
        let keys = fund.keys;
        // The table runs to the next table's title or part of the document.
        let next = titles.get(n + 1).copied().unwrap_or(lines.len());
        // Its note is read up to the narrative's next heading or paragraph;
        // its figures, for safety, up to the next table or part.
        let end = (t + 1..next).find(|&i| ends_table(lines[i].words)).unwrap_or(next);
        let wide = (t + 1..next).find(|&i| opens_part(lines[i].words)).unwrap_or(next);
        let body = &lines[t + 1..end];
        let note = body.iter().find(|l| !is_unit_line(l.words) && is_empty_note(l.words, keys));
        let reach = &lines[t + 1..wide];
        let extent = Span::new(title.span.end, reach.last().map_or(title.span.end, |l| l.span.end));
        match note {
            None => {
                // Any figure not zero in the table, or a fund said absent
                // anywhere in the draft: nothing to note.
                if any_figure(cx, extent) || reach.iter().any(|l| nonzero_decimal(l.words)) || lines.iter().any(|l| keys.iter().any(|k| says_absent(l.words, k))) {
                    continue;
                }
                // The note goes under the table's last row (the title's
                // unit or heading line when it has no row).
                let last = body.iter().rev().find(|l| is_unit_line(l.words) || l.words.contains(['\t', '|']) || l.words.chars().any(|c| c.is_ascii_digit())).map_or(title.span, |l| l.span);
                let newline = if cx.text[last.end..].starts_with("\r\n") { "\r\n" } else { "\n" };
                let note = fund.note(doc);
                let fix = Fix::replace(Span::new(last.end, last.end), format!("{newline}{note}"), Message::InsertEmptyTableNote { note }, Applicability::Unsafe);
                out.push(
                    Diagnostic::new(&EMPTY_TABLE_NOTE, title.span, Message::EmptyTableWithoutNote { table: title.words.to_string() })
                        .note(Message::EmptyTableNoteExpected { fund: fund.object(doc.kind).to_string() })
                        .fix(Some(fix)),
                );
            }
            Some(note) => {
                // The table's cells above the note, not zero.
                let above = Span::new(title.span.end, note.span.start);
                if let Some(cell) = cx.facts.cells.iter().map(|c| c.figure).find(|&k| nonzero_in(cx, k, above)) {
                    out.push(Diagnostic::new(&EMPTY_TABLE_NOTE, note.span, Message::EmptyNoteButFigures { table: title.words.to_string(), figure: cx.show(cell) }).related(cx.facts.figures[cell].span, Message::FigureInTable));
                }
            }
        }
    }
}

/// Is there a figure other than zero in the span (an amount, in the
/// table's unit or in money)?
fn any_figure(cx: &Context, span: Span) -> bool {
    let figures = &cx.facts.figures;
    let from = figures.partition_point(|f| f.span.start < span.start);
    (from..figures.len()).take_while(|&k| figures[k].span.start < span.end).any(|k| nonzero_in(cx, k, span))
}

fn nonzero_in(cx: &Context, k: usize, span: Span) -> bool {
    let f = &cx.facts.figures[k];
    f.span.start >= span.start && f.span.end <= span.end && !f.value.is_zero() && f.unit.is_none_or(|u| u.is_money())
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "empty-table-note").collect()
    }

    const TITLE: &str = "2025年某县林业局部门预算公开\n\n";

    #[test]
    fn an_empty_table_needs_its_note() {
        let t = format!("{TITLE}政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n合计\t\t0.00\n");
        let d = check(&t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&t[d[0].span.range()], "政府性基金预算支出表");
        let noted = format!("{t}本部门无政府性基金预算财政拨款安排的预算，故本表为空表。\n");
        assert!(check(&noted).is_empty());
        // The fix writes the template's note under the last row, with the title's name and year.
        let (fixed, applied) = crate::fix::apply(&t, &d, true);
        assert_eq!(applied, 1);
        assert!(fixed.ends_with("合计\t\t0.00\n某县林业局2025年无政府性基金预算财政拨款安排的预算，故本表为空表。\n"), "{fixed}");
        assert!(check(&fixed).is_empty(), "{fixed}");
        // In a 决算 of a unit with no name in the title, with CRLF line ends.
        let t = "2024年度单位决算公开\r\n\r\n“三公”经费支出决算表\r\n单位：万元\r\n合计\t0.00\r\n";
        let (fixed, _) = crate::fix::apply(t, &check(t), true);
        assert!(fixed.ends_with("合计\t0.00\r\n本单位2024年度无“三公”经费支出，故本表为空表。\r\n"), "{fixed:?}");
        let noted = format!("{t}注：本表无数据。\n");
        assert!(check(&noted).is_empty());
    }

    #[test]
    fn a_fund_said_absent_in_words_needs_no_note_under_the_table() {
        let t = format!("{TITLE}八、政府性基金预算支出情况说明\n本部门2025年没有使用政府性基金预算拨款安排的支出。\n\n政府性基金预算支出表\n单位：万元\n合计\t0.00\n");
        assert!(check(&t).is_empty());
    }

    #[test]
    fn the_note_above_figures_is_wrong() {
        let t = format!("{TITLE}国有资本经营预算支出表\n单位：万元\n科目名称\t合计\n合计\t12.50\n本部门无国有资本经营预算拨款安排的支出，故本表为空表。\n");
        let d = check(&t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(t[d[0].span.range()].contains("空表"));
    }

    #[test]
    fn contents_entries_tables_with_figures_and_untitled_drafts_are_silent() {
        // The 目录: no unit line follows.
        assert!(check(&format!("{TITLE}八、政府性基金预算支出表\n九、国有资本经营预算支出表\n")).is_empty());
        // Figures, and no note.
        assert!(check(&format!("{TITLE}一般公共预算“三公”经费支出表\n单位：万元\n合计\t3.20\n")).is_empty());
        // No title.
        assert!(check("政府性基金预算支出表\n单位：万元\n合计\t0.00\n").is_empty());
    }
}
