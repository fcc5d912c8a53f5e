//! Times the stages of an analysis on a generated draft: `cargo run --release --example profile`.
use std::io::Write;
use std::time::Instant;

#[path = "../benches/check.rs"]
#[allow(dead_code)]
mod bench;

fn main() {
    let text = bench::draft(10 << 20);
    let t = Instant::now();
    let blocks = gouji::text::split_blocks(&text);
    let split = t.elapsed();
    let t = Instant::now();
    let mut n = 0;
    for b in &blocks {
        let skips = gouji::facts::block_skips(b);
        let l = gouji::text::logical_text(&text[b.span.range()], &skips);
        n += l.text.len();
    }
    let logical = t.elapsed();
    let t = Instant::now();
    let bf: Vec<std::sync::Arc<gouji::facts::BlockFacts>> = blocks
        .iter()
        .map(|b| std::sync::Arc::new(gouji::facts::analyze_block(&text[b.span.range()], &gouji::facts::block_skips(b))))
        .collect();
    let extract = t.elapsed();
    let t = Instant::now();
    let facts = gouji::facts::Facts::assemble(&blocks, &bf);
    let assemble = t.elapsed();
    let t = Instant::now();
    let d = gouji::checks::run(&gouji::checks::Context::new(&text, &facts));
    let checks = t.elapsed();
    let _ = writeln!(std::io::stdout(), "extract {extract:?}\nassemble {assemble:?}\nchecks {checks:?} ({} diagnostics)", d.len());
    let t = Instant::now();
    let a = gouji::analyze(&text);
    let all = t.elapsed();
    let _ = writeln!(std::io::stdout(), "{} bytes, {} blocks, {} logical bytes, {} diagnostics\nsplit {split:?}\nlogical {logical:?}\nanalyze {all:?}", text.len(), blocks.len(), n, a.diagnostics.len());
}
