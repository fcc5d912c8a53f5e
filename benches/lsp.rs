//! `cargo bench --bench lsp`: edit-to-diagnostics through the language
//! server on a 1 MB draft, against a full analysis of the same draft; and
//! the memory the server holds for it. Two drafts: 1 MB of real text (the
//! drafts of `../shared/corpus` one after the other, cut at a line end;
//! skipped with a note when the corpus is absent) and a generated one.
//!
//! The server runs in-process over `tokio::io::duplex`; an iteration is one
//! `didChange` (typing a digit into a figure in the middle of the draft, or
//! deleting it again) until the `publishDiagnostics` of that version has
//! been read and parsed. A summary is printed at the end: medians and 90th
//! percentiles of the full analysis, of the edit through the server and of
//! the same edit through the core's `Analyzer` alone (what the server adds
//! is the difference), and the heap the server holds.

#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use gouji::text::{ColumnUnit, LineIndex};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// The real drafts (`real_draft`), from the other bench.
#[path = "check.rs"]
#[allow(dead_code)]
mod check;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A generated disclosure: one part per subordinate unit, each with its
/// totals, a change with its rate, a split into basic and project spending
/// with shares, and the 三公 funds. Every seventh part has a wrong share,
/// every eleventh an item in 元, so there is something to report.
fn draft(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 2048);
    let mut i: u64 = 0;
    while out.len() < bytes {
        i += 1;
        let basic = 20_000 + (i * 7_919) % 80_000; // in cents of 万元
        let project = 5_000 + (i * 3_571) % 40_000;
        let total = basic + project;
        let change = 100 + (i * 613) % 2_000;
        let rate = change as f64 / (total - change) as f64 * 100.0;
        let share = |part: u64| format!("{:.2}", part as f64 / total as f64 * 100.0);
        let wrong_share = if i % 7 == 0 { format!("{:.2}", (project as f64 / total as f64 * 100.0) + 3.0) } else { share(project) };
        let reception = 50 + (i * 37) % 500;
        let vehicles = 200 + (i * 53) % 900;
        let unit = if i % 11 == 0 { "元" } else { "万元" };
        let money = |cents: u64| format!("{}.{:02}", cents / 100, cents % 100);
        let _ = write!(
            out,
            "第{i}部分 某某市农业农村局所属单位{i} 2025 年部门预算情况说明\n\n\
             一、收支预算总体情况说明\n\n\
             单位{i}本年收入、支出预算总计 {t} 万元，与上年相比增加 {c} 万元，增长 {rate:.2}%。主要是人员经费和项目支出增加。\n\n\
             二、支出预算情况说明\n\n\
             本年支出预算合计 {t} 万元，其中：基本支出 {b} 万元，占 {bs}%；项目支出 {p} 万元，占 {ps}%。\n\n\
             三、“三公”经费预算情况说明\n\n\
             “三公”经费预算 {s} 万元，其中：因公出国（境）费 0 万元，公务接待费 {r} {unit}，公务用车购置及运行费 {v} 万元。\n\n",
            t = money(total),
            c = money(change),
            b = money(basic),
            p = money(project),
            bs = share(basic),
            ps = wrong_share,
            s = money(reception + vehicles),
            r = money(reception),
            v = money(vehicles),
        );
    }
    out
}

#[derive(serde::Deserialize)]
struct Incoming {
    id: Option<Value>,
    method: Option<String>,
    params: Option<Published>,
}

#[derive(serde::Deserialize)]
struct Published {
    version: Option<i64>,
    #[serde(default)]
    diagnostics: Vec<serde::de::IgnoredAny>,
}

struct Client {
    uri: String,
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
}

