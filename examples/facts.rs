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
    for (b, s) in a.blocks.iter().zip(&a.facts.blocks) {
        if let Some(t) = &s.title {
            let _ = writeln!(out, "title L{:?} {t}", b.heading.map(|h| h.level));
        }
    }
    for s in &a.ties.statements {
        let _ = writeln!(out, "statement #{} {:?} {:?} cell={:?}", s.figure, a.ties.subject(&s.key), s.scope, s.cell);
    }
    for g in &a.ties.groups {
        let s = &a.ties.statements[g[0]];
        let values: Vec<&str> = g.iter().map(|&i| text[a.facts.figures[a.ties.statements[i].figure].number.range()].trim()).collect();
        let _ = writeln!(out, "group {:?} {} {:?}: {}", a.ties.subject(&s.key), s.key.column, s.scope, values.join(" | "));
    }
    for f in &a.ties.floors {
        let items: Vec<&str> = f.items.iter().map(|&k| text[a.facts.figures[k].number.range()].trim()).collect();
        let _ = writeln!(out, "floor {:?} {:?}: {}", a.ties.subject(&f.key), f.scope, items.join(" + "));
    }
    for s in &a.facts.shares {
        let _ = writeln!(out, "share {s:?}");
    }
    for s in &a.facts.share_sets {
        let _ = writeln!(out, "share set {s:?}");
    }
}
