//! Prints the facts gouji reads from a draft: `cargo run --example facts -- FILE`.
use std::io::Write;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let a = gouji::analyze(&text);
    let mut out = std::io::stdout().lock();
    for (i, f) in a.facts.figures.iter().enumerate() {
        let _ = writeln!(out, "#{i} {:?} {} {:?} subject={}", f.measure, &text[f.span.range()], f.period, f.subject);
    }
    for c in &a.facts.changes {
        let _ = writeln!(out, "change {c:?}");
    }
    for l in &a.facts.lists {
        let _ = writeln!(out, "list total=#{} items={:?} cue={:?} etc={} origin={:?}", l.total, l.items, l.cue, l.et_cetera, l.origin);
    }
    for s in &a.facts.shares {
        let _ = writeln!(out, "share {s:?}");
    }
}
