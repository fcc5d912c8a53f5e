//! Configuration: `gouji.toml`, parsed from text (finding the file is the
//! CLI's business), and applied to diagnostics after analysis.
//!
//! ```toml
//! tolerance = 0.01            # extra slack for sums, in the list's unit
//! default-unit = "万元"        # the unit offered for a figure that has none
//! exclude = ["archive/**"]    # files not to check
//! profile = "决算"             # 按标题 (the default) | 预算 | 决算 | 无: what the drafts are
//!
//! [rules]
//! missing-unit = "off"        # off | hint | info | warning | error
//!
//! [[ignore]]                  # accept a figure in a plain-text draft
//! path = "2025/预算公开.txt"   # relative to gouji.toml (a glob)
//! text = "工会经费 3.18 元"     # the quoted text on the flagged line
//! rules = ["unit-slip"]       # all rules when omitted
//!
//! [required]                  # the region's amendments to the items required
//! drop = ["名词解释"]
//! [[required.add]]
//! name = "重点项目绩效目标"
//! names = ["重点项目 绩效"]     # words in order on a heading; the name when omitted
//!
//! [[previous]]               # last year's disclosure of each draft (issue 18)
//! path = "2026/*.txt"         # this year's drafts (a glob relative to gouji.toml)
//! previous = "{year-1}/{name}" # last year's: {year}, {year-1}, {dir}, {name}, {stem}
//! budget = "{year}/预算/{name}" # for a 决算: the same year's 预算公开
//! ```
//!
//! In Markdown, `<!-- gouji-ignore rule-id … -->` on the line before a figure
//! accepts it; suppressions that match nothing are reported.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::checks::{self, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::message::{ConfigProblem, Message};
use crate::text::{LineIndex, Span};

/// A rule's setting: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Hint,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Hint => Some(Severity::Hint),
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// An accepted figure in a plain-text draft.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// The draft, as a glob relative to the configuration file.
    pub path: String,
    /// Text on the flagged line.
    pub text: String,
    /// The rules to accept; all when empty.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Where the entry is in `gouji.toml`: its `[[ignore]]` header, and
    /// that header's 1-based line (0 when not read from a file).
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub line: usize,
}

/// How an `[[ignore]]` entry fared on the drafts checked: whether one of
/// them matched its path, and whether it accepted a diagnostic in one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IgnoreUse {
    pub matched: bool,
    pub used: bool,
}

/// Which other documents a set of drafts is checked against (issue 18):
/// last year's disclosure, and for a 决算 the same year's 预算公开.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Previous {
    /// This year's drafts, as a glob relative to the configuration file.
    pub path: String,
    /// Last year's disclosure of each, relative to the configuration file,
    /// with placeholders (see [`Previous::resolve`]).
    pub previous: Option<String>,
    /// The same year's 预算公开 of each (for a 决算), likewise.
    pub budget: Option<String>,
}

impl Previous {
    /// Does the entry's glob match a draft (its path relative to the configuration)?
    pub fn matches(&self, draft: &str) -> bool {
        globset::Glob::new(&self.path).is_ok_and(|g| g.compile_matcher().is_match(draft))
    }

    /// A pattern with the draft's placeholders filled in: `{year}` (the
    /// first year, 1900–2099, in the draft's path), `{year-1}`, `{dir}`
    /// (its folder), `{name}` (its file name), `{stem}` (without the
    /// extension). `None` when the pattern names a year the path has not.
    pub fn resolve(pattern: &str, draft: &str) -> Option<String> {
        let (dir, name) = draft.rsplit_once('/').unwrap_or(("", draft));
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let year = year_in(draft);
        let mut out = pattern.replace("{dir}", dir).replace("{name}", name).replace("{stem}", stem);
        if out.contains("{year") {
            let year = year?;
            out = out.replace("{year-1}", &(year - 1).to_string()).replace("{year}", &year.to_string());
        }
        let out = out.trim_start_matches('/').to_string();
        Some(out)
    }
}

