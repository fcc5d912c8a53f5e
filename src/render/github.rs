//! `--format github`: workflow commands that annotate a pull request.

use super::File;
use crate::diagnostic::{Diagnostic, Severity};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
pub fn github(file: &File, d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    };
    let (line, col) = file.position(d.span.start);
    let (end_line, end_col) = file.position(d.span.end);
    let mut message = d.message.text(file.lang);
    if let Some(fix) = &d.fix {
        message.push_str(&format!("\n{}", fix.title.text(file.lang)));
    }
    format!(
        "::{kind} file={},line={line},endLine={end_line},col={col},endColumn={end_col},title={}::{}",
        escape_property(file.path),
        escape_property(&format!("gouji {}", d.code)),
        escape_data(&message)
    )
}
