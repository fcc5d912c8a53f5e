//! Messages in both languages: chosen by `--lang`, `gouji.toml`, the
//! environment; whole messages of representative rules compared.

use std::path::PathBuf;
use std::process::{Command, Output};

use gouji::Lang;

/// `gouji ARGS` with the locale variables set to `env` (and no others).
fn gouji(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gouji"));
    command.args(args).env("NO_COLOR", "1").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap_or_else(|e| panic!("cannot run gouji: {e}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn example() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/draft.txt").to_string_lossy().into_owned()
}

const ZH: &str = "error: 分项之和为 371.3 万元，合计为 386.52 万元，相差 15.22 [list-total-mismatch]";
const EN: &str = "error: items sum to 371.3 万元, stated 386.52 万元, off by 15.22 [list-total-mismatch]";

#[test]
fn the_example_is_in_chinese_unless_english_is_asked_for() {
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (&[], &[], ZH),
        (&[], &[("LANG", "C")], ZH),
        (&[], &[("LANG", "C.UTF-8")], ZH),
        (&[], &[("LANG", "zh_CN.UTF-8")], ZH),
        (&[], &[("LANG", "en_US.UTF-8")], EN),
        (&[], &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "zh_CN.UTF-8")], EN),
        (&[], &[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")], ZH),
        (&["--lang", "en"], &[], EN),
        (&["--lang", "zh"], &[("LANG", "en_US.UTF-8")], ZH),
    ];
    for (args, env, first) in cases {
        let mut all = vec!["check", "--format", "human"];
        all.extend_from_slice(args);
        let path = example();
        all.push(&path);
        let out = gouji(&all, env);
        assert_eq!(out.status.code(), Some(1), "{args:?} {env:?}");
        let text = stdout(&out);
        assert_eq!(text.lines().next(), Some(*first), "{args:?} {env:?}\n{text}");
        let zh = *first == ZH;
        assert_eq!(text.contains("已检查 1 个文件"), zh, "{text}");
        assert_eq!(text.contains("review before applying"), !zh, "{text}");
    }
}

#[test]
fn gouji_toml_chooses_the_language_and_the_flag_overrides_it() {
    let dir = std::env::temp_dir().join(format!("gouji-lang-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    write("draft.txt", &std::fs::read_to_string(example()).unwrap_or_default());
    write("gouji.toml", "lang = \"en\"\n");
    let draft = dir.join("draft.txt").to_string_lossy().into_owned();
    assert_eq!(stdout(&gouji(&["check", &draft], &[])).lines().next(), Some(EN));
    assert_eq!(stdout(&gouji(&["check", "--lang", "zh", &draft], &[])).lines().next(), Some(ZH));
    let json = stdout(&gouji(&["check", "--format", "json", &draft], &[]));
    assert!(json.contains("\"message\":\"items sum to 371.3"), "{json}");
    write("gouji.toml", "lang = \"fr\"\n");
    let bad = gouji(&["check", &draft], &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("gouji.toml:1:"), "{}", String::from_utf8_lossy(&bad.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_explain_and_sarif_follow_the_language() {
    let rules = stdout(&gouji(&["rules"], &[]));
    assert!(rules.contains("change-rate-mismatch") && rules.contains("增减率与金额、增减额不符"), "{rules}");
    let rules = stdout(&gouji(&["rules", "--lang", "en"], &[]));
    assert!(rules.contains("a change rate does not follow from its figures"), "{rules}");
    let explain = stdout(&gouji(&["explain", "change-rate-mismatch"], &[]));
    assert!(explain.contains("## 检查内容") && explain.contains("四舍五入"), "{explain}");
    let sarif = stdout(&gouji(&["check", "--format", "sarif", &example()], &[]));
    assert!(sarif.contains("\"language\": \"zh-CN\"") && sarif.contains("分项之和与合计不符"), "{sarif}");
    let sarif = stdout(&gouji(&["check", "--format", "sarif", "--lang", "en", &example()], &[]));
    assert!(sarif.contains("\"language\": \"en\"") && sarif.contains("the items of a list do not add up to its total"), "{sarif}");
}

/// The message, notes, related labels and fix title of the first
/// diagnostic of `code` in `text`, in `lang`.
fn said(text: &str, code: &str, lang: Lang) -> Vec<String> {
    let analysis = gouji::analyze(text);
    let d = analysis.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no {code} in {:?}", analysis.diagnostics));
    let mut out = vec![d.message.text(lang)];
    out.extend(d.notes.iter().map(|n| n.text(lang)));
    out.extend(d.related.iter().map(|r| r.message.text(lang)));
    out.extend(d.fix.iter().map(|f| f.title.text(lang)));
    out
}

#[test]
fn a_wrong_change_rate_in_both_languages() {
    let text = "（一）机关运行经费 1046.92 万元，比上年增加 46.92 万元，增长 4.96%。\n";
    assert_eq!(said(text, "change-rate-mismatch", Lang::Zh), ["增减率与增减额不符：46.92 / (1046.92 − 46.92) = 4.692%，文中为 4.96%", "两位数字前后颠倒（4.96 应为 4.69）", "本年数", "比上年增减额", "将增减率改为 4.69%"]);
    assert_eq!(said(text, "change-rate-mismatch", Lang::En), [
        "46.92 / (1046.92 − 46.92) = 4.692%, stated 4.96%",
        "two digits are transposed (4.96 for 4.69)",
        "this year's amount",
        "the change from last year",
        "Replace the rate with 4.69"
    ]);
}

#[test]
fn a_unit_slip_in_both_languages() {
    let text = "（二）公用经费 25.36 万元。主要包括：办公费 8.12 万元、邮电费 2.05 万元、工会经费 6.4 元、福利费 8.79 万元。\n";
    assert_eq!(said(text, "unit-slip", Lang::Zh), ["分项“6.4 元”以元为单位，而同组其他数据均以万元为单位", "按万元计，该组数据勾稽一致", "该组的合计", "改为万元"]);
    assert_eq!(said(text, "unit-slip", Lang::En), ["an item 6.4 元 is in 元 where the rest of the list is in 万元", "read as 万元, the list adds up", "the list's total", "Write 万元"]);
}
