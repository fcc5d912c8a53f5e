//! Figures in the logical text: numbers with their units.
//!
//! Only a number followed by a unit is a figure (`2,306.18 万元`, `2.8%`,
//! `5 家`); years, dates, codes, document numbers and phone numbers carry no
//! unit and are left alone. A bare number with decimals that ends an item of
//! a list (`基本工资 52.36，`) is kept, unit-less, for the unit checks.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::Unit;
use crate::vocab;

/// A number found in the logical text (logical byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub start: usize,
    pub number_end: usize,
    /// End of the unit, or of the number when there is none.
    pub end: usize,
    pub value: Decimal,
    pub scale: u32,
    pub unit: Option<Unit>,
}

pub fn scan(t: &str) -> Vec<Token> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // A Chinese character of U+4000–U+9FFF, most of the text: three
        // bytes, the first E4 to E9, none a digit.
        if crate::text::is_common_han_lead(b[i]) {
            i += 3;
            continue;
        }
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'.' | b',' | b'_' | b'-' | b'/'))) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        // Thousands separators: `2,306.18`.
        let int_end = j;
        while j + 3 < b.len() && b[j] == b',' && b[j + 1..j + 4].iter().all(u8::is_ascii_digit) && b.get(j + 4).is_none_or(|c| !c.is_ascii_digit()) {
            j += 4;
        }
        let grouped = j > int_end;
        let mut scale = 0;
        if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            let frac_start = j + 1;
            j += 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            scale = (j - frac_start) as u32;
        }
        let number_end = j;
        // The number as `Decimal` reads it: as written, or without its
        // separators (a new string only then).
        let digits: std::borrow::Cow<str> = if grouped { t[start..j].replace(',', "").into() } else { t[start..j].into() };
        // `1.2.3`, `12a`, `2025-01`: not a figure.
        let malformed = b.get(j).is_some_and(|&c| c == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit) || c.is_ascii_alphabetic() || c == b'_');
        let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
        i = j.max(start + 1);
        if malformed || leading_zero {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                i += 1;
            }
            continue;
        }
        if scale > 12 {
            continue;
        }
        let Ok(value) = Decimal::from_str(&digits) else { continue };
        let rest_at = skip_spaces(t, j);
        let unit = vocab::UNITS.iter().find(|(w, _)| t[rest_at..].starts_with(w));
        let before = &t[..start];
        if excluded_before(before) {
            continue;
        }
        match unit {
            Some(&(word, unit)) => {
                let end = rest_at + word.len();
                let after = &t[skip_spaces(t, end)..];
                if vocab::starts_with_any(after, vocab::NOT_AN_AMOUNT_AFTER).is_some() {
                    continue;
                }
                out.push(Token { start, number_end, end, value, scale, unit: Some(unit) });
                i = end;
            }
            None => {
                let next = t[rest_at..].chars().next();
                let prev = before.trim_end().chars().last();
                let ends_item = next.is_some_and(|c| matches!(c, '，' | '、' | '；' | '。'));
                let after_words = prev.is_some_and(|c| !c.is_ascii() && !vocab::CLAUSE_END.contains(&c) && !vocab::SENTENCE_END.contains(&c));
                // `较上年 3.46 减少 0.34 万元`: last year's figure, its unit left out.
                let prior = vocab::ends_with_any(before.trim_end(), vocab::BARE_PRIOR_AFTER).is_some()
                    && vocab::DIRECTIONS.iter().chain(vocab::DIRECTIONS_AFTER_PRIOR).any(|(w, _)| t[rest_at..].starts_with(w));
                if ((1..=2).contains(&scale) && ends_item && after_words) || (scale <= 2 && prior) {
                    out.push(Token { start, number_end, end: number_end, value, scale, unit: None });
                }
            }
        }
    }
    out
}

fn skip_spaces(t: &str, mut at: usize) -> usize {
    while t[at..].starts_with(' ') {
        at += 1;
    }
    at
}

/// `第3`, `每人每年 6 元`, `标准 50 万元`; not savings (`节约 1.88 万元`,
/// whose `约` is no "about").
fn excluded_before(before: &str) -> bool {
    let before = before.trim_end();
    let excluded = before.chars().rev().take(4).any(|c| c == '每') || vocab::ends_with_any(before, vocab::NOT_AN_AMOUNT_BEFORE).is_some();
    excluded && vocab::ends_with_any(before, vocab::SAVINGS_WORDS).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(t: &str) -> Vec<(String, Option<Unit>)> {
        scan(t).into_iter().map(|k| (t[k.start..k.number_end].to_string(), k.unit)).collect()
    }

    #[test]
    fn amounts_with_units() {
        assert_eq!(
            figures("收入 2,306.18 万元，增长 2.8%，共 5 家"),
            vec![
                ("2,306.18".into(), Some(Unit::WanYuan)),
                ("2.8".into(), Some(Unit::Percent)),
                ("5".into(), Some(Unit::Count)),
            ]
        );
        let t = scan("2,306.18万元");
        assert_eq!(t[0].value, Decimal::new(230618, 2));
        assert_eq!(t[0].scale, 2);
    }

    #[test]
    fn savings_are_amounts() {
        assert_eq!(figures("节约1.88万元，节约率9.5%，约3万元"), vec![("1.88".to_string(), Some(Unit::WanYuan)), ("9.5".to_string(), Some(Unit::Percent))]);
    }

    #[test]
    fn not_amounts() {
        assert!(figures("2025 年 1 月 1 日").is_empty());
        assert!(figures("包财社[2023]484号").is_empty());
        assert!(figures("科目编码 2080505，电话 0472-1234567").is_empty());
        assert!(figures("单价50万元以上通用设备").is_empty());
        assert!(figures("每人每年 6 元/年").is_empty());
        assert!(figures("1.2.3万元").is_empty());
    }

    #[test]
    fn bare_decimals_ending_an_item() {
        assert_eq!(figures("基本工资 52.36，津贴补贴"), vec![("52.36".into(), None)]);
        assert!(figures("合计 52.36 31.07").is_empty());
    }

    #[test]
    fn huge_numbers_are_skipped_not_fatal() {
        let digits = "9".repeat(400);
        assert!(figures(&format!("收入 {digits} 万元")).is_empty());
        assert_eq!(figures("收入 0.000000000000000000000000000001 万元").len(), 0);
    }
}
