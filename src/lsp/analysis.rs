//! The analysis task of one document: wait to be woken, analyse the latest
//! text on a blocking thread, publish if that text is still the latest.
//!
//! Wakes coalesce ([`Notify`] keeps one permit), so a burst of edits that
//! arrives during an analysis costs one more analysis, of the latest text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use serde::Serialize;
use serde_json::value::RawValue;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::{notification, MessageType, Uri};

use super::documents::{lock, Job, Snapshot};
use super::server::Shared;
use super::settings::{FileConfigs, Settings};
use super::to_proto::{Locator, ProtoDiagnostic, Published};
use super::AnalyzeFn;
use crate::message::Lang;
use crate::text::{Change, ColumnUnit, LineIndex};
use crate::diagnostic::OtherDocument;
use crate::{Analysis, Analyzer, Config, Diagnostic};

pub async fn run(shared: Arc<Shared>, uri: Uri, id: u64, wake: Arc<Notify>) {
    loop {
        wake.notified().await;
        let Some(mut job) = shared.documents.job(&uri, id) else { return };
        let (last, stale) = job.stale.take().map(Last::of).unzip();
        let stale = stale.flatten();
        let (generation, settings) = shared.settings();
        let (unit, analyze, task_uri, version) = (shared.unit(), shared.options.analyze, uri.clone(), job.version);
        let lang = shared.lang();
        let (analysed, analysed_index) = (job.text.clone(), job.index.clone());
        let task_shared = shared.clone();
        let built = tokio::task::spawn_blocking(move || {
            // Freed before the next analysis is built, so that the two are
            // never held at once.
            drop(stale);
            let input = Input { uri: &task_uri, settings: &settings, configs: &task_shared.file_configs, unit, analyze, lang };
            snapshot(&input, job, last, generation)
        })
        .await;
        let (snapshot, problems) = built.unwrap_or_else(|e| {
            // Only the conversion can get here (the analysis catches its own
            // panics): the document gets no diagnostics, as after a panic.
            (Snapshot::empty(uri.clone(), version, generation, analysed.clone().shared(), analysed_index, lang), vec![Problem::Panic(e.to_string())])
        });
        for problem in problems {
            match problem {
                Problem::Panic(p) => {
                    let message = format!("gouji panicked while analysing {} (version {version}): {p}", uri.as_str());
                    shared.log(MessageType::ERROR, message).await;
                }
                Problem::Config(e) => {
                    let message = crate::message::Message::ConfigNotUsed { error: e }.text(snapshot.lang);
                    shared.log(MessageType::WARNING, message.clone()).await;
                    shared.client.show_message(MessageType::WARNING, message).await;
                }
            }
        }
        let snapshot = Arc::new(snapshot);
        shared.documents.store(&uri, id, snapshot.clone(), &analysed);
        drop(analysed);
        if !shared.pull() {
            publish(&shared, id, &snapshot).await;
        }
    }
}

/// Pushes a snapshot's diagnostics, unless the document has moved on (or
/// closed, or the settings changed) since: a newer snapshot is on its way.
/// Publishing is serialised, and the check made under the same lock, so an
/// older version's diagnostics never follow a newer one's.
async fn publish(shared: &Shared, id: u64, snapshot: &Snapshot) {
    let _publishing = shared.publishing.lock().await;
    if shared.documents.version_of(&snapshot.uri, id) != Some(snapshot.version) || shared.settings().0 != snapshot.settings_generation {
        return;
    }
    send_diagnostics(shared, &snapshot.uri, &snapshot.diagnostics, Some(snapshot.version)).await;
}

/// Sends `textDocument/publishDiagnostics` through the outbox, the
/// diagnostics copied from the JSON they are held as. Every publishing of
/// diagnostics goes this way, under `shared.publishing`, so that they reach
/// the client in the order they were decided on.
pub async fn send_diagnostics(shared: &Shared, uri: &Uri, diagnostics: &[Arc<ProtoDiagnostic>], version: Option<i32>) {
    /// `PublishDiagnosticsParams`, with the diagnostics as JSON.
    #[derive(Serialize)]
    struct Params<'a> {
        uri: &'a Uri,
        diagnostics: Vec<&'a RawValue>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }
    let params = Params { uri, diagnostics: diagnostics.iter().map(|d| d.json()).collect(), version };
    shared.outbox.notify(<notification::PublishDiagnostics as notification::Notification>::METHOD, &params).await;
}

