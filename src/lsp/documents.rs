//! The open documents: each its text and line index, its version, its
//! analyser (which keeps the facts of the blocks it has read) and the latest
//! analysis of it.
//!
//! A document's text is not a rope: an edit makes a new text (a copy of a
//! megabyte takes tens of microseconds, far less than the analysis it
//! triggers), and once analysed the document shares the analyser's copy,
//! so that the text is held once, not as a rope beside the analyser's.
//!
//! Everything here is synchronous and runs under one plain mutex, so a
//! handler applies its edit before it first awaits anything.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{watch, Notify};
use tokio::task::AbortHandle;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::from_proto;
use super::to_proto::ProtoDiagnostic;
use crate::text::{Change, ColumnUnit, LineIndex};
use crate::{Analysis, Analyzer, Diagnostic};

/// Locks a mutex, taking the data of a poisoned one: every critical section
/// here leaves the data whole, and a panic elsewhere must not stop the
/// server.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One analysis of one version of a document.
#[derive(Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    /// The generation of the settings it was made under.
    pub settings_generation: u64,
    /// The language its diagnostics and hovers are written in.
    pub lang: crate::message::Lang,
    /// The text analysed (always: a snapshot's text is the text it was
    /// made of). Shared with the document's analyser, which keeps the text
    /// it read last, and with the document while it has not changed.
    pub text: Arc<str>,
    /// Shared with the document while it has not changed.
    pub index: Arc<LineIndex>,
    /// `None` when the analysis panicked. Its diagnostics are taken out:
    /// `reported` holds them.
    pub analysis: Option<Arc<Analysis>>,
    /// What is reported: the analysis's diagnostics with the configuration
    /// applied (levels, suppressions), as `gouji check` reports them.
    pub reported: Vec<Diagnostic>,
    /// The same, as published: positions in the client's unit. Shared with
    /// the snapshots before and after it where they did not change.
    pub diagnostics: Vec<Arc<ProtoDiagnostic>>,
}

#[derive(Debug)]
pub struct Document {
    /// Distinguishes this opening of the document from an earlier one.
    pub id: u64,
    pub text: Text,
    /// The line index of `text`, followed through each edit.
    pub index: Arc<LineIndex>,
    pub version: i32,
    pub analyzer: Arc<Mutex<Analyzer>>,
    /// Markdown enables `<!-- gouji-ignore -->` comments.
    pub markdown: bool,
    /// Wakes the document's analysis task; wakes coalesce.
    pub wake: Arc<Notify>,
    /// The latest snapshot, for requests that wait for the current one.
    pub latest: watch::Sender<Option<Arc<Snapshot>>>,
    task: Option<AbortHandle>,
}

impl Drop for Document {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

/// A document's text: as the client made it, or, once analysed, the
/// analyser's copy of it. An edited text is never converted to an
/// `Arc<str>`: that would be one more copy, held beside the first while it
/// is made, and the analyser makes its own anyway.
#[derive(Debug, Clone)]
pub enum Text {
    Edited(Arc<String>),
    Analysed(Arc<str>),
}

impl Text {
    /// Is it the very same text (not only equal)?
    pub fn same(&self, other: &Text) -> bool {
        match (self, other) {
            (Text::Edited(a), Text::Edited(b)) => Arc::ptr_eq(a, b),
            (Text::Analysed(a), Text::Analysed(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// As an `Arc<str>` (a copy, unless it was analysed).
    pub fn shared(self) -> Arc<str> {
        match self {
            Text::Edited(text) => Arc::from(text.as_str()),
            Text::Analysed(text) => text,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Edited(text) => text,
            Text::Analysed(text) => text,
        }
    }
}

/// What the analysis task needs to analyse a document once.
pub struct Job {
    pub version: i32,
    pub text: Text,
    pub index: Arc<LineIndex>,
    pub analyzer: Arc<Mutex<Analyzer>>,
    pub markdown: bool,
    /// The previous snapshot: its diagnostics are reused where an edit
    /// left them alone, and the rest is dropped off the document's lock (it
    /// can take a millisecond to free a large one).
    pub stale: Option<Arc<Snapshot>>,
}

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    NotOpen,
    NotNewer { current: i32 },
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejected::NotOpen => f.write_str("the document is not open"),
            Rejected::NotNewer { current } => write!(f, "its version is not newer than {current}"),
        }
    }
}

#[derive(Debug, Default)]
pub struct Documents {
    docs: Mutex<HashMap<Uri, Document>>,
    next_id: AtomicU64,
}

impl Documents {
    /// Opens (or reopens) a document; returns its id and the handle that
    /// wakes its analysis. The caller starts the task and hands it over
    /// with [`Documents::attach`].
    pub fn open(&self, uri: Uri, text: String, version: i32, language_id: &str) -> (u64, Arc<Notify>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let wake = Arc::new(Notify::new());
        let path = uri.path().as_str().to_ascii_lowercase();
        let doc = Document {
            id,
            index: Arc::new(LineIndex::new(&text)),
            text: Text::Edited(Arc::new(text)),
            version,
            analyzer: Arc::default(),
            markdown: language_id == "markdown" || path.ends_with(".md") || path.ends_with(".markdown"),
            wake: wake.clone(),
            latest: watch::Sender::new(None),
            task: None,
        };
        lock(&self.docs).insert(uri, doc);
        wake.notify_one();
        (id, wake)
    }

