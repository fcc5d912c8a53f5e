//! The command line's edge: reading files and folders in any of the usual
//! encodings, running the analysis, writing reports and exit codes.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::checks::RULES;
use crate::diagnostic::Severity;
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
    Human,
    Json,
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
    let mut status = EXIT_CLEAN;
    let (mut errors, mut warnings, mut files) = (0, 0, 0);
    for input in &inputs {
        let name = input.display();
        let source = match read(input).and_then(|b| decode(&b).map_err(|e| format!("{name}: {e}"))) {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(err, "gouji: {e}");
                status = EXIT_TROUBLE;
                continue;
            }
        };
        files += 1;
        let analysis = crate::analyze(&source.text);
        let index = LineIndex::new(&source.text);
        let file = File { path: &name, text: &source.text, index: &index };
        for d in &analysis.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => {}
            }
            let rendered = match opts.format {
                Format::Json => render::json_line(&file, d),
                Format::Human => render::human(&file, d, opts.color),
            };
            if writeln!(out, "{rendered}").is_err() {
                return EXIT_TROUBLE;
            }
            if opts.format == Format::Human {
                let _ = writeln!(out);
            }
        }
    }
    if opts.format == Format::Human {
        let _ = writeln!(out, "{files} file(s) checked: {errors} error(s), {warnings} warning(s)");
    }
    if status == EXIT_CLEAN && errors > 0 {
        status = EXIT_FINDINGS;
    }
    status
}

/// `gouji rules`: every rule with its summary.
pub fn rules(out: &mut dyn Write) -> i32 {
    for r in RULES {
        let _ = writeln!(out, "{:<28} {:<8} {}", r.id, r.severity.as_str(), r.summary);
    }
    EXIT_CLEAN
}

/// `gouji explain RULE`: one rule's documentation.
pub fn explain(id: &str, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match crate::checks::rule(id) {
        Some(r) => {
            let _ = writeln!(out, "# {} ({})\n\n{}\n\n{}", r.id, r.severity.as_str(), r.summary, r.documentation().trim_end());
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
