//! The `LanguageServer` implementation: capabilities, and handlers that
//! call into the rest of `lsp`.
//!
//! Notification handlers that change state (`didOpen`, `didChange`,
//! `didClose`, settings) make the change before their first `.await`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    self as lsp, CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, CodeActionResponse, ConfigurationItem, DiagnosticOptions,
    DiagnosticServerCapabilities, DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, DocumentSymbolParams, DocumentSymbolResponse, FileSystemWatcher, FullDocumentDiagnosticReport,
    GlobPattern, Hover, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, InitializedParams, MarkupKind, MessageType, OneOf,
    Registration, RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentIdentifier, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    UnchangedDocumentDiagnosticReport, Uri,
};
use tower_lsp_server::{Client, LanguageServer};

use super::analysis::{self, panic_message};
use super::documents::{lock, Documents, Snapshot};
use super::settings::{FileConfigs, Settings};
use super::to_proto::{self, Locator, ProtoDiagnostic};
use super::transport::{Outbox, Stash};
use super::{code_actions, from_proto, hover, symbols, Options};
use crate::message::Lang;
use crate::text::ColumnUnit;

/// How long a request waits for the analysis of the current version.
const ANALYSIS_WAIT: Duration = Duration::from_secs(60);

/// What the client said it supports, fixed at `initialize`.
#[derive(Debug, Clone, Copy)]
struct ClientConfig {
    unit: ColumnUnit,
    /// The client pulls diagnostics (`textDocument/diagnostic`); they are
    /// then not pushed.
    pull: bool,
    diagnostic_refresh: bool,
    document_changes: bool,
    configuration: bool,
    markdown: bool,
    /// The client watches files for us when asked (`gouji.toml`).
    watch_files: bool,
    /// The language of the client's user interface (`locale` starting with `en`: English).
    locale: Option<Lang>,
}

/// State shared by the handlers and the analysis tasks.
pub struct Shared {
    pub client: Client,
    /// Where diagnostics are published (see [`transport`](super::transport)).
    pub outbox: Outbox,
    /// The texts of large `didOpen`s, taken out of their frames.
    stash: Stash,
    pub documents: Documents,
    pub options: Options,
    /// Serialises publishing, so that the check "is this still the current
    /// version?" and the publishing happen together.
    pub publishing: tokio::sync::Mutex<()>,
    /// The `gouji.toml` files read so far.
    pub file_configs: FileConfigs,
    settings: RwLock<(u64, Arc<Settings>)>,
    config: OnceLock<ClientConfig>,
    /// Problems with the initial settings, logged once the client listens.
    pending_problems: Mutex<Vec<String>>,
    init_settings: OnceLock<bool>,
}

impl Shared {
    /// The settings and their generation (which grows with every change).
    pub fn settings(&self) -> (u64, Arc<Settings>) {
        let guard = self.settings.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        (guard.0, guard.1.clone())
    }

    fn set_settings(&self, settings: Settings) {
        let mut guard = self.settings.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        *guard = (guard.0 + 1, Arc::new(settings));
    }

    /// A new generation of the same settings (a `gouji.toml` changed).
    fn touch_settings(&self) {
        let mut guard = self.settings.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.0 += 1;
    }

    fn config(&self) -> ClientConfig {
        self.config.get().copied().unwrap_or(ClientConfig {
            unit: ColumnUnit::Utf16,
            pull: false,
            diagnostic_refresh: false,
            document_changes: false,
            configuration: false,
            markdown: true,
            watch_files: false,
            locale: None,
        })
    }

    pub fn unit(&self) -> ColumnUnit {
        self.config().unit
    }

    /// The language unless a `gouji.toml` names one: the client's locale,
    /// else the server's environment.
    pub fn lang(&self) -> Lang {
        self.config().locale.unwrap_or(self.options.lang)
    }

    pub fn pull(&self) -> bool {
        self.config().pull
    }

    pub async fn log(&self, typ: MessageType, message: String) {
        self.client.log_message(typ, message).await;
    }
}

pub struct Backend {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend").field("documents", &self.shared.documents.count()).finish_non_exhaustive()
    }
}

/// Parameters of `gouji/documentText`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTextParams {
    pub text_document: TextDocumentIdentifier,
}

/// Parameters of the request a malformed frame is replaced by.
#[derive(Debug, Deserialize)]
pub struct InvalidMessage {
    pub code: i64,
    pub message: String,
}

/// The answer to `gouji/documentText`.
#[derive(Debug, Serialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

impl Backend {
    pub(crate) fn new(client: Client, options: Options, outbox: Outbox, stash: Stash) -> Self {
        let shared = Shared {
            client,
            outbox,
            stash,
            documents: Documents::default(),
            options,
            publishing: tokio::sync::Mutex::new(()),
            file_configs: FileConfigs::default(),
            settings: RwLock::new((0, Arc::new(Settings::default()))),
            config: OnceLock::new(),
            pending_problems: Mutex::new(Vec::new()),
            init_settings: OnceLock::new(),
        };
        Backend { shared: Arc::new(shared) }
    }

