//! The command line's edge: reading files and folders in any of the usual
//! encodings, running the analysis, writing reports and exit codes.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::checks::RULES;
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::message::Lang;
use crate::render::{self, File};
use crate::text::LineIndex;

/// Exit status: nothing at error level.
pub const EXIT_CLEAN: i32 = 0;
/// Exit status: something at error level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_TROUBLE: i32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source lines with the figures underlined, as rustc and ruff do.
    Human,
    /// JSON Lines: one object per diagnostic.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// A decoded draft, with what is needed to write it back the same way.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub encoding: &'static Encoding,
    pub bom: bool,
}

/// Decodes a draft: a BOM decides (UTF-8, UTF-16LE/BE); otherwise UTF-8 if
/// valid, else GB18030 (which covers GBK). Anything with NUL bytes or that
/// decodes with errors is not a text file.
pub fn decode(bytes: &[u8]) -> Result<Source, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors || text.contains('\0') {
            return Err(format!("not valid {} text", encoding.name()));
        }
        return Ok(Source { text: text.into_owned(), encoding, bom: true });
    }
    if bytes.contains(&0) {
        return Err("not a text file (it contains NUL bytes)".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Source { text: text.to_string(), encoding: UTF_8, bom: false });
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("not a text file (neither UTF-8 nor GB18030)".into());
    }
    Ok(Source { text: text.into_owned(), encoding: GB18030, bom: false })
}

/// Where a draft comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

/// Expands folders to the `.txt` and `.md` files inside, recursively, sorted.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| format!("{}: {e}", p.display()))?;
            found.sort();
            out.extend(found.into_iter().map(Input::Path));
        } else if p.exists() {
            out.push(Input::Path(p.clone()));
        } else {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

fn read(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).map_err(|e| format!("-: {e}"))?;
            Ok(buf)
        }
        Input::Path(p) => std::fs::read(p).map_err(|e| format!("{}: {e}", p.display())),
    }
}

/// Options of `gouji check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub color: bool,
    /// Use this configuration instead of looking for `gouji.toml`.
    pub config: Option<PathBuf>,
    /// Apply safe fixes in place.
    pub fix: bool,
    /// Show the safe fixes as a unified diff, writing nothing.
    pub diff: bool,
    /// After each file's diagnostics, list the standard ties between its
    /// tables that were verified, and those skipped with the reason.
    pub coverage: bool,
    /// The language of messages: `--lang`, over `lang` in gouji.toml, over `env_lang`.
    pub lang: Option<Lang>,
    /// The language of the environment (`LC_ALL`, `LANG`), read by the caller.
    pub env_lang: Lang,
}

/// A configuration and the folder its paths are relative to.
#[derive(Debug, Clone, Default)]
struct Found {
    config: Config,
    root: Option<PathBuf>,
}

/// Finds and reads configurations: `--config`, or the nearest `gouji.toml`
/// above each file, read once per folder.
struct Configs {
    explicit: Option<Found>,
    by_dir: HashMap<PathBuf, Found>,
}

impl Configs {
    fn new(explicit: Option<&Path>) -> Result<Self, String> {
        let explicit = explicit.map(read_config).transpose()?;
        Ok(Configs { explicit, by_dir: HashMap::new() })
    }

    fn for_file(&mut self, input: &Input) -> Result<Found, String> {
        if let Some(found) = &self.explicit {
            return Ok(found.clone());
        }
        let dir = match input {
            Input::Stdin => std::env::current_dir().map_err(|e| format!("-: {e}"))?,
            Input::Path(p) => std::path::absolute(p).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default(),
        };
        if let Some(found) = self.by_dir.get(&dir) {
            return Ok(found.clone());
        }
        let found = match dir.ancestors().map(|d| d.join("gouji.toml")).find(|p| p.is_file()) {
            Some(path) => read_config(&path)?,
            None => Found::default(),
        };
        self.by_dir.insert(dir, found.clone());
        Ok(found)
    }
}

fn read_config(path: &Path) -> Result<Found, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let config = Config::from_toml(&text).map_err(|e| format!("{}:{e}", path.display()))?;
    let root = std::path::absolute(path).ok().and_then(|p| p.parent().map(Path::to_path_buf));
    Ok(Found { config, root })
}

impl Found {
    /// The file's path relative to the configuration, `/`-separated.
    fn relative(&self, input: &Input) -> Option<String> {
        let Input::Path(p) = input else { return None };
        let abs = std::path::absolute(p).ok()?;
        let rel = abs.strip_prefix(self.root.as_ref()?).ok()?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }

    fn excludes(&self, input: &Input) -> bool {
        let Some(rel) = self.relative(input) else { return false };
        self.config.exclude.iter().any(|g| globset::Glob::new(g).is_ok_and(|g| g.compile_matcher().is_match(&rel)))
    }
}

