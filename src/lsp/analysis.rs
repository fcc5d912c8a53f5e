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
use super::to_proto::Locator;
use super::AnalyzeFn;
use crate::text::{ColumnUnit, LineIndex};
use crate::Analyzer;

pub async fn run(shared: Arc<Shared>, uri: Uri, id: u64, wake: Arc<Notify>) {
    loop {
        wake.notified().await;
        let Some(job) = shared.documents.job(&uri, id) else { return };
        let (generation, settings) = shared.settings();
        let unit = shared.unit();
        let analyze = shared.options.analyze;
        let (task_uri, version) = (uri.clone(), job.version);
        let built = tokio::task::spawn_blocking(move || snapshot(&task_uri, job, generation, &settings, unit, analyze)).await;
        let (snapshot, panic) = built.unwrap_or_else(|e| {
            // Only the conversion can get here (the analysis catches its own
            // panics): the document gets no diagnostics, as after a panic.
            let empty = Snapshot {
                uri: uri.clone(),
                version,
                settings_generation: generation,
                text: String::new(),
                index: LineIndex::new(""),
                analysis: None,
                diagnostics: Vec::new(),
            };
            (empty, Some(e.to_string()))
        });
        if let Some(panic) = panic {
            shared.log(MessageType::ERROR, format!("gouji panicked while analysing {} (version {}): {panic}", uri.as_str(), snapshot.version)).await;
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

/// Analyses a document (or reuses the previous analysis when only the
/// settings changed), catching a panic: the document then has no
/// diagnostics, and its analyser starts afresh.
fn snapshot(uri: &Uri, job: Job, generation: u64, settings: &super::Settings, unit: ColumnUnit, analyze: AnalyzeFn) -> (Snapshot, Option<String>) {
    let text = job.rope.to_string();
    let reuse = job.previous.as_ref().and_then(|p| p.analysis.clone());
    let mut panic = None;
    let analysis = match reuse {
        Some(analysis) => Some(analysis),
        None => {
            let mut analyzer = lock(&job.analyzer);
            match catch_unwind(AssertUnwindSafe(|| analyze(&mut analyzer, &text))) {
                Ok(analysis) => Some(Arc::new(analysis)),
                Err(payload) => {
                    *analyzer = Analyzer::default();
                    panic = Some(panic_message(payload.as_ref()));
                    None
                }
            }
        }
    };
    let index = LineIndex::new(&text);
    let diagnostics = analysis.as_ref().map_or_else(Vec::new, |analysis| {
        let locator = Locator { uri, text: &text, index: &index, unit };
        analysis.diagnostics.iter().filter_map(|d| locator.diagnostic(d, settings, job.version)).collect()
    });
    let snapshot = Snapshot { uri: uri.clone(), version: job.version, settings_generation: generation, text, index, analysis, diagnostics };
    (snapshot, panic)
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}
