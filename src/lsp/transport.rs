//! Between tower-lsp-server and the client, both ways.
//!
//! In: the client's messages, checked before the server's codec sees them.
//! tower-lsp-server stops serving at the first message it cannot decode:
//! its framed reader ends the stream after an error. One garbled message
//! from a client (or an extension in between) would end every document's
//! service. So each frame is checked here first; one that is not a
//! JSON-RPC message is replaced by a request to [`INVALID_MESSAGE_METHOD`],
//! which the server answers with the JSON-RPC error the frame deserves
//! (parse error or invalid request), and serving goes on.
//!
//! A `didOpen` carries the whole document, and tower-lsp-server's reader
//! keeps room for the largest frame it has read for as long as the session
//! lasts: twice a 1 MB draft, held beside the draft. So the text of a large
//! `didOpen` is taken out of its frame here and handed to the server aside
//! ([`Stash`]); the frame goes on with an empty text.
//!
//! Out: tower-lsp-server's frames, with the notifications the server
//! serialises itself ([`Outbox`]) written between them. Its `Client` turns
//! a notification's params into a `serde_json::Value` tree before writing
//! it: for the diagnostics of a large draft that tree is several times the
//! draft, and building it takes longer than the rest of publishing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{ErrorCode, Request, Response};
use tower_lsp_server::ls_types::{DidOpenTextDocumentParams, TextDocumentItem, Uri};

use super::documents::lock;

/// The request a malformed frame is replaced by; its params are the
/// error to answer with (`code`, `message`).
pub const INVALID_MESSAGE_METHOD: &str = "gouji/invalidMessage";

/// A header block longer than this without its blank line is garbage.
const MAX_HEADERS: usize = 64 * 1024;

/// A `didOpen` frame larger than this has its text taken out ([`Stash`]).
const LARGE_OPEN: usize = 1 << 16;

/// The texts of large `didOpen`s, by document and version, from the frame
/// to the handler of the same `didOpen`, which takes them.
#[derive(Debug, Clone, Default)]
pub struct Stash(Arc<Mutex<HashMap<(String, i32), String>>>);

impl Stash {
    /// The text the `didOpen` of `uri` at `version` was sent with, if it was
    /// taken out of its frame.
    pub fn take(&self, uri: &Uri, version: i32) -> Option<String> {
        lock(&self.0).remove(&(uri.as_str().to_owned(), version))
    }
}

/// Copies frames from `input` to `output`, replacing malformed ones and
/// taking the text out of large `didOpen`s (into `stash`), until `input`
/// ends (or `output` is closed).
pub async fn forward<R, W>(mut input: R, mut output: W, stash: Stash)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    loop {
        let Some(end) = find(&buf, b"\r\n\r\n") else {
            if buf.len() > MAX_HEADERS {
                let skip = find(&buf[1..], b"Content-Length").map_or(buf.len(), |i| i + 1);
                buf.drain(..skip);
                if !send(&mut output, &substitute(ErrorCode::ParseError, "unreadable message headers", None)).await {
                    return;
                }
                continue;
            }
            if !read_more(&mut input, &mut buf).await {
                return;
            }
            continue;
        };
        let Some(length) = content_length(&buf[..end]) else {
            // Skip to the next message, as the codec itself would.
            let body = end + 4;
            let skip = find(&buf[body..], b"Content-Length").map_or(buf.len(), |i| body + i);
            buf.drain(..skip);
            if !send(&mut output, &substitute(ErrorCode::ParseError, "message headers without a valid Content-Length", None)).await {
                return;
            }
            continue;
        };
        let total = end + 4 + length;
        while buf.len() < total {
            if !read_more(&mut input, &mut buf).await {
                return;
            }
        }
        let body = &buf[end + 4..total];
        let ok = match stash_text(body, &stash).or_else(|| check(body)) {
            None => send(&mut output, body).await,
            Some(replacement) => send(&mut output, &replacement).await,
        };
        buf.drain(..total);
        if !ok {
            return;
        }
        // A whole document came through (didOpen): do not keep its room.
        if buf.capacity() > 1 << 20 && buf.len() < 1 << 16 {
            buf.shrink_to(1 << 16);
        }
    }
}

/// Notifications to the client that bypass tower-lsp-server's `Client`,
/// serialised straight to bytes. They reach the client in the order they
/// were sent, whole, between the frames tower-lsp-server writes.
#[derive(Debug, Clone)]
pub struct Outbox(mpsc::Sender<Vec<u8>>);

