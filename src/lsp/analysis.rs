//! The analysis task of one document: wait to be woken, analyse the latest
//! text on a blocking thread, publish if that text is still the latest.
//!
//! Wakes coalesce ([`Notify`] keeps one permit), so a burst of edits that
//! arrives during an analysis costs one more analysis, of the latest text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use tokio::sync::Notify;
use tower_lsp_server::ls_types::{MessageType, Uri};

use super::documents::{lock, Job, Snapshot};
use super::server::Shared;
use super::settings::{FileConfigs, Settings};
use super::to_proto::Locator;
use super::AnalyzeFn;
use crate::text::{ColumnUnit, LineIndex};
use crate::{Analyzer, Config};

pub async fn run(shared: Arc<Shared>, uri: Uri, id: u64, wake: Arc<Notify>) {
    loop {
        wake.notified().await;
        let Some(mut job) = shared.documents.job(&uri, id) else { return };
        if let Some(stale) = job.stale.take() {
            // Freed beside the analysis, not before it.
            tokio::task::spawn_blocking(move || drop(stale));
        }
        let (generation, settings) = shared.settings();
        let (unit, analyze, task_uri, version) = (shared.unit(), shared.options.analyze, uri.clone(), job.version);
        let task_shared = shared.clone();
        let built = tokio::task::spawn_blocking(move || {
            let input = Input { uri: &task_uri, settings: &settings, configs: &task_shared.file_configs, unit, analyze };
            snapshot(&input, job, generation)
        })
        .await;
        let (snapshot, problems) = built.unwrap_or_else(|e| {
            // Only the conversion can get here (the analysis catches its own
            // panics): the document gets no diagnostics, as after a panic.
            (Snapshot::empty(uri.clone(), version, generation), vec![Problem::Panic(e.to_string())])
        });
        for problem in problems {
            match problem {
                Problem::Panic(p) => {
                    let message = format!("gouji panicked while analysing {} (version {version}): {p}", uri.as_str());
                    shared.log(MessageType::ERROR, message).await;
                }
                Problem::Config(e) => {
                    shared.log(MessageType::WARNING, format!("gouji.toml not used: {e}")).await;
                    shared.client.show_message(MessageType::WARNING, format!("gouji.toml not used: {e}")).await;
                }
            }
        }
        let snapshot = Arc::new(snapshot);
        shared.documents.store(&uri, id, snapshot.clone());
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
    shared.client.publish_diagnostics(snapshot.uri.clone(), snapshot.diagnostics.clone(), Some(snapshot.version)).await;
}

/// What went wrong while making a snapshot, to log.
enum Problem {
    Panic(String),
    Config(String),
}

struct Input<'a> {
    uri: &'a Uri,
    settings: &'a Settings,
    configs: &'a FileConfigs,
    unit: ColumnUnit,
    analyze: AnalyzeFn,
}

impl Snapshot {
    fn empty(uri: Uri, version: i32, settings_generation: u64) -> Snapshot {
        let text = String::new();
        let index = LineIndex::new(&text);
        Snapshot { uri, version, settings_generation, text, index, analysis: None, reported: Vec::new(), diagnostics: Vec::new() }
    }
}

/// Analyses a document under the configuration `gouji check` would use
/// for it, with the client's settings over it, catching a panic: the
/// document then has no diagnostics, and its analyser starts afresh.
fn snapshot(input: &Input, job: Job, generation: u64) -> (Snapshot, Vec<Problem>) {
    let mut problems = Vec::new();
    let text = job.rope.to_string();
    let path = input.uri.to_file_path();
    let (file, error) = path.as_deref().map_or((None, None), |p| input.configs.for_path(p));
    problems.extend(error.map(Problem::Config));
    let config = input.settings.over(file.as_deref().map_or(&Config::default(), |f| &f.config));
    let relative = file.as_deref().zip(path.as_deref()).and_then(|(f, p)| f.relative(p));
    let excluded = file.as_deref().zip(path.as_deref()).is_some_and(|(f, p)| f.excludes(p));
    let analyzed = {
        let mut analyzer = lock(&job.analyzer);
        let result = catch_unwind(AssertUnwindSafe(|| {
            let analysis = (input.analyze)(&mut analyzer, &text, &config);
            let reported = if excluded { Vec::new() } else { config.apply(analysis.diagnostics.clone(), &text, relative.as_deref(), job.markdown) };
            (analysis, reported)
        }));
        if result.is_err() {
            *analyzer = Analyzer::default();
        }
        result
    };
    let (analysis, reported) = match analyzed {
        Ok((analysis, reported)) => (Some(Arc::new(analysis)), reported),
        Err(payload) => {
            problems.push(Problem::Panic(panic_message(payload.as_ref())));
            (None, Vec::new())
        }
    };
    let index = LineIndex::new(&text);
    let locator = Locator { uri: input.uri, text: &text, index: &index, unit: input.unit };
    let diagnostics = reported.iter().map(|d| locator.diagnostic(d, job.version)).collect();
    let snapshot = Snapshot { uri: input.uri.clone(), version: job.version, settings_generation: generation, text, index, analysis, reported, diagnostics };
    (snapshot, problems)
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload.downcast_ref::<&str>().map(|s| (*s).to_owned()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_else(|| "(no message)".to_owned())
}
