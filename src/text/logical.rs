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
    /// `map[i]` is the source offset of logical byte `i`; one extra entry maps
    /// the end of the text.
    map: Vec<usize>,
    /// Source offset just past each source character that produced a logical one.
    ends: Vec<usize>,
}

impl Logical {
    /// Source range of the logical byte range `[start, end)`.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.get(start).copied().unwrap_or_else(|| self.map.last().copied().unwrap_or(0));
        let e = if end == 0 {
            s
        } else {
            self.ends.get(end - 1).copied().unwrap_or(s)
        };
        (s, e.max(s))
    }

    fn push(&mut self, ch: char, src_start: usize, src_end: usize) {
        let mut buf = [0u8; 4];
        for _ in ch.encode_utf8(&mut buf).bytes() {
            self.map.push(src_start);
            self.ends.push(src_end);
        }
        self.text.push(ch);
    }

    fn finish(&mut self, src_end: usize) {
        self.map.push(src_end);
    }
}

/// Builds the logical text of `source`, a run of whole lines; `skip` gives
/// byte ranges of `source` to leave out (heading markers, noise lines).
pub fn logical_text(source: &str, skip: &[(usize, usize)]) -> Logical {
    let mut out = Logical::default();
    let mut pending_space: Option<usize> = None;
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        let base = line_start;
        line_start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let chars: Vec<(usize, char)> = content
            .char_indices()
            .filter(|(i, _)| !skip.iter().any(|&(s, e)| base + i >= s && base + i < e))
            .collect();
        let body = strip_markdown(&chars);
        let first = body.iter().position(|&(_, c)| !is_space(c));
        let last = body.iter().rposition(|&(_, c)| !is_space(c));
        let (Some(first), Some(last)) = (first, last) else { continue };
        let body = &body[first..=last];
        if let (Some(prev), Some(&(_, next))) = (out.text.chars().last(), body.first()) {
            if is_ascii_word(prev) && is_ascii_word(fold(next)) {
                pending_space = Some(base + body[0].0);
            }
        }
        if let Some(at) = pending_space.take() {
            out.push(' ', at, at);
        }
        let mut k = 0;
        while k < body.len() {
            let (i, c) = body[k];
            let src = base + i;
            let src_end = src + c.len_utf8();
            if is_space(c) {
                // Keep one space only where it separates ASCII words or numbers.
                let mut j = k;
                while j < body.len() && is_space(body[j].1) {
                    j += 1;
                }
                let before = out.text.chars().last();
                let after = body.get(j).map(|&(_, c)| fold(c));
                if let (Some(b), Some(a)) = (before, after) {
                    if b.is_ascii() || a.is_ascii() {
                        out.push(' ', src, src_end);
                    }
                }
                k = j;
                continue;
            }
            let folded = fold_in_context(c, out.text.chars().last(), body.get(k + 1).map(|&(_, c)| c));
            out.push(folded, src, src_end);
            k += 1;
        }
    }
    out.finish(source.len());
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '%'
}

/// Drops Markdown emphasis and code marks, block quotes and bullets.
fn strip_markdown(chars: &[(usize, char)]) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = chars.iter().copied().filter(|&(_, c)| !matches!(c, '*' | '`' | '_')).collect();
    let lead = out.iter().position(|&(_, c)| !is_space(c)).unwrap_or(out.len());
    let rest: String = out[lead..].iter().take(3).map(|&(_, c)| c).collect();
    if rest.starts_with("> ") || rest.starts_with("- ") || rest.starts_with("+ ") {
        out.drain(..lead + 2);
    } else if rest.starts_with('>') {
        out.drain(..lead + 1);
    }
    out
}

/// Folds full-width digits and punctuation and traditional characters.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '﹪' => '%',
        _ => vocab::TRADITIONAL.iter().find(|&&(t, _)| t == c).map_or(c, |&(_, s)| s),
    }
}

/// `,` stays ASCII between digits (a thousands separator) and becomes `，` elsewhere.
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
    fn joins_words_split_over_blank_lines() {
        assert_eq!(text("与上年相比增加 0万元，增\n\n长%。"), "与上年相比增加 0万元，增长%。");
    }

    #[test]
    fn keeps_numbers_on_adjacent_lines_apart() {
        assert_eq!(text("39.08\n2080506"), "39.08 2080506");
    }

    #[test]
    fn drops_markdown_emphasis() {
        assert_eq!(text("（一）**人员经费 262.2 万元**。"), "（一）人员经费 262.2 万元。");
    }

    #[test]
    fn folds_full_width_and_traditional() {
        assert_eq!(text("預算１２３．４５萬元"), "预算123.45万元");
        assert_eq!(text("增加1,215.34万元,增长2%"), "增加1,215.34万元，增长2%");
    }

    #[test]
    fn maps_back_to_the_source() {
        let src = "增加\n  21.33 万元";
        let l = logical_text(src, &[]);
        let at = l.text.find("21.33").unwrap_or_default();
        let (s, e) = l.source_range(at, at + 5);
        assert_eq!(&src[s..e], "21.33");
        let at = l.text.find("万元").unwrap_or_default();
        let (s, e) = l.source_range(at, at + "万元".len());
        assert_eq!(&src[s..e], "万元");
    }

    #[test]
    fn maps_folded_characters_to_their_source() {
        let src = "１２．５萬元";
        let l = logical_text(src, &[]);
        let (s, e) = l.source_range(0, 4);
        assert_eq!(&src[s..e], "１２．５");
    }
}