    /// `gouji/documentText`: the text and version the server holds.
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<Option<DocumentText>> {
        Ok(self.shared.documents.text(&params.text_document.uri).map(|(text, version)| DocumentText { version, text }))
    }

    /// Answers a frame that was not a JSON-RPC message (see `transport`)
    /// with the error it deserves.
    pub async fn invalid_message(&self, params: InvalidMessage) -> Result<()> {
        self.shared.log(MessageType::WARNING, format!("ignored a malformed message: {}", params.message)).await;
        Err(Error { code: ErrorCode::from(params.code), message: params.message.into(), data: None })
    }

    /// The analysis of the document's current version (and settings),
    /// waiting for it if need be; `None` if the document is not open.
    async fn current(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let (mut rx, version) = self.shared.documents.subscribe(uri)?;
        let generation = self.shared.settings().0;
        let ready = rx.wait_for(|s| s.as_ref().is_some_and(|s| s.version >= version && s.settings_generation >= generation));
        let snapshot = tokio::time::timeout(ANALYSIS_WAIT, ready).await.ok()?.ok()?.clone();
        snapshot
    }

    /// Runs a request's computation, catching a panic (logged, no answer).
    async fn guarded<T>(&self, what: &str, uri: &Uri, f: impl FnOnce() -> Option<T>) -> Option<T> {
        match catch_unwind(AssertUnwindSafe(f)) {
            Ok(v) => v,
            Err(payload) => {
                let message = format!("gouji panicked answering {what} on {}: {}", uri.as_str(), panic_message(payload.as_ref()));
                self.shared.log(MessageType::ERROR, message).await;
                None
            }
        }
    }

    async fn apply_settings(&self, settings: Settings, problems: Vec<String>) {
        self.shared.set_settings(settings);
        self.shared.documents.wake_all();
        for p in problems {
            self.shared.log(MessageType::WARNING, format!("gouji settings: {p}")).await;
        }
        self.refresh_pulled().await;
    }

    /// A `gouji.toml` was created, changed or deleted: every document may
    /// fall under it.
    async fn config_files_changed(&self) {
        self.shared.file_configs.clear();
        self.shared.touch_settings();
        self.shared.documents.wake_all();
        self.refresh_pulled().await;
    }

    /// Asks a client that pulls diagnostics to pull them again.
    async fn refresh_pulled(&self) {
        let config = self.shared.config();
        if config.pull && config.diagnostic_refresh {
            let _ = self.shared.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Asks the client for the `gouji` section of its settings.
    async fn fetch_settings(&self) {
        let item = ConfigurationItem { scope_uri: None, section: Some("gouji".to_owned()) };
        let Ok(values) = self.shared.client.configuration(vec![item]).await else { return };
        if let Some((settings, problems)) = values.first().and_then(Settings::from_json) {
            self.apply_settings(settings, problems).await;
        }
    }
}

fn capabilities(config: &ClientConfig) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(to_proto::position_encoding(config.unit)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(super::FIX_ALL_KIND)]),
            ..CodeActionOptions::default()
        })),
        diagnostic_provider: config.pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("gouji".to_owned()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..DiagnosticOptions::default()
            })
        }),
        ..ServerCapabilities::default()
    }
}