impl Client {
    async fn start(uri: &str) -> Client {
        let (client_side, server_side) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_side);
        tokio::spawn(gouji::lsp::serve(server_read, server_write));
        let (read, writer) = tokio::io::split(client_side);
        let mut client = Client { uri: uri.to_owned(), reader: BufReader::new(read), writer };
        client.send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}})).await;
        while client.recv().await.id != Some(json!(0)) {}
        client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})).await;
        client
    }

    async fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        self.writer.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await.unwrap();
    }

    /// Reads one message, parsed only as far as the bench needs (a client's
    /// memory is not the server's).
    async fn recv(&mut self) -> Incoming {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).await.unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Waits for the diagnostics of `version`; returns how many there are.
    async fn diagnostics(&mut self, version: i64) -> usize {
        loop {
            let msg = self.recv().await;
            if let (Some("textDocument/publishDiagnostics"), Some(params)) = (msg.method.as_deref(), msg.params) {
                if params.version == Some(version) {
                    return params.diagnostics.len();
                }
            }
        }
    }

    async fn change(&mut self, version: i64, range: Value, text: &str) {
        let params = json!({"textDocument": {"uri": &self.uri, "version": version}, "contentChanges": [{"range": range, "text": text}]});
        self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": params})).await;
    }

    /// Closes the document and waits for its diagnostics to be cleared, so
    /// that the server holds nothing of it for the next case.
    async fn close(&mut self) {
        let params = json!({"textDocument": {"uri": &self.uri}});
        self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": params})).await;
        loop {
            let msg = self.recv().await;
            if let (Some("textDocument/publishDiagnostics"), Some(params)) = (msg.method.as_deref(), msg.params) {
                if params.version.is_none() && params.diagnostics.is_empty() {
                    return;
                }
            }
        }
    }
}

/// Where the edits go in the generated draft: just before the decimal
/// point of the basic spending of the part in the middle of the draft.
fn edit_point_generated(text: &str) -> usize {
    let middle = gouji::text::floor_char_boundary(text, text.len() / 2);
    let at = middle + text[middle..].find("基本支出 ").unwrap() + "基本支出 ".len();
    at + text[at..].find('.').unwrap()
}

/// Where the edits go in real text: just before the decimal point of the
/// first figure with decimals after the middle of the draft.
fn edit_point_real(text: &str) -> usize {
    let bytes = text.as_bytes();
    let middle = text.len() / 2;
    (middle..bytes.len() - 1).find(|&i| bytes[i] == b'.' && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit()).unwrap()
}

fn range(line: usize, start: usize, end: usize) -> Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}})
}

/// The median and the 90th percentile.
fn quantiles(v: &mut [Duration]) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[(v.len() * 9 / 10).min(v.len() - 1)])
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

/// 1 MB of the corpus's drafts, cut at a line end; `None` without the corpus.
fn real_text() -> Option<String> {
    let mut text = check::real_draft(1 << 20)?;
    let cut = text.as_bytes()[..1 << 20].iter().rposition(|&b| b == b'\n').map_or(text.len(), |i| i + 1);
    text.truncate(cut);
    Some(text)
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut summaries = Vec::new();
    match real_text() {
        Some(text) => summaries.push(case(c, &runtime, "real 1MB", &text, edit_point_real(&text))),
        None => eprintln!("lsp: no drafts in ../shared/corpus; the real-text case is skipped"),
    }
    let text = draft(1 << 20);
    summaries.push(case(c, &runtime, "1MB", &text, edit_point_generated(&text)));
    for s in summaries {
        eprintln!("{s}");
    }
}