impl Config {
    /// The other documents the first `[[previous]]` entry whose glob
    /// matches a draft names for it: last year's disclosure and the same
    /// year's budget, as paths under `root` (the configuration's folder);
    /// `relative` is the draft's path relative to it, `/`-separated.
    pub fn others(&self, root: &std::path::Path, relative: &str) -> (Option<std::path::PathBuf>, Option<std::path::PathBuf>) {
        let Some(entry) = self.previous.iter().find(|p| p.matches(relative)) else { return (None, None) };
        let resolve = |pattern: &Option<String>| pattern.as_deref().and_then(|p| Previous::resolve(p, relative)).map(|p| root.join(p));
        (resolve(&entry.previous), resolve(&entry.budget))
    }
}

/// The first year (1900–2099) written in a path, as four digits not part
/// of a longer number.
fn year_in(path: &str) -> Option<u32> {
    let bytes = path.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = bytes.get(i..i + 4)?;
        let alone = (i == 0 || !bytes[i - 1].is_ascii_digit()) && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        let year: u32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        (alone && digits.iter().all(u8::is_ascii_digit) && (1900..2100).contains(&year)).then_some(year)
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Extra slack for sums, in the list's unit, on top of rounding.
    #[serde(default)]
    pub tolerance: Option<Decimal>,
    /// The unit offered for a figure that has none (`万元` by default).
    pub default_unit: Option<String>,
    /// Globs of files not to check, relative to the configuration file.
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub ignore: Vec<Ignore>,
    /// Last year's disclosure (and a 决算's budget) of the drafts a glob matches.
    #[serde(default)]
    pub previous: Vec<Previous>,
    /// The language of messages: `zh` (the default) or `en`.
    pub lang: Option<crate::message::Lang>,
    /// Which profile the drafts are judged by: `按标题` (the default), `预算`, `决算` or `无`.
    #[serde(default)]
    pub profile: crate::profile::Choice,
    /// The region's amendments to the items a disclosure must contain.
    #[serde(default)]
    pub required: crate::profile::required::Amend,
}

/// A configuration that could not be read: the line and column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub problem: ConfigProblem,
}

impl ConfigError {
    /// The error as a message naming the file at `path`.
    pub fn message(self, path: String) -> Message {
        Message::ConfigInvalid { path, line: self.line, column: self.column, problem: self.problem }
    }
}