/// How many serialised notifications may wait for the output: senders wait
/// beyond that, as they would for tower-lsp-server's own queue.
const OUTBOX_CAPACITY: usize = 2;

impl Outbox {
    /// An outbox, and what [`pump`] takes its notifications from.
    pub fn new() -> (Outbox, mpsc::Receiver<Vec<u8>>) {
        let (tx, rx) = mpsc::channel(OUTBOX_CAPACITY);
        (Outbox(tx), rx)
    }

    /// Sends a notification; returns once it is queued (it is dropped once
    /// the output is gone, as tower-lsp-server drops its own).
    pub async fn notify(&self, method: &str, params: &impl Serialize) {
        #[derive(Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        let mut body = Vec::new();
        if serde_json::to_writer(&mut body, &Notification { jsonrpc: "2.0", method, params }).is_ok() {
            let _ = self.0.send(body).await;
        }
    }
}

/// Copies the frames tower-lsp-server writes (`server`) to `output`, and
/// the outbox's notifications between them, until the server's output
/// ends (or `output` is closed).
pub async fn pump<R, W>(mut server: R, mut outbox: mpsc::Receiver<Vec<u8>>, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    loop {
        tokio::select! {
            // The server's own frames first: its responses are awaited.
            biased;
            read = read_more(&mut server, &mut buf) => {
                if !read {
                    // The server is done: a frame it left unfinished goes
                    // out as it is, then the notifications already queued.
                    let _ = output.write_all(&buf).await;
                    while let Ok(body) = outbox.try_recv() {
                        let _ = send(&mut output, &body).await;
                    }
                    let _ = output.flush().await;
                    return;
                }
                let whole = whole_frames(&buf);
                if whole > 0 {
                    let ok = output.write_all(&buf[..whole]).await.is_ok() && output.flush().await.is_ok();
                    buf.drain(..whole);
                    if !ok {
                        return;
                    }
                }
                // A large answer (documentText) came through: do not keep its room.
                if buf.capacity() > 1 << 20 && buf.len() < 1 << 16 {
                    buf.shrink_to(1 << 16);
                }
            }
            Some(body) = outbox.recv() => {
                if !send(&mut output, &body).await {
                    return;
                }
            }
        }
    }
}

/// How many bytes at the start of `buf` are whole frames.
fn whole_frames(buf: &[u8]) -> usize {
    let mut at = 0;
    while let Some(end) = find(&buf[at..], b"\r\n\r\n") {
        // tower-lsp-server always writes a Content-Length; were it missing,
        // what is there goes out rather than waiting forever.
        let Some(length) = content_length(&buf[at..at + end]) else { return buf.len() };
        let next = at + end + 4 + length;
        if next > buf.len() {
            break;
        }
        at = next;
    }
    at
}

async fn read_more<R: AsyncRead + Unpin>(input: &mut R, buf: &mut Vec<u8>) -> bool {
    buf.reserve(1 << 14);
    matches!(input.read_buf(buf).await, Ok(n) if n > 0)
}

async fn send<W: AsyncWrite + Unpin>(output: &mut W, body: &[u8]) -> bool {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    output.write_all(header.as_bytes()).await.is_ok() && output.write_all(body).await.is_ok() && output.flush().await.is_ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_length(headers: &[u8]) -> Option<usize> {
    let headers = std::str::from_utf8(headers).ok()?;
    headers.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
    })
}

/// If `body` is a large `didOpen`, puts its text in `stash` and returns the
/// same notification with an empty text.
fn stash_text(body: &[u8], stash: &Stash) -> Option<Vec<u8>> {
    /// A notification (no `id`) with its params.
    #[derive(Deserialize)]
    struct Open {
        method: String,
        id: Option<serde::de::IgnoredAny>,
        params: DidOpenTextDocumentParams,
    }
    if body.len() < LARGE_OPEN || memchr::memmem::find(body, b"\"textDocument/didOpen\"").is_none() {
        return None;
    }
    let open: Open = serde_json::from_slice(body).ok().filter(|o: &Open| o.method == "textDocument/didOpen" && o.id.is_none())?;
    let TextDocumentItem { uri, language_id, version, text } = open.params.text_document;
    let small = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": &uri, "languageId": language_id, "version": version, "text": ""}},
    });
    let mut texts = lock(&stash.0);
    // One text a document: one its `didOpen` was not handled for is dropped.
    texts.retain(|(other, _), _| other != uri.as_str());
    texts.insert((uri.as_str().to_owned(), version), text);
    Some(small.to_string().into_bytes())
}

