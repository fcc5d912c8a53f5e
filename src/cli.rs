//! The command line's edge: reading files and folders in any of the usual
//! encodings, running the analysis, writing reports and exit codes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, GB18030, UTF_8};
use rayon::prelude::*;

use crate::checks::RULES;
use crate::config::{Config, IgnoreUse};
use crate::diagnostic::{Diagnostic, OtherDocument, Severity};
use crate::input::{Document, Kind};
use crate::message::{IoCause, Lang, Message, NotText};
use crate::render::{self, File};
use crate::text::LineIndex;

/// Exit status: nothing at error level.
pub const EXIT_CLEAN: i32 = 0;
/// Exit status: something at error level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_TROUBLE: i32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source lines with the figures underlined, as rustc and ruff do.
    Human,
    /// JSON Lines: one object per diagnostic.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// One self-contained HTML page reviewing every file checked.
    Html,
}

/// A decoded draft, with what is needed to write it back the same way.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub encoding: &'static Encoding,
    pub bom: bool,
}

/// Decodes a draft: a BOM decides (UTF-8, UTF-16LE/BE); otherwise UTF-8 if
/// valid, else GB18030 (which covers GBK). Anything with NUL bytes or that
/// decodes with errors is not a text file.
pub fn decode(bytes: &[u8]) -> Result<Source, NotText> {
    decode_cow(Cow::Borrowed(bytes))
}

/// [`decode`], the bytes taken: a UTF-8 draft's text is its bytes, not a
/// copy of them.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Source, NotText> {
    decode_cow(Cow::Owned(bytes))
}

fn decode_cow(bytes: Cow<[u8]>) -> Result<Source, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors || text.contains('\0') {
            return Err(NotText::BadEncoding { encoding: encoding.name().to_string() });
        }
        return Ok(Source { text: text.into_owned(), encoding, bom: true });
    }
    if bytes.contains(&0) {
        return Err(NotText::Nul);
    }
    // encoding_rs's check, with simdutf8's SIMD code where the processor
    // has AVX2 or SSE 4.2: the standard library's, a character at a time
    // over Chinese text, took 3% of a check of real text.
    if Encoding::utf8_valid_up_to(&bytes) == bytes.len() {
        // SAFETY: `utf8_valid_up_to` has just found all of `bytes` valid UTF-8.
        let text = unsafe { String::from_utf8_unchecked(bytes.into_owned()) };
        return Ok(Source { text, encoding: UTF_8, bom: false });
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(&bytes);
    if had_errors {
        return Err(NotText::Unknown);
    }
    Ok(Source { text: text.into_owned(), encoding: GB18030, bom: false })
}

/// Where a draft comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

/// Expands folders to the `.txt` and `.md` files inside (in any case:
/// `.TXT` too), recursively and sorted, walked as ripgrep walks them:
/// `.gitignore` and `.ignore` files are honoured (in a git repository or
/// not), hidden files and folders and `node_modules` are skipped. A file
/// named on the command line is read whatever its name. Paths that cannot
/// be read are returned apart, each with what went wrong, and the others
/// are expanded all the same.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<Message>) {
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, &mut failures);
            found.sort();
            out.extend(found.into_iter().map(Input::Path));
        } else if p.exists() {
            out.push(Input::Path(p.clone()));
        } else {
            failures.push(Message::NoSuchPath { path: p.display().to_string() });
        }
    }
    (out, failures)
}

/// Whether a file found in a folder is a draft: `.txt`, `.md`, `.docx`,
/// `.xlsx` or `.xls`, in any case.
fn is_draft(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| ["txt", "md"].iter().chain(&Kind::WALKED).any(|d| e.eq_ignore_ascii_case(d)))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, failures: &mut Vec<Message>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(|e| !(e.file_name() == "node_modules" && e.file_type().is_some_and(|t| t.is_dir())))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) && is_draft(entry.path()) => out.push(entry.into_path()),
            Ok(_) => {}
            // An unreadable folder or file; a bad line of a `.gitignore` only
            // leaves that line out, as in ripgrep.
            Err(e) if e.io_error().is_some() => failures.push(walk_error(dir, &e)),
            Err(_) => {}
        }
    }
}

