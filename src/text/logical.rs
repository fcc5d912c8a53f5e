//! The logical text of a block: what the draft says, with the scars of PDF
//! extraction and Markdown taken out, mapped back byte by byte to the source.
//!
//! Lines are joined (a sentence broken over lines and blank lines reads as one),
//! white space between Chinese characters is dropped (`增` / `长%` reads
//! `增长%`), Markdown emphasis is removed (`**763.15**` reads `763.15`),
//! full-width digits and ASCII punctuation are folded to one form, and
//! traditional characters to simplified ones. Every byte of the logical text
//! knows the source byte it came from, so findings point at the draft as the
//! user sees it.

use crate::vocab;

/// Joined, normalised text with a map back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Logical {
    pub text: String,
    /// Where the logical bytes came from, run by run, in order. Most of a
    /// block's characters are copied as they are: a run of them maps byte
    /// for byte; a character folded or a space kept is a run of its own.
    runs: Vec<Run>,
    source_len: usize,
}

/// Logical bytes from `at` to the next run's start, and the source range
/// they came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    at: u32,
    src_start: u32,
    src_end: u32,
    /// The characters were copied unchanged (the source range is as long
    /// as the run); otherwise the run is one character, from the whole range.
    copied: bool,
}

impl Logical {
    /// Source range of the logical byte range `[start, end)`.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = if start >= self.text.len() { self.source_len } else { self.char_source(start).map_or(0, |c| c.0) };
        let e = if end <= start { s } else { self.char_source(end - 1).map_or(s, |c| c.1) };
        (s, e.max(s))
    }

    /// The source range of the character holding logical byte `pos`.
    fn char_source(&self, pos: usize) -> Option<(usize, usize)> {
        let run = self.runs.get(self.runs.partition_point(|r| r.at as usize <= pos).saturating_sub(1))?;
        if !run.copied {
            return Some((run.src_start as usize, run.src_end as usize));
        }
        let at = run.at as usize;
        let start = (at..=pos).rev().find(|&i| self.text.is_char_boundary(i)).unwrap_or(at);
        let len = self.text[start..].chars().next().map_or(0, char::len_utf8);
        let src = run.src_start as usize + (start - at);
        Some((src, src + len))
    }

    /// The logical offset of the first character at or after source offset `src`.
    pub fn logical_offset(&self, src: usize) -> usize {
        let i = self.runs.partition_point(|r| (r.src_start as usize) < src);
        // The run before may be copied characters, some of them at or after `src`.
        if let Some(run) = i.checked_sub(1).map(|k| &self.runs[k]).filter(|r| r.copied) {
            let (at, end) = (run.at as usize, run.at as usize + (run.src_end - run.src_start) as usize);
            let from = at + (src - run.src_start as usize);
            if let Some(k) = (from..end).find(|&k| self.text.is_char_boundary(k)) {
                return k;
            }
        }
        self.runs.get(i).map_or(self.text.len(), |r| r.at as usize)
    }

    /// Appends `ch`, from source bytes `src_start..src_end`; `copied` when
    /// those bytes are `ch` itself.
    fn push(&mut self, ch: char, src_start: usize, src_end: usize, copied: bool) {
        // Blocks are far below 4 GiB; offsets beyond saturate rather than wrap.
        let narrow = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        let (at, src_start, src_end) = (narrow(self.text.len()), narrow(src_start), narrow(src_end));
        self.text.push(ch);
        match self.runs.last_mut() {
            Some(last) if copied && last.copied && last.src_end == src_start && last.at + (last.src_end - last.src_start) == at => last.src_end = src_end,
            _ => self.runs.push(Run { at, src_start, src_end, copied }),
        }
    }

    /// Appends `s`, copied unchanged from the source bytes that start at
    /// `src_start`: what pushing its characters one by one gives.
    fn push_copied(&mut self, s: &str, src_start: usize) {
        let narrow = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        let (at, src_end, src_start) = (narrow(self.text.len()), narrow(src_start + s.len()), narrow(src_start));
        self.text.push_str(s);
        match self.runs.last_mut() {
            Some(last) if last.copied && last.src_end == src_start && last.at + (last.src_end - last.src_start) == at => last.src_end = src_end,
            _ => self.runs.push(Run { at, src_start, src_end, copied: true }),
        }
    }

    fn finish(&mut self, source_len: usize) {
        self.source_len = source_len;
    }
}

