//! Writes generated drafts to a folder, each a department's budget or final
//! accounts under its title, for timing a region's review:
//! `cargo run --example drafts -- DIR [COUNT] [KB]` (1000 drafts of 32 KB
//! by default: prose and tables, one planted error in every tenth section).
use std::io::Write;

#[path = "../benches/check.rs"]
#[allow(dead_code)]
mod bench;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        let _ = writeln!(std::io::stderr(), "usage: drafts DIR [COUNT] [KB]");
        std::process::exit(2);
    };
    let count: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let kb: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(32);
    if let Err(e) = std::fs::create_dir_all(dir) {
        let _ = writeln!(std::io::stderr(), "{dir}: {e}");
        std::process::exit(2);
    }
    // The same body for every draft of a kind: only the titles differ, as
    // the drafts of one template do.
    let body = format!("{}{}", bench::draft(kb * 1024 / 2), bench::table_draft(kb * 1024 / 2));
    for i in 0..count {
        let kind = if i % 2 == 0 { "预算" } else { "决算" };
        let year = 2024 + (i % 3);
        let text = format!("某县第{}局{year}年部门{kind}公开\n\n{body}", i / 2 + 1);
        let path = std::path::Path::new(dir).join(format!("{i:05}.txt"));
        if let Err(e) = std::fs::write(&path, text) {
            let _ = writeln!(std::io::stderr(), "{}: {e}", path.display());
            std::process::exit(2);
        }
    }
}