/// A walker's error: the path it names (else the folder walked) and the
/// system's error.
fn walk_error(dir: &Path, e: &ignore::Error) -> Message {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => path_of(err),
            _ => None,
        }
    }
    let path = path_of(e).unwrap_or(dir).display().to_string();
    let cause = e.io_error().map_or_else(|| IoCause::Other(e.to_string()), IoCause::of);
    Message::CannotRead { path, cause }
}

/// Reads a draft: text decoded, or a Word or Excel file read into the
/// text the engine reads and the map back to its paragraphs and cells.
fn load(input: &Input) -> Result<(Source, Option<Document>), Box<Message>> {
    let bytes = read(input)?;
    let path = input.display();
    match input {
        Input::Path(p) if Kind::of(&p.to_string_lossy()) != Kind::Text => {
            let doc = crate::input::read(Kind::of(&p.to_string_lossy()), &bytes).map_err(|error| Message::InFile { path, error: Box::new(error) })?;
            Ok((Source { text: doc.text.clone(), encoding: UTF_8, bom: false }, Some(doc)))
        }
        _ => decode_owned(bytes).map(|s| (s, None)).map_err(|why| Box::new(Message::NotText { path, why })),
    }
}

/// `gouji extract FILE`: the text of a draft exactly as `check` reads it.
pub fn extract(path: &Path, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let input = if path.as_os_str() == "-" { Input::Stdin } else { Input::Path(path.to_path_buf()) };
    match load(&input) {
        Ok((source, document)) => match out.write_all(source.text.as_bytes()) {
            Ok(()) if document.as_ref().is_some_and(|d| !d.warnings.is_empty()) => {
                for w in document.iter().flat_map(|d| &d.warnings) {
                    let _ = writeln!(err, "gouji: {}", Message::InFile { path: input.display(), error: Box::new(w.clone()) }.text(lang));
                }
                EXIT_CLEAN
            }
            Ok(()) => EXIT_CLEAN,
            Err(_) => EXIT_TROUBLE,
        },
        Err(e) => {
            let _ = writeln!(err, "gouji: {}", e.text(lang));
            EXIT_TROUBLE
        }
    }
}

fn read(input: &Input) -> Result<Vec<u8>, Box<Message>> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).map_err(|e| Message::CannotRead { path: "-".into(), cause: IoCause::of(&e) })?;
            Ok(buf)
        }
        Input::Path(p) => std::fs::read(p).map_err(|e| Message::CannotRead { path: p.display().to_string(), cause: IoCause::of(&e) }.into()),
    }
}

/// Options of `gouji check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub color: bool,
    /// Use this configuration instead of looking for `gouji.toml`.
    pub config: Option<PathBuf>,
    /// Apply safe fixes in place.
    pub fix: bool,
    /// Show the safe fixes as a unified diff, writing nothing.
    pub diff: bool,
    /// After each file's diagnostics, list the standard ties between its
    /// tables that were verified, and those skipped with the reason.
    pub coverage: bool,
    /// Last year's disclosure of the drafts (`--previous`), over
    /// `[[previous]]` in gouji.toml.
    pub previous: Option<PathBuf>,
    /// The same year's 预算公开 of the 决算 drafts (`--budget`).
    pub budget: Option<PathBuf>,
    /// The language of messages: `--lang`, over `lang` in gouji.toml, over `env_lang`.
    pub lang: Option<Lang>,
    /// The language of the environment (`LC_ALL`, `LANG`), read by the caller.
    pub env_lang: Lang,
    /// Write the report to this file instead of standard output.
    pub output: Option<PathBuf>,
    /// Show a progress bar on standard error when folders are checked
    /// (the caller says whether standard error is a terminal).
    pub progress: bool,
}

/// A configuration and the folder its paths are relative to.
#[derive(Debug, Clone, Default)]
struct Found {
    config: Config,
    root: Option<PathBuf>,
    /// The file and its text, to report an unused `[[ignore]]` entry at its line.
    file: Option<(PathBuf, std::sync::Arc<str>)>,
}

/// Finds and reads configurations: `--config`, or the nearest `gouji.toml`
/// above each file, read once per folder. A configuration that cannot be
/// read is an error for the first file under it, and leaves the other
/// files under it unchecked without saying so again.
struct Configs {
    explicit: Option<Found>,
    by_dir: HashMap<PathBuf, Result<Found, PathBuf>>,
    failed: Vec<PathBuf>,
}