/// Benchmarks one draft: its full analysis, and edits through a server
/// that has it open. Returns the summary to print.
fn case(c: &mut Criterion, runtime: &tokio::runtime::Runtime, name: &str, text: &str, at: usize) -> String {
    let mut group = c.benchmark_group("lsp");
    group.sample_size(10);
    group.bench_function(format!("full analysis {name}"), |b| b.iter(|| gouji::analyze(text)));

    let uri = format!("file:///bench/{}.txt", name.replace(' ', "-"));
    let base = LIVE.load(Ordering::Relaxed);
    let mut client = runtime.block_on(async {
        let mut client = Client::start(&uri).await;
        let params = json!({"textDocument": {"uri": &uri, "languageId": "plaintext", "version": 1, "text": text}});
        client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": params})).await;
        client.diagnostics(1).await;
        client
    });
    let held = LIVE.load(Ordering::Relaxed).saturating_sub(base);

    let p = LineIndex::new(text).line_col(text, at, ColumnUnit::Utf16);
    let (line, col) = (p.line, p.col);
    let mut version = 1i64;
    // The peak is taken over edits only: criterion's statistics between
    // samples, and the full analyses below, take megabytes of their own.
    let mut peak = 0;
    let mut edit_peak = |client: &mut Client, version: &mut i64, n: u64| {
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        let (elapsed, count) = runtime.block_on(edits(client, version, line, col, n));
        peak = peak.max(PEAK.load(Ordering::Relaxed).saturating_sub(base));
        (elapsed, count)
    };
    edit_peak(&mut client, &mut version, 20);
    group.sample_size(30);
    group.bench_function(format!("edit to diagnostics {name}"), |b| b.iter_custom(|iters| edit_peak(&mut client, &mut version, iters).0));
    group.finish();

    // Full analyses, edits through the server and the same edits through
    // the core alone take turns, so that all meet the same load on a
    // shared machine.
    let mut analyzer = gouji::Analyzer::default();
    let mut edited = text.to_owned();
    analyzer.analyze(&edited);
    let (mut full, mut edit, mut core, mut counts) = (Vec::new(), Vec::new(), Vec::new(), [0; 2]);
    for round in 0..60 {
        let start = Instant::now();
        std::hint::black_box(gouji::analyze(text));
        full.push(start.elapsed());
        let (elapsed, n) = runtime.block_on(edits(&mut client, &mut version, line, col, 1));
        edit.push(elapsed);
        counts[(version % 2) as usize] = n;
        if round % 2 == 0 {
            edited.insert(at, '9');
        } else {
            edited.remove(at);
        }
        let start = Instant::now();
        std::hint::black_box(analyzer.analyze(&edited));
        core.push(start.elapsed());
    }
    runtime.block_on(client.close());
    let ((full, full90), (edit, edit90), (core, core90)) = (quantiles(&mut full), quantiles(&mut edit), quantiles(&mut core));
    let percent = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64() * 100.0;
    let mut s = String::new();
    let _ = writeln!(s, "\nlsp summary, {name} (draft {:.2} MB, {} diagnostics, {} with the edit):", mb(text.len()), counts[1], counts[0]);
    let _ = writeln!(s, "  full analysis        median {full:>9.2?}  p90 {full90:>9.2?}");
    let _ = writeln!(s, "  edit to diagnostics  median {edit:>9.2?}  p90 {edit90:>9.2?}  ({:.1}% / p90 {:.1}% of a full analysis's median)", percent(edit, full), percent(edit90, full));
    let _ = writeln!(s, "  core re-analysis     median {core:>9.2?}  p90 {core90:>9.2?}  ({:.1}% of the edit's median)", percent(core, edit));
    let _ = writeln!(s, "  heap held by the server after open: {:.1} MB ({:.1}x the draft)", mb(held), held as f64 / text.len() as f64);
    let _ = write!(s, "  peak heap while editing: {:.1} MB ({:.1}x the draft)", mb(peak), peak as f64 / text.len() as f64);
    s
}

/// Makes `n` edits, each waited for: typing a digit into the figure, or
/// taking it out again. Returns the time they took and the diagnostics of
/// the last.
async fn edits(client: &mut Client, version: &mut i64, line: usize, col: usize, n: u64) -> (Duration, usize) {
    let (mut total, mut count) = (Duration::ZERO, 0);
    for _ in 0..n {
        *version += 1;
        let start = Instant::now();
        if *version % 2 == 0 {
            client.change(*version, range(line, col, col), "9").await;
        } else {
            client.change(*version, range(line, col, col + 1), "").await;
        }
        count = client.diagnostics(*version).await;
        total += start.elapsed();
    }
    (total, count)
}

criterion_group!(benches, bench);
criterion_main!(benches);