    /// Gives the document its analysis task (aborted when it closes).
    pub fn attach(&self, uri: &Uri, id: u64, task: AbortHandle) {
        match lock(&self.docs).get_mut(uri).filter(|d| d.id == id) {
            Some(doc) => doc.task = Some(task),
            None => task.abort(),
        }
    }

    /// Applies the changes of one `didChange`, in order, each clamped to
    /// the text as the previous one left it. The line index follows each
    /// change (the next one's positions are in the text it left).
    pub fn change(&self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>, unit: ColumnUnit) -> Result<(), Rejected> {
        let mut docs = lock(&self.docs);
        let doc = docs.get_mut(uri).ok_or(Rejected::NotOpen)?;
        if version <= doc.version {
            return Err(Rejected::NotNewer { current: doc.version });
        }
        // Copied once per `didChange`, however many changes it has.
        let mut edited: Option<String> = None;
        for change in changes {
            match change.range {
                Some(range) => {
                    let text = edited.get_or_insert_with(|| String::from(&*doc.text));
                    let bytes = from_proto::range(&doc.index, text, range, unit);
                    let edit = Change { start: bytes.start, old_end: bytes.end, new_end: bytes.start + change.text.len() };
                    text.replace_range(bytes, &change.text);
                    Arc::make_mut(&mut doc.index).edit(text, edit);
                }
                None => {
                    doc.index = Arc::new(LineIndex::new(&change.text));
                    edited = Some(change.text);
                }
            }
        }
        if let Some(text) = edited {
            doc.text = Text::Edited(Arc::new(text));
        }
        doc.version = version;
        doc.wake.notify_one();
        Ok(())
    }

    /// Closes a document: it is forgotten, its analysis stopped.
    pub fn close(&self, uri: &Uri) -> bool {
        lock(&self.docs).remove(uri).is_some()
    }

    /// Asks for a new analysis of a document even if it has not changed.
    pub fn reanalyse(&self, uri: &Uri) -> bool {
        let docs = lock(&self.docs);
        let Some(doc) = docs.get(uri) else { return false };
        doc.wake.notify_one();
        true
    }

    /// Wakes the analysis of every document (after the settings changed).
    pub fn wake_all(&self) {
        for doc in lock(&self.docs).values() {
            doc.wake.notify_one();
        }
    }

    /// What the analysis task of document `id` needs now; `None` once the
    /// document is closed (or reopened, which starts another task).
    pub fn job(&self, uri: &Uri, id: u64) -> Option<Job> {
        let docs = lock(&self.docs);
        let doc = docs.get(uri).filter(|d| d.id == id)?;
        // The old analysis is of no more use (requests wait for the new
        // one): the caller frees it while the new one is built.
        let stale = doc.latest.send_replace(None);
        Some(Job { version: doc.version, text: doc.text.clone(), index: doc.index.clone(), analyzer: doc.analyzer.clone(), markdown: doc.markdown, stale })
    }

    /// The current version of document `id`, if it is still open.
    pub fn version_of(&self, uri: &Uri, id: u64) -> Option<i32> {
        lock(&self.docs).get(uri).filter(|d| d.id == id).map(|d| d.version)
    }

    /// Records a finished snapshot of document `id`, made of `analysed`.
    /// If the document still has that text, it takes the snapshot's (the
    /// analyser's copy), so that the text is held once.
    pub fn store(&self, uri: &Uri, id: u64, snapshot: Arc<Snapshot>, analysed: &Text) {
        if let Some(doc) = lock(&self.docs).get_mut(uri).filter(|d| d.id == id) {
            if doc.text.same(analysed) {
                doc.text = Text::Analysed(snapshot.text.clone());
            }
            doc.latest.send_replace(Some(snapshot));
        }
    }

    /// A receiver of a document's snapshots, and its current version.
    pub fn subscribe(&self, uri: &Uri) -> Option<(watch::Receiver<Option<Arc<Snapshot>>>, i32)> {
        lock(&self.docs).get(uri).map(|d| (d.latest.subscribe(), d.version))
    }

    /// The text and version as held now.
    pub fn text(&self, uri: &Uri) -> Option<(String, i32)> {
        lock(&self.docs).get(uri).map(|d| (d.text.to_string(), d.version))
    }

    /// How many documents are open.
    pub fn count(&self) -> usize {
        lock(&self.docs).len()
    }
}