/// Builds the logical text of `source`, a run of whole lines; `skip` gives
/// byte ranges of `source` to leave out (heading markers, noise lines).
pub fn logical_text(source: &str, skip: &[(usize, usize)]) -> Logical {
    let mut out = Logical { text: String::with_capacity(source.len()), runs: Vec::new(), source_len: source.len() };
    let mut last: Option<char> = None;
    let mut line_start = 0;
    for line in super::lines_inclusive(source) {
        let base = line_start;
        line_start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let mut at_line_start = true;
        let mut pending_space: Option<(usize, usize)> = None;
        let mut chars = chars_from(content, 0);
        while let Some((i, c)) = chars.next() {
            let src = base + i;
            // Most of a block is copied as it is: a run of such characters
            // (Chinese characters, digits, most marks), clear of the skipped
            // ranges, is copied at once. At a line's start only an ASCII
            // character can be a Markdown mark or a word joined to the line
            // before; after a space, the space is kept as below.
            if is_kept(c) && !(at_line_start && c.is_ascii()) && !skip.iter().any(|&(s, e)| src >= s && src < e) {
                let mut end = kept_run_end(content, i);
                // Up to the next skipped range.
                for &(s, _) in skip {
                    if s > src && s < base + end {
                        end = s - base;
                    }
                }
                if content.is_char_boundary(end) {
                    at_line_start = false;
                    if let Some((s, e)) = pending_space.take() {
                        if last.is_some_and(|b| b.is_ascii()) || c.is_ascii() {
                            out.push(' ', s, e, source.as_bytes()[s..e] == *b" ");
                        }
                    }
                    out.push_copied(&content[i..end], src);
                    last = content[..end].chars().next_back();
                    chars = chars_from(content, end);
                    continue;
                }
            }
            if skip.iter().any(|&(s, e)| src >= s && src < e) || matches!(c, '*' | '`' | '_') {
                continue;
            }
            if is_space(c) {
                if !at_line_start {
                    pending_space.get_or_insert((src, src + c.len_utf8()));
                }
                continue;
            }
            if at_line_start {
                at_line_start = false;
                // Markdown block quotes and bullets.
                if matches!(c, '>' | '-' | '+') && chars.peek().is_some_and(|&(_, n)| n == ' ') {
                    chars.next();
                    continue;
                }
                if c == '>' {
                    continue;
                }
                // A line joined to the one before: keep ASCII words apart,
                // but not the halves of a number (`727.` / `74 万元`).
                let next = fold(c);
                let in_number = last == Some('.') && next.is_ascii_digit() && out.text[..out.text.len() - 1].ends_with(|p: char| p.is_ascii_digit());
                if last.is_some_and(is_ascii_word) && is_ascii_word(next) && !in_number {
                    out.push(' ', src, src, false);
                }
            }
            // A mirror page's reading after each character: `萬(wàn)元`.
            if let Some(len) = pinyin_after(last, &content[i..]) {
                while chars.next_if(|&(j, _)| j < i + len).is_some() {}
                continue;
            }
            // A comma that ends the line separates thousands when the next
            // line opens with three digits and no more (`1,` / `862.40`).
            let next = chars.peek().map(|&(_, n)| n).or_else(|| (c == ',').then(|| thousands_after_break(&source[line_start..])).flatten());
            let folded = fold_in_context(c, last, next);
            if let Some((s, e)) = pending_space.take() {
                // Keep one space only where it separates ASCII words or numbers.
                if last.is_some_and(|b| b.is_ascii()) || folded.is_ascii() {
                    out.push(' ', s, e, source.as_bytes()[s..e] == *b" ");
                }
            }
            out.push(folded, src, src + c.len_utf8(), folded == c);
            last = Some(folded);
        }
    }
    out.finish(source.len());
    out
}