/// What a snapshot takes from the one before: its text, to find what the
/// edits since changed, and its diagnostics, to reuse those the edits left
/// alone.
struct Last {
    text: Arc<str>,
    /// How many lines the text had.
    lines: usize,
    reported: Vec<Diagnostic>,
    diagnostics: Vec<Arc<ProtoDiagnostic>>,
    /// The language they were published in.
    lang: Lang,
}

impl Last {
    /// Takes what the next snapshot reuses, and the analysis, to free (off
    /// the runtime's threads: it can take a millisecond).
    fn of(stale: Arc<Snapshot>) -> (Last, Option<Arc<Analysis>>) {
        match Arc::try_unwrap(stale) {
            Ok(Snapshot { text, index, reported, diagnostics, analysis, lang, .. }) => (Last { text, lines: index.line_count(), reported, diagnostics, lang }, analysis),
            // A request still reads it.
            Err(stale) => {
                let (reported, diagnostics) = (stale.reported.clone(), stale.diagnostics.clone());
                (Last { text: stale.text.clone(), lines: stale.index.line_count(), reported, diagnostics, lang: stale.lang }, None)
            }
        }
    }
}

/// What went wrong while making a snapshot, to log.
enum Problem {
    Panic(String),
    Config(Box<crate::message::Message>),
}

struct Input<'a> {
    uri: &'a Uri,
    settings: &'a Settings,
    configs: &'a FileConfigs,
    unit: ColumnUnit,
    analyze: AnalyzeFn,
    /// The language unless the file's `gouji.toml` names one: the client's
    /// locale, else the server's environment.
    lang: Lang,
}

impl Snapshot {
    /// A snapshot of a text without diagnostics.
    fn empty(uri: Uri, version: i32, settings_generation: u64, text: Arc<str>, index: Arc<LineIndex>, lang: Lang) -> Snapshot {
        Snapshot { uri, version, settings_generation, lang, text, index, analysis: None, reported: Vec::new(), diagnostics: Vec::new() }
    }
}

