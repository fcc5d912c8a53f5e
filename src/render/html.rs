//! `--format html`: a region's review, every document checked on one page.
//!
//! The page is self-contained: its style and the few lines of script that
//! sort the summary table are inline, its charts are inline SVG, it loads
//! nothing. It is written with `maud`, whose templates are Rust checked at
//! compile time and which escapes every value put into them: nothing from a
//! draft (its text, title, file name) reaches the page unescaped. The only
//! unescaped strings are the constant style and script below.
//!
//! Each document is read into a [`ReviewDoc`] as soon as it is checked (its
//! findings rendered in the reader's language, with the lines they quote),
//! so the draft's text need not be kept until the page is written.

use std::collections::BTreeMap;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::File;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::message::{CoverageStatus, Lang, Message, ReviewText as T};
use crate::profile::Kind;
use crate::text::Span;
use crate::ties::Coverage;

/// Lines of context shown before and after the lines a finding quotes.
const CONTEXT: usize = 2;
/// Lines of one place quoted at most (a list over many lines shows its start).
const MAX_PLACE_LINES: usize = 8;
/// Documents the chart of documents shows at most (those with most findings).
const CHART_DOCUMENTS: usize = 40;

/// What the report shows of one checked document.
#[derive(Debug, Clone)]
pub struct ReviewDoc {
    path: String,
    organisation: Option<String>,
    kind: Option<Kind>,
    year: Option<u16>,
    findings: Vec<Finding>,
    coverage: Vec<Coverage>,
}

#[derive(Debug, Clone)]
struct Finding {
    severity: Severity,
    code: &'static str,
    line: usize,
    column: usize,
    message: String,
    notes: Vec<String>,
    /// Where the figure is in a Word or Excel file.
    source: Option<String>,
    excerpts: Vec<Vec<SourceLine>>,
    related: Vec<Place>,
    fix: Option<(String, Applicability)>,
}

/// A related place: what it is, and where (1-based).
#[derive(Debug, Clone)]
struct Place {
    label: String,
    line: usize,
    column: usize,
}

/// A quoted line, cut into pieces marked or not.
#[derive(Debug, Clone)]
struct SourceLine {
    number: usize,
    pieces: Vec<(String, Mark)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    /// The figure the finding is about.
    Main,
    /// A related place.
    Related,
}