impl Configs {
    fn new(explicit: Option<&Path>) -> Result<Self, Box<Message>> {
        let explicit = explicit.map(read_config).transpose()?;
        Ok(Configs { explicit, by_dir: HashMap::new(), failed: Vec::new() })
    }

    /// The configuration of a file; `Err(None)` when it is one that could
    /// not be read and was reported already.
    fn for_file(&mut self, input: &Input) -> Result<Found, Option<Box<Message>>> {
        if let Some(found) = &self.explicit {
            return Ok(found.clone());
        }
        let dir = match input {
            Input::Stdin => std::env::current_dir().map_err(|e| Some(Message::CannotRead { path: "-".into(), cause: IoCause::of(&e) }.into()))?,
            Input::Path(p) => std::path::absolute(p).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default(),
        };
        if let Some(found) = self.by_dir.get(&dir) {
            return found.clone().map_err(|_| None);
        }
        let (found, error) = match dir.ancestors().map(|d| d.join("gouji.toml")).find(|p| p.is_file()) {
            Some(path) if self.failed.contains(&path) => (Err(path), None),
            Some(path) => match read_config(&path) {
                Ok(found) => (Ok(found), None),
                Err(e) => {
                    self.failed.push(path.clone());
                    (Err(path), Some(e))
                }
            },
            None => (Ok(Found::default()), None),
        };
        self.by_dir.insert(dir, found.clone());
        found.map_err(|_| error)
    }
}

fn read_config(path: &Path) -> Result<Found, Box<Message>> {
    let text = std::fs::read_to_string(path).map_err(|e| Message::CannotRead { path: path.display().to_string(), cause: IoCause::of(&e) })?;
    let config = Config::from_toml(&text).map_err(|e| Box::new(e.message(path.display().to_string())))?;
    let root = std::path::absolute(path).ok().and_then(|p| p.parent().map(Path::to_path_buf));
    Ok(Found { config, root, file: Some((path.to_path_buf(), text.into())) })
}

impl Found {
    /// The file's path relative to the configuration, `/`-separated.
    fn relative(&self, input: &Input) -> Option<String> {
        let Input::Path(p) = input else { return None };
        let abs = std::path::absolute(p).ok()?;
        let rel = abs.strip_prefix(self.root.as_ref()?).ok()?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }

    /// The other documents `[[previous]]` names for a draft: last year's
    /// disclosure and the same year's budget, as paths.
    fn others(&self, input: &Input) -> (Option<PathBuf>, Option<PathBuf>) {
        let (Some(rel), Some(root)) = (self.relative(input), self.root.as_ref()) else { return (None, None) };
        self.config.others(root, &rel)
    }

    fn excludes(&self, input: &Input) -> bool {
        let Some(rel) = self.relative(input) else { return false };
        self.config.exclude.iter().any(|g| globset::Glob::new(g).is_ok_and(|g| g.compile_matcher().is_match(&rel)))
    }
}

/// Files checked at once: read and analysed on all cores, then written in
/// their order before the next ones are read, so that the output streams
/// and memory holds the results of these files only.
const CHUNK: usize = 64;

/// A file to check, with its configuration, found in the files' order.
enum Job<'a> {
    /// Its configuration could not be read: why, the first time.
    NoConfig(Option<Box<Message>>),
    /// To check, with the index of its configuration's `[[ignore]]` uses.
    Check { input: &'a Input, found: Box<Found>, uses: Option<usize> },
}

/// What checking one file gave, written in order once its chunk is done.
#[derive(Default)]
struct Outcome {
    /// Lines for standard error that are not failures.
    notes: Vec<String>,
    /// The file could not be checked (the reason, unless said already).
    failed: bool,
    failure: Option<String>,
    /// The file was read.
    read: bool,
    /// What goes to standard output, in the format asked for.
    out: Vec<u8>,
    errors: usize,
    warnings: usize,
    fixed: usize,
    /// The file's language, once its diagnostics are reported.
    lang: Option<Lang>,
    /// How the file fared with its configuration's `[[ignore]]` entries.
    uses: Option<(usize, Vec<IgnoreUse>)>,
    sarif: render::Sarif,
    review: Option<render::ReviewDoc>,
}