impl Config {
    /// Parses `gouji.toml`; unknown keys, unknown rules and bad values are errors.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let index = LineIndex::new(text);
        let at = |offset: usize, problem: ConfigProblem| {
            let p = index.line_col(text, offset, crate::text::ColumnUnit::Char);
            ConfigError { line: p.line + 1, column: p.col + 1, problem }
        };
        let mut config: Config = toml::from_str(text).map_err(|e| at(e.span().map_or(0, |s| s.start), ConfigProblem::from_toml(e.message().trim())))?;
        // Read again for where each `[[ignore]]` entry is, to report an
        // unused one at its own line.
        #[derive(Deserialize)]
        struct Entries {
            #[serde(default)]
            ignore: Vec<toml::Spanned<toml::Table>>,
        }
        if let Ok(entries) = toml::from_str::<Entries>(text) {
            for (ignore, entry) in config.ignore.iter_mut().zip(entries.ignore) {
                ignore.span = Span::new(entry.span().start, entry.span().end);
                ignore.line = index.line_of(entry.span().start) + 1;
            }
        }
        for id in config.rules.keys() {
            if checks::rule(id).is_none() {
                let offset = text.find(id.as_str()).unwrap_or(0);
                return Err(at(offset, ConfigProblem::UnknownRule { id: id.clone() }));
            }
        }
        for ignore in &config.ignore {
            for id in &ignore.rules {
                if checks::rule(id).is_none() {
                    let offset = text.find(id.as_str()).unwrap_or(0);
                    return Err(at(offset, ConfigProblem::UnknownRuleInIgnore { id: id.clone() }));
                }
            }
        }
        if let Some(u) = &config.default_unit {
            if !matches!(u.as_str(), "元" | "万元" | "亿元" | "千元") {
                return Err(at(text.find("default-unit").unwrap_or(0), ConfigProblem::DefaultUnit { unit: u.clone() }));
            }
        }
        for dropped in &config.required.drop {
            if !crate::profile::required::every_name().any(|n| n == dropped) {
                let offset = text.find(dropped.as_str()).unwrap_or(0);
                let expected = crate::profile::required::every_name().map(str::to_string).collect();
                return Err(at(offset, ConfigProblem::BadValue { value: dropped.clone(), expected }));
            }
        }
        if config.tolerance.is_some_and(|t| t.is_sign_negative()) {
            return Err(at(text.find("tolerance").unwrap_or(0), ConfigProblem::NegativeTolerance));
        }
        Ok(config)
    }

    /// The severity a rule's diagnostics get, or `None` when it is off.
    pub fn severity(&self, rule: &Rule, default: Severity) -> Option<Severity> {
        match self.rules.get(rule.id) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }

    /// Applies rule settings and suppressions to the diagnostics of `text`
    /// (`path` relative to the configuration, for `[[ignore]]`; `markdown`
    /// enables `<!-- gouji-ignore -->` comments). Suppressions that match
    /// nothing are reported as diagnostics of their own: a comment where it
    /// is, an `[[ignore]]` entry for this draft where its text is (else at
    /// the draft's start), naming the entry and its line in `gouji.toml`.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>, text: &str, path: Option<&str>, markdown: bool) -> Vec<Diagnostic> {
        let mut uses = vec![IgnoreUse::default(); self.ignore.len()];
        let mut out = self.apply_counting(diagnostics, text, path, markdown, &mut uses);
        let unused = self.ignore.iter().zip(&uses).filter(|(_, u)| u.matched && !u.used);
        let mut added = false;
        for (ignore, _) in unused {
            if let Some(severity) = self.severity(&checks::UNUSED_SUPPRESSION, checks::UNUSED_SUPPRESSION.severity) {
                let at = text.find(ignore.text.as_str()).map_or(Span::new(0, 0), |i| Span::new(i, i + ignore.text.len()));
                out.push(checks::unused_ignore_entry(at, ignore, true).severity(severity));
                added = true;
            }
        }
        if added {
            out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
        }
        out
    }

    /// As [`Config::apply`], but `[[ignore]]` entries that accept nothing
    /// are not reported: whether each matched the path and accepted a
    /// diagnostic is added to `uses` (one per entry), so that the caller
    /// reports the entries unused in every draft, at their own line in
    /// `gouji.toml` ([`Config::unused_ignores`]).
    pub fn apply_counting(&self, diagnostics: Vec<Diagnostic>, text: &str, path: Option<&str>, markdown: bool, uses: &mut [IgnoreUse]) -> Vec<Diagnostic> {
        // Nothing to suppress or re-rate: the diagnostics stand as they are.
        if self.rules.is_empty() && self.ignore.is_empty() && !(markdown && text.contains("gouji-ignore")) {
            return diagnostics;
        }
        let index = LineIndex::new(text);
        let mut suppressions = if markdown { comment_suppressions(text, &index) } else { Vec::new() };
        for (entry, ignore) in self.ignore.iter().enumerate() {
            let matches_path = path.is_some_and(|p| globset::Glob::new(&ignore.path).is_ok_and(|g| g.compile_matcher().is_match(p)));
            if !matches_path {
                continue;
            }
            if let Some(u) = uses.get_mut(entry) {
                u.matched = true;
            }
            let mut from = 0;
            while let Some(i) = text[from..].find(ignore.text.as_str()) {
                let at = from + i;
                suppressions.push(Suppression { line: index.line_of(at), rules: ignore.rules.clone(), span: Span::new(at, at + ignore.text.len()), used: false, entry: Some(entry) });
                from = at + ignore.text.len().max(1);
            }
        }
        let mut out = Vec::with_capacity(diagnostics.len());
        for mut d in diagnostics {
            let Some(rule) = checks::rule(d.code) else {
                out.push(d);
                continue;
            };
            let Some(severity) = self.severity(rule, d.severity) else { continue };
            if self.rules.contains_key(rule.id) {
                d.severity = severity;
            }
            let (first, last) = (index.line_of(d.span.start), index.line_of(d.span.end.saturating_sub(1).max(d.span.start)));
            let suppressed = suppressions
                .iter_mut()
                .filter(|s| s.line >= first && s.line <= last && (s.rules.is_empty() || s.rules.iter().any(|r| r == rule.id)))
                .fold(false, |_, s| {
                    s.used = true;
                    true
                });
            if !suppressed {
                out.push(d);
            }
        }
        for s in &suppressions {
            if let Some(u) = s.entry.and_then(|e| uses.get_mut(e)) {
                u.used |= s.used;
            }
        }
        for s in suppressions.iter().filter(|s| !s.used && s.entry.is_none()) {
            if let Some(severity) = self.severity(&checks::UNUSED_SUPPRESSION, checks::UNUSED_SUPPRESSION.severity) {
                out.push(checks::unused_suppression(s.span, &s.rules).severity(severity));
            }
        }
        out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
        out
    }

    /// The `[[ignore]]` entries that matched a draft checked and accepted
    /// nothing in any (`uses` as [`Config::apply_counting`] left them), as
    /// diagnostics at their `[[ignore]]` header in `gouji.toml`.
    pub fn unused_ignores(&self, uses: &[IgnoreUse]) -> Vec<Diagnostic> {
        let Some(severity) = self.severity(&checks::UNUSED_SUPPRESSION, checks::UNUSED_SUPPRESSION.severity) else { return Vec::new() };
        let unused = self.ignore.iter().zip(uses).filter(|(_, u)| u.matched && !u.used);
        unused.map(|(ignore, _)| checks::unused_ignore_entry(ignore.span, ignore, false).severity(severity)).collect()
    }
}