/// The characters of `content` from byte `from`, with their offsets in it.
fn chars_from(content: &str, from: usize) -> std::iter::Peekable<impl Iterator<Item = (usize, char)> + '_> {
    content[from..].char_indices().map(move |(i, c)| (from + i, c)).peekable()
}

/// A character that logical text copies as it is wherever it stands (but at
/// a line's start, see [`logical_text`]): no space, no Markdown emphasis,
/// nothing folded, and not `,`, which its neighbours fold.
fn is_kept(c: char) -> bool {
    // Most of the text, asked first: a Chinese character is no space, no
    // mark, no full-width form; only its traditional form is folded.
    if crate::text::is_common_han(c) {
        return simplified(c) == c;
    }
    !matches!(c, '*' | '`' | '_' | ',') && !is_space(c) && fold(c) == c
}

/// Where the run of kept characters (see [`is_kept`]) that starts at byte
/// `from` of `content` ends.
fn kept_run_end(content: &str, from: usize) -> usize {
    let bytes = content.as_bytes();
    let mut at = from;
    while let Some(&lead) = bytes.get(at) {
        let c = if lead.is_ascii() {
            char::from(lead)
        } else if let (true, Some(&[b1, b2])) = (crate::text::is_common_han_lead(lead), bytes.get(at + 1..at + 3)) {
            // Most of the text: a Chinese character of U+4000–U+9FFF,
            // decoded from its three bytes.
            match char::from_u32((u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)) {
                Some(c) => c,
                None => break,
            }
        } else {
            match content.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        if !is_kept(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// The length of a pinyin reading `(wàn)` at the start of `rest`, right
/// after a Chinese character; `None` if there is none.
fn pinyin_after(last: Option<char>, rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('(')?;
    if !last.is_some_and(|c| !c.is_ascii() && c.is_alphabetic()) {
        return None;
    }
    let end = inner.find(')')?;
    let word = &inner[..end];
    let is_pinyin = |c: char| c.is_ascii_lowercase() || ('\u{00C0}'..='\u{024F}').contains(&c);
    let letters = word.chars().count();
    let toned = !word.is_ascii();
    ((1..=PINYIN_LONGEST).contains(&letters) && (letters > 1 || toned) && word.chars().all(is_pinyin)).then_some(1 + end + 1)
}

/// The longest pinyin syllable, in letters (`zhuàng`).
const PINYIN_LONGEST: usize = 6;

fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace();
    }
    c.is_whitespace() || c == '\u{feff}'
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '%'
}

/// Traditional characters, sorted for lookup, with a bitmap of the
/// characters present so that most characters need no search.
struct Traditional {
    sorted: Vec<(char, char)>,
    present: Vec<u64>,
}

fn traditional() -> &'static Traditional {
    static TABLE: std::sync::OnceLock<Traditional> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut sorted = vocab::TRADITIONAL.to_vec();
        sorted.sort_unstable();
        sorted.dedup_by_key(|p| p.0);
        let mut present = vec![0u64; 0x1_0000 / 64];
        for &(t, _) in &sorted {
            if let Some(word) = present.get_mut(t as usize / 64) {
                *word |= 1 << (t as usize % 64);
            }
        }
        Traditional { sorted, present }
    })
}

fn simplified(c: char) -> char {
    let table = traditional();
    let maybe = table.present.get(c as usize / 64).is_none_or(|w| w & (1 << (c as usize % 64)) != 0);
    if !maybe {
        return c;
    }
    table.sorted.binary_search_by_key(&c, |&(t, _)| t).map_or(c, |i| table.sorted[i].1)
}

/// Folds full-width digits and punctuation and traditional characters.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' | '﹪' => '%',
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        c if c.is_ascii() => c,
        _ => simplified(c),
    }
}

/// `,` stays ASCII between digits (a thousands separator) and becomes `，` elsewhere.
/// The first digit of `rest`, the lines after a line that ends in `,`,
/// when the next line opens with exactly three digits (`862.40万元`).
fn thousands_after_break(rest: &str) -> Option<char> {
    let line = rest.split('\n').next()?.trim_start_matches([' ', '\u{3000}']);
    let digits = line.chars().take_while(|c| fold(*c).is_ascii_digit()).count();
    (digits == 3).then(|| line.chars().next()).flatten()
}