/// Runs `gouji check`; returns the exit status. Every path is checked
/// even when another cannot be read; each failure is named on `err`, and
/// the status is then 2. Else it is 1 when the drafts as the command leaves
/// them have something at error level (with `--fix`, what the fixes left;
/// with `--diff`, which writes nothing, the drafts as they are), else 0.
///
/// Files are read and analysed on all cores, a chunk at a time; what is
/// written is in the files' order, the same as on one core.
pub fn check(opts: &CheckOptions, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // Failures before a file's own configuration is read are in the
    // language asked for, else the environment's.
    let asked = opts.lang.unwrap_or(opts.env_lang);
    let mut configs = match Configs::new(opts.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "gouji: {}", e.text(asked));
            return EXIT_TROUBLE;
        }
    };
    let mut report_file;
    let out: &mut dyn Write = match &opts.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => {
                report_file = io::BufWriter::new(f);
                &mut report_file
            }
            Err(e) => {
                let _ = writeln!(err, "gouji: {}", Message::CannotWriteReport { path: path.display().to_string(), cause: IoCause::of(&e) }.text(asked));
                return EXIT_TROUBLE;
            }
        },
        None => out,
    };
    let (inputs, failures) = expand(&opts.paths);
    let mut review = render::Review::default();
    for e in &failures {
        let _ = writeln!(err, "gouji: {}", e.text(asked));
        review.not_checked(e.text(asked));
    }
    let mut failed = failures.len();
    // Standard output carries the diff, or the fixed text of standard input:
    // diagnostics are then counted, not shown.
    let quiet = opts.diff || opts.fix && inputs.contains(&Input::Stdin);
    let (mut errors, mut warnings, mut files, mut fixed) = (0, 0, 0, 0);
    let mut sarif = render::Sarif::default();
    let mut lang = opts.lang.unwrap_or(opts.env_lang);
    // Per configuration with `[[ignore]]` entries, how each entry fared.
    let mut ignores: Vec<(Found, Vec<IgnoreUse>)> = Vec::new();
    let bar = progress(opts.progress && inputs.len() > 1 && opts.paths.iter().any(|p| p.is_dir()), inputs.len(), asked);
    for chunk in inputs.chunks(CHUNK) {
        // The configurations, in order: each is read once, with the first file under it.
        let mut jobs = Vec::with_capacity(chunk.len());
        for input in chunk {
            let found = match configs.for_file(input) {
                Ok(f) => f,
                Err(e) => {
                    jobs.push(Job::NoConfig(e));
                    continue;
                }
            };
            if found.excludes(input) {
                bar.inc(1);
                continue;
            }
            let uses = (!found.config.ignore.is_empty()).then(|| {
                let at = ignores.iter().position(|(f, _)| f.file.as_ref().map(|f| &f.0) == found.file.as_ref().map(|f| &f.0));
                at.unwrap_or_else(|| {
                    ignores.push((found.clone(), vec![IgnoreUse::default(); found.config.ignore.len()]));
                    ignores.len() - 1
                })
            });
            jobs.push(Job::Check { input, found: Box::new(found), uses });
        }
        let outcomes: Vec<Outcome> = jobs
            .par_iter()
            .map(|job| {
                let outcome = match job {
                    Job::NoConfig(e) => Outcome { failed: true, failure: e.as_ref().map(|e| e.text(asked)), ..Outcome::default() },
                    Job::Check { input, found, uses } => check_file(input, found, *uses, opts, quiet),
                };
                bar.inc(1);
                outcome
            })
            .collect();
        for o in outcomes {
            let written = bar.suspend(|| {
                for note in &o.notes {
                    let _ = writeln!(err, "gouji: {note}");
                }
                if let Some(why) = &o.failure {
                    let _ = writeln!(err, "gouji: {why}");
                }
                out.write_all(&o.out)
            });
            if written.is_err() {
                return EXIT_TROUBLE;
            }
            if let Some(why) = o.failure {
                review.not_checked(why);
            }
            failed += usize::from(o.failed);
            files += usize::from(o.read);
            (errors, warnings, fixed) = (errors + o.errors, warnings + o.warnings, fixed + o.fixed);
            lang = o.lang.unwrap_or(lang);
            if let Some((at, uses)) = o.uses {
                for (total, used) in ignores[at].1.iter_mut().zip(uses) {
                    total.matched |= used.matched;
                    total.used |= used.used;
                }
            }
            sarif.append(o.sarif);
            review.extend(o.review);
        }
    }
    bar.finish_and_clear();
    // The `[[ignore]]` entries that accepted nothing in the drafts their
    // path matched, at their own line in `gouji.toml`.
    for (found, uses) in &ignores {
        let Some((path, text)) = &found.file else { continue };
        let diagnostics = found.config.unused_ignores(uses);
        if diagnostics.is_empty() {
            continue;
        }
        let name = shown(path);
        let index = LineIndex::new(text);
        let lang = opts.lang.or(found.config.lang).unwrap_or(opts.env_lang);
        let file = File { path: &name, text, index: &index, lang, source: None };
        match report(&file, &diagnostics, opts, quiet, &mut sarif, out) {
            Some((e, w)) => (errors, warnings) = (errors + e, warnings + w),
            None => return EXIT_TROUBLE,
        }
        if opts.format == Format::Html {
            review.push(render::ReviewDoc::new(&file, &diagnostics, &[]));
        }
    }
    match opts.format {
        Format::Sarif if !quiet => {
            let _ = writeln!(out, "{}", sarif.finish(lang));
        }
        Format::Html if !quiet => {
            let _ = writeln!(out, "{}", review.finish(lang));
        }
        // Nothing was checked: the failures named say it all.
        Format::Human if files == 0 && failed > 0 => {}
        Format::Human if opts.diff => {
            let _ = writeln!(err, "{}", render::summary(lang, files, errors, warnings, render::Fixes::Shown(fixed), failed));
        }
        Format::Human => {
            let fixes = if opts.fix { render::Fixes::Applied(fixed) } else { render::Fixes::None };
            let summary = render::summary(lang, files, errors, warnings, fixes, failed);
            let _ = if quiet { writeln!(err, "{summary}") } else { writeln!(out, "{summary}") };
        }
        _ => {}
    }
    if out.flush().is_err() {
        return EXIT_TROUBLE;
    }
    if failed > 0 {
        EXIT_TROUBLE
    } else if errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The progress bar of a long run, on standard error; hidden unless `shown`
