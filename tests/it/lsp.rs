//! The language server, driven in-process through the protocol: JSON-RPC
//! messages over `tokio::io::duplex`, replies compared (as typos-lsp tests
//! its server).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gouji::text::{ColumnUnit, LineIndex};
use proptest::prelude::*;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::mpsc;

const WAIT: Duration = Duration::from_secs(30);
const URI: &str = "file:///drafts/%E9%A2%84%E7%AE%97.txt";

/// A budget narrative we wrote for these tests: every figure agrees.
const CLEAN: &str = "第二部分 2025年部门预算情况说明

一、收支预算总体情况说明

某某县档案馆2025年收入、支出预算总计 512.36 万元，与上年相比增加 20.16 万元，增长 4.1%。

（一）收入预算总计 512.36 万元。包括：

1．本年收入合计 498.36 万元。

（1）一般公共预算拨款收入 480.2 万元，与上年相比增加 18.2 万元，增长 3.94%。

（2）事业收入 18.16 万元，与上年持平。

2．上年结转结余 14 万元。

二、支出预算情况说明

本年支出预算合计 512.36 万元，其中：基本支出 402.5 万元，占 78.56%；项目支出 109.86 万元，占 21.44%。

三、“三公”经费预算情况说明

“三公”经费预算 12.8 万元，其中：因公出国（境）费 0 万元，公务接待费 3.2 万元，公务用车购置及运行费 9.6 万元。
";

/// The same draft with three errors: a rate with two digits swapped, a
/// share that does not follow, and an item in 元 among 万元.
fn with_errors() -> String {
    CLEAN.replace("增长 3.94%", "增长 3.49%").replace("占 21.44%", "占 24.44%").replace("公务接待费 3.2 万元", "公务接待费 3.2 元")
}

// ---------------------------------------------------------------------------
// The client.

struct Client {
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    rx: mpsc::UnboundedReceiver<Value>,
    backlog: VecDeque<Value>,
    next_id: i64,
    /// The last version published per document: it must never go down.
    published: HashMap<String, Option<i64>>,
    /// What the client answers to `workspace/configuration`.
    configuration: Arc<Mutex<Value>>,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

async fn read_message(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    async fn start(capabilities: Value, init: Value) -> (Client, Value) {
        Self::start_with(gouji::lsp::Options::default(), capabilities, init).await
    }

    async fn start_with(options: gouji::lsp::Options, capabilities: Value, init: Value) -> (Client, Value) {
        let (client_side, server_side) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_side);
        tokio::spawn(gouji::lsp::serve_with(options, server_read, server_write));
        let (read, write) = tokio::io::split(client_side);
        let writer = Arc::new(tokio::sync::Mutex::new(write));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (tx, rx) = mpsc::unbounded_channel();
        let (answer, config) = (writer.clone(), configuration.clone());
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            while let Some(msg) = read_message(&mut reader).await {
                if let (Some(method), Some(id)) = (msg.get("method").and_then(Value::as_str), msg.get("id")) {
                    // A request from the server: answer it as a client would.
                    let result = match method {
                        "workspace/configuration" => json!([config.lock().unwrap().clone()]),
                        _ => Value::Null,
                    };
                    let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                    let _ = answer.lock().await.write_all(&frame(reply.to_string().as_bytes())).await;
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut client = Client { writer, rx, backlog: VecDeque::new(), next_id: 1, published: HashMap::new(), configuration };
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": capabilities});
        if !init.is_null() {
            params["initializationOptions"] = init;
        }
        // Not a capability: the client's locale, as `initialize` sends it.
        if let Some(locale) = params["capabilities"].as_object_mut().and_then(|c| c.remove("locale")) {
            params["locale"] = locale;
        }
        let result = client.request("initialize", params).await;
        client.notify("initialized", json!({})).await;
        (client, result["result"].clone())
    }

    async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.lock().await.write_all(bytes).await.unwrap();
    }

    async fn send(&mut self, msg: Value) {
        self.send_raw(&frame(msg.to_string().as_bytes())).await;
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        self.response(json!(id)).await
    }

    async fn response(&mut self, id: Value) -> Value {
        if let Some(i) = self.backlog.iter().position(|m| m.get("method").is_none() && m["id"] == id) {
            return self.backlog.remove(i).unwrap();
        }
        loop {
            let msg = self.recv().await;
            if msg.get("method").is_none() && msg["id"] == id {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    async fn recv(&mut self) -> Value {
        let msg = tokio::time::timeout(WAIT, self.rx.recv()).await.expect("the server did not answer in time").expect("the server hung up");
        if msg["method"] == "textDocument/publishDiagnostics" {
            let uri = msg["params"]["uri"].as_str().unwrap().to_owned();
            let version = msg["params"]["version"].as_i64();
            if let (Some(Some(before)), Some(now)) = (self.published.get(&uri), version) {
                assert!(now >= *before, "published version {now} after version {before}");
            }
            self.published.insert(uri, version);
        }
        msg
    }

    /// The params of the next notification (or server request) `method`.
    async fn notification(&mut self, method: &str) -> Value {
        if let Some(i) = self.backlog.iter().position(|m| m["method"] == method) {
            return self.backlog.remove(i).unwrap()["params"].clone();
        }
        loop {
            let msg = self.recv().await;
            if msg["method"] == method {
                return msg["params"].clone();
            }
            self.backlog.push_back(msg);
        }
    }

    /// The diagnostics published for `version` of `uri` (earlier versions
    /// published meanwhile are skipped).
    async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let params = self.notification("textDocument/publishDiagnostics").await;
            if params["uri"] == uri && params["version"] == version {
                return params["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    async fn open(&mut self, uri: &str, text: &str) {
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})).await;
    }

    async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})).await;
    }

    async fn text(&mut self, uri: &str) -> (String, i64) {
        let r = self.request("gouji/documentText", json!({"textDocument": {"uri": uri}})).await;
        (r["result"]["text"].as_str().unwrap().to_owned(), r["result"]["version"].as_i64().unwrap())
    }

    /// Waits until every message sent so far has been handled.
    async fn settle(&mut self, uri: &str) {
        self.text(uri).await;
    }
}

