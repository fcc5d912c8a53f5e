//! The review page (`gouji check --format html`): its counts, its links,
//! nothing loaded from outside, valid HTML, the draft's words escaped; and
//! the other formats' output over a folder the same on any number of cores.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use gouji::cli::{CheckOptions, Format};
use gouji::Lang;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `gouji check PATHS --format FORMAT`, in the process; stdout and the status.
fn check(paths: &[PathBuf], format: Format, lang: Option<Lang>) -> (String, i32) {
    let opts = CheckOptions {
        paths: paths.to_vec(),
        format,
        color: false,
        config: None,
        fix: false,
        diff: false,
        coverage: false,
        previous: None,
        budget: None,
        lang,
        env_lang: Lang::Zh,
        output: None,
        progress: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = gouji::cli::check(&opts, &mut out, &mut err);
    (String::from_utf8_lossy(&out).into_owned(), status)
}

/// A start tag as the tokenizer read it: its name and attributes.
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: BTreeMap<String, String>,
}

/// The page's start tags, after checking that it tokenizes without a
/// single error and that every element is closed in order.
fn parse(html: &str) -> Vec<Tag> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];
    let text = |s: &[u8]| String::from_utf8_lossy(s).into_owned();
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut tags = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut doctype = false;
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(token) = token;
        match token {
            Token::Doctype(d) => doctype = text(&d.name) == "html",
            Token::StartTag(t) => {
                let name = text(&t.name);
                if !VOID.contains(&name.as_str()) && !t.self_closing {
                    open.push(name.clone());
                }
                tags.push(Tag { name, attributes: t.attributes.iter().map(|(k, v)| (text(k), text(v))).collect() });
            }
            Token::EndTag(t) => {
                let name = text(&t.name);
                assert_eq!(open.pop().as_deref(), Some(name.as_str()), "</{name}> closes another element");
            }
            Token::Error(e) => panic!("HTML error: {:?}", *e),
            Token::String(_) | Token::Comment(_) => {}
        }
    }
    assert!(doctype, "no <!DOCTYPE html>");
    assert!(open.is_empty(), "left open: {open:?}");
    tags
}