/// Analyses a document under the configuration `gouji check` would use
/// for it, with the client's settings over it, catching a panic: the
/// document then has no diagnostics, and its analyser starts afresh.
fn snapshot(input: &Input, job: Job, last: Option<Last>, generation: u64) -> (Snapshot, Vec<Problem>) {
    let mut problems = Vec::new();
    let text = job.text;
    // The change since the last text, found before the analysis so that
    // the last text is not held through it.
    let last = last.map(|Last { text: last_text, lines, reported, diagnostics, lang }| (Change::between(&last_text, &text), lines, reported, diagnostics, lang));
    let path = input.uri.to_file_path();
    let (file, error) = path.as_deref().map_or((None, None), |p| input.configs.for_path(p));
    problems.extend(error.map(Problem::Config));
    let config = input.settings.over(file.as_deref().map_or(&Config::default(), |f| &f.config));
    let lang = config.lang.unwrap_or(input.lang);
    let relative = file.as_deref().zip(path.as_deref()).and_then(|(f, p)| f.relative(p));
    let excluded = file.as_deref().zip(path.as_deref()).is_some_and(|(f, p)| f.excludes(p));
    // The other documents `[[previous]]` names for the draft (issue 18),
    // read from disk.
    let others = match file.as_deref().zip(relative.as_deref()) {
        Some((f, rel)) => {
            let (previous, budget) = f.config.others(&f.root, rel);
            let named = [(OtherDocument::Previous, previous), (OtherDocument::Budget, budget)];
            named.into_iter().filter_map(|(document, path)| Some((document, other_document(&path?, &config)?))).collect()
        }
        None => Vec::new(),
    };
    let analyzed = {
        let mut analyzer = lock(&job.analyzer);
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut analysis = (input.analyze)(&mut analyzer, &text, &config);
            // Held once, as reported.
            let mut diagnostics = std::mem::take(&mut analysis.diagnostics);
            if !others.is_empty() {
                diagnostics.extend(across_documents(&text, &analysis, &others, &config));
                diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
            }
            let reported = if excluded { Vec::new() } else { config.apply(diagnostics, &text, relative.as_deref(), job.markdown) };
            (analysis, reported, analyzer.text())
        }));
        if result.is_err() {
            *analyzer = Analyzer::default();
        }
        result
    };
    let (analysis, mut reported, read) = match analyzed {
        Ok((analysis, reported, read)) => (Some(Arc::new(analysis)), reported, Some(read)),
        Err(payload) => {
            problems.push(Problem::Panic(panic_message(payload.as_ref())));
            (None, Vec::new(), None)
        }
    };
    // The text as the analyser keeps it, held once (the document takes it
    // too).
    let text: Arc<str> = read.filter(|read| **read == *text).unwrap_or_else(|| text.shared());
    // Diagnostics published in another language are not reused.
    let published = last.as_ref().filter(|l| l.4 == lang).map(|(change, lines, reported, diagnostics, _)| Published { reported, diagnostics, change: *change, lines: *lines });
    let index = job.index;
    let locator = Locator { uri: input.uri, text: &text, index: &index, unit: input.unit };
    let diagnostics = locator.diagnostics(&mut reported, published.as_ref(), lang);
    let snapshot = Snapshot { uri: input.uri.clone(), version: job.version, settings_generation: generation, lang, text, index, analysis, reported, diagnostics };
    (snapshot, problems)
}

/// A document another draft is checked against, as last read from disk.
pub struct OtherText {
    /// As the notes name it.
    shown: String,
    text: String,
    analysis: Analysis,
}

/// The documents read for other drafts, by path, with when each was
/// modified: read again only when its file changes.
type OtherCache = std::collections::HashMap<std::path::PathBuf, (Option<std::time::SystemTime>, Arc<OtherText>)>;

/// Reads (or takes from the cache) another document; `None` when it
/// cannot be read (the draft is then checked alone).
fn other_document(path: &std::path::Path, config: &Config) -> Option<Arc<OtherText>> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<OtherCache>> = std::sync::OnceLock::new();
    let modified = std::fs::metadata(path).ok()?.modified().ok();
    let cache = CACHE.get_or_init(Default::default);
    if let Some((when, other)) = cache.lock().ok()?.get(path) {
        if *when == modified && modified.is_some() {
            return Some(other.clone());
        }
    }
    let bytes = std::fs::read(path).ok()?;
    let text = crate::cli::decode(&bytes).ok()?.text;
    let analysis = crate::analyze_with(&text, config);
    let other = Arc::new(OtherText { shown: path.display().to_string(), text, analysis });
    cache.lock().ok()?.insert(path.to_path_buf(), (modified, other.clone()));
    Some(other)
}

/// The draft's diagnostics against the other documents, their places named.
fn across_documents(text: &str, analysis: &Analysis, others: &[(OtherDocument, Arc<OtherText>)], config: &Config) -> Vec<Diagnostic> {
    use crate::checks::across::{compare, name_places, Document};
    let other = |d: OtherDocument| others.iter().find(|o| o.0 == d).map(|o| Document::new(&o.1.text, &o.1.analysis));
    let mut found = compare(Document::new(text, analysis), other(OtherDocument::Previous), other(OtherDocument::Budget), config.tolerance.unwrap_or_default());
    let files: Vec<(OtherDocument, &str, &str)> = others.iter().map(|o| (o.0, o.1.shown.as_str(), o.1.text.as_str())).collect();
    name_places(&mut found.diagnostics, &files);
    found.diagnostics
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload.downcast_ref::<&str>().map(|s| (*s).to_owned()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_else(|| "(no message)".to_owned())
}