/// `None` when the body is a message the server can decode, else the
/// request that replaces it.
fn check(body: &[u8]) -> Option<Vec<u8>> {
    // Most messages are requests and notifications: one parse for them.
    if serde_json::from_slice::<Request>(body).is_ok() || serde_json::from_slice::<Response>(body).is_ok() {
        return None;
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Some(substitute(ErrorCode::ParseError, &format!("not JSON: {e}"), None)),
    };
    let id = value.get("id").filter(|id| id.is_string() || id.is_i64() || id.is_u64()).cloned();
    Some(substitute(ErrorCode::InvalidRequest, "not a JSON-RPC 2.0 message", id))
}

fn substitute(code: ErrorCode, message: &str, id: Option<Value>) -> Vec<u8> {
    let request = json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "method": INVALID_MESSAGE_METHOD,
        "params": {"code": code.code(), "message": message},
    });
    request.to_string().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input: &[u8]) -> Vec<Value> {
        let (mut client, server) = tokio::io::duplex(1 << 16);
        let mut out = Vec::new();
        let input = input.to_vec();
        let (r, w) = tokio::io::split(server);
        drop(r);
        let feed = async move {
            forward(&input[..], w, Stash::default()).await;
        };
        let read = async {
            let _ = client.read_to_end(&mut out).await;
        };
        tokio::join!(feed, read);
        let text = String::from_utf8_lossy(&out).into_owned();
        text.split("Content-Length: ").filter(|s| !s.is_empty()).filter_map(|s| serde_json::from_str(s.split_once("\r\n\r\n")?.1).ok()).collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn malformed_frames_are_replaced_and_the_rest_go_through() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{\"jsonrpc\": "),
            frame(r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#),
            "Content-Type: nonsense\r\n\r\ngarbage".to_owned(),
            frame(good),
            frame("[1, 2]"),
            format!("content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{good}", good.len()),
        ]
        .concat();
        let out = run(input.as_bytes()).await;
        assert_eq!(out.len(), 6, "{out:?}");
        assert_eq!(out[0]["params"]["code"], -32700);
        assert_eq!(out[0]["id"], Value::Null);
        assert_eq!(out[1]["params"]["code"], -32600);
        assert_eq!(out[1]["id"], 7);
        assert_eq!(out[2]["params"]["code"], -32700);
        assert_eq!(out[3]["method"], "initialized");
        assert_eq!(out[4]["method"], INVALID_MESSAGE_METHOD);
        assert_eq!(out[5]["method"], "initialized");
    }

    /// Notifications from the outbox never land inside one of the server's
    /// frames, however the server's bytes are split.
    #[tokio::test]
    async fn outbox_notifications_go_between_whole_frames() {
        let (mut server, framed) = tokio::io::duplex(1 << 16);
        let (mut client, output) = tokio::io::duplex(1 << 20);
        let (outbox, outgoing) = Outbox::new();
        let frames: Vec<u8> = (0..20).flat_map(|i| frame(&json!({"jsonrpc": "2.0", "id": i, "result": "x".repeat(i * 100)}).to_string()).into_bytes()).collect();
        let (done, notified) = tokio::sync::oneshot::channel();
        let write = async move {
            for chunk in frames.chunks(37) {
                server.write_all(chunk).await.unwrap_or_default();
                tokio::task::yield_now().await;
            }
            // The server's output ends after the last notification is sent.
            let _ = notified.await;
        };
        let notify = async move {
            for i in 0..20 {
                outbox.notify("gouji/test", &json!({"n": i})).await;
                tokio::task::yield_now().await;
            }
            let _ = done.send(());
        };
        let mut out = Vec::new();
        let read = async {
            let _ = client.read_to_end(&mut out).await;
        };
        tokio::join!(pump(framed, outgoing, output), write, notify, read);
        let text = String::from_utf8_lossy(&out).into_owned();
        let messages: Vec<Value> =
            text.split("Content-Length: ").filter(|s| !s.is_empty()).filter_map(|s| serde_json::from_str(s.split_once("\r\n\r\n")?.1).ok()).collect();
        let ids: Vec<&Value> = messages.iter().filter_map(|m| m.get("id")).collect();
        let notes: Vec<&Value> = messages.iter().filter_map(|m| m.get("params")).collect();
        assert_eq!(ids, (0..20).map(|i| json!(i)).collect::<Vec<_>>().iter().collect::<Vec<_>>());
        assert_eq!(notes, (0..20).map(|i| json!({"n": i})).collect::<Vec<_>>().iter().collect::<Vec<_>>());
    }
}