fn client_config(params: &InitializeParams) -> ClientConfig {
    let caps = &params.capabilities;
    let text = caps.text_document.as_ref();
    let workspace = caps.workspace.as_ref();
    ClientConfig {
        unit: from_proto::column_unit(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref())),
        pull: text.is_some_and(|t| t.diagnostic.is_some()),
        diagnostic_refresh: workspace.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false),
        document_changes: workspace.and_then(|w| w.workspace_edit.as_ref()).and_then(|e| e.document_changes).unwrap_or(false),
        configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
        markdown: text.and_then(|t| t.hover.as_ref()).and_then(|h| h.content_format.as_ref()).is_none_or(|f| f.contains(&MarkupKind::Markdown)),
        watch_files: workspace.and_then(|w| w.did_change_watched_files.as_ref()).and_then(|d| d.dynamic_registration).unwrap_or(false),
        locale: params.locale.as_deref().and_then(Lang::from_locale),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let config = client_config(&params);
        let _ = self.shared.config.set(config);
        let initial = params.initialization_options.as_ref().and_then(Settings::from_json);
        let _ = self.shared.init_settings.set(initial.is_some());
        if let Some((settings, problems)) = initial {
            self.shared.set_settings(settings);
            lock(&self.shared.pending_problems).extend(problems);
        }
        Ok(InitializeResult {
            capabilities: capabilities(&config),
            server_info: Some(ServerInfo { name: "gouji".to_owned(), version: Some(env!("CARGO_PKG_VERSION").to_owned()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let problems = std::mem::take(&mut *lock(&self.shared.pending_problems));
        for p in problems {
            self.shared.log(MessageType::WARNING, format!("gouji settings: {p}")).await;
        }
        if self.shared.config().watch_files {
            let options = DidChangeWatchedFilesRegistrationOptions {
                // Drafts too: one may be another's last year's disclosure (issue 18).
                watchers: ["**/gouji.toml", "**/*.txt", "**/*.md"].into_iter().map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_owned()), kind: None }).collect(),
            };
            let registration = Registration {
                id: "gouji.toml".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.shared.client.register_capability(vec![registration]).await {
                self.shared.log(MessageType::WARNING, format!("could not watch gouji.toml files: {e}")).await;
            }
        }
        if self.shared.config().configuration && self.shared.init_settings.get() != Some(&true) {
            self.fetch_settings().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let shared = &self.shared;
        // A large text came aside (see `transport`); taken in any case, so
        // that none is left behind.
        let stashed = shared.stash.take(&doc.uri, doc.version);
        let text = if doc.text.is_empty() { stashed.unwrap_or_default() } else { doc.text };
        let (id, wake) = shared.documents.open(doc.uri.clone(), text, doc.version, &doc.language_id);
        let task = tokio::spawn(analysis::run(shared.clone(), doc.uri.clone(), id, wake));
        shared.documents.attach(&doc.uri, id, task.abort_handle());
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        let result = self.shared.documents.change(&doc.uri, doc.version, params.content_changes, self.shared.unit());
        if let Err(why) = result {
            let message = format!("ignored a change to {} (version {}): {why}", doc.uri.as_str(), doc.version);
            self.shared.log(MessageType::WARNING, message).await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = &params.text_document.uri;
        if is_config(uri) {
            self.config_files_changed().await;
        } else {
            self.shared.documents.reanalyse(uri);
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config(&c.uri)) {
            self.config_files_changed().await;
        } else if !params.changes.is_empty() {
            // A draft changed on disk: it may be the previous document
            // (or the budget) of an open one, checked against it again.
            self.shared.documents.wake_all();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.shared.documents.close(&uri);
        let _publishing = self.shared.publishing.lock().await;
        // Reopened meanwhile: its own diagnostics follow.
        if self.shared.documents.subscribe(&uri).is_none() {
            analysis::send_diagnostics(&self.shared, &uri, &[], None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match Settings::from_json(&params.settings) {
            Some((settings, problems)) => self.apply_settings(settings, problems).await,
            None if self.shared.config().configuration => self.fetch_settings().await,
            None => {}
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let snapshot = self.current(&params.text_document.uri).await;
        let diagnostics = snapshot.as_ref().map_or(&[][..], |s| &s.diagnostics[..]);
        let result_id = result_id(diagnostics);
        let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
            })
        } else {
            let items: Vec<lsp::Diagnostic> = diagnostics.iter().filter_map(|d| d.to_lsp()).collect();
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: Some(result_id), items },
            })
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(snapshot) = self.current(&at.text_document.uri).await else { return Ok(None) };
        let config = self.shared.config();
        Ok(self.guarded("a hover", &snapshot.uri, || hover::hover(&snapshot, at.position, config.unit, config.markdown)).await)
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.current(&params.text_document.uri).await else { return Ok(None) };
        let unit = self.shared.unit();
        let symbols = self
            .guarded("documentSymbol", &snapshot.uri, || {
                let analysis = snapshot.analysis.as_ref()?;
                let locator = Locator { uri: &snapshot.uri, text: &snapshot.text, index: &snapshot.index, unit };
                Some(symbols::outline(&analysis.blocks, &locator))
            })
            .await;
        Ok(symbols.map(DocumentSymbolResponse::Nested))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snapshot) = self.current(&params.text_document.uri).await else { return Ok(None) };
        let config = self.shared.config();
        let request = code_actions::Request { params: &params, unit: config.unit, document_changes: config.document_changes };
        let actions = self.guarded("codeAction", &snapshot.uri, || Some(code_actions::actions(&snapshot, &request))).await;
        Ok(actions.filter(|a| !a.is_empty()))
    }
}

fn is_config(uri: &Uri) -> bool {
    uri.path().as_str().rsplit('/').next() == Some("gouji.toml")
}

/// Identifies a diagnostic report by its content (the JSON the
/// diagnostics are held as), so that an unchanged report is answered as
/// such without reading them back.
fn result_id(diagnostics: &[Arc<ProtoDiagnostic>]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for d in diagnostics {
        d.json().get().hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}
