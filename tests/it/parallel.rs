//! Blocks and files analysed on all cores give what one core gives.

use std::path::Path;

/// The drafts of the fixtures (and of the corpus, where it is).
fn drafts() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "txt" || e == "md") {
                out.extend(std::fs::read_to_string(&p).ok());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("tests/fixtures"), &mut out);
    walk(&root.join("../shared/corpus"), &mut out);
    out
}

fn on(threads: usize, work: impl FnOnce() -> Vec<gouji::Analysis> + Send) -> Vec<gouji::Analysis> {
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(work),
        Err(e) => panic!("no thread pool: {e}"),
    }
}

fn same(a: &[gouji::Analysis], b: &[gouji::Analysis]) {
    assert_eq!(a.len(), b.len());
    for (a, b) in a.iter().zip(b) {
        assert_eq!(a.diagnostics, b.diagnostics);
        assert_eq!(format!("{:?}", a.facts), format!("{:?}", b.facts));
        assert_eq!(format!("{:?}", a.ties), format!("{:?}", b.ties));
    }
}

#[test]
fn all_cores_give_what_one_core_gives() {
    let drafts = drafts();
    let whole = drafts.concat();
    let config = gouji::Config::default();
    let texts: Vec<(&str, &gouji::Config)> = drafts.iter().map(|d| (d.as_str(), &config)).chain([(whole.as_str(), &config)]).collect();
    let one = on(1, || texts.iter().map(|&(t, c)| gouji::analyze_with(t, c)).collect());
    assert!(one.iter().any(|a| !a.diagnostics.is_empty()));
    same(&one, &on(4, || gouji::analyze_all(&texts)));
    same(&one, &on(4, || texts.iter().map(|&(t, c)| gouji::Analyzer::default().analyze_with(t, c)).collect()));
}
