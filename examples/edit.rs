//! Times re-analysis after a one-character edit, in the core alone (no
//! server): `cargo run --release --example edit [real|generated] [ROUNDS]`.
//!
//! `real` (the default) edits 1 MB of the drafts of `../shared/corpus`, cut
//! at a line end, as `cargo bench --bench lsp` does; `generated` the 1 MB
//! prose draft of `cargo bench --bench check`. The edit types a digit into
//! the first figure with decimals after the middle of the draft, then takes
//! it out again. Prints the full analysis and the median and 90th
//! percentile of the edits. Under `valgrind --tool=callgrind
//! --toggle-collect='edit::edits'` only the edits are counted.
use std::io::Write;
use std::time::{Duration, Instant};

#[path = "../benches/check.rs"]
#[allow(dead_code)]
mod bench;

/// The draft named by the first argument.
fn text(which: &str) -> Option<String> {
    match which {
        "generated" => Some(bench::draft(1 << 20)),
        _ => {
            let mut text = bench::real_draft(1 << 20)?;
            let cut = text.as_bytes()[..1 << 20].iter().rposition(|&b| b == b'\n').map_or(text.len(), |i| i + 1);
            text.truncate(cut);
            Some(text)
        }
    }
}

/// The first full analysis, kept apart from the edits for callgrind.
#[inline(never)]
fn first(analyzer: &mut gouji::Analyzer, text: &str) -> Duration {
    let t = Instant::now();
    std::hint::black_box(analyzer.analyze(text));
    t.elapsed()
}

/// `rounds` edits at `at`, each timed.
#[inline(never)]
fn edits(analyzer: &mut gouji::Analyzer, text: &mut String, at: usize, rounds: usize) -> Vec<Duration> {
    (0..rounds)
        .map(|i| {
            if i % 2 == 0 {
                text.insert(at, '9');
            } else {
                text.remove(at);
            }
            let t = Instant::now();
            std::hint::black_box(analyzer.analyze(text));
            t.elapsed()
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map_or("real", String::as_str);
    let rounds = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(200);
    let Some(mut text) = text(which) else {
        let _ = writeln!(std::io::stderr(), "no drafts in ../shared/corpus");
        return;
    };
    let bytes = text.as_bytes();
    let middle = text.len() / 2;
    let Some(at) = (middle..bytes.len() - 1).find(|&i| bytes[i] == b'.' && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit()) else { return };
    let mut analyzer = gouji::Analyzer::default();
    let full = first(&mut analyzer, &text);
    let mut times = edits(&mut analyzer, &mut text, at, rounds);
    times.sort();
    let (median, p90) = (times.get(rounds / 2).copied().unwrap_or_default(), times.get(rounds * 9 / 10).copied().unwrap_or_default());
    let percent = |d: Duration| d.as_secs_f64() / full.as_secs_f64() * 100.0;
    let _ = writeln!(std::io::stdout(), "{which}: full {full:?}, edit median {median:?} ({:.1}%), p90 {p90:?} ({:.1}%)", percent(median), percent(p90));
}
