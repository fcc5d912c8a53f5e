//! Prints the tables gouji reads from a draft: `cargo run --example tables -- FILE`.
use std::io::Write;

use gouji::text::{split_blocks, BlockKind};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = std::io::stdout().lock();
    for block in split_blocks(&text).iter().filter(|b| b.kind == BlockKind::Table) {
        for table in gouji::tables::read_tables(&text[block.span.range()]) {
            let _ = writeln!(out, "== {:?} {:?} unit={:?} columns={:?} captions={}", table.title, table.number, table.unit, table.columns.labels, table.columns.captions);
            for row in &table.rows {
                let figures: Vec<String> = row.figures.iter().map(|f| f.as_ref().map_or("·".into(), |n| n.value.to_string())).collect();
                let _ = writeln!(out, "  {:?} {} [{}] more={:?}", row.code, row.name, figures.join(" "), row.more.iter().map(|m| &m.0).collect::<Vec<_>>());
            }
        }
    }
}
