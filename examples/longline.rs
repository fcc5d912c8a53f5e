//! Times hostile shapes: `cargo run --release --example longline -- MB`.
use std::io::Write;
use std::time::Instant;

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let sentence = "本部门支出合计 100 万元，其中：甲 60 万元、乙 30 万元，比上年增加 5 万元，增长 5.3%；";
    let text = sentence.repeat((mb << 20) / sentence.len());
    let t = Instant::now();
    let n = gouji::analyze(&text).diagnostics.len();
    let _ = writeln!(std::io::stdout(), "single line {mb} MB: {:?}, {n} diagnostics", t.elapsed());
    let many: String = (0..200_000).map(|i| format!("{}.甲{i}\n", i % 9 + 1)).collect();
    let t = Instant::now();
    gouji::analyze(&many);
    let _ = writeln!(std::io::stdout(), "200k lines: {:?}", t.elapsed());
}
