//! Human output in the style of rustc and ruff, by annotate-snippets.

use annotate_snippets::{Level, Renderer, Snippet};

use super::File;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::Span;

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
        Severity::Hint => Level::Help,
    }
}

/// Renders one diagnostic: the source lines with the figure underlined,
/// related figures labelled, notes and the suggested fix.
pub fn human(file: &File, d: &Diagnostic, color: bool) -> String {
    let text = file.text;
    // Show the lines from the first to the last place involved, when close;
    // related places further away are listed as notes.
    let first_line = file.index.line_of(d.span.start);
    let near: Vec<&crate::diagnostic::Related> = d
        .related
        .iter()
        .filter(|r| file.index.line_of(r.span.start).abs_diff(first_line) <= 6)
        .collect();
    let lo = near.iter().map(|r| r.span.start).chain([d.span.start]).min().unwrap_or(d.span.start);
    let hi = near.iter().map(|r| r.span.end).chain([d.span.end]).max().unwrap_or(d.span.end);
    let lo_line = file.index.line_of(lo);
    let hi_line = file.index.line_of(hi.saturating_sub(1).max(lo));
    let window = Span::new(file.index.line_start(lo_line), file.index.line_span(text, hi_line).end);
    let source = &text[window.range()];
    let local = |s: Span| (s.start.clamp(window.start, window.end) - window.start)..(s.end.clamp(window.start, window.end) - window.start);
    let lang = file.lang;
    let title = format!("{} [{}]", d.message.text(lang), d.code);
    let fix_label = d.fix.as_ref().map(|f| f.title.text(lang)).unwrap_or_default();
    let labels: Vec<String> = near.iter().map(|r| r.message.text(lang)).collect();
    let mut snippet = Snippet::source(source).line_start(lo_line + 1).origin(file.path).fold(true).annotation(level(d.severity).span(local(d.span)).label(&fix_label));
    for (r, label) in near.iter().zip(&labels) {
        snippet = snippet.annotation(Level::Info.span(local(r.span)).label(label));
    }
    let far: Vec<String> = d
        .related
        .iter()
        .filter(|r| !near.iter().any(|n| std::ptr::eq(*n, *r)))
        .map(|r| {
            let (l, c) = file.position(r.span.start);
            format!("{}:{l}:{c}: {}", file.path, r.message.text(lang))
        })
        .collect();
    let fix_note = d.fix.as_ref().map(|f| {
        let safety = match f.applicability {
            crate::diagnostic::Applicability::Safe => lang.pick("可直接应用", "safe"),
            crate::diagnostic::Applicability::Unsafe => lang.pick("请核对后再应用", "review before applying"),
        };
        match lang {
            crate::message::Lang::Zh => format!("{}（{safety}）", f.title.text(lang)),
            crate::message::Lang::En => format!("{} ({safety})", f.title.text(lang)),
        }
    });
    let notes: Vec<String> = d.notes.iter().map(|n| n.text(lang)).collect();
    let place = file.place_note(d.span.start);
    let mut message = level(d.severity).title(&title).snippet(snippet);
    if let Some(p) = &place {
        message = message.footer(Level::Note.title(p));
    }
    for n in &notes {
        message = message.footer(Level::Note.title(n));
    }
    for f in &far {
        message = message.footer(Level::Note.title(f));
    }
    if let Some(f) = &fix_note {
        message = message.footer(Level::Help.title(f));
    }
    // Lines of Chinese prose are long; never cut them.
    let renderer = if color { Renderer::styled() } else { Renderer::plain() }.term_width(usize::MAX / 2);
    let rendered = renderer.render(message).to_string();
    rendered
}