fn pos(line: usize, character: usize) -> Value {
    json!({"line": line, "character": character})
}

fn range(start: (usize, usize), end: (usize, usize)) -> Value {
    json!({"start": pos(start.0, start.1), "end": pos(end.0, end.1)})
}

/// The position of byte `offset` in `text`, counted in `unit`.
fn position_of(text: &str, offset: usize, unit: ColumnUnit) -> Value {
    let at = LineIndex::new(text).line_col(text, offset, unit);
    pos(at.line, at.col)
}

/// The range of the `n`th occurrence of `needle`.
fn range_of(text: &str, needle: &str, n: usize, unit: ColumnUnit) -> Value {
    let start = text.match_indices(needle).nth(n).expect("needle").0;
    json!({"start": position_of(text, start, unit), "end": position_of(text, start + needle.len(), unit)})
}

/// What `gouji check` says about `text`, as (range, code, severity, message
/// with its notes on the lines after it).
fn expected(text: &str, unit: ColumnUnit) -> Vec<(Value, String, i64, String)> {
    let analysis = gouji::analyze(text);
    let severity = |s: gouji::Severity| match s {
        gouji::Severity::Error => 1,
        gouji::Severity::Warning => 2,
        gouji::Severity::Info => 3,
        gouji::Severity::Hint => 4,
    };
    analysis
        .diagnostics
        .iter()
        .map(|d| {
            let r = json!({"start": position_of(text, d.span.start, unit), "end": position_of(text, d.span.end, unit)});
            let message = std::iter::once(&d.message).chain(&d.notes).map(|m| m.text(gouji::Lang::Zh)).collect::<Vec<_>>().join("\n");
            (r, d.code.to_owned(), severity(d.severity), message)
        })
        .collect()
}

fn actual(diagnostics: &[Value]) -> Vec<(Value, String, i64, String)> {
    diagnostics
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap().to_owned();
            (d["range"].clone(), d["code"].as_str().unwrap().to_owned(), d["severity"].as_i64().unwrap(), message)
        })
        .collect()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