/// (and by indicatif itself when standard error is not a terminal).
fn progress(shown: bool, files: usize, lang: Lang) -> indicatif::ProgressBar {
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(files as u64), indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} [{elapsed}]").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("█▉ "));
    bar.set_prefix(Message::Checking.text(lang));
    bar
}

/// Checks one file: reads it, analyses it, applies or shows its fixes
/// when asked, and renders what it found (into the outcome: nothing is
/// written here but a fixed draft).
fn check_file(input: &Input, found: &Found, uses_at: Option<usize>, opts: &CheckOptions, quiet: bool) -> Outcome {
    let mut o = Outcome::default();
    let name = input.display();
    let file_lang = opts.lang.or(found.config.lang).unwrap_or(opts.env_lang);
    let (mut source, document) = match load(input) {
        Ok(s) => s,
        Err(e) => return Outcome { failed: true, failure: Some(e.text(file_lang)), ..o },
    };
    o.read = true;
    for w in document.iter().flat_map(|d| &d.warnings) {
        o.notes.push(Message::InFile { path: name.clone(), error: Box::new(w.clone()) }.text(file_lang));
    }
    let markdown = Path::new(&name).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let mut uses = vec![IgnoreUse::default(); found.config.ignore.len()];
    let others = other_documents(input, found, opts, &name, file_lang, &mut o);
    let lint = |text: &str, uses: &mut [IgnoreUse]| {
        let mut analysis = crate::analyze_with(text, &found.config);
        let mut diagnostics = std::mem::take(&mut analysis.diagnostics);
        let mut across = crate::checks::across::Across::default();
        if !others.is_empty() {
            let other = |d: OtherDocument| others.iter().find(|o| o.0 == d).map(|o| crate::checks::across::Document::new(&o.2, &o.3));
            let this = crate::checks::across::Document::new(text, &analysis);
            across = crate::checks::across::compare(this, other(OtherDocument::Previous), other(OtherDocument::Budget), found.config.tolerance.unwrap_or_default());
            let files: Vec<(OtherDocument, &str, &str)> = others.iter().map(|o| (o.0, o.1.as_str(), o.2.as_str())).collect();
            crate::checks::across::name_places(&mut across.diagnostics, &files);
            diagnostics.append(&mut across.diagnostics);
            diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
        }
        (found.config.apply_counting(diagnostics, text, found.relative(input).as_deref(), markdown, uses), (analysis.ties.coverage, across, analysis.completeness))
    };
    // The text is held once: the source keeps its encoding, to write a fix back in.
    let mut text = std::mem::take(&mut source.text);
    let (mut diagnostics, mut coverage) = lint(&text, &mut uses);
    // The analysis is freed: its memory handed back before the report's.
    crate::give_back(&text);
    for m in &coverage.1.mismatched {
        o.notes.push(Message::OtherDocumentYear { document: m.document, draft: name.clone(), year: m.year, other: m.other }.text(file_lang));
    }
    if (opts.fix || opts.diff) && document.is_some() {
        o.notes.push(Message::CannotFixDocument { file: name.clone() }.text(file_lang));
    } else if opts.fix || opts.diff {
        let (new_text, applied) = crate::fix::apply(&text, &diagnostics, false);
        if opts.diff {
            if applied > 0 {
                o.out.extend_from_slice(unified_diff(&name, &text, &new_text).as_bytes());
                o.fixed += applied;
            }
        } else if let Input::Path(path) = input {
            if applied > 0 {
                if let Err(e) = write_atomically(path, &encode(&source, &new_text)) {
                    o.failed = true;
                    o.failure = Some(Message::CannotWrite { path: name.clone(), cause: IoCause::of(&e) }.text(file_lang));
                    o.uses = uses_at.map(|at| (at, uses));
                    return o;
                }
                o.fixed += applied;
                text = new_text;
                (diagnostics, coverage) = lint(&text, &mut uses);
            }
        } else {
            // Standard input: the text, fixed or not, goes to standard output.
            o.out.extend_from_slice(new_text.as_bytes());
            o.fixed += applied;
            if applied > 0 {
                text = new_text;
                (diagnostics, coverage) = lint(&text, &mut uses);
            }
        }
    }
    o.uses = uses_at.map(|at| (at, uses));
    let index = LineIndex::new(&text);
    o.lang = Some(file_lang);
    let file = File { path: &name, text: &text, index: &index, lang: file_lang, source: document.as_ref() };
    // Written into memory: it cannot fail.
    (o.errors, o.warnings) = report(&file, &diagnostics, opts, quiet, &mut o.sarif, &mut o.out).unwrap_or_default();
    let (coverage, across, completeness) = &coverage;
    if opts.coverage && !matches!(opts.format, Format::Sarif | Format::Html) && !quiet {
        o.out.extend_from_slice(render::coverage(&name, coverage, opts.format == Format::Json, file_lang).as_bytes());
        if let Some(completeness) = completeness {
            o.out.extend_from_slice(render::required(&name, completeness, &index, opts.format == Format::Json, file_lang).as_bytes());
        }
        for (document, path, _, _) in &others {
            let (verified, differs, not_found) = across.counts(*document);
            let line = Message::CrossCoverage { document: *document, path: path.clone(), verified, differs, not_found }.text(file_lang);
            let line = if opts.format == Format::Json {
                serde_json::json!({ "kind": "coverage-across", "path": name, "document": document, "other": path, "verified": verified, "differs": differs, "not_found": not_found, "message": line }).to_string()
            } else {
                format!("  {line}")
            };
            o.out.extend_from_slice(line.as_bytes());
            o.out.push(b'\n');
        }
    }
    if opts.format == Format::Html && !quiet {
        o.review = Some(render::ReviewDoc::new(&file, &diagnostics, coverage));
    }
    o
}

