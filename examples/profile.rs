//! Times the stages of an analysis on a generated 10 MB draft, or on the
//! corpus's drafts concatenated to 9 MB:
//! `cargo run --release --example profile -- [prose|tables|ties|real]`.
use std::io::Write;
use std::time::Instant;

#[path = "../benches/check.rs"]
#[allow(dead_code)]
mod bench;

fn main() {
    let text = match std::env::args().nth(1).as_deref() {
        Some("tables") => bench::table_draft(10 << 20),
        Some("ties") => bench::tied_draft(10 << 20),
        Some("real") => bench::real_draft(9_000_000).unwrap_or_default(),
        _ => bench::draft(10 << 20),
    };
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
    let bf: Vec<gouji::facts::BlockFacts> = blocks
        .iter()
        .map(|b| {
            let source = &text[b.span.range()];
            match b.kind {
                gouji::text::BlockKind::Table => gouji::tables::analyze_table(source),
                gouji::text::BlockKind::Prose => {
                    gouji::facts::analyze_block(source, &gouji::facts::block_skips(b), b.heading.is_some())
                }
            }
        })
        .collect();
    let extract = t.elapsed();
    let t = Instant::now();
    let seeds: Vec<gouji::ties::Seeds> = blocks.iter().zip(&bf).map(|(b, f)| gouji::ties::seeds(b.kind, f)).collect();
    let seeded = t.elapsed();
    let t = Instant::now();
    let facts = gouji::facts::Facts::assemble(&blocks, bf);
    let assemble = t.elapsed();
    let t = Instant::now();
    let ties = gouji::ties::tie(&blocks, &facts, &seeds.iter().collect::<Vec<_>>());
    let tie = t.elapsed();
    let t = Instant::now();
    let d = gouji::checks::run(&gouji::checks::Context::new(&text, &facts).with_ties(&ties));
    let checks = t.elapsed();
    let _ = writeln!(
        std::io::stdout(),
        "extract {extract:?}\nassemble {assemble:?}\nseeds {seeded:?}\nties {tie:?} ({} statements, {} groups)\nchecks {checks:?} ({} diagnostics)",
        ties.statements.len(),
        ties.groups.len(),
        d.len()
    );
    let t = Instant::now();
    let a = gouji::analyze(&text);
    let all = t.elapsed();
    let _ = writeln!(std::io::stdout(), "{} bytes, {} blocks, {} logical bytes, {} diagnostics\nsplit {split:?}\nlogical {logical:?}\nanalyze {all:?}", text.len(), blocks.len(), n, a.diagnostics.len());
}