// ---------------------------------------------------------------------------
// Tests.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn position_encoding_is_negotiated() {
    let cases = [
        (json!({}), "utf-16"),
        (json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}), "utf-8"),
        (json!({"general": {"positionEncodings": ["utf-32"]}}), "utf-32"),
        (json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}), "utf-16"),
        (json!({"general": {"positionEncodings": ["utf-7"]}}), "utf-16"),
    ];
    for (capabilities, encoding) in cases {
        let (_client, result) = Client::start(capabilities.clone(), Value::Null).await;
        assert_eq!(result["capabilities"]["positionEncoding"], encoding, "{capabilities}");
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
        assert_eq!(result["serverInfo"]["name"], "gouji");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_publishes_what_check_says() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = with_errors();
    client.open(URI, &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    assert_eq!(codes(&diagnostics), ["change-rate-mismatch", "share-mismatch", "unit-slip"]);
    assert_eq!(actual(&diagnostics), expected(&text, ColumnUnit::Utf16));
    let share = &diagnostics[1];
    assert_eq!(share["range"], range_of(&text, "24.44", 0, ColumnUnit::Utf16));
    assert_eq!(share["source"], "gouji");
    assert_eq!(share["codeDescription"]["href"], gouji::lsp::rule_docs_url("share-mismatch"));
    let related = share["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["location"]["uri"], URI);
    assert_eq!(related[0]["location"]["range"], range_of(&text, "109.86 万元", 0, ColumnUnit::Utf16));
    assert_eq!(share["data"]["edits"][0]["newText"], "21.44");
    assert_eq!(share["data"]["safe"], true);
    assert!(diagnostics[0]["data"].is_null(), "the swapped rate has no fix");
    let slip = &diagnostics[2];
    assert!(slip["message"].as_str().unwrap().contains("\n按万元计"), "notes follow the message: {slip}");
}

/// A document larger than the frames the transport hands on whole (its
/// text reaches the server aside, see `lsp::transport`): held and checked
/// as any other, and an empty one after it stays empty.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_document_is_opened_whole() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let one = with_errors();
    let text = format!("{one}\n\n").repeat((1 << 17) / one.len() + 1);
    assert!(text.len() > 1 << 17);
    client.open(URI, &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    assert_eq!(actual(&diagnostics), expected(&text, ColumnUnit::Utf16));
    assert_eq!(client.text(URI).await, (text, 1));
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": URI}})).await;
    client.open(URI, "").await;
    assert_eq!(client.text(URI).await, (String::new(), 1));
}

/// Chinese unless the client's locale is English; the fix's title, the
/// related places and the hover follow it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_locale_chooses_the_language() {
    for (locale, message, title, hover) in [
        (Value::Null, "占比与金额不符：109.86 / 512.36 = 21.442%，文中为 24.44%", "将占比改为 21.44%", "占比"),
        (json!("zh-cn"), "占比与金额不符：109.86 / 512.36 = 21.442%，文中为 24.44%", "将占比改为 21.44%", "占比"),
        (json!("en-US"), "109.86 / 512.36 = 21.442%, stated 24.44%", "Replace the share with 21.44", "share of a whole"),
    ] {
        let (mut client, _) = Client::start(json!({"locale": locale}), Value::Null).await;
        let text = with_errors();
        client.open(URI, &text).await;
        let diagnostics = client.diagnostics(URI, 1).await;
        let share = &diagnostics[1];
        assert_eq!(share["message"], message, "{locale}: {share}");
        assert_eq!(share["data"]["title"], title, "{locale}");
        let at = range_of(&text, "24.44", 0, ColumnUnit::Utf16)["start"].clone();
        let shown = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": at})).await;
        assert!(shown["result"]["contents"]["value"].as_str().unwrap().contains(hover), "{locale}: {shown}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_update_the_diagnostics() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let mut text = with_errors();
    client.open(URI, &text).await;
    assert_eq!(client.diagnostics(URI, 1).await.len(), 3);
    // Swap the digits back, as a user would: delete "49", type "94".
    let r = range_of(&text, "3.49", 0, ColumnUnit::Utf16);
    let (line, col) = (r["start"]["line"].as_u64().unwrap() as usize, r["start"]["character"].as_u64().unwrap() as usize);
    client.change(URI, 2, json!([{"range": range((line, col + 2), (line, col + 4)), "text": ""}])).await;
    client.change(URI, 3, json!([{"range": range((line, col + 2), (line, col + 2)), "text": "94"}])).await;
    text = text.replace("3.49", "3.94");
    let diagnostics = client.diagnostics(URI, 3).await;
    assert_eq!(codes(&diagnostics), ["share-mismatch", "unit-slip"]);
    assert_eq!(client.text(URI).await, (text, 3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quick_fix_clears_its_diagnostic() {
    let capabilities = json!({"workspace": {"workspaceEdit": {"documentChanges": true}}});
    let (mut client, _) = Client::start(capabilities, Value::Null).await;
    let text = with_errors();
    client.open(URI, &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    let share = diagnostics[1].clone();
    let params = json!({"textDocument": {"uri": URI}, "range": share["range"], "context": {"diagnostics": [share]}});
    let actions = client.request("textDocument/codeAction", params).await["result"].clone();
    let actions = actions.as_array().unwrap();
    let fix = actions.iter().find(|a| a["kind"] == "quickfix").expect("a quick fix");
    assert_eq!(fix["title"], "将占比改为 21.44%");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "share-mismatch");
    let change = &fix["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({"uri": URI, "version": 1}));
    let edit = &change["edits"][0];
    assert_eq!(edit["newText"], "21.44");
    // Applied as an incremental edit, the way an editor applies it.
    client.change(URI, 2, json!([{"range": edit["range"], "text": edit["newText"]}])).await;
    let after = client.diagnostics(URI, 2).await;
    assert_eq!(codes(&after), ["change-rate-mismatch", "unit-slip"]);
    assert_eq!(client.text(URI).await.0, text.replace("占 24.44%", "占 21.44%"));
}

/// Neovim before 0.8 sends a diagnostic back with its range in byte
/// columns, whatever encoding was agreed on: the quick fix is found by the
/// diagnostic's rule and `data`, not its range.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quick_fix_for_a_diagnostic_sent_back_in_byte_columns() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = with_errors();
    client.open(URI, &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    let mut share = diagnostics[1].clone();
    assert_eq!(share["code"], "share-mismatch");
    let line = share["range"]["start"]["line"].as_u64().unwrap() as usize;
    let bytes = range_of(&text, "24.44%", 0, ColumnUnit::Utf8);
    assert_eq!(bytes["start"]["line"].as_u64(), Some(line as u64));
    assert_ne!(bytes, share["range"], "the share must sit after CJK text for the test to mean anything");
    share["range"] = bytes.clone();
    let params = json!({"textDocument": {"uri": URI}, "range": bytes, "context": {"diagnostics": [share]}});
    let actions = client.request("textDocument/codeAction", params).await["result"].clone();
    let fix = actions.as_array().and_then(|a| a.iter().find(|a| a["kind"] == "quickfix").cloned()).expect("a quick fix");
    assert_eq!(fix["title"], "将占比改为 21.44%");
    assert_eq!(fix["edit"]["changes"][URI][0]["newText"], "21.44");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fixes_without_data_and_for_a_range() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = with_errors();
    client.open(URI, &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    // A client that drops `data`: the fix is found in the latest analysis.
    let mut slip = diagnostics[2].clone();
    slip.as_object_mut().unwrap().remove("data");
    let params = json!({"textDocument": {"uri": URI}, "range": slip["range"], "context": {"diagnostics": [slip]}});
    let actions = client.request("textDocument/codeAction", params).await["result"].clone();
    let fix = &actions[0];
    assert_eq!(fix["title"], "改为万元");
    assert_eq!(fix["edit"]["changes"][URI][0]["newText"], "万");
    // No diagnostics in the context: those under the cursor.
    let r = &diagnostics[1]["range"];
    let params = json!({"textDocument": {"uri": URI}, "range": {"start": r["start"], "end": r["start"]}, "context": {"diagnostics": [], "only": ["quickfix"]}});
    let actions = client.request("textDocument/codeAction", params).await["result"].clone();
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions}");
    assert_eq!(actions[0]["edit"]["changes"][URI][0]["newText"], "21.44");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_applies_every_safe_fix() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = with_errors();
    client.open(URI, &text).await;
    client.diagnostics(URI, 1).await;
    let params = json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": [], "only": ["source.fixAll.gouji"]}});
    let actions = client.request("textDocument/codeAction", params).await["result"].clone();
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.gouji");
    let edits = actions[0]["edit"]["changes"][URI].as_array().unwrap().clone();
    assert_eq!(edits.len(), 2);
    // Applied from the last to the first, so each range still holds.
    let changes: Vec<Value> = edits.iter().rev().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect();
    client.change(URI, 2, Value::Array(changes)).await;
    assert_eq!(codes(&client.diagnostics(URI, 2).await), ["change-rate-mismatch"]);
    assert_eq!(client.text(URI).await.0, text.replace("占 24.44%", "占 21.44%").replace("3.2 元", "3.2 万元"));
    // `source` asks for every source action; quick fixes are not among them.
    let params = json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": [], "only": ["source"]}});
    let actions = client.request("textDocument/codeAction", params).await["result"].clone();
    assert!(actions.is_null(), "nothing left to fix: {actions}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_total_lists_its_items() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = with_errors();
    client.open(URI, &text).await;
    let at = range_of(&text, "12.8", 0, ColumnUnit::Utf16);
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": at["start"]})).await["result"].clone();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert_eq!(hover["range"], range_of(&text, "12.8 万元", 0, ColumnUnit::Utf16));
    let value = hover["contents"]["value"].as_str().unwrap();
    for line in ["| 公务接待费 | 3.2 元 |", "| 公务用车购置及运行费 | 9.6 |", "| **分项之和** | **12.8** |", "| **差额** | **0.0** |"]
    {
        assert!(value.contains(line), "{line} not in\n{value}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_table_total_lists_its_rows() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = "## 附表3 一般公共预算支出表

单位：万元

| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
| --- | --- | --- | --- | --- |
| 208 | 社会保障和就业支出 | 55.6 | 55.6 | 0 |
| 20805 | 行政事业单位养老支出 | 55.6 | 55.6 | 0 |
| 2080505 | 机关事业单位基本养老保险缴费支出 | 30.2 | 30.2 | 0 |
| 2080506 | 机关事业单位职业年金缴费支出 | 25.4 | 25.4 | 0 |
| 210 | 卫生健康支出 | 20 | 12 | 8 |
|  | 合计 | 75.7 | 67.6 | 8 |
";
    let uri = "file:///drafts/tables.md";
    client.open(uri, text).await;
    let at = range_of(text, "75.7", 0, ColumnUnit::Utf16);
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": at["start"]})).await["result"].clone();
    let value = hover["contents"]["value"].as_str().unwrap();
    for line in ["| 社会保障和就业支出 | 55.6 |", "| 卫生健康支出 | 20 |", "| **分项之和** | **75.6** |", "| **差额** | **0.1** |"]
    {
        assert!(value.contains(line), "{line} not in\n{value}");
    }
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await["result"].clone();
    assert!(symbols.as_array().unwrap().iter().any(|s| s["name"] == "附表3 一般公共预算支出表" && s["kind"] == 23), "{symbols}");
}

/// Tables pasted from PDF, with a caption over their figure columns and
/// rows short of figures: a hover on each 总计 lists its rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_the_totals_of_tables_pasted_from_pdf() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables-layouts/county_nine_tables.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let uri = "file:///drafts/county.txt";
    client.open(uri, &text).await;
    // 表2 (a group heading before 总计), 表3 (a caption), 表5 (a caption, a page break).
    for n in 0..3 {
        let row = text.match_indices("\n总计 440.90").nth(n).expect("a 总计 row").0;
        let position = position_of(&text, row + "\n总计 ".len(), ColumnUnit::Utf16);
        let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": position})).await["result"].clone();
        let value = hover["contents"]["value"].as_str().unwrap_or_default().to_string();
        for line in ["| 文化旅游体育与传媒支出 | 371.40 |", "| 住房保障支出 | 17.16 |", "| **分项之和** | **440.90** |"] {
            assert!(value.contains(line), "总计 {n}: {line} not in\n{value}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_rate_shows_the_computation() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = with_errors();
    client.open(URI, &text).await;
    let at = range_of(&text, "3.49", 0, ColumnUnit::Utf16);
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": at["end"]})).await["result"].clone();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("480.2 − 18.2 = 462.0 万元"), "{value}");
    assert!(value.contains("文中：3.49%，各数的任何四舍五入都得不出此数"), "{value}");
    // Not on a figure: nothing.
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": pos(0, 2)})).await;
    assert!(hover["result"].is_null(), "{hover}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_in_plain_text_for_clients_without_markdown() {
    let capabilities = json!({"textDocument": {"hover": {"contentFormat": ["plaintext"]}}});
    let (mut client, _) = Client::start(capabilities, Value::Null).await;
    client.open(URI, CLEAN).await;
    let at = range_of(CLEAN, "402.5", 0, ColumnUnit::Utf16);
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": at["start"]})).await["result"].clone();
    assert_eq!(hover["contents"]["kind"], "plaintext");
    assert!(hover["contents"]["value"].as_str().unwrap().contains("基本支出"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_symbols_are_the_outline() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let text = format!("{CLEAN}\n附表1 2025年部门收支总表\n项目\t预算数\n合计\t512.36\n");
    client.open(URI, &text).await;
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})).await["result"].clone();
    let part = &symbols[0];
    assert_eq!(part["name"], "第二部分 2025年部门预算情况说明");
    assert_eq!(part["selectionRange"], range((0, 0), (0, "第二部分 2025年部门预算情况说明".chars().count())));
    let sections: Vec<&str> = part["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(sections, ["一、收支预算总体情况说明", "二、支出预算情况说明", "三、“三公”经费预算情况说明"]);
    let first = &part["children"][0]["children"][0];
    assert_eq!(first["name"], "（一）收入预算总计 512.36 万元");
    let tables: Vec<&Value> = part["children"][2]["children"].as_array().unwrap().iter().filter(|s| s["kind"] == 23).collect();
    assert_eq!(tables.len(), 1, "{symbols}");
    assert_eq!(tables[0]["name"], "附表1 2025年部门收支总表");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_set_rule_severities() {
    let init = json!({"rules": {"unit-slip": "off", "share-mismatch": "hint", "no-such-rule": "error"}});
    let (mut client, _) = Client::start(json!({}), init).await;
    let log = client.notification("window/logMessage").await;
    assert!(log["message"].as_str().unwrap().contains("no-such-rule"), "{log}");
    let text = with_errors();
    client.open(URI, &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    assert_eq!(codes(&diagnostics), ["change-rate-mismatch", "share-mismatch"]);
    assert_eq!(diagnostics[1]["severity"], 4);
    // Fix all leaves a rule that is off alone.
    let params = json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": [], "only": ["source.fixAll"]}});
    let actions = client.request("textDocument/codeAction", params).await["result"].clone();
    assert_eq!(actions[0]["edit"]["changes"][URI].as_array().unwrap().len(), 1);
    // A new configuration: republished at the same version, nothing re-read.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"gouji": {"rules": {"change-rate-mismatch": "warning"}}}})).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    assert_eq!(codes(&diagnostics), ["change-rate-mismatch", "share-mismatch", "unit-slip"]);
    assert_eq!(diagnostics[0]["severity"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_are_fetched_from_clients_that_have_them() {
    let capabilities = json!({"workspace": {"configuration": true}});
    let (mut client, _) = Client::start(capabilities, Value::Null).await;
    // The server asked at `initialized` (answered with null: no settings).
    client.notification("workspace/configuration").await;
    *client.configuration.lock().unwrap() = json!({"rules": {"change-rate-mismatch": "off"}});
    client.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    client.notification("workspace/configuration").await;
    client.open(URI, &with_errors()).await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await), ["share-mismatch", "unit-slip"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_where_the_client_supports_them() {
    let capabilities = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}, "workspace": {"diagnostics": {"refreshSupport": true}}});
    let (mut client, result) = Client::start(capabilities, Value::Null).await;
    assert_eq!(result["capabilities"]["diagnosticProvider"]["identifier"], "gouji");
    let text = with_errors();
    client.open(URI, &text).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}})).await["result"].clone();
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().unwrap();
    assert_eq!(actual(items), expected(&text, ColumnUnit::Utf16));
    let again = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": report["resultId"]})).await;
    assert_eq!(again["result"]["kind"], "unchanged", "{again}");
    // Settings change: the client is asked to pull again.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"rules": {"unit-slip": "off"}}})).await;
    client.notification("workspace/diagnostic/refresh").await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}})).await["result"].clone();
    assert_eq!(codes(report["items"].as_array().unwrap()), ["change-rate-mismatch", "share-mismatch"]);
    // Nothing was pushed.
    assert!(!client.backlog.iter().any(|m| m["method"] == "textDocument/publishDiagnostics"), "{:?}", client.backlog);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_clears_and_forgets() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    client.open(URI, &with_errors()).await;
    assert_eq!(client.diagnostics(URI, 1).await.len(), 3);
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": URI}})).await;
    let cleared = client.notification("textDocument/publishDiagnostics").await;
    assert_eq!(cleared["diagnostics"], json!([]));
    let r = client.request("gouji/documentText", json!({"textDocument": {"uri": URI}})).await;
    assert!(r["result"].is_null(), "{r}");
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": pos(4, 30)})).await;
    assert!(hover["result"].is_null(), "{hover}");
    // Reopened, it is a new document.
    client.open(URI, CLEAN).await;
    assert_eq!(client.diagnostics(URI, 1).await, Vec::<Value>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_that_are_not_files_are_checked_too() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    client.open("untitled:Untitled-1", &with_errors()).await;
    assert_eq!(client.diagnostics("untitled:Untitled-1", 1).await.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_analyses_again() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    client.open(URI, CLEAN).await;
    client.diagnostics(URI, 1).await;
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": URI}})).await;
    assert_eq!(client.diagnostics(URI, 1).await, Vec::<Value>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versions_that_are_not_newer_are_rejected() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    client.open(URI, "合计 1 万元。\n").await;
    client.change(URI, 5, json!([{"text": "合计 5 万元。\n"}])).await;
    client.change(URI, 5, json!([{"text": "stale"}])).await;
    client.change(URI, 3, json!([{"text": "older"}])).await;
    assert_eq!(client.text(URI).await, ("合计 5 万元。\n".to_owned(), 5));
    let log = client.notification("window/logMessage").await;
    assert!(log["message"].as_str().unwrap().contains("not newer"), "{log}");
    // A change to a document that is not open is ignored.
    client.change("file:///nowhere.txt", 2, json!([{"text": "x"}])).await;
    assert!(client.request("gouji/documentText", json!({"textDocument": {"uri": "file:///nowhere.txt"}})).await["result"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_unknown_messages() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    // Not JSON.
    client.send_raw(&frame(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ")).await;
    let error = client.response(Value::Null).await;
    assert_eq!(error["error"]["code"], -32700, "{error}");
    // An unknown request, an unknown notification, a request with bad params.
    let unknown = client.request("gouji/noSuchThing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    client.notify("$/noSuchNotification", json!({"x": 1})).await;
    let bad = client.request("textDocument/hover", json!({"textDocument": 7})).await;
    assert_eq!(bad["error"]["code"], -32602);
    // A hover on a document never opened.
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": "file:///x.txt"}, "position": pos(0, 0)})).await;
    assert!(hover["result"].is_null());
    // The server still works.
    client.open(URI, &with_errors()).await;
    assert_eq!(client.diagnostics(URI, 1).await.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_range_positions_are_clamped() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    client.open(URI, "一、概况\n合计 1 万元。").await;
    // A column past the end of its line is the end of the line; a line
    // past the end is the end of the document.
    client.change(URI, 2, json!([{"range": range((0, 99), (0, 1000)), "text": "说明"}])).await;
    client.change(URI, 3, json!([{"range": range((70, 3), (4_000_000_000, 4_000_000_000)), "text": "\n结束。"}])).await;
    // An end before the start is the same range the other way round.
    client.change(URI, 4, json!([{"range": range((1, 2), (1, 0)), "text": "总计"}])).await;
    assert_eq!(client.text(URI).await.0, "一、概况说明\n总计 1 万元。\n结束。");
    for (line, character) in [(0, 10_000), (1_000_000, 0), (4_000_000_000, 4_000_000_000)] {
        let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": pos(line, character)})).await;
        assert!(hover.get("error").is_none(), "{hover}");
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": URI}, "range": range((line, character), (line, character)), "context": {"diagnostics": []}}),
            )
            .await;
        assert!(actions.get("error").is_none(), "{actions}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn characters_outside_the_basic_plane() {
    // 𠮷 and 😀 are two UTF-16 units and four UTF-8 bytes each; ordinary CJK
    // is one unit, and would hide an off-by-one.
    let text = with_errors().replace("某某县档案馆", "𠮷😀县档案馆").replace("公务接待费", "😀接待费𠮷");
    for (encoding, unit) in [("utf-16", ColumnUnit::Utf16), ("utf-8", ColumnUnit::Utf8), ("utf-32", ColumnUnit::Char)] {
        let capabilities = json!({"general": {"positionEncodings": [encoding]}});
        let (mut client, _) = Client::start(capabilities, Value::Null).await;
        client.open(URI, &text).await;
        let diagnostics = client.diagnostics(URI, 1).await;
        assert_eq!(actual(&diagnostics), expected(&text, unit), "{encoding}");
        let slip = range_of(&text, "元，公务用车", 0, unit);
        assert_eq!(diagnostics[2]["range"]["start"], slip["start"], "{encoding}");
        // Type after the emoji, in the client's unit.
        let after = range_of(&text, "😀接待费", 0, unit)["start"].clone();
        let line = after["line"].as_u64().unwrap() as usize;
        let col = after["character"].as_u64().unwrap() as usize
            + if unit == ColumnUnit::Utf8 {
                4
            } else if unit == ColumnUnit::Utf16 {
                2
            } else {
                1
            };
        client.change(URI, 2, json!([{"range": range((line, col), (line, col)), "text": "公务"}])).await;
        let expected_text = text.replace("😀接待费", "😀公务接待费");
        assert_eq!(client.text(URI).await.0, expected_text, "{encoding}");
        let hover_at = range_of(&expected_text, "3.2 元", 0, unit)["start"].clone();
        let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": hover_at})).await["result"].clone();
        assert_eq!(hover["range"], range_of(&expected_text, "3.2 元", 0, unit), "{encoding}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_the_analysis_does_not_take_the_server_down() {
    let options = gouji::lsp::Options {
        analyze: |analyzer, text, config| {
            assert!(!text.contains("崩溃"), "a planted panic");
            analyzer.analyze_with(text, config)
        },
        lang: gouji::Lang::Zh,
    };
    let (mut client, _) = Client::start_with(options, json!({}), Value::Null).await;
    client.open("file:///bad.txt", "崩溃 1 万元").await;
    let log = client.notification("window/logMessage").await;
    assert!(log["message"].as_str().unwrap().contains("a planted panic"), "{log}");
    assert_eq!(log["type"], 1);
    assert_eq!(client.diagnostics("file:///bad.txt", 1).await, Vec::<Value>::new());
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": "file:///bad.txt"}, "position": pos(0, 3)})).await;
    assert!(hover["result"].is_null());
    // Other documents, and the same one once fixed, are served as before.
    client.open(URI, &with_errors()).await;
    assert_eq!(client.diagnostics(URI, 1).await.len(), 3);
    client.change("file:///bad.txt", 2, json!([{"text": &with_errors()}])).await;
    assert_eq!(client.diagnostics("file:///bad.txt", 2).await.len(), 3);
}

/// A folder of its own under the temporary directory, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("gouji-lsp-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("2025")).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) -> (std::path::PathBuf, String) {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        let uri = tower_lsp_server::ls_types::Uri::from_file_path(&path).unwrap();
        (path, uri.as_str().to_owned())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CONFIG: &str = "[rules]
share-mismatch = \"off\"
change-rate-mismatch = \"warning\"

[[ignore]]
path = \"2025/*.txt\"
text = \"公务接待费 3.2 元\"
rules = [\"unit-slip\"]
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gouji_toml_above_a_draft_applies_as_for_check() {
    let dir = TempDir::new("toml");
    dir.write("gouji.toml", CONFIG);
    let (_, uri) = dir.write("2025/预算公开.txt", &with_errors());
    let capabilities = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut client, _) = Client::start(capabilities, Value::Null).await;
    let registration = client.notification("client/registerCapability").await;
    assert_eq!(registration["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"], "**/gouji.toml");
    client.open(&uri, &with_errors()).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diagnostics), ["change-rate-mismatch"]);
    assert_eq!(diagnostics[0]["severity"], 2);
    // The client's settings go over the file's.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"rules": {"share-mismatch": "info"}}})).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diagnostics), ["change-rate-mismatch", "share-mismatch"]);
    assert_eq!(diagnostics[1]["severity"], 3);
    // The file changes: read again when the client says so.
    dir.write("gouji.toml", "exclude = [\"2025/**\"]\n");
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": format!("{}/gouji.toml", dir_uri(&dir)), "type": 2}]})).await;
    assert_eq!(client.diagnostics(&uri, 1).await, Vec::<Value>::new(), "an excluded draft reports nothing");
    // A gouji.toml that cannot be read is said so, and not used.
    dir.write("gouji.toml", "[rules]\nno-such-rule = \"off\"\n");
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": format!("{}/gouji.toml", dir_uri(&dir)), "type": 2}]})).await;
    let shown = client.notification("window/showMessage").await;
    assert!(shown["message"].as_str().unwrap().contains("no-such-rule"), "{shown}");
    assert_eq!(codes(&client.diagnostics(&uri, 1).await), ["change-rate-mismatch", "share-mismatch", "unit-slip"]);
}

fn dir_uri(dir: &TempDir) -> String {
    tower_lsp_server::ls_types::Uri::from_file_path(&dir.0).unwrap().as_str().trim_end_matches('/').to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_diagnostics_equal_check_line_for_line() {
    let dir = TempDir::new("check");
    dir.write("gouji.toml", CONFIG);
    let text = with_errors().replace("公务接待费 3.2 元", "公务接待费 3.3 元").replace("增长 4.1%", "增长 4.7%");
    let (path, uri) = dir.write("2025/决算.txt", &text);
    let check = checked(path);
    assert!(check.len() >= 2, "{check:?}");
    // Columns in characters, as `check` counts them.
    let (mut client, _) = Client::start(json!({"general": {"positionEncodings": ["utf-32"]}}), Value::Null).await;
    client.open(&uri, &text).await;
    let mut published = published(&client.diagnostics(&uri, 1).await);
    // The `[[ignore]]` entry that accepts nothing: `check` reports it at its
    // own line in gouji.toml, the server, which shows the draft alone, at
    // the draft's start.
    let entry = published.iter().position(|f| f.4 == "unused-suppression");
    assert_eq!(entry.map(|i| published.remove(i).0), Some(0));
    assert_eq!(published, check);
}

/// A finding as both edges show it: lines and columns (in characters)
/// from 0, code and severity.
type Finding = (u64, u64, u64, u64, String, String);

/// What `gouji check --format json` says of a file (not of its gouji.toml).
fn checked(path: std::path::PathBuf) -> Vec<Finding> {
    let shown = path.display().to_string();
    let options = gouji::cli::CheckOptions { paths: vec![path], format: gouji::cli::Format::Json, color: false, config: None, fix: false, diff: false, coverage: false, previous: None, budget: None, lang: None, env_lang: gouji::Lang::Zh, output: None, progress: false };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    gouji::cli::check(&options, &mut out, &mut err);
    String::from_utf8(out)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|d| d.get("code").is_some() && d["path"] == shown.as_str())
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap();
            (n("line") - 1, n("column") - 1, n("end_line") - 1, n("end_column") - 1, d["code"].as_str().unwrap().to_owned(), d["severity"].as_str().unwrap().to_owned())
        })
        .collect()
}

/// What the server published, to a client counting columns in characters.
fn published(diagnostics: &[Value]) -> Vec<Finding> {
    let severity = |n: i64| ["", "error", "warning", "info", "hint"][n as usize].to_owned();
    diagnostics
        .iter()
        .map(|d| {
            let (s, e) = (&d["range"]["start"], &d["range"]["end"]);
            let n = |v: &Value, k: &str| v[k].as_u64().unwrap();
            (n(s, "line"), n(s, "character"), n(e, "line"), n(e, "character"), d["code"].as_str().unwrap().to_owned(), severity(d["severity"].as_i64().unwrap()))
        })
        .collect()
}

/// On real drafts, in the folder `GOUJI_DRAFTS` names (`.ci/run` points it
/// at the annotated corpus beside the checkout, which stays out of the
/// repository): the server publishes what `gouji check` says, line for
/// line; a quick fix applied as an incremental edit clears its
/// diagnostic; a hover on a table's total lists its items and their sum.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::print_stderr)] // to say that it checked nothing
async fn real_drafts_as_check_sees_them() {
    let Some(dir) = std::env::var_os("GOUJI_DRAFTS") else {
        eprintln!("GOUJI_DRAFTS not set: no real drafts checked");
        return;
    };
    let mut paths: Vec<std::path::PathBuf> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md")).collect();
    paths.sort();
    assert!(!paths.is_empty(), "no drafts in {dir:?}");
    let (mut fixed, mut hovered) = (0, 0);
    let (mut client, _) = Client::start(json!({"general": {"positionEncodings": ["utf-32"]}}), Value::Null).await;
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let uri = tower_lsp_server::ls_types::Uri::from_file_path(std::fs::canonicalize(&path).unwrap()).unwrap().as_str().to_owned();
        client.open(&uri, &text).await;
        let diagnostics = client.diagnostics(&uri, 1).await;
        assert_eq!(published(&diagnostics), checked(path.clone()), "{}", path.display());
        // A hover on the total of a table's list.
        let analysis = gouji::analyze(&text);
        let table_total = analysis.facts.lists.iter().find(|l| l.origin == gouji::facts::ListOrigin::Table).map(|l| analysis.facts.figures[l.total].number);
        if let Some(number) = table_total {
            let at = position_of(&text, number.start, ColumnUnit::Char);
            let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": at})).await["result"].clone();
            let value = hover["contents"]["value"].as_str().unwrap_or_default();
            assert!(value.contains("**分项之和**"), "{}: hover on a table total\n{value}", path.display());
            hovered += 1;
        }
        // The first quick fix, applied as an editor applies it.
        for d in &diagnostics {
            let params = json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}});
            let actions = client.request("textDocument/codeAction", params).await["result"].clone();
            let Some(fix) = actions.as_array().and_then(|a| a.iter().find(|a| a["kind"] == "quickfix")).cloned() else { continue };
            let edits = fix["edit"]["changes"][&uri].as_array().cloned().unwrap_or_default();
            let changes: Vec<Value> = edits.iter().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect();
            assert_eq!(changes.len(), 1, "{fix}");
            client.change(&uri, 2, Value::Array(changes)).await;
            let after = client.diagnostics(&uri, 2).await;
            let start = &d["range"]["start"];
            assert!(!after.iter().any(|a| a["code"] == d["code"] && &a["range"]["start"] == start), "{}: the fix of {d} left it", path.display());
            fixed += 1;
            break;
        }
        client.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}})).await;
    }
    assert!(fixed > 0 && hovered > 0, "{fixed} fixes and {hovered} hovers tried");
}

/// A small deterministic generator, so the pipelined test is reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The model of the document: applies an edit at UTF-16 positions, written
/// independently of the server's arithmetic (lines end at `\n` only here).
fn apply(text: &str, start: (usize, usize), end: (usize, usize), insert: &str) -> String {
    let offset = |(line, col): (usize, usize)| {
        let line_start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
        let line_text = text[line_start..].split('\n').next().unwrap_or("");
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= col {
                return line_start + i;
            }
            units += c.len_utf16();
        }
        line_start + line_text.len()
    };
    let (a, b) = (offset(start), offset(end));
    format!("{}{insert}{}", &text[..a], &text[b..])
}

/// A valid position in `text` (UTF-16 columns), picked by `rng`.
fn pick(text: &str, rng: &mut Lcg) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = rng.next(lines.len());
    let chars: Vec<char> = lines[line].chars().collect();
    let k = rng.next(chars.len() + 1);
    (line, chars[..k].iter().map(|c| c.len_utf16()).sum())
}

const SNIPPETS: &[&str] =
    &["万元", "12.5", "，增长 3%", "\n", "𠮷", "😀", "合计 100 万元，其中：甲 60 万元、乙 40 万元。", "比上年增加 5 万元", "", "（一）", "元"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_pipelined_edits_end_in_the_right_text() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let mut text = with_errors();
    client.open(URI, &text).await;
    let mut rng = Lcg(20_250_101);
    let mut messages = Vec::new();
    for version in 2..=301 {
        let start = pick(&text, &mut rng);
        let end = if rng.next(3) == 0 { pick(&text, &mut rng).max(start) } else { start };
        let insert = SNIPPETS[rng.next(SNIPPETS.len())];
        text = apply(&text, start, end, insert);
        let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": range(start, end), "text": insert}],
        }});
        messages.extend(frame(change.to_string().as_bytes()));
    }
    // All 300 in one write: the server reads them back to back.
    client.send_raw(&messages).await;
    assert_eq!(client.text(URI).await, (text.clone(), 301));
    let diagnostics = client.diagnostics(URI, 301).await;
    assert_eq!(actual(&diagnostics), expected(&text, ColumnUnit::Utf16));
}

/// After every edit, each diagnostic published, in full (range, related
/// places, fix), is what a document opened afresh with the same text gets:
/// those the edit left alone are reused from the version before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_reused_across_edits_equal_fresh_ones() {
    const FRESH: &str = "file:///drafts/fresh.txt";
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    let mut text = [with_errors(), with_errors()].join("\n");
    client.open(URI, &text).await;
    client.diagnostics(URI, 1).await;
    let mut rng = Lcg(7);
    for version in 2..=200 {
        let start = pick(&text, &mut rng);
        let end = if rng.next(3) == 0 { pick(&text, &mut rng).max(start) } else { start };
        let insert = SNIPPETS[rng.next(SNIPPETS.len())];
        text = apply(&text, start, end, insert);
        client.change(URI, version, json!([{"range": range(start, end), "text": insert}])).await;
        let edited = Value::Array(client.diagnostics(URI, version).await).to_string();
        client.open(FRESH, &text).await;
        let fresh = Value::Array(client.diagnostics(FRESH, 1).await).to_string();
        assert_eq!(edited, fresh.replace(FRESH, URI), "version {version}");
    }
}

fn edits() -> impl Strategy<Value = Vec<(usize, usize, usize, usize, usize)>> {
    proptest::collection::vec((0usize..10_000, 0usize..10_000, 0usize..4, 0usize..SNIPPETS.len(), 0usize..3), 1..25)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// After any sequence of edits (some several to a message), the server
    /// holds the text the edits make and publishes what `gouji check` says
    /// of it.
    #[test]
    fn diagnostics_after_random_edits_equal_a_fresh_check(edits in edits()) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async {
            let (mut client, _) = Client::start(json!({}), Value::Null).await;
            let mut text = with_errors();
            client.open(URI, &text).await;
            let mut version = 1;
            let mut batch = Vec::new();
            for (a, b, len, snippet, group) in edits {
                let mut rng = Lcg((a * 10_007 + b) as u64);
                let start = pick(&text, &mut rng);
                let end = if len == 0 { start } else { pick(&text, &mut rng).max(start) };
                let insert = SNIPPETS[snippet];
                text = apply(&text, start, end, insert);
                batch.push(json!({"range": range(start, end), "text": insert}));
                if group == 0 {
                    continue;
                }
                version += 1;
                client.change(URI, version, Value::Array(std::mem::take(&mut batch))).await;
            }
            if !batch.is_empty() {
                version += 1;
                client.change(URI, version, Value::Array(batch)).await;
            }
            let held = client.text(URI).await;
            let diagnostics = client.diagnostics(URI, version).await;
            prop_assert_eq!(held, (text.clone(), version));
            prop_assert_eq!(actual(&diagnostics), expected(&text, ColumnUnit::Utf16));
            Ok(())
        })?;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_and_exit() {
    let (mut client, _) = Client::start(json!({}), Value::Null).await;
    client.open(URI, CLEAN).await;
    client.settle(URI).await;
    let r = client.request("shutdown", Value::Null).await;
    assert!(r["result"].is_null() && r.get("error").is_none(), "{r}");
    client.notify("exit", Value::Null).await;
}

/// Issue 18: a draft whose gouji.toml names last year's disclosure is
/// checked against it, and again when that file changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_previous_document_is_checked_against_and_watched() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/previous-figure-mismatch/budget_years");
    let read = |name: &str| std::fs::read_to_string(fixtures.join(name)).unwrap();
    let dir = TempDir::new("previous");
    std::fs::create_dir_all(dir.0.join("2026")).unwrap();
    dir.write("gouji.toml", "[[previous]]\npath = \"2026/*.txt\"\nprevious = \"{year-1}/{name}\"\n");
    dir.write("2025/水务局.txt", &read("2025.txt"));
    let this = read("2026.txt");
    let (_, uri) = dir.write("2026/水务局.txt", &this);
    let capabilities = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut client, _) = Client::start(capabilities, Value::Null).await;
    let _ = client.notification("client/registerCapability").await;
    client.open(&uri, &this).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diagnostics), ["previous-figure-mismatch"; 3]);
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("上年公开稿"), "{}", diagnostics[0]);
    // Last year's file corrected on disk: 行政运行 was 301.10 after all.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (_, previous_uri) = dir.write("2025/水务局.txt", &read("2025.txt").replace("300.10", "301.10").replace("380.40", "381.40").replace("540.10", "541.10").replace("620.40", "621.40"));
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": previous_uri, "type": 2}]})).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(codes(&diagnostics), ["previous-figure-mismatch"; 2], "{diagnostics:?}");
}
