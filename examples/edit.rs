//! Times re-analysis after a one-character edit: `cargo run --release --example edit`.
use std::io::Write;
use std::time::Instant;

#[path = "../benches/check.rs"]
#[allow(dead_code)]
mod bench;

fn main() {
    let mut text = bench::draft(1 << 20);
    let mut analyzer = gouji::Analyzer::default();
    let t = Instant::now();
    analyzer.analyze(&text);
    let full = t.elapsed();
    let at = text.len() / 2;
    let at = (at..text.len()).find(|&i| text.as_bytes()[i].is_ascii_digit()).unwrap_or(at);
    let rounds = 200;
    let t = Instant::now();
    for i in 0..rounds {
        let digit = if i % 2 == 0 { "7" } else { "3" };
        text.replace_range(at..at + 1, digit);
        analyzer.analyze(&text);
    }
    let edit = t.elapsed() / rounds;
    let _ = writeln!(std::io::stdout(), "full {full:?}, edit {edit:?} ({:.0}%)", edit.as_secs_f64() / full.as_secs_f64() * 100.0);
}