/// A suppression: the 0-based line it covers, the rules (all when empty).
#[derive(Debug, Clone)]
struct Suppression {
    line: usize,
    rules: Vec<String>,
    span: Span,
    used: bool,
    /// The `[[ignore]]` entry it comes from; `None` for a Markdown comment.
    entry: Option<usize>,
}

/// `<!-- gouji-ignore rule-id … -->`: covers the next non-blank line.
fn comment_suppressions(text: &str, index: &LineIndex) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let Some(len) = text[start..].find("-->") else { break };
        let end = start + len + 3;
        from = end;
        let body = text[start + 4..end - 3].trim();
        let Some(rest) = body.strip_prefix("gouji-ignore") else { continue };
        let rules: Vec<String> = rest.split_whitespace().map(str::to_string).collect();
        let mut line = index.line_of(end) + 1;
        while line < index.line_count() && text[index.line_span(text, line).range()].trim().is_empty() {
            line += 1;
        }
        out.push(Suppression { line, rules, span: Span::new(start, end), used: false, entry: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_entries_name_last_years_disclosure() {
        let c = Config::from_toml("[[previous]]\npath = \"2026/*.txt\"\nprevious = \"{year-1}/{name}\"\n").unwrap_or_default();
        assert_eq!(c.previous.len(), 1);
        let p = &c.previous[0];
        assert!(p.matches("2026/水务局.txt") && !p.matches("2025/水务局.txt"));
        assert_eq!(Previous::resolve("{year-1}/{name}", "2026/水务局.txt").as_deref(), Some("2025/水务局.txt"));
        assert_eq!(Previous::resolve("{dir}/../{year}预算/{stem}.md", "区/2025决算/水务局.txt").as_deref(), Some("区/2025决算/../2025预算/水务局.md"));
        // No year in the path: the pattern cannot be filled in.
        assert_eq!(Previous::resolve("{year-1}/{name}", "草稿/水务局.txt"), None);
        // A longer number is no year.
        assert_eq!(Previous::resolve("{year}", "506001/2024/a.txt").as_deref(), Some("2024"));
        assert!(Config::from_toml("[[previous]]\npath = \"*.txt\"\nlast = \"x\"\n").is_err());
    }

    #[test]
    fn reads_every_key() {
        let c = Config::from_toml("tolerance = 0.01\ndefault-unit = \"万元\"\nexclude = [\"a/**\"]\n[rules]\nmissing-unit = \"off\"\n[[ignore]]\npath = \"*.txt\"\ntext = \"工会经费\"\n");
        let c = c.unwrap_or_default();
        assert_eq!(c.tolerance, Some(Decimal::new(1, 2)));
        assert_eq!(c.rules.get("missing-unit"), Some(&Level::Off));
        assert_eq!(c.ignore.len(), 1);
    }

    #[test]
    fn a_profile_and_the_regions_required_items() {
        let c = Config::from_toml("profile = \"决算\"\n[required]\ndrop = [\"名词解释\"]\n[[required.add]]\nname = \"重点项目绩效目标\"\nnames = [\"重点项目 绩效\"]\n");
        let c = c.unwrap_or_default();
        assert_eq!(c.profile, crate::profile::Choice::FinalAccounts);
        assert_eq!((c.required.drop.len(), c.required.add.len()), (1, 1));
        // An item no profile has, and a profile that does not exist.
        let e = Config::from_toml("[required]\ndrop = [\"名词\"]\n").err().map(|e| (e.line, e.problem));
        assert!(matches!(e, Some((2, ConfigProblem::BadValue { .. }))), "{e:?}");
        let e = Config::from_toml("profile = \"年报\"\n").err().map(|e| e.problem);
        assert!(matches!(e, Some(ConfigProblem::BadValue { .. })), "{e:?}");
    }

    #[test]
    fn unknown_keys_and_values_name_their_line() {
        let e = Config::from_toml("[rules]\nlist-total-mismatch = \"loud\"\n");
        assert_eq!(e.as_ref().map_err(|e| e.line), Err(2), "{e:?}");
        assert!(matches!(&e, Err(ConfigError { problem: ConfigProblem::BadValue { value, expected }, .. }) if value == "loud" && expected.len() == 5), "{e:?}");
        let e = Config::from_toml("\ncolour = true\n");
        assert_eq!(e.as_ref().map_err(|e| e.line), Err(2), "{e:?}");
        assert!(matches!(&e, Err(ConfigError { problem: ConfigProblem::UnknownKey { key }, .. }) if key == "colour"), "{e:?}");
        let e = Config::from_toml("[rules]\nno-such-rule = \"off\"\n");
        assert!(e.is_err_and(|e| e.line == 2 && e.problem == ConfigProblem::UnknownRule { id: "no-such-rule".into() }));
        assert!(Config::from_toml("default-unit = \"斤\"").is_err());
    }

    #[test]
    fn markdown_comments_suppress_the_next_line_and_report_unused_ones() {
        let text = "本部门支出合计 100 万元，其中：基本支出 60 万元、项目支出 30 万元。\n\n<!-- gouji-ignore list-total-mismatch -->\n\n本部门收入合计 100 万元，其中：拨款 60 万元、事业收入 30 万元。\n<!-- gouji-ignore unit-slip -->\n结束。\n";
        let d = crate::analyze(text).diagnostics;
        assert_eq!(d.len(), 2);
        let out = Config::default().apply(d, text, None, true);
        let codes: Vec<_> = out.iter().map(|d| (d.code, LineIndex::new(text).line_of(d.span.start) + 1)).collect();
        assert_eq!(codes, vec![("list-total-mismatch", 1), ("unused-suppression", 6)]);
    }

    #[test]
    fn rules_can_be_turned_off_or_down() {
        let text = "本部门支出合计 100 万元，其中：基本支出 60 万元、项目支出 30 万元。";
        let d = crate::analyze(text).diagnostics;
        let off = Config::from_toml("[rules]\nlist-total-mismatch = \"off\"").unwrap_or_default();
        assert!(off.apply(d.clone(), text, None, false).is_empty());
        let hint = Config::from_toml("[rules]\nlist-total-mismatch = \"hint\"").unwrap_or_default();
        assert_eq!(hint.apply(d, text, None, false)[0].severity, Severity::Hint);
    }

    #[test]
    fn plain_text_ignores_by_quoted_text() {
        let text = "本部门支出合计 100 万元，其中：基本支出 60 万元、项目支出 30 万元。";
        let d = crate::analyze(text).diagnostics;
        let c = Config::from_toml("[[ignore]]\npath = \"drafts/*.txt\"\ntext = \"支出合计 100 万元\"\n").unwrap_or_default();
        assert!(c.apply(d.clone(), text, Some("drafts/a.txt"), false).is_empty());
        assert_eq!(c.apply(d, text, Some("other/a.txt"), false).len(), 1);
    }
}