/// The other documents of a draft, read and analysed: last year's
/// disclosure and the same year's budget, named by `--previous` and
/// `--budget`, else by `[[previous]]`. One that cannot be read is named in
/// the outcome's notes; named on the command line, it fails the run (a
/// usage error), named by a pattern it does not (a region's first year).
fn other_documents(input: &Input, found: &Found, opts: &CheckOptions, name: &str, lang: Lang, o: &mut Outcome) -> Vec<(OtherDocument, String, String, crate::Analysis)> {
    let (from_config_previous, from_config_budget) = found.others(input);
    let mut others = Vec::new();
    for (document, asked, configured) in [(OtherDocument::Previous, &opts.previous, from_config_previous), (OtherDocument::Budget, &opts.budget, from_config_budget)] {
        let (path, explicit) = match (asked, configured) {
            (Some(p), _) => (p.clone(), true),
            (None, Some(p)) => (p, false),
            (None, None) => continue,
        };
        let shown_path = if explicit { path.display().to_string() } else { shown(&path) };
        let error = if path.is_file() {
            match load(&Input::Path(path.clone())) {
                Ok((other, _)) => {
                    let analysis = crate::analyze_with(&other.text, &found.config);
                    others.push((document, shown_path, other.text, analysis));
                    continue;
                }
                Err(e) => e,
            }
        } else if path.exists() {
            Box::new(Message::CannotRead { path: shown_path, cause: IoCause::IsADirectory })
        } else {
            Box::new(Message::NoSuchPath { path: shown_path })
        };
        o.notes.push(Message::OtherDocumentUnreadable { document, draft: name.to_string(), error }.text(lang));
        o.failed |= explicit;
    }
    others
}

