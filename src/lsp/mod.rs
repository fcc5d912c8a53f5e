//! `gouji lsp`: the language server, over stdio.
//!
//! # Code map
//! - [`server`]: the `LanguageServer` implementation, capabilities and settings
//!   plumbing; every handler is a few lines that call into the files below.
//! - [`documents`]: the open documents (text, line index, version,
//!   analyser) and the latest analysis of each.
//! - [`analysis`]: the task that analyses a document after an edit and
//!   publishes its diagnostics.
//! - [`to_proto`] and [`from_proto`]: the only places that convert between
//!   byte offsets and protocol positions (and gouji's types and the
//!   protocol's).
//! - [`hover`], [`symbols`], [`code_actions`]: the features, on an analysis.
//! - [`settings`]: the client's settings (`initializationOptions`,
//!   `workspace/didChangeConfiguration`) over the `gouji.toml` above each
//!   document, as `gouji check` reads it.
//! - [`transport`]: the client's frames checked before the server decodes
//!   them, so that a malformed message is answered with an error instead of
//!   ending the session.
//!
//! # Invariants
//! - An edit is applied to its document before the handler's first `.await`,
//!   under a plain mutex: the transport runs notification handlers
//!   concurrently, and only their first poll is in message order.
//! - A version that is not newer than the document's is rejected.
//! - Analysis runs outside the handlers, one task per document; a burst of
//!   edits is coalesced into one analysis of the latest text, and
//!   diagnostics are published only while their version is the document's
//!   current one. Diagnostics of an older version are never published after
//!   those of a newer one, and closing a document clears them.
//! - A position from the client is clamped to the document before it is
//!   used; it never indexes a text unchecked.
//! - A panic while analysing a document (or answering a request about it)
//!   is caught: that document gets no diagnostics and the server logs it.

mod analysis;
mod code_actions;
mod documents;
mod from_proto;
mod hover;
mod server;
mod settings;
mod symbols;
mod to_proto;
mod transport;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use server::Backend;
pub use settings::Settings;

/// Where the rules are documented: the README's rule table, with one anchor
/// per rule id. Every link to a rule's documentation is built from this.
pub const RULE_DOCS: &str = "https://crates.io/crates/gouji#rules";

/// The link to one rule's documentation.
pub fn rule_docs_url(rule: &str) -> String {
    let base = RULE_DOCS.split_once('#').map_or(RULE_DOCS, |(base, _)| base);
    format!("{base}#{rule}")
}

/// The code action kind that applies every safe fix of a document.
pub const FIX_ALL_KIND: &str = "source.fixAll.gouji";

/// The custom request that returns a document's text and version as the
/// server holds it (for debugging clients and for tests).
pub const DOCUMENT_TEXT_METHOD: &str = "gouji/documentText";

/// How documents are analysed; tests replace it to check that a panic in
/// the analysis does not take the server down.
pub type AnalyzeFn = fn(&mut crate::Analyzer, &str, &crate::Config) -> crate::Analysis;

/// Options of a server (none are needed outside tests).
#[derive(Clone, Copy)]
pub struct Options {
    pub analyze: AnalyzeFn,
    /// The language when neither the client's locale nor a `gouji.toml`
    /// names one (`gouji lsp` passes its environment's).
    pub lang: crate::message::Lang,
}

impl Default for Options {
    fn default() -> Self {
        Options { analyze: |analyzer, text, config| analyzer.analyze_with(text, config), lang: crate::message::Lang::default() }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options").finish_non_exhaustive()
    }
}

/// Serves the protocol on `input` and `output` until the client exits.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    serve_with(Options::default(), input, output).await;
}

/// [`serve`], with options.
pub async fn serve_with<I, O>(options: Options, input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (outbox, outgoing) = transport::Outbox::new();
    let stash = transport::Stash::default();
    let (service, socket) = LspService::build(|client| Backend::new(client, options, outbox, stash.clone()))
        .custom_method(DOCUMENT_TEXT_METHOD, Backend::document_text)
        .custom_method(transport::INVALID_MESSAGE_METHOD, Backend::invalid_message)
        .finish();
    let (checked, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, framed) = tokio::io::duplex(1 << 16);
    let forward = std::pin::pin!(transport::forward(input, checked, stash));
    // The server's output ends when `serve` returns (it owns it), and the
    // pump then ends too.
    let mut serve = std::pin::pin!(Server::new(server_input, server_output, socket).serve(service));
    let output = std::pin::pin!(output);
    let pump = transport::pump(framed, outgoing, output);
    // The server may stop first (after `exit`, with the client's input still
    // open); when the input ends first, the server drains what it was given.
    let serving = async {
        tokio::select! {
            () = &mut serve => {}
            () = forward => serve.await,
        }
    };
    tokio::join!(serving, pump);
}

/// Runs the server on stdin and stdout (`gouji lsp`). Returns when the
/// client exits; an error only when the runtime cannot start.
/// `lang` is the environment's language, the last resort.
pub fn run(lang: crate::message::Lang) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve_with(Options { lang, ..Options::default() }, tokio::io::stdin(), tokio::io::stdout()));
    // Blocking analyses still running are of no use any more.
    runtime.shutdown_background();
    Ok(())
}
