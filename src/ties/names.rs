//! Account names and codes: how a statement in prose or a table row is
//! known as the same account wherever it is printed.

use aho_corasick::AhoCorasick;

use super::fast_hash::FastMap;

use crate::vocab::{self, Scope};

/// An account as prose names it, class to item: `住房保障支出（类）住房改革支出
/// （款）住房公积金（项）` is `[(0, 住房保障), (1, 住房改革), (2, 住房公积金)]`,
/// names folded by [`fold`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chain(pub Vec<(u8, String)>);

impl Chain {
    /// The chain of account levels named in `text`, if it names any: each
    /// level mark closes the name written before it.
    pub fn parse(text: &str) -> Option<Chain> {
        if !text.contains(['类', '款', '项']) {
            return None;
        }
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some((at, mark, level)) = first_level_mark(rest) {
            let name = fold(&rest[..at]);
            if name.is_empty() || parts.last().is_some_and(|&(l, _)| l >= level) {
                return None;
            }
            parts.push((level, name));
            rest = &rest[at + mark.len()..];
        }
        (!parts.is_empty()).then_some(Chain(parts))
    }

    /// The chain completed by the levels above it that an enclosing
    /// section names: `住房改革（款）…` under `住房保障支出（类）`.
    pub fn under(mut self, above: &Chain) -> Chain {
        let top = self.0.first().map_or(u8::MAX, |p| p.0);
        let mut parts: Vec<(u8, String)> = above.0.iter().filter(|p| p.0 < top).cloned().collect();
        parts.append(&mut self.0);
        Chain(parts)
    }

    /// The names joined, as a key where no table gives codes.
    pub fn key(&self) -> String {
        self.0.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join("/")
    }
}

/// The first level mark in `text` (`（类）`, `(款)`…): where it is, the
/// mark and its level. Every mark opens with a parenthesis: one pass over
/// them finds the first, where looking for each mark in turn would read the
/// text once a mark.
fn first_level_mark(text: &str) -> Option<(usize, &'static str, u8)> {
    let bytes = text.as_bytes();
    // `(` is the byte 28, `（` starts with EF (as other full-width marks do).
    memchr::memchr2_iter(b'(', 0xEF, bytes).find_map(|at| {
        let rest = &bytes[at..];
        vocab::ACCOUNT_LEVELS.iter().find(|(mark, _)| rest.starts_with(mark.as_bytes())).map(|&(mark, level)| (at, mark, level))
    })
}

/// A name as compared: ordinal, spaces, level marks and the words a draft
/// may write either way ([`vocab::NAME_FOLDS`]) removed.
pub fn fold(name: &str) -> String {
    let name = strip_ordinal(name.trim());
    // Grown once, not character by character.
    let mut s = String::with_capacity(name.len());
    s.extend(name.chars().filter(|c| !c.is_whitespace()));
    let marks = || vocab::ACCOUNT_LEVELS.iter().map(|&(mark, _)| (mark, ""));
    let folds = || marks().chain(vocab::NAME_FOLDS.iter().copied());
    // Most names hold none of the words folded: one pass over their first
    // characters tells.
    static FIRSTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    if !s.contains(FIRSTS.get_or_init(|| folds().filter_map(|(from, _)| from.chars().next()).collect()).as_slice()) {
        return s;
    }
    for (from, to) in folds() {
        if vocab::contains(&s, from) {
            s = vocab::replace(&s, from, to);
        }
    }
    s
}

/// A name without the ordinal a table or list puts before it: `二十.`,
/// `（二十）`, `3、`.
fn strip_ordinal(name: &str) -> &str {
    let numeral = |c: char| c.is_ascii_digit() || vocab::is_chinese_numeral(c);
    if let Some(rest) = name.strip_prefix(['（', '(']) {
        let digits = rest.trim_start_matches(numeral);
        if digits.len() < rest.len() {
            if let Some(after) = digits.strip_prefix(['）', ')']) {
                return after;
            }
        }
        return name;
    }
    let digits = name.trim_start_matches(numeral);
    if digits.len() < name.len() {
        if let Some(after) = digits.strip_prefix(['.', '、', '．']) {
            return after;
        }
    }
    name
}

/// The funds a title speaks of, if it says: none for a title with a word of
/// [`vocab::NOT_ACCOUNTS`], else that of the first of [`vocab::SCOPES`] it
/// holds.
pub fn scope(title: &str) -> Option<Scope> {
    // Asked of every table's title for every block of prose: all these
    // words are found in one pass by one automaton, built once, where a
    // search per word read the title 21 times.
    static WORDS: std::sync::LazyLock<Option<AhoCorasick>> =
        std::sync::LazyLock::new(|| AhoCorasick::new(vocab::NOT_ACCOUNTS.iter().chain(vocab::SCOPES.iter().map(|(word, _)| word))).ok());
    // Words overlap (`收支` in `收支总表`): every match is seen. A word of
    // NOT_ACCOUNTS (the first patterns) leaves the title no scope.
    let mut first = usize::MAX;
    for m in WORDS.as_ref()?.find_overlapping_iter(title) {
        first = first.min(m.pattern().as_usize().checked_sub(vocab::NOT_ACCOUNTS.len())?);
    }
    vocab::SCOPES.get(first).map(|&(_, scope)| scope)
}