fn fold_in_context(c: char, prev: Option<char>, next: Option<char>) -> char {
    if c == ',' {
        let digits = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| fold(n).is_ascii_digit());
        return if digits { ',' } else { '，' };
    }
    fold(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        logical_text(s, &[]).text
    }

    #[test]
    fn pinyin_readings_of_a_mirror_page_are_left_out() {
        assert_eq!(text("增長(zhǎng) 6.18 %，12 萬(wàn)元"), "增长 6.18 %，12 万元");
        // Not a reading: after a figure, one plain letter, or longer than a syllable.
        assert_eq!(text("支出(a)和(abcdefgh)"), "支出（a）和（abcdefgh）");
        assert_eq!(text("合计 12(ab)"), "合计 12（ab）");
    }

    #[test]
    fn a_number_broken_over_lines_is_one_number() {
        assert_eq!(text("基本支出1,\n862.40万元"), "基本支出1,862.40万元");
        assert_eq!(text("项目支出727.\n74万元"), "项目支出727.74万元");
        // A comma before a year or a longer number is a clause's end.
        assert_eq!(text("共3项,\n2024年"), "共3项，2024年");
        assert_eq!(text("合计1,\n2024年"), "合计1，2024年");
        // A full stop after a word is kept apart from the number after it.
        assert_eq!(text("see p.\n12"), "see p. 12");
    }

    #[test]
    fn joins_words_split_over_blank_lines() {
        assert_eq!(text("与上年相比增加 0万元，增\n\n长%。"), "与上年相比增加 0万元，增长%。");
    }

    #[test]
    fn keeps_numbers_on_adjacent_lines_apart() {
        assert_eq!(text("52.36\n2080199"), "52.36 2080199");
    }

    #[test]
    fn drops_markdown_emphasis() {
        assert_eq!(text("（一）**人员经费 318.5 万元**。"), "（一）人员经费 318.5 万元。");
    }

    #[test]
    fn folds_full_width_and_traditional() {
        assert_eq!(text("預算１２３．４５萬元"), "预算123.45万元");
        assert_eq!(text("增加2,306.18万元,增长2%"), "增加2,306.18万元，增长2%");
    }

    #[test]
    fn maps_back_to_the_source() {
        let src = "增加\n  47.26 万元";
        let l = logical_text(src, &[]);
        let at = l.text.find("47.26").unwrap_or_default();
        let (s, e) = l.source_range(at, at + 5);
        assert_eq!(&src[s..e], "47.26");
        let at = l.text.find("万元").unwrap_or_default();
        let (s, e) = l.source_range(at, at + "万元".len());
        assert_eq!(&src[s..e], "万元");
    }

    #[test]
    fn runs_of_chinese_characters_keep_their_skips_and_folds() {
        assert_eq!(logical_text("甲乙丙丁戊", &[(6, 9)]).text, "甲乙丁戊");
        assert_eq!(logical_text("第一部分 说明\n甲乙", &[(0, 12)]).text, "说明甲乙");
        let l = logical_text("收支預算總計 5 萬元", &[]);
        assert_eq!(l.text, "收支预算总计 5 万元");
        let at = l.text.find("总计").unwrap_or_default();
        let (s, e) = l.source_range(at, at + "总计".len());
        assert_eq!((s, e), ("收支預算".len(), "收支預算總計".len()));
    }

    #[test]
    fn copies_runs_of_digits_and_marks_with_their_spaces() {
        let src = "增加 3.5 万元\n\u{3000}\u{3000}其中：12%，a\nb";
        let l = logical_text(src, &[]);
        assert_eq!(l.text, "增加 3.5 万元其中：12%，a b");
        let at = l.text.find("12%").unwrap_or_default();
        let (s, e) = l.source_range(at, at + 3);
        assert_eq!(&src[s..e], "12%");
    }

    #[test]
    fn maps_folded_characters_to_their_source() {
        let src = "１２．５萬元";
        let l = logical_text(src, &[]);
        let (s, e) = l.source_range(0, 4);
        assert_eq!(&src[s..e], "１２．５");
    }
}