impl ReviewDoc {
    /// Reads what the report needs of a checked file, its texts in the file's language.
    pub fn new(file: &File, diagnostics: &[Diagnostic], coverage: &[Coverage]) -> ReviewDoc {
        let title = crate::profile::read_title(file.text);
        let findings = diagnostics.iter().map(|d| finding(file, d)).collect();
        ReviewDoc {
            path: file.path.to_string(),
            organisation: title.as_ref().and_then(|t| t.organisation.clone()),
            kind: title.as_ref().map(|t| t.kind),
            year: title.as_ref().and_then(|t| t.year),
            findings,
            coverage: coverage.to_vec(),
        }
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    fn ties(&self, key: &str) -> usize {
        self.coverage.iter().filter(|c| c.status.key() == key).count()
    }

    /// The department as the title names it, else the file's name.
    fn name(&self, lang: Lang) -> String {
        self.organisation.clone().unwrap_or_else(|| {
            let file = std::path::Path::new(&self.path).file_name().map_or(self.path.clone(), |n| n.to_string_lossy().into_owned());
            format!("{file}{}", T::TitleNotRead.text(lang))
        })
    }
}

fn finding(file: &File, d: &Diagnostic) -> Finding {
    let lang = file.lang;
    let (line, column) = file.position(d.span.start);
    let related = d
        .related
        .iter()
        .map(|r| {
            let (line, column) = file.position(r.span.start);
            Place { label: r.message.text(lang), line, column }
        })
        .collect();
    Finding {
        severity: d.severity,
        code: d.code,
        line,
        column,
        message: d.message.text(lang),
        notes: d.notes.iter().map(|n| n.text(lang)).collect(),
        source: file.place_note(d.span.start),
        excerpts: excerpts(file, d),
        related,
        fix: d.fix.as_ref().map(|f| (f.title.text(lang), f.applicability)),
    }
}

/// The lines a finding quotes: each place's lines with some context,
/// merged where they meet, blank lines at either end left out.
fn excerpts(file: &File, d: &Diagnostic) -> Vec<Vec<SourceLine>> {
    let last = file.index.line_count().saturating_sub(1);
    let places = std::iter::once(d.span).chain(d.related.iter().map(|r| r.span));
    let mut ranges: Vec<(usize, usize)> = places
        .map(|s| {
            let first = file.index.line_of(s.start);
            let end = (file.end_line(s) - 1).clamp(first, first + MAX_PLACE_LINES - 1);
            (first.saturating_sub(CONTEXT), (end + CONTEXT).min(last))
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(m) if a <= m.1 + 1 => m.1 = m.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let blank = |l: usize| file.text[file.index.line_span(file.text, l).range()].trim().is_empty();
    merged
        .into_iter()
        .filter_map(|(mut a, mut b)| {
            while a < b && blank(a) {
                a += 1;
            }
            while b > a && blank(b) {
                b -= 1;
            }
            // Blank lines (every other line of text copied from a PDF) are left out; the numbers say so.
            let lines: Vec<SourceLine> = (a..=b).filter(|&l| !blank(l)).map(|l| source_line(file, d, l)).collect();
            (!lines.is_empty()).then_some(lines)
        })
        .collect()
}

/// One line, its pieces marked where the finding's places cross it.
fn source_line(file: &File, d: &Diagnostic, line: usize) -> SourceLine {
    let span = file.index.line_span(file.text, line);
    let clip = |s: Span| {
        let (a, b) = (s.start.clamp(span.start, span.end), s.end.clamp(span.start, span.end));
        (a < b && file.text.is_char_boundary(a) && file.text.is_char_boundary(b)).then_some((a, b))
    };
    let main = clip(d.span);
    let related: Vec<(usize, usize)> = d.related.iter().filter_map(|r| clip(r.span)).collect();
    let mut cuts: Vec<usize> = vec![span.start, span.end];
    cuts.extend(main.iter().chain(&related).flat_map(|&(a, b)| [a, b]));
    cuts.sort_unstable();
    cuts.dedup();
    let within = |r: Option<(usize, usize)>, a: usize, b: usize| r.is_some_and(|(s, e)| s <= a && b <= e);
    let mut pieces: Vec<(String, Mark)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mark = if within(main, a, b) {
            Mark::Main
        } else if related.iter().any(|&r| within(Some(r), a, b)) {
            Mark::Related
        } else {
            Mark::None
        };
        match pieces.last_mut() {
            Some((text, m)) if *m == mark => text.push_str(&file.text[a..b]),
            _ => pieces.push((file.text[a..b].to_string(), mark)),
        }
    }
    SourceLine { number: line + 1, pieces }
}

/// Every document checked, written as one page at the end.
#[derive(Debug, Default)]
pub struct Review {
    docs: Vec<ReviewDoc>,
    not_checked: Vec<String>,
}

impl Review {
    pub fn push(&mut self, doc: ReviewDoc) {
        self.docs.push(doc);
    }

    pub fn extend(&mut self, docs: impl IntoIterator<Item = ReviewDoc>) {
        self.docs.extend(docs);
    }

    /// A file that could not be checked, and why.
    pub fn not_checked(&mut self, why: String) {
        self.not_checked.push(why);
    }

    /// The page, in `lang`.
    pub fn finish(self, lang: Lang) -> String {
        page(&self, lang).into_string()
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "info",
    }
}

fn severity_label(s: Severity) -> T {
    match s {
        Severity::Error => T::Error,
        Severity::Warning => T::Warning,
        Severity::Info | Severity::Hint => T::Info,
    }
}

fn kind_label(kind: Option<Kind>, lang: Lang) -> &'static str {
    match kind {
        Some(Kind::Budget) => T::Budget.text(lang),
        Some(Kind::FinalAccounts) => T::FinalAccounts.text(lang),
        None => "—",
    }
}

/// A rule's findings over every document.
struct RuleCount {
    code: &'static str,
    severity: Severity,
    count: usize,
    /// The documents it is found in (their index), with how many times.
    docs: Vec<(usize, usize)>,
}

/// How many findings each rule has, most first, with the documents they are in.
fn by_rule(docs: &[ReviewDoc]) -> Vec<RuleCount> {
    let mut rules: BTreeMap<&'static str, (Severity, usize, BTreeMap<usize, usize>)> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        for f in &doc.findings {
            let entry = rules.entry(f.code).or_insert((f.severity, 0, BTreeMap::new()));
            entry.0 = entry.0.max(f.severity);
            entry.1 += 1;
            *entry.2.entry(i).or_default() += 1;
        }
    }
    let mut out: Vec<RuleCount> = rules.into_iter().map(|(code, (severity, count, docs))| RuleCount { code, severity, count, docs: docs.into_iter().collect() }).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    out
}