/// Which classification a scope's accounts are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Classification {
    /// By function (`221 住房保障支出`): seven digits, class 2xx.
    Functional,
    /// By economic class (`30113 住房公积金`): five digits, class 3xx.
    Economic,
}

impl Classification {
    pub fn of(scope: Scope) -> Classification {
        match scope {
            Scope::Basic | Scope::ThreePublic => Classification::Economic,
            _ => Classification::Functional,
        }
    }

    /// Is `code` an account code of this classification?
    pub fn holds(self, code: &str) -> bool {
        let digits = code.bytes().all(|b| b.is_ascii_digit());
        match self {
            Classification::Functional => digits && code.starts_with('2') && matches!(code.len(), 3 | 5 | 7),
            Classification::Economic => digits && code.starts_with('3') && matches!(code.len(), 3 | 5),
        }
    }

    /// The code length of a chain level (class, 款, 项).
    fn length(self, level: u8) -> Option<usize> {
        match (self, level) {
            (_, 0) => Some(3),
            (_, 1) => Some(5),
            (Classification::Functional, 2) => Some(7),
            _ => None,
        }
    }
}

/// The account codes the tables of a draft print, by folded name.
#[derive(Debug, Default)]
pub struct Dictionary<'a> {
    codes: FastMap<(Classification, &'a str), Vec<&'a str>>,
    /// Per classification (by its index), whether any row has one.
    any: [bool; 2],
}

impl<'a> Dictionary<'a> {
    /// From the rows the tables print: classification, folded name, code.
    pub fn new(rows: impl Iterator<Item = &'a (Classification, String, String)>) -> Self {
        let mut d = Dictionary::default();
        for (class, name, code) in rows {
            d.any[*class as usize] = true;
            let codes = d.codes.entry((*class, name.as_str())).or_default();
            if !codes.contains(&code.as_str()) {
                codes.push(code);
            }
        }
        d
    }

    /// Do the tables give codes of this classification at all?
    pub fn has(&self, class: Classification) -> bool {
        self.any[class as usize]
    }

    /// The one code a name ([`fold`]ed) stands for, if the tables print
    /// exactly one.
    pub fn by_name(&self, name: &str, class: Classification) -> Option<&'a str> {
        if !self.has(class) {
            return None;
        }
        match self.codes.get(&(class, name))?.as_slice() {
            [code] => Some(code),
            _ => None,
        }
    }

    /// The code of a chain of names, each level found under the one above.
    pub fn resolve(&self, chain: &Chain, class: Classification) -> Option<&'a str> {
        let mut code: Option<&str> = None;
        for (level, name) in &chain.0 {
            let length = class.length(*level)?;
            let prefix = code.unwrap_or("");
            let codes = self.codes.get(&(class, name.as_str()))?;
            let mut found = codes.iter().filter(|c| c.len() == length && c.starts_with(prefix));
            code = Some(found.next()?);
            if found.next().is_some() {
                return None;
            }
        }
        code
    }
}

/// Is a row's name that of a budget unit (a row per unit, not an account)?
pub fn is_unit_name(name: &str) -> bool {
    vocab::ends_with_any(name, vocab::UNIT_NAME_ENDINGS).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_of_levels() {
        let c = Chain::parse("住房保障支出（类）住房改革支出（款）住房公积金（项）年初预算").unwrap_or_default();
        assert_eq!(c.key(), "住房保障/住房改革/住房公积金");
        assert_eq!(Chain::parse("住房保障支出(类)支出").unwrap_or_default().key(), "住房保障");
        assert_eq!(Chain::parse("基本工资"), None);
        // Levels out of order are not a chain.
        assert_eq!(Chain::parse("住房公积金（项）住房保障（类）"), None);
        let item = Chain::parse("住房改革支出 (款) 住房公积金 (项)").unwrap_or_default();
        let class = Chain::parse("（三）住房保障支出（类）").unwrap_or_default();
        assert_eq!(item.under(&class).key(), "住房保障/住房改革/住房公积金");
    }

    #[test]
    fn names_fold_their_variants() {
        assert_eq!(fold("机关事业单位基本养老保险缴费支出"), fold("机关事业单位养老保险缴费支出"));
        assert_eq!(fold("二十.住房保障支出"), "住房保障");
        assert_eq!(fold("（二十）住房保障支出"), "住房保障");
        assert_eq!(fold("住房保障（类）支出"), "住房保障");
        assert_eq!(fold("3、 办公费"), "办公费");
    }

    #[test]
    fn scopes_by_title() {
        assert_eq!(scope("一般公共预算基本支出表"), Some(Scope::Basic));
        assert_eq!(scope("财政拨款收支总表"), Some(Scope::Fiscal));
        assert_eq!(scope("收支总表"), Some(Scope::Department));
        assert_eq!(scope("一般公共预算支出预算情况说明"), Some(Scope::General));
        assert_eq!(scope("关于某局部门一般公共预算当年拨款情况"), Some(Scope::GeneralCurrent));
        assert_eq!(scope("部门整体绩效目标"), None);
        assert_eq!(scope("项目支出表"), None);
        assert!(Scope::General.within(Scope::Department) && !Scope::Department.within(Scope::General));
    }

    #[test]
    fn codes_by_classification() {
        assert!(Classification::Functional.holds("2210201") && !Classification::Functional.holds("506001"));
        assert!(Classification::Economic.holds("30113") && !Classification::Economic.holds("2210201"));
    }
}