/// Every in-page link has its target, every id is unique, nothing is
/// loaded from outside.
fn links_and_sources(tags: &[Tag]) {
    let mut ids = HashSet::new();
    for t in tags {
        if let Some(id) = t.attributes.get("id") {
            assert!(ids.insert(id.clone()), "id {id} twice");
        }
    }
    let mut links = 0;
    for t in tags {
        assert!(!["link", "img", "iframe", "object", "embed", "base"].contains(&t.name.as_str()), "<{}> in the page", t.name);
        if t.name == "script" {
            assert!(!t.attributes.contains_key("src"), "a script loaded from outside");
        }
        for (k, v) in &t.attributes {
            assert!(k != "src" && k != "srcset" && k != "xmlns", "{k}={v} on <{}>", t.name);
            assert!(!v.contains("http:") && !v.contains("https:") && !v.starts_with("//"), "{k}={v} on <{}>", t.name);
            assert!(!k.starts_with("on"), "inline handler {k} on <{}>", t.name);
        }
        if let Some(href) = t.attributes.get("href") {
            let target = href.strip_prefix('#').unwrap_or_else(|| panic!("a link out of the page: {href}"));
            assert!(ids.contains(target), "href=#{target} has no id");
            links += 1;
        }
    }
    assert!(links > 0);
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_page_of_the_fixtures_counts_links_and_loads_nothing() {
    let fixtures = root().join("tests/fixtures");
    let (html, status) = check(std::slice::from_ref(&fixtures), Format::Html, None);
    let (json, json_status) = check(&[fixtures], Format::Json, None);
    assert_eq!(status, json_status);
    let tags = parse(&html);
    links_and_sources(&tags);
    assert!(!html.contains("url(") && !html.contains("@import") && !html.contains("fetch(") && !html.contains("XMLHttpRequest"));
    // As many findings as the JSON has diagnostics, by severity and by file.
    let (errors, warnings) = (count(&json, r#""severity":"error""#), count(&json, r#""severity":"warning""#));
    assert!(errors > 10 && warnings > 5, "{errors} errors, {warnings} warnings");
    assert_eq!(tags.iter().filter(|t| t.name == "article" && t.attributes.get("class").is_some_and(|c| c == "finding error")).count(), errors);
    assert_eq!(tags.iter().filter(|t| t.name == "article" && t.attributes.get("class").is_some_and(|c| c == "finding warning")).count(), warnings);
    let documents = tags.iter().filter(|t| t.name == "section" && t.attributes.get("class").is_some_and(|c| c == "document")).count();
    let summary = html.split("<table class=\"summary sortable\">").nth(1).and_then(|t| t.split("</table>").next()).unwrap_or_default();
    let rows = count(summary, "<tr") - 1;
    assert_eq!(rows, documents, "a summary row per document");
    let files_in_json: HashSet<&str> = json.lines().filter_map(|l| l.split(r#""path":""#).nth(1)?.split('"').next()).collect();
    assert!(documents >= files_in_json.len() && documents > 50, "{documents} documents, {} with findings", files_in_json.len());
    // The opening line says the same, in Chinese.
    assert!(html.contains(&format!("发现 {errors} 个错误、{warnings} 个警告")), "no counts line");
    for words in ["预算公开文稿检查报告", "各规则发现的问题数", "各文稿发现的问题数", "表间勾稽关系核对情况", "已核对", "未核对", "修改建议", "相关位置"] {
        assert!(html.contains(words), "{words} not in the page");
    }
    // A document's title is read: department, kind and year.
    assert!(html.contains("<td>某县档案馆</td><td>预算</td><td class=\"num\" data-v=\"2025\">2025</td>"), "no title read in the summary");
    // The charts: one bar per rule found, linking to the rule.
    let rules: HashSet<&str> = json.lines().filter_map(|l| l.split(r#""code":""#).nth(1)?.split('"').next()).collect();
    for rule in &rules {
        assert!(html.contains(&format!("<a href=\"#rule-{rule}\"><text")), "no bar for {rule}");
    }
    // Files that could not be read are listed.
    assert!(html.contains("未能检查的文件") && html.contains("bomb.docx"));
}

#[test]
fn the_page_escapes_the_drafts_words_and_speaks_english_when_asked() {
    let dir = std::env::temp_dir().join(format!("gouji-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let draft = "某县<script>alert(1)</script>&局2025年部门预算公开\n\n本部门支出合计 100 万元，其中：甲<b>项</b> 60 万元、乙 30 万元。\n";
    std::fs::write(dir.join("a<b>&\"x'.txt"), draft).unwrap_or_else(|e| panic!("{e}"));
    let (html, status) = check(std::slice::from_ref(&dir), Format::Html, None);
    assert_eq!(status, 1);
    links_and_sources(&parse(&html));
    assert!(!html.contains("<script>alert") && !html.contains("<b>") && !html.contains("a<b>"), "unescaped: {html}");
    assert!(html.contains("某县&lt;script&gt;alert(1)&lt;/script&gt;&amp;局"));
    assert!(html.contains("甲&lt;b&gt;项&lt;/b&gt;"));
    assert_eq!(count(&html, "<script>"), 1, "the sorting script alone");
    let (english, _) = check(std::slice::from_ref(&dir), Format::Html, Some(Lang::En));
    parse(&english);
    assert!(english.contains("<html lang=\"en\">") && english.contains("Review of budget disclosures") && english.contains("1 document(s) checked"));
    assert!(!english.contains("检查报告") && !english.contains("修改建议"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The annotated real disclosures, where they are: each required finding
/// is on the page at its line, and each draft has its ledger of ties.
#[test]
fn the_page_of_the_corpus_shows_each_required_finding_and_each_ledger() {
    let corpus = root().join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else { return };
    let (html, _) = check(std::slice::from_ref(&corpus), Format::Html, None);
    links_and_sources(&parse(&html));
    let mut expected: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.to_string_lossy().ends_with(".expected.json")).collect();
    expected.sort();
    assert_eq!(count(&html, "<section class=\"document\""), expected.len());
    assert_eq!(count(&html, "<table class=\"coverage\">"), expected.len());
    for (i, path) in expected.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let section = html.split(&format!("<section class=\"document\" id=\"d{i}\">")).nth(1).unwrap_or_else(|| panic!("no section d{i}"));
        let section = section.split("<section class=\"document\"").next().unwrap_or_default();
        // The lines the page's findings are at, as `../shared/tools/corpus-eval`
        // credits them: on the finding's lines or its related ones, a line either side.
        let at: Vec<u64> = section.split("<span class=\"at\">第 ").skip(1).filter_map(|s| s.split(' ').next()?.parse().ok()).collect();
        assert!(!at.is_empty() || !text.contains("\"required\": true"));
        for f in value["findings"].as_array().into_iter().flatten().filter(|f| f["required"] == true) {
            let ranges = ["lines", "related"].iter().flat_map(|k| f[*k].as_array().cloned().unwrap_or_default());
            let ranges: Vec<(u64, u64)> = ranges.filter_map(|r| Some((r[0].as_u64()?, r[1].as_u64()?))).collect();
            let shown = at.iter().any(|&l| ranges.iter().any(|&(a, b)| a.saturating_sub(1) <= l && l <= b + 1));
            assert!(shown, "{}: {} not on the page", path.display(), f["id"]);
        }
    }
}

/// What a folder's check writes in every format is the same on one core
/// and on several: files are read in parallel, written in order.
#[test]
fn every_format_writes_the_same_on_one_core_and_on_several() {
    let fixtures = root().join("tests/fixtures");
    for format in ["human", "json", "sarif", "github", "html"] {
        let run = |threads: &str| {
            let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
                .args(["check", "--format", format, "--coverage"])
                .arg(&fixtures)
                .env("RAYON_NUM_THREADS", threads)
                .env("NO_COLOR", "1")
                .output()
                .unwrap_or_else(|e| panic!("cannot run gouji: {e}"));
            (out.stdout, out.stderr, out.status.code())
        };
        let one = run("1");
        assert!(!one.0.is_empty(), "{format}: nothing written");
        // No progress bar when standard error is not a terminal.
        assert!(!String::from_utf8_lossy(&one.1).contains("检查中"), "{format}: a progress bar on a pipe");
        assert!(one == run("4"), "{format}: one core and four differ");
    }
}

/// `--output` writes the report to a file, standard output stays empty.
#[test]
fn output_writes_the_report_to_a_file() {
    let dir = std::env::temp_dir().join(format!("gouji-review-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let page = dir.join("检查报告.html");
    let out = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["check", "--format", "html", "--output"])
        .arg(&page)
        .arg(root().join("tests/fixtures/list-total-mismatch"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap_or_default();
    links_and_sources(&parse(&html));
    assert!(html.contains("list-total-mismatch"));
    let bad = Command::new(env!("CARGO_BIN_EXE_gouji"))
        .args(["check", "--format", "html", "--output"])
        .arg(Path::new(&dir).join("no/such/folder/x.html"))
        .arg(root().join("tests/fixtures/list-total-mismatch"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("无法写入报告"));
    let _ = std::fs::remove_dir_all(&dir);
}
