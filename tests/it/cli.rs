//! The command line, run as a user runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn gouji(args: &[&str], stdin: Option<&[u8]>) -> Output {
    gouji_in(args, stdin, None)
}

/// gouji run in an environment whose language is `lang` (`LANG`), else none.
fn gouji_in(args: &[&str], stdin: Option<&[u8]>, lang: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gouji"));
    command.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    if let Some(lang) = lang {
        command.env("LANG", lang);
    }
    let mut child = command
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run gouji: {e}"));
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.unwrap_or_default());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("gouji did not finish: {e}"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gouji-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

const DRAFT: &str = "一、支出预算情况说明\n\n本部门支出预算合计 100 万元，其中：基本支出 60 万元、项目支出 30 万元。\n\n（二）公用经费 25.36 万元。主要包括：办公费 8.12 万元、邮电费 2.05 万元、工会经费 6.4 元、福利费 8.79 万元。\n";

/// The draft as users save it: UTF-8, CRLF, GB18030 with CRLF, UTF-16LE
/// with BOM and CRLF, UTF-8 with BOM.
fn encodings(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let crlf = text.replace('\n', "\r\n");
    let gbk = encoding_rs::GB18030.encode(&crlf).0.into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(crlf.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    vec![("utf8.txt", text.as_bytes().to_vec()), ("crlf.txt", crlf.into_bytes()), ("gbk.txt", gbk), ("utf16.txt", utf16), ("bom.txt", bom)]
}

/// (line, column, code) of each JSON diagnostic.
fn findings(out: &Output) -> Vec<(u64, u64, String)> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| (v["line"].as_u64().unwrap_or(0), v["column"].as_u64().unwrap_or(0), v["code"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn json_lines_carry_the_documented_fields() {
    let out = gouji(&["check", "--format", "json", &root().join("examples/draft.txt").to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert!(lines.len() >= 5, "{}", String::from_utf8_lossy(&out.stdout));
    for v in &lines {
        for field in ["path", "line", "end_line", "column", "end_column", "severity", "code", "message", "fixes", "related"] {
            assert!(v.get(field).is_some(), "missing {field} in {v}");
        }
    }
    let fixed = lines.iter().find(|v| v["code"] == "unit-slip").and_then(|v| v["fixes"].get(0).cloned());
    assert_eq!(fixed.as_ref().and_then(|f| f["replacement"].as_str()), Some("万"));
}

#[test]
fn exit_status_says_what_was_found() {
    let dir = scratch("exit");
    let clean = dir.join("clean.txt");
    std::fs::write(&clean, "本部门支出预算合计 90 万元，其中：基本支出 60 万元、项目支出 30 万元。\n").unwrap_or_default();
    assert_eq!(gouji(&["check", &clean.to_string_lossy()], None).status.code(), Some(0));
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, DRAFT).unwrap_or_default();
    assert_eq!(gouji(&["check", &bad.to_string_lossy()], None).status.code(), Some(1));
    let missing = gouji(&["check", &dir.join("nope.txt").to_string_lossy()], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.txt"));
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1]).unwrap_or_default();
    let out = gouji(&["check", &binary.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary.txt"));
    assert_eq!(gouji(&["check"], None).status.code(), Some(2));
}

#[test]
fn every_encoding_and_line_end_gives_the_same_findings() {
    let dir = scratch("encodings");
    let mut seen = Vec::new();
    for (name, bytes) in encodings(DRAFT) {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_default();
        let out = gouji(&["check", "--format", "json", &path.to_string_lossy()], None);
        seen.push((name, findings(&out)));
    }
    assert!(!seen[0].1.is_empty());
    for (name, f) in &seen {
        assert_eq!(f, &seen[0].1, "{name} differs from UTF-8");
    }
}

#[test]
fn folders_and_stdin() {
    let dir = scratch("folders");
    std::fs::create_dir_all(dir.join("sub")).unwrap_or_default();
    std::fs::write(dir.join("sub/a.md"), DRAFT).unwrap_or_default();
    std::fs::write(dir.join("b.txt"), DRAFT).unwrap_or_default();
    std::fs::write(dir.join("ignored.csv"), DRAFT).unwrap_or_default();
    let out = gouji(&["check", "--format", "json", &dir.to_string_lossy()], None);
    let paths: std::collections::BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["path"].as_str().map(|p| Path::new(p).file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default()))
        .collect();
    assert_eq!(paths.into_iter().collect::<Vec<_>>(), vec!["a.md".to_string(), "b.txt".to_string()]);
    let out = gouji(&["check", "--format", "json", "-"], Some(DRAFT.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"path\":\"-\""));
}

#[test]
fn human_output_has_no_colour_when_piped() {
    let out = gouji(&["check", "-"], Some(DRAFT.as_bytes()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}'), "escape codes in piped output");
    assert!(text.contains("[list-total-mismatch]") && text.contains("-:3:"), "{text}");
}

#[test]
fn rules_and_explain() {
    let out = gouji(&["rules"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("list-total-mismatch"));
    let out = gouji(&["explain", "unit-slip", "--lang", "en"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("## What it does"));
    assert_eq!(gouji(&["explain", "no-such-rule"], None).status.code(), Some(2));
}

#[test]
fn fix_round_trips_encoding_bom_and_line_ends() {
    let dir = scratch("fix");
    let crlf = DRAFT.replace('\n', "\r\n");
    for (name, bytes) in encodings(DRAFT).into_iter().filter(|(n, _)| matches!(*n, "gbk.txt" | "utf16.txt" | "bom.txt")) {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap_or_default();
        let before = findings(&gouji(&["check", "--format", "json", &path.to_string_lossy()], None));
        let diff = gouji(&["check", "--diff", &path.to_string_lossy()], None);
        assert!(String::from_utf8_lossy(&diff.stdout).contains("+（二）公用经费"), "{name}: no diff shown");
        assert_eq!(std::fs::read(&path).unwrap_or_default(), bytes, "{name}: --diff wrote the file");
        gouji(&["check", "--fix", &path.to_string_lossy()], None);
        let fixed = std::fs::read(&path).unwrap_or_default();
        assert_eq!(fixed[..2], bytes[..2], "{name}: encoding mark changed");
        let expected = if name == "bom.txt" { DRAFT.replace("6.4 元", "6.4 万元") } else { crlf.replace("6.4 元", "6.4 万元") };
        let decoded = gouji::cli::decode(&fixed).map(|s| s.text).unwrap_or_default();
        assert_eq!(decoded, expected, "{name}: only the fixed figure may change");
        let after = findings(&gouji(&["check", "--format", "json", &path.to_string_lossy()], None));
        assert!(after.len() < before.len(), "{name}: {before:?} then {after:?}");
        let leftovers = std::fs::read_dir(&dir).map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().contains(".gouji-")).count()).unwrap_or(0);
        assert_eq!(leftovers, 0, "temporary files left behind");
    }
}

#[test]
fn configuration_shapes_the_check() {
    let dir = scratch("config");
    std::fs::create_dir_all(dir.join("drafts/archive")).unwrap_or_default();
    std::fs::write(dir.join("drafts/a.txt"), DRAFT).unwrap_or_default();
    std::fs::write(dir.join("drafts/archive/old.txt"), DRAFT).unwrap_or_default();
    std::fs::write(dir.join("gouji.toml"), "exclude = [\"drafts/archive/**\"]\n\n[rules]\nunit-slip = \"off\"\n").unwrap_or_default();
    let out = gouji(&["check", "--format", "json", &dir.join("drafts").to_string_lossy()], None);
    let codes: Vec<String> = findings(&out).into_iter().map(|f| f.2).collect();
    assert_eq!(codes, vec!["list-total-mismatch".to_string()], "{}", String::from_utf8_lossy(&out.stdout));
    std::fs::write(dir.join("gouji.toml"), "[rules]\nunit-slip = \"sometimes\"\n").unwrap_or_default();
    let out = gouji(&["check", &dir.join("drafts/a.txt").to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gouji.toml:2:"), "{}", String::from_utf8_lossy(&out.stderr));
    let explicit = dir.join("strict.toml");
    std::fs::write(&explicit, "[rules]\nlist-total-mismatch = \"warning\"\n").unwrap_or_default();
    let out = gouji(&["check", "--config", &explicit.to_string_lossy(), "--format", "json", &dir.join("drafts/a.txt").to_string_lossy()], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"severity\":\"warning\""));
}

#[test]
fn markdown_suppressions() {
    let dir = scratch("suppress");
    let md = format!("<!-- gouji-ignore list-total-mismatch -->\n{}\n<!-- gouji-ignore missing-figure -->\n结束。\n", DRAFT.lines().nth(2).unwrap_or_default());
    let path = dir.join("draft.md");
    std::fs::write(&path, md).unwrap_or_default();
    let codes: Vec<String> = findings(&gouji(&["check", "--format", "json", &path.to_string_lossy()], None)).into_iter().map(|f| f.2).collect();
    assert_eq!(codes, vec!["unused-suppression".to_string()]);
}

#[test]
fn sarif_and_github_formats() {
    let out = gouji(&["check", "--format", "sarif", "-"], Some(DRAFT.as_bytes()));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert!(run["tool"]["driver"]["rules"].as_array().is_some_and(|r| r.len() == gouji::checks::RULES.len()));
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    let out = gouji(&["check", "--format", "github", "-"], Some(DRAFT.as_bytes()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().all(|l| l.starts_with("::error file=-,line=")), "{text}");
}

/// The nine standard tables as pasted from PDF, under their local titles:
/// every standard tie between them is verified, none skipped; a table not
/// in the draft is told from a table seen whose row was not placed.
#[test]
fn coverage_verifies_every_tie_of_tables_pasted_from_pdf() {
    let draft = root().join("tests/fixtures/tables-layouts/county_nine_tables.txt");
    let human = String::from_utf8_lossy(&gouji(&["check", "--lang", "en", "--coverage", &draft.to_string_lossy()], None).stdout).into_owned();
    let ties: Vec<&str> = human.lines().filter(|l| l.starts_with("  ") && !l.contains("科目类")).collect();
    assert_eq!(ties.len(), 5, "{human}");
    assert!(ties.iter().all(|l| l.starts_with("  verified ")), "{human}");
    let dir = scratch("coverage-seen");
    let path = dir.join("short.txt");
    // Every row prints one part: basic spending or projects, no sum tells.
    let text = "一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n合计 20.00 20.00\n221 住房保障支出 10.00 10.00\n222 粮油物资储备支出 10.00 10.00\n基本支出表\n单位：万元\n科目名称 合计\n合计 20.00\n";
    std::fs::write(&path, text).unwrap_or_default();
    let human = String::from_utf8_lossy(&gouji(&["check", "--lang", "en", "--coverage", &path.to_string_lossy()], None).stdout).into_owned();
    let line = human.lines().find(|l| l.contains("一般公共预算支出表 基本支出")).unwrap_or_default();
    assert!(line.contains("一般公共预算支出表 seen") && line.contains("no sum tells which columns"), "{human}");
    assert!(human.contains("no 收支总表 in the draft"), "{human}");
}

/// `--coverage` lists each standard tie as verified, differing or skipped
/// with its reason, after the file's diagnostics; in JSON as objects of
/// their own kind.
#[test]
fn coverage_lists_the_standard_ties() {
    let draft = root().join("tests/fixtures/repeated-figure-mismatch/totals_and_three_public.txt");
    let draft = draft.to_string_lossy();
    let human = String::from_utf8_lossy(&gouji(&["check", "--lang", "en", "--coverage", &draft], None).stdout).into_owned();
    for line in [
        "  differs   一般公共预算支出表 基本支出 = 基本支出表 合计",
        "  verified  “三公”经费表 合计 = “三公”经费 in the text",
        "  skipped   收支总表 本年支出合计 = 支出总表 合计: no 支出总表 in the draft",
    ] {
        assert!(human.lines().any(|l| l == line), "{line:?} not in\n{human}");
    }
    let json = String::from_utf8_lossy(&gouji(&["check", "--lang", "en", "--coverage", "--format", "json", &draft], None).stdout).into_owned();
    let ties: Vec<serde_json::Value> = json.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).filter(|v| v["kind"] == "coverage").collect();
    let listed = human.lines().filter(|l| ["  verified ", "  differs ", "  skipped "].iter().any(|s| l.starts_with(s))).count();
    assert_eq!(ties.len(), listed, "{json}");
    assert!(ties.iter().any(|t| t["status"] == "skipped" && t["reason"] == "no 收入总表 in the draft"), "{json}");
}

/// One path that cannot be read does not stop the others: each is checked,
/// the failure is named, and the status is 2 at the end.
#[test]
fn a_missing_path_among_good_ones() {
    let dir = scratch("missing-among-good");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, DRAFT).unwrap_or_default();
    std::fs::write(&b, DRAFT).unwrap_or_default();
    let missing = dir.join("nope.txt");
    let out = gouji(&["check", "--format", "json", &a.to_string_lossy(), &missing.to_string_lossy(), &b.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(2));
    let paths: std::collections::BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["path"].as_str().map(str::to_string))
        .collect();
    assert_eq!(paths.len(), 2, "both good files are checked: {paths:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nope.txt：找不到该文件或文件夹"), "{stderr}");
    let english = gouji(&["check", "--lang", "en", &a.to_string_lossy(), &missing.to_string_lossy()], None);
    assert!(String::from_utf8_lossy(&english.stderr).contains("nope.txt: no such file or folder"), "{english:?}");
    let human = gouji(&["check", &a.to_string_lossy(), &missing.to_string_lossy()], None);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("已检查 1 个文件：2 个错误，0 个警告，1 个路径未能检查"), "{text}");
}

/// Folders are walked as ripgrep walks them: `.TXT` and `.Md` are drafts,
/// hidden folders, `node_modules` and what `.gitignore` names are not.
#[test]
fn folders_read_any_case_and_skip_what_is_ignored() {
    let dir = scratch("walk");
    for sub in ["drafts", "drafts/old", ".hidden", "node_modules/pkg"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap_or_default();
    }
    for file in ["drafts/WINDOWS.TXT", "drafts/notes.Md", "drafts/old/kept.txt", "drafts/old/scratch.txt", ".hidden/a.txt", "node_modules/pkg/readme.md", ".dotfile.txt"] {
        std::fs::write(dir.join(file), DRAFT).unwrap_or_default();
    }
    std::fs::write(dir.join(".gitignore"), "scratch.txt\n").unwrap_or_default();
    let out = gouji(&["check", "--format", "json", &dir.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let paths: std::collections::BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["path"].as_str().and_then(|p| Path::new(p).strip_prefix(&dir).ok().map(|p| p.to_string_lossy().replace('\\', "/"))))
        .collect();
    assert_eq!(paths.into_iter().collect::<Vec<_>>(), vec!["drafts/WINDOWS.TXT", "drafts/notes.Md", "drafts/old/kept.txt"]);
    // Named on the command line, an ignored file is checked all the same.
    let named = gouji(&["check", "--format", "json", &dir.join("drafts/old/scratch.txt").to_string_lossy()], None);
    assert!(!findings(&named).is_empty());
}

/// `--diff` writes nothing and exits as `check` does: 1 while the drafts
/// have errors, 0 when they have none; its summary goes to stderr, so
/// standard output is the patch alone.
#[test]
fn diff_exits_as_check_does() {
    let dir = scratch("diff-status");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, DRAFT).unwrap_or_default();
    let out = gouji(&["check", "--diff", &bad.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(1));
    let patch = String::from_utf8_lossy(&out.stdout);
    assert!(patch.starts_with("--- a/") && patch.contains("+（二）公用经费"), "{patch}");
    assert!(!patch.contains("已检查"), "{patch}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("列出 1 处修正"));
    let clean = dir.join("clean.txt");
    std::fs::write(&clean, "本部门支出预算合计 90 万元，其中：基本支出 60 万元、项目支出 30 万元。\n").unwrap_or_default();
    let out = gouji(&["check", "--diff", &clean.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    // Standard input with --fix: the text comes back, fixed or not.
    let out = gouji(&["check", "--fix", "-"], Some(b"\xe6\x97\xa0\xe6\x95\xb0\xe5\xad\x97\xe3\x80\x82\n"));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "无数字。\n");
}

/// A configuration that cannot be read is named once, with its line, and
/// no "0 file(s) checked" follows.
#[test]
fn a_configuration_error_is_named_once_without_a_summary() {
    let dir = scratch("config-error");
    std::fs::write(dir.join("a.txt"), DRAFT).unwrap_or_default();
    std::fs::write(dir.join("b.txt"), DRAFT).unwrap_or_default();
    std::fs::write(dir.join("gouji.toml"), "[rules]\nunit-slip = \"sometimes\"\n").unwrap_or_default();
    let out = gouji(&["check", &dir.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("gouji.toml:2:").count(), 1, "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("已检查"), "{}", String::from_utf8_lossy(&out.stdout));
}

/// An `[[ignore]]` entry that accepts nothing is reported at its own line
/// in `gouji.toml`, naming it; one that accepts a diagnostic in one of the
/// drafts its path matches is used; one whose path matches no draft
/// checked is not judged.
#[test]
fn unused_ignore_entries_are_reported_at_their_line_in_gouji_toml() {
    let dir = scratch("unused-ignore");
    std::fs::create_dir_all(dir.join("drafts")).unwrap_or_default();
    std::fs::write(dir.join("drafts/a.txt"), DRAFT).unwrap_or_default();
    std::fs::write(dir.join("drafts/b.txt"), "本部门支出预算合计 90 万元，其中：基本支出 60 万元、项目支出 30 万元。\n").unwrap_or_default();
    let toml = "# accepted figures\n\n[[ignore]]\npath = \"drafts/*.txt\"\ntext = \"工会经费 6.4 元\"\n\n[[ignore]]\npath = \"drafts/*.txt\"\ntext = \"差旅费 1.5 万元\"\nrules = [\"unit-slip\"]\n\n[[ignore]]\npath = \"elsewhere/*.txt\"\ntext = \"不存在\"\n";
    std::fs::write(dir.join("gouji.toml"), toml).unwrap_or_default();
    let out = gouji(&["check", "--format", "json", &dir.join("drafts").to_string_lossy()], None);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let unused: Vec<&serde_json::Value> = lines.iter().filter(|v| v["code"] == "unused-suppression").collect();
    assert_eq!(unused.len(), 1, "{lines:#?}");
    assert!(unused[0]["path"].as_str().is_some_and(|p| p.ends_with("gouji.toml")), "{}", unused[0]);
    assert_eq!(unused[0]["line"], 7);
    assert!(unused[0]["message"].as_str().is_some_and(|m| m.contains("差旅费 1.5 万元")), "{}", unused[0]);
    assert!(lines.iter().all(|v| v["code"] != "unit-slip"), "the first entry accepts the unit slip: {lines:#?}");
    let human = gouji(&["check", &dir.join("drafts").to_string_lossy()], None);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("gouji.toml:7:1") && text.contains("[[ignore]]"), "{text}");
}

/// `--coverage` is Chinese by default: the status, the tie and the reason.
#[test]
fn coverage_is_chinese_by_default() {
    let draft = root().join("tests/fixtures/repeated-figure-mismatch/totals_and_three_public.txt");
    let human = String::from_utf8_lossy(&gouji(&["check", "--coverage", &draft.to_string_lossy()], None).stdout).into_owned();
    for line in ["  不一致  一般公共预算支出表 基本支出 = 基本支出表 合计", "  已核对  “三公”经费表 合计 = 说明中的“三公”经费", "  未核对  收支总表 本年支出合计 = 支出总表 合计：稿中没有支出总表"] {
        assert!(human.lines().any(|l| l == line), "{line:?} not in\n{human}");
    }
    assert!(human.contains("的表间勾稽核对情况："), "{human}");
    assert!(!human.contains("verified") && !human.contains("skipped") && !human.contains("in the draft"), "{human}");
}

/// The help is Chinese by default, English with `--lang en` or an English
/// `LANG`; so are the command line's own errors.
#[test]
fn help_speaks_the_users_language() {
    let text = |out: Output| String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let zh = text(gouji(&["--help"], None));
    for words in ["勾稽", "用法：", "命令：", "选项：", "检查文稿", "显示帮助", "列出全部规则"] {
        assert!(zh.contains(words), "{words} not in\n{zh}");
    }
    assert!(!zh.contains("Usage") && !zh.contains("Print help") && !zh.contains("Check drafts"), "{zh}");
    let check = text(gouji(&["check", "--help"], None));
    for words in ["用法：gouji check [选项] <路径>...", "参数：", "输出格式", "就地应用所有安全修正", "--lang <LANG>"] {
        assert!(check.contains(words), "{words} not in\n{check}");
    }
    assert!(!check.contains("[default: human]") && !check.contains("Output format"), "{check}");
    for english in [text(gouji(&["--help", "--lang", "en"], None)), text(gouji_in(&["--help"], None, Some("en_US.UTF-8")))] {
        assert!(english.contains("Usage:") && english.contains("Check drafts") && !english.contains("检查文稿"), "{english}");
    }
    let check = text(gouji(&["check", "--lang=en", "--help"], None));
    assert!(check.contains("Output format") && !check.contains("输出格式"), "{check}");
    let zh = gouji_in(&["check", "--help"], None, Some("C.UTF-8"));
    assert!(text(zh).contains("输出格式"));
    // Errors: an unknown option, a bad --lang, a missing rule.
    let out = gouji(&["check", "--frobnicate", "x.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(out).contains("无法识别的参数 `--frobnicate`"));
    let out = text(gouji(&["rules", "--lang", "fr"], None));
    assert!(out.contains("`fr`") && out.contains("语言只能是 zh 或 en"), "{out}");
    let out = text(gouji(&["explain", "no-such-rule"], None));
    assert!(out.contains("没有名为 `no-such-rule` 的规则"), "{out}");
    let out = text(gouji(&["explain", "no-such-rule", "--lang", "en"], None));
    assert!(out.contains("no rule `no-such-rule`"), "{out}");
}

/// A `gouji.toml` that cannot be used is named with its line, in Chinese by default.
#[test]
fn configuration_errors_are_chinese_by_default() {
    let dir = scratch("config-zh");
    std::fs::write(dir.join("gouji.toml"), "[rules]\nlist-total-mismatch = \"loud\"\n").unwrap_or_default();
    std::fs::write(dir.join("a.txt"), DRAFT).unwrap_or_default();
    let out = gouji(&["check", &dir.join("a.txt").to_string_lossy()], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("gouji.toml:2:") && stderr.contains("配置有误，无效的取值 `loud`"), "{stderr}");
    let out = gouji(&["check", "--lang", "en", &dir.join("a.txt").to_string_lossy()], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("gouji.toml:2:") && stderr.contains("invalid value `loud`"), "{stderr}");
}

/// The fixture pair of issue 18: last year's 预算公开 and this year's.
fn budget_years() -> (PathBuf, PathBuf) {
    let dir = root().join("tests/fixtures/previous-figure-mismatch/budget_years");
    (dir.join("2025.txt"), dir.join("2026.txt"))
}

#[test]
fn previous_names_last_years_disclosure() {
    let (last, this) = budget_years();
    let (last, this) = (last.to_string_lossy().to_string(), this.to_string_lossy().to_string());
    // Alone, the draft is clean.
    let alone = gouji(&["check", "--format", "json", &this], None);
    assert!(findings(&alone).is_empty(), "{}", String::from_utf8_lossy(&alone.stdout));
    // Against last year's: warnings (exit 0: nothing at error level), each naming the other file's line.
    let out = gouji(&["check", "--format", "json", &this, "--previous", &last], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let codes: Vec<String> = findings(&out).into_iter().map(|f| f.2).collect();
    assert_eq!(codes, ["previous-figure-mismatch"; 3], "{}", String::from_utf8_lossy(&out.stdout));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2025.txt 第 29 行：300.10 万元"), "{stdout}");
    // Human output shows the arithmetic and the other place; the coverage counts the ties.
    let human = gouji(&["check", &this, "--previous", &last, "--coverage"], None);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("315.50 − 14.40 = 301.10 万元") && text.contains("上年公开稿"), "{text}");
    assert!(text.contains("已核对 3 项，不一致 3 项"), "{text}");
}

#[test]
fn a_missing_previous_document_is_a_clear_error() {
    let (_, this) = budget_years();
    let out = gouji(&["check", &this.to_string_lossy(), "--previous", "no/such/2025.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("上年公开稿") && err.contains("no/such/2025.txt"), "{err}");
    // The draft itself is still checked.
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 个文件") || !out.stdout.is_empty(), "{err}");
}

#[test]
fn previous_entries_in_gouji_toml_pair_a_regions_folders() {
    let dir = scratch("previous");
    let (last, this) = budget_years();
    for (year, from) in [("2025", &last), ("2026", &this)] {
        std::fs::create_dir_all(dir.join(year)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(from, dir.join(year).join("水务局.txt")).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(dir.join("gouji.toml"), "[[previous]]\npath = \"*/*.txt\"\nprevious = \"{year-1}/{name}\"\n").unwrap_or_else(|e| panic!("{e}"));
    // 2025 has no 2024 beside it: said on standard error, not a failure.
    let out = gouji(&["check", "--format", "json", &dir.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2024"), "{}", String::from_utf8_lossy(&out.stderr));
    let codes: Vec<String> = findings(&out).into_iter().map(|f| f.2).collect();
    assert_eq!(codes, ["previous-figure-mismatch"; 3], "{}", String::from_utf8_lossy(&out.stdout));
}

/// A draft whose title is not written yet gets the rules of a whole
/// disclosure when `gouji.toml` says what it is (`profile = "预算"`), and
/// `--coverage` lists the items required, as `[required]` amends them.
#[test]
fn a_profile_in_gouji_toml_judges_a_draft_without_its_title() {
    let dir = scratch("profile-required");
    let headings = [
        "第一部分 部门概况", "一、主要职责", "第二部分 预算情况说明", "一、收支预算总体情况", "二、机关运行经费", "三、国有资产占用情况", "四、预算绩效情况",
        "五、重点项目支出绩效目标", "第三部分 预算表", "一、部门收支总表", "二、部门收入总表", "三、部门支出总表", "四、财政拨款收支总表", "五、一般公共预算支出表",
        "六、一般公共预算基本支出表", "七、一般公共预算“三公”经费支出表", "八、政府性基金预算支出表", "九、国有资本经营预算支出表",
    ];
    let text = format!("{}\n\n{}", headings.join("\n\n"), "本部门按规定公开预算信息，内容真实完整。\n".repeat(120));
    let path = dir.join("draft.txt");
    std::fs::write(&path, &text).unwrap_or_default();
    let path = path.to_string_lossy().into_owned();
    let run = |args: &[&str]| String::from_utf8_lossy(&gouji(args, None).stdout).into_owned();
    // No title, no profile: none of the rules of a whole disclosure.
    let plain = run(&["check", "--coverage", &path]);
    assert!(!plain.contains("missing-section") && !plain.contains("应包含的表格和说明"), "{plain}");

    std::fs::write(dir.join("gouji.toml"), "profile = \"预算\"\n\n[required]\ndrop = [\"名词解释\"]\n[[required.add]]\nname = \"重点项目绩效目标\"\nnames = [\"重点项目 绩效\"]\n[[required.add]]\nname = \"政府购买服务\"\n").unwrap_or_default();
    let human = run(&["check", "--coverage", &path]);
    // 政府采购 is missing (a section of the national set), 名词解释 is dropped,
    // and the region's two items: one found, one missing.
    assert!(human.contains("未见“政府采购”的说明") && human.contains("未见“政府购买服务”的说明"), "{human}");
    assert!(!human.contains("名词解释"), "{human}");
    assert!(human.contains("    已列出  说明：重点项目绩效目标（第 15 行）"), "{human}");
    assert!(human.contains("    未见    说明：政府采购"), "{human}");
    let json = run(&["check", "--coverage", "--format", "json", &path]);
    let items: Vec<serde_json::Value> = json.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).filter(|v| v["kind"] == "required").collect();
    assert_eq!(items.len(), 9 + 6 - 1 + 2, "{json}");
    assert_eq!(items.iter().filter(|v| v["status"] == "missing").count(), 2, "{json}");

    // `profile = "无"`: none of them, whatever the title.
    std::fs::write(dir.join("gouji.toml"), "profile = \"无\"\n").unwrap_or_default();
    std::fs::write(&path, format!("2025年某县林业局部门预算公开\n\n{text}")).unwrap_or_default();
    let off = run(&["check", "--coverage", &path]);
    assert!(!off.contains("missing-section") && !off.contains("应包含的表格和说明"), "{off}");
}