fn page(review: &Review, lang: Lang) -> Markup {
    let docs = &review.docs;
    let errors: usize = docs.iter().map(|d| d.count(Severity::Error)).sum();
    let warnings: usize = docs.iter().map(|d| d.count(Severity::Warning)).sum();
    let counts = Message::ReviewCounts { documents: docs.len(), errors, warnings, not_checked: review.not_checked.len() };
    let rules = by_rule(docs);
    html! {
        (DOCTYPE)
        html lang=(lang.pick("zh-CN", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (T::Title.text(lang)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header id="summary" {
                    h1 { (T::Title.text(lang)) }
                    p.lead { (counts.text(lang)) }
                }
                @if docs.is_empty() {
                    p { (T::NoDocuments.text(lang)) }
                } @else {
                    (summary_table(docs, lang))
                    div.charts {
                        figure {
                            figcaption { (T::ByRule.text(lang)) }
                            (rule_chart(&rules, lang))
                        }
                        figure {
                            figcaption { (T::ByDocument.text(lang)) }
                            (document_chart(docs, lang))
                        }
                    }
                }
                @if !review.not_checked.is_empty() {
                    section id="not-checked" {
                        h2 { (T::NotChecked.text(lang)) }
                        ul { @for why in &review.not_checked { li { (why) } } }
                    }
                }
                @if !rules.is_empty() {
                    section id="rules" {
                        h2 { (T::Rules.text(lang)) }
                        @for RuleCount { code, severity, count: n, docs: in_docs } in &rules {
                            div.rule id=(format!("rule-{code}")) {
                                h3 {
                                    span class=(format!("badge {}", severity_class(*severity))) { (severity_label(*severity).text(lang)) }
                                    " " code { (code) } " × " (n)
                                }
                                p { (crate::checks::rule(code).map_or("", |r| r.summary(lang))) }
                                p.found {
                                    (T::FoundIn.text(lang)) " "
                                    @for (k, (i, count)) in in_docs.iter().enumerate() {
                                        @if k > 0 { (lang.pick("、", ", ")) }
                                        a href=(format!("#d{i}")) { (docs[*i].name(lang)) } " (" (count) ")"
                                    }
                                }
                            }
                        }
                    }
                }
                @if !docs.is_empty() {
                    section id="documents" {
                        h2 { (T::Documents.text(lang)) }
                        @for (i, doc) in docs.iter().enumerate() {
                            (document(i, doc, lang))
                        }
                    }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

/// The folder every document is in, with its `/`: left out of the names
/// in the summary table.
fn common_folder(docs: &[ReviewDoc]) -> usize {
    let Some(first) = docs.first() else { return 0 };
    let mut len = first.path.rfind(['/', '\\']).map_or(0, |i| i + 1);
    for d in &docs[1..] {
        while len > 0 && !(d.path.len() > len && d.path.is_char_boundary(len) && d.path[..len] == first.path[..len]) {
            len = first.path[..len - 1].rfind(['/', '\\']).map_or(0, |i| i + 1);
        }
    }
    len
}

fn summary_table(docs: &[ReviewDoc], lang: Lang) -> Markup {
    let folder = common_folder(docs);
    // The documents to open first come first: most errors, then warnings.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(docs[i].count(Severity::Error)), std::cmp::Reverse(docs[i].count(Severity::Warning)), std::cmp::Reverse(docs[i].ties("differs")), i));
    let numbers = [T::Errors, T::Warnings, T::Verified, T::Differs, T::NotVerified];
    html! {
        p.hint { (T::SortHint.text(lang)) }
        table.summary.sortable {
            thead {
                tr {
                    th { (T::Document.text(lang)) }
                    th { (T::Department.text(lang)) }
                    th { (T::Kind.text(lang)) }
                    th.num { (T::Year.text(lang)) }
                    @for t in numbers { th.num { (t.text(lang)) } }
                }
            }
            tbody {
                @for &i in &order {
                    @let doc = &docs[i];
                    @let (e, w) = (doc.count(Severity::Error), doc.count(Severity::Warning));
                    tr.has-errors[e > 0] {
                        td { a href=(format!("#d{i}")) title=(doc.path) { (doc.path[folder..]) } }
                        td { (doc.organisation.as_deref().unwrap_or("—")) }
                        td { (kind_label(doc.kind, lang)) }
                        td.num data-v=(doc.year.unwrap_or(0)) { (doc.year.map_or("—".to_string(), |y| y.to_string())) }
                        td.num.e[e > 0] data-v=(e) { (e) }
                        td.num.w[w > 0] data-v=(w) { (w) }
                        td.num data-v=(doc.ties("verified")) { (doc.ties("verified")) }
                        td.num.e[doc.ties("differs") > 0] data-v=(doc.ties("differs")) { (doc.ties("differs")) }
                        td.num data-v=(doc.ties("skipped")) { (doc.ties("skipped")) }
                    }
                }
            }
        }
    }
}

/// Bars' geometry, in the SVG's units.
const CHART_WIDTH: usize = 560;
const LABEL_WIDTH: usize = 220;
const BAR_SPACE: usize = 290;
const ROW: usize = 22;

fn bar_length(n: usize, max: usize) -> usize {
    if n == 0 {
        0
    } else {
        (n * BAR_SPACE / max.max(1)).max(2)
    }
}

fn rule_chart(rules: &[RuleCount], lang: Lang) -> Markup {
    let max = rules.iter().map(|r| r.count).max().unwrap_or(0);
    let height = (rules.len() * ROW).max(ROW);
    html! {
        @if rules.is_empty() {
            p { (T::NoFindings.text(lang)) }
        } @else {
            svg.chart width=(CHART_WIDTH) height=(height) viewBox=(format!("0 0 {CHART_WIDTH} {height}")) role="img" aria-label=(T::ByRule.text(lang)) {
                @for (k, RuleCount { code, severity, count: n, .. }) in rules.iter().enumerate() {
                    @let y = k * ROW;
                    a href=(format!("#rule-{code}")) {
                        text.label x=(LABEL_WIDTH - 6) y=(y + 15) text-anchor="end" { (code) }
                        rect class=(severity_class(*severity)) x=(LABEL_WIDTH) y=(y + 4) width=(bar_length(*n, max)) height=(ROW - 8) {}
                        text.count x=(LABEL_WIDTH + bar_length(*n, max) + 5) y=(y + 15) { (n) }
                    }
                }
            }
        }
    }
}

/// At most this many characters of a name beside a bar.
fn short(name: &str, chars: usize) -> String {
    if name.chars().count() <= chars {
        name.to_string()
    } else {
        name.chars().take(chars - 1).chain(['…']).collect()
    }
}

fn document_chart(docs: &[ReviewDoc], lang: Lang) -> Markup {
    let mut with: Vec<(usize, usize, usize)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (i, d.count(Severity::Error), d.count(Severity::Warning)))
        .filter(|&(_, e, w)| e + w > 0)
        .collect();
    with.sort_by_key(|&(i, e, w)| (std::cmp::Reverse(e + w), std::cmp::Reverse(e), i));
    let more = with.len().saturating_sub(CHART_DOCUMENTS);
    with.truncate(CHART_DOCUMENTS);
    let max = with.iter().map(|&(_, e, w)| e + w).max().unwrap_or(0);
    let height = (with.len() * ROW).max(ROW);
    html! {
        @if with.is_empty() {
            p { (T::NoFindings.text(lang)) }
        } @else {
            svg.chart width=(CHART_WIDTH) height=(height) viewBox=(format!("0 0 {CHART_WIDTH} {height}")) role="img" aria-label=(T::ByDocument.text(lang)) {
                @for (k, &(i, e, w)) in with.iter().enumerate() {
                    @let y = k * ROW;
                    @let (le, lw) = (bar_length(e, max), bar_length(w, max));
                    a href=(format!("#d{i}")) {
                        title { (docs[i].path) }
                        text.label x=(LABEL_WIDTH - 6) y=(y + 15) text-anchor="end" { (short(&docs[i].name(lang), 15)) }
                        rect.error x=(LABEL_WIDTH) y=(y + 4) width=(le) height=(ROW - 8) {}
                        rect.warning x=(LABEL_WIDTH + le) y=(y + 4) width=(lw) height=(ROW - 8) {}
                        text.count x=(LABEL_WIDTH + le + lw + 5) y=(y + 15) { (e) " / " (w) }
                    }
                }
            }
            p.legend {
                span.key.error {} " " (T::Errors.text(lang)) "　"
                span.key.warning {} " " (T::Warnings.text(lang))
            }
            @if more > 0 {
                p.legend { (Message::ChartMore { count: more }.text(lang)) }
            }
        }
    }
}

fn document(i: usize, doc: &ReviewDoc, lang: Lang) -> Markup {
    let counts = Message::CoverageCounts { verified: doc.ties("verified"), differs: doc.ties("differs"), skipped: doc.ties("skipped") };
    html! {
        section.document id=(format!("d{i}")) {
            h3 {
                (doc.name(lang))
                @if doc.kind.is_some() || doc.year.is_some() {
                    " " span.meta { (doc.year.map(|y| y.to_string()).unwrap_or_default()) " " (kind_label(doc.kind, lang)) }
                }
            }
            p.path { code { (doc.path) } " · " a href="#summary" { (T::BackToSummary.text(lang)) } }
            p { (counts.text(lang)) }
            h4 { (T::Findings.text(lang)) " (" (doc.findings.len()) ")" }
            @if doc.findings.is_empty() {
                p { (T::NoFindings.text(lang)) }
            }
            @for (j, f) in doc.findings.iter().enumerate() {
                (finding_markup(&format!("d{i}-f{j}"), f, lang))
            }
            @if !doc.coverage.is_empty() {
                h4 { (T::Coverage.text(lang)) }
                table.coverage {
                    thead { tr { th { (T::Status.text(lang)) } th { (T::Tie.text(lang)) } } }
                    tbody {
                        @for c in &doc.coverage {
                            tr class=(c.status.key()) {
                                td.status { (c.status.label(lang)) }
                                td {
                                    (c.tie.text(lang))
                                    @if let CoverageStatus::Skipped(why) = &c.status {
                                        br; span.reason { (why.text(lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn finding_markup(id: &str, f: &Finding, lang: Lang) -> Markup {
    let line_id = |n: usize| format!("{id}-L{n}");
    let quoted = |n: usize| f.excerpts.iter().flatten().any(|l| l.number == n);
    html! {
        article class=(format!("finding {}", severity_class(f.severity))) id=(id) {
            p.head {
                span class=(format!("badge {}", severity_class(f.severity))) { (severity_label(f.severity).text(lang)) }
                " " a.rule href=(format!("#rule-{}", f.code)) { code { (f.code) } }
                " " span.at { (Message::AtLine { line: f.line, column: f.column }.text(lang)) }
            }
            p.message { (f.message) }
            @for lines in &f.excerpts {
                pre.source {
                    @for l in lines {
                        span.line id=(line_id(l.number)) {
                            span.ln { (l.number) }
                            @for (text, mark) in &l.pieces {
                                @match mark {
                                    Mark::Main => mark.main { (text) },
                                    Mark::Related => mark.related { (text) },
                                    Mark::None => (text),
                                }
                            }
                        }
                        "\n"
                    }
                }
            }
            @if let Some(source) = &f.source {
                p.note { (source) }
            }
            @for n in &f.notes {
                p.note { (n) }
            }
            @if !f.related.is_empty() {
                p.related-head { (T::Related.text(lang)) }
                ul.related {
                    @for r in &f.related {
                        li {
                            @let at = Message::AtLine { line: r.line, column: r.column }.text(lang);
                            @if quoted(r.line) {
                                a href=(format!("#{}", line_id(r.line))) { (at) }
                            } @else {
                                (at)
                            }
                            (lang.pick("：", ": ")) (r.label)
                        }
                    }
                }
            }
            @if let Some((title, applicability)) = &f.fix {
                p.fix {
                    (T::Fix.text(lang)) (lang.pick("：", ": ")) (title)
                    " " span.safety {
                        @match applicability {
                            Applicability::Safe => (T::SafeFix.text(lang)),
                            Applicability::Unsafe => (T::UnsafeFix.text(lang)),
                        }
                    }
                }
            }
        }
    }
}

/// The page's style: system fonts (Chinese ones first), print-friendly.
const STYLE: &str = r#"
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --ok: #2e7d32; --line: #ddd; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  margin: 0 auto; max-width: 1200px; padding: 1rem 2rem 4rem; color: #222; line-height: 1.55; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #444; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin: .3rem 0; }
h4 { font-size: 1rem; margin: 1rem 0 .4rem; }
a { color: #0b57d0; text-decoration: none; }
a:hover { text-decoration: underline; }
.lead { font-size: 1.1rem; }
.hint, .legend, .path { color: #666; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable th[aria-sort=ascending]::after { content: " ▲"; }
table.sortable th[aria-sort=descending]::after { content: " ▼"; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.e { color: var(--error); font-weight: bold; }
td.w { color: var(--warning); font-weight: bold; }
tr.has-errors td:first-child { border-left: 3px solid var(--error); }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; margin-top: 1.5rem; }
figure { margin: 0; flex: 1 1 540px; }
figcaption { font-weight: bold; margin-bottom: .4rem; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg .label { fill: #333; } svg .count { fill: #555; }
svg rect.error, .key.error { fill: var(--error); background: var(--error); }
svg rect.warning, .key.warning { fill: var(--warning); background: var(--warning); }
svg rect.info { fill: var(--info); }
svg a:hover rect { opacity: .75; }
.key { display: inline-block; width: .8em; height: .8em; vertical-align: middle; }
.rule { margin: .8rem 0; } .rule p { margin: .2rem 0; } .found { font-size: .9rem; }
.badge { display: inline-block; color: #fff; border-radius: 3px; padding: 0 .4em; font-size: .85rem; font-weight: bold; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); }
.document { border-top: 1px solid #999; margin-top: 2rem; padding-top: .5rem; }
.meta { color: #555; font-weight: normal; }
.finding { border-left: 4px solid var(--line); padding: .2rem .8rem; margin: .8rem 0; background: #fafafa; }
.finding.error { border-color: var(--error); } .finding.warning { border-color: var(--warning); } .finding.info { border-color: var(--info); }
.finding p { margin: .3rem 0; }
.message { font-weight: bold; }
pre.source { white-space: pre-wrap; word-break: break-all; background: #fff; border: 1px solid var(--line); padding: .4rem .6rem; font-size: .9rem;
  font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", monospace; margin: .4rem 0; }
.ln { display: inline-block; min-width: 3.5em; color: #999; user-select: none; }
.line:target { background: #fff3c4; }
mark.main { background: #ffcdd2; text-decoration: underline wavy var(--error); }
mark.related { background: #e3f2fd; }
.note { color: #444; font-size: .92rem; }
.related-head { font-size: .92rem; color: #444; }
ul.related { margin: 0; font-size: .92rem; }
.fix { color: var(--ok); }
.safety { color: #666; font-size: .85rem; }
table.coverage tr.verified .status { color: var(--ok); }
table.coverage tr.differs .status { color: var(--error); font-weight: bold; }
table.coverage tr.skipped .status { color: #777; }
.reason { color: #666; font-size: .9rem; }
.status { white-space: nowrap; width: 5em; }
@media print { th { position: static; } .hint { display: none; } }
"#;

/// Sorts the summary table by the column clicked: numbers by their value,
/// words in Chinese order; a second click reverses.
const SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () {
      var num = th.classList.contains("num");
      var was = th.getAttribute("aria-sort");
      var desc = was ? was === "ascending" : num;
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) { var c = row.cells[col]; return num ? Number(c.getAttribute("data-v")) : c.textContent; };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = num ? x - y : String(x).localeCompare(String(y), "zh");
        return desc ? -c : c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", desc ? "descending" : "ascending");
    });
  });
});
"#;