/// Runs `gouji check`; returns the exit status.
pub fn check(opts: &CheckOptions, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let inputs = match expand(&opts.paths) {
        Ok(i) => i,
        Err(e) => {
            let _ = writeln!(err, "gouji: {e}");
            return EXIT_TROUBLE;
        }
    };
    let mut configs = match Configs::new(opts.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "gouji: {e}");
            return EXIT_TROUBLE;
        }
    };
    let mut status = EXIT_CLEAN;
    let (mut errors, mut warnings, mut files, mut fixed) = (0, 0, 0, 0);
    let mut sarif = render::Sarif::default();
    let mut lang = opts.lang.unwrap_or(opts.env_lang);
    for input in &inputs {
        let name = input.display();
        let found = match configs.for_file(input) {
            Ok(f) => f,
            Err(e) => {
                let _ = writeln!(err, "gouji: {e}");
                status = EXIT_TROUBLE;
                continue;
            }
        };
        if found.excludes(input) {
            continue;
        }
        let source = match read(input).and_then(|b| decode(&b).map_err(|e| format!("{name}: {e}"))) {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(err, "gouji: {e}");
                status = EXIT_TROUBLE;
                continue;
            }
        };
        files += 1;
        let markdown = name.ends_with(".md");
        let lint = |text: &str| {
            let analysis = crate::analyze_with(text, &found.config);
            (found.config.apply(analysis.diagnostics, text, found.relative(input).as_deref(), markdown), analysis.ties.coverage)
        };
        let mut text = source.text.clone();
        let (mut diagnostics, mut coverage) = lint(&text);
        if opts.fix || opts.diff {
            let (new_text, applied) = crate::fix::apply(&text, &diagnostics, false);
            if applied > 0 {
                if opts.diff {
                    let _ = write!(out, "{}", unified_diff(&name, &text, &new_text));
                } else if let Input::Path(path) = input {
                    if let Err(e) = write_atomically(path, &encode(&source, &new_text)) {
                        let _ = writeln!(err, "gouji: {name}: {e}");
                        status = EXIT_TROUBLE;
                        continue;
                    }
                    fixed += applied;
                    text = new_text;
                    (diagnostics, coverage) = lint(&text);
                } else {
                    let _ = write!(out, "{new_text}");
                    fixed += applied;
                }
            }
            if opts.diff || matches!(input, Input::Stdin) && opts.fix {
                continue;
            }
        }
        let index = LineIndex::new(&text);
        lang = opts.lang.or(found.config.lang).unwrap_or(opts.env_lang);
        let file = File { path: &name, text: &text, index: &index, lang };
        for d in &diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => {}
            }
            let rendered = match opts.format {
                Format::Json => render::json_line(&file, d),
                Format::Human => render::human(&file, d, opts.color) + "\n",
                Format::Github => render::github(&file, d),
                Format::Sarif => {
                    sarif.push(&file, d);
                    continue;
                }
            };
            if writeln!(out, "{rendered}").is_err() {
                return EXIT_TROUBLE;
            }
        }
        if opts.coverage && opts.format != Format::Sarif {
            let _ = write!(out, "{}", render::coverage(&name, &coverage, opts.format == Format::Json));
        }
    }
    match opts.format {
        Format::Sarif => {
            let _ = writeln!(out, "{}", sarif.finish(lang));
        }
        Format::Human if !opts.diff => {
            let _ = writeln!(out, "{}", render::summary(lang, files, errors, warnings, opts.fix.then_some(fixed)));
        }
        _ => {}
    }
    if status == EXIT_CLEAN && errors > 0 {
        status = EXIT_FINDINGS;
    }
    status
}

/// The text encoded as the draft was: same encoding, same byte order mark.
pub fn encode(source: &Source, text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    let name = source.encoding.name();
    if name == "UTF-16LE" || name == "UTF-16BE" {
        let le = name == "UTF-16LE";
        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        return out;
    }
    if source.bom {
        out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    let (bytes, _, _) = source.encoding.encode(text);
    out.extend_from_slice(&bytes);
    out
}

/// Writes beside the file, then renames over it, keeping its permissions.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.gouji-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The fixes as a unified diff.
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after).unified_diff().context_radius(2).header(&format!("a/{name}"), &format!("b/{name}")).to_string()
}

/// `gouji rules`: every rule with its summary.
pub fn rules(lang: Lang, out: &mut dyn Write) -> i32 {
    for r in RULES {
        let _ = writeln!(out, "{:<28} {:<8} {}", r.id, r.severity.as_str(), r.summary(lang));
    }
    EXIT_CLEAN
}

/// `gouji explain RULE`: one rule's documentation.
pub fn explain(id: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match crate::checks::rule(id) {
        Some(r) => {
            let _ = writeln!(out, "# {} ({})\n\n{}\n\n{}", r.id, r.severity.as_str(), r.summary(lang), r.documentation(lang).trim_end());
            EXIT_CLEAN
        }
        None => {
            let _ = writeln!(err, "gouji: no rule `{id}`; `gouji rules` lists them");
            EXIT_TROUBLE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_encoding_to_the_same_text() {
        let text = "收入 2,306.18 万元，增长 2.8%。\r\n";
        let (gbk, _, _) = GB18030.encode(text);
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), gbk.into_owned(), utf16, bom] {
            assert_eq!(decode(&bytes).map(|s| s.text).as_deref(), Ok(text));
        }
    }

    #[test]
    fn binary_is_not_text() {
        assert!(decode(&[0x00, 0x01, 0xFF, 0x00]).is_err());
        assert!(decode(&[0xFF, 0xFF, 0xFF]).is_err());
    }
}