/// Writes a file's diagnostics in the format asked for (or, when `quiet`,
/// only counts them); returns how many are errors and warnings, or `None`
/// when standard output is gone.
fn report(file: &File, diagnostics: &[Diagnostic], opts: &CheckOptions, quiet: bool, sarif: &mut render::Sarif, out: &mut dyn Write) -> Option<(usize, usize)> {
    let (mut errors, mut warnings) = (0, 0);
    for d in diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            _ => {}
        }
        if quiet {
            continue;
        }
        let rendered = match opts.format {
            Format::Json => render::json_line(file, d),
            Format::Human => render::human(file, d, opts.color) + "\n",
            Format::Github => render::github(file, d),
            Format::Sarif => {
                sarif.push(file, d);
                continue;
            }
            // The page is written at the end, from every file's findings.
            Format::Html => continue,
        };
        writeln!(out, "{rendered}").ok()?;
    }
    Some((errors, warnings))
}

/// A path as shown: relative to the current folder when it is inside it.
fn shown(path: &Path) -> String {
    let relative = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative.unwrap_or_else(|| path.to_path_buf()).display().to_string()
}

/// The text encoded as the draft was: same encoding, same byte order mark.
pub fn encode(source: &Source, text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    let name = source.encoding.name();
    if name == "UTF-16LE" || name == "UTF-16BE" {
        let le = name == "UTF-16LE";
        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        return out;
    }
    if source.bom {
        out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    let (bytes, _, _) = source.encoding.encode(text);
    out.extend_from_slice(&bytes);
    out
}

/// Writes beside the file, then renames over it, keeping its permissions.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.gouji-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The fixes as a unified diff.
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after).unified_diff().context_radius(2).header(&format!("a/{name}"), &format!("b/{name}")).to_string()
}

/// `gouji rules`: every rule with its summary.
pub fn rules(lang: Lang, out: &mut dyn Write) -> i32 {
    for r in RULES {
        let _ = writeln!(out, "{:<28} {:<8} {}", r.id, r.severity.as_str(), r.summary(lang));
    }
    EXIT_CLEAN
}

/// `gouji explain RULE`: one rule's documentation.
pub fn explain(id: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match crate::checks::rule(id) {
        Some(r) => {
            let _ = writeln!(out, "# {} ({})\n\n{}\n\n{}", r.id, r.severity.as_str(), r.summary(lang), r.documentation(lang).trim_end());
            EXIT_CLEAN
        }
        None => {
            let _ = writeln!(err, "gouji: {}", Message::NoSuchRule { id: id.to_string() }.text(lang));
            EXIT_TROUBLE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_encoding_to_the_same_text() {
        let text = "收入 2,306.18 万元，增长 2.8%。\r\n";
        let (gbk, _, _) = GB18030.encode(text);
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), gbk.into_owned(), utf16, bom] {
            assert_eq!(decode(&bytes).map(|s| s.text).as_deref(), Ok(text));
        }
    }

    #[test]
    fn binary_is_not_text() {
        assert!(decode(&[0x00, 0x01, 0xFF, 0x00]).is_err());
        assert!(decode(&[0xFF, 0xFF, 0xFF]).is_err());
    }
}
