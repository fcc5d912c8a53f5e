//! The outline: parts, numbered sections and tables, nested by the depth of
//! their numbering.

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::to_proto::Locator;
use crate::text::{Block, BlockKind, Span};

/// How many characters of a heading line a symbol's name keeps.
const MAX_NAME: usize = 40;

/// One entry before nesting.
struct Entry {
    /// Parts are 0, numbered sections 1 to 5, tables go under the section
    /// they are in.
    level: u8,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    /// From the heading to the end of the section.
    span: Span,
    /// The heading line.
    selection: Span,
}

pub fn outline(blocks: &[Block], locator: &Locator) -> Vec<DocumentSymbol> {
    let text = locator.text;
    let mut entries: Vec<Entry> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        match (block.kind, block.heading) {
            (BlockKind::Prose, Some(h)) => {
                let line = line_at(text, h.marker.start);
                let title = title(&text[h.marker.end.min(line.end)..line.end]);
                let marker = text[h.marker.range()].trim().to_owned();
                let sep = if marker.ends_with(|c: char| c.is_ascii_punctuation() || "、）．".contains(c)) { "" } else { " " };
                let name = if title.is_empty() { marker } else { format!("{marker}{sep}{title}") };
                let end = section_end(blocks, b, h.level);
                entries.push(Entry { level: h.level, name, detail: None, kind: kind_of(h.level), span: Span::new(line.start, end), selection: line });
            }
            (BlockKind::Table, _) => {
                let lines = text[block.span.range()].lines().filter(|l| !l.trim().is_empty()).count();
                let first = line_at(text, block.span.start);
                let (name, titled) = table_title(text, block.span).unwrap_or_else(|| ("表格".to_owned(), false));
                let rows = lines - usize::from(titled);
                let span = Span::new(block.span.start, trim_end(text, block.span));
                entries.push(Entry { level: u8::MAX, name, detail: Some(format!("{rows} 行")), kind: SymbolKind::STRUCT, span, selection: first });
            }
            _ => {}
        }
    }
    nest(entries, locator)
}

fn kind_of(level: u8) -> SymbolKind {
    if level == 0 {
        SymbolKind::MODULE
    } else {
        SymbolKind::NAMESPACE
    }
}

/// The line (without its line end) that holds `offset`.
fn line_at(text: &str, offset: usize) -> Span {
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[offset..].find(['\n', '\r']).map_or(text.len(), |i| offset + i);
    Span::new(start, end)
}

/// The end of a block's text, line breaks and blank lines left out.
fn trim_end(text: &str, span: Span) -> usize {
    span.start + text[span.range()].trim_end().len()
}

/// The end of the section that block `b` heads: the start of the next
/// heading at its level or above.
fn section_end(blocks: &[Block], b: usize, level: u8) -> usize {
    let next = blocks[b + 1..].iter().find(|x| x.kind == BlockKind::Prose && x.heading.is_some_and(|h| h.level <= level));
    let last = blocks[b + 1..].iter().take_while(|x| !next.is_some_and(|n| std::ptr::eq(*x, n))).last().unwrap_or(&blocks[b]);
    last.span.end
}

/// A heading's title: the rest of its line up to the first clause, short.
fn title(rest: &str) -> String {
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '#' || c == '*');
    let cut = rest.find(['，', '。', '；', '：', ',', ';', ':']).unwrap_or(rest.len());
    let title = rest[..cut].trim_end();
    let mut name: String = title.chars().take(MAX_NAME).collect();
    if name.len() < title.len() {
        name.push('…');
    }
    name
}

/// A table's title: its first line if that is not a row (and whether it
/// was), else the last non-blank line before it, if it names a table.
fn table_title(text: &str, block: Span) -> Option<(String, bool)> {
    let is_title = |line: &&str| !line.contains('\t') && !line.starts_with('|') && line.contains('表') && line.chars().count() <= MAX_NAME;
    let clean = |line: &str| line.trim_start_matches('#').trim().to_owned();
    let first = text[block.range()].lines().map(str::trim).find(|l| !l.is_empty());
    if let Some(line) = first.filter(is_title) {
        return Some((clean(line), true));
    }
    let before = text[..block.start].trim_end().rsplit(['\n', '\r']).next().map(str::trim);
    before.filter(is_title).map(|line| (clean(line), false))
}

/// Nests entries: each under the nearest open entry of a lower level;
/// tables under the section they are in.
fn nest(entries: Vec<Entry>, locator: &Locator) -> Vec<DocumentSymbol> {
    let mut roots: Vec<DocumentSymbol> = Vec::new();
    // The open entries, each with its level and where it ends.
    let mut stack: Vec<(u8, usize, DocumentSymbol)> = Vec::new();
    fn close(stack: &mut Vec<(u8, usize, DocumentSymbol)>, roots: &mut Vec<DocumentSymbol>) {
        if let Some((_, _, symbol)) = stack.pop() {
            match stack.last_mut() {
                Some((_, _, parent)) => parent.children.get_or_insert_with(Vec::new).push(symbol),
                None => roots.push(symbol),
            }
        }
    }
    for e in entries {
        while stack.last().is_some_and(|(level, end, _)| (e.level != u8::MAX && *level >= e.level) || *end <= e.span.start) {
            close(&mut stack, &mut roots);
        }
        #[allow(deprecated)]
        let symbol = DocumentSymbol {
            name: e.name,
            detail: e.detail,
            kind: e.kind,
            tags: None,
            deprecated: None,
            range: locator.range(e.span.cover(e.selection)),
            selection_range: locator.range(e.selection),
            children: None,
        };
        stack.push((e.level, e.span.end, symbol));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{ColumnUnit, LineIndex};

    #[test]
    fn nested_outline() {
        let text = "第一部分 部门概况\n\n一、主要职能\n\n负责统计工作。\n\n第二部分 预算情况说明\n\n一、收支预算总体情况说明\n\n（一）收入预算，总计 10 万元。\n\n（二）支出预算\n\n附表1 收支总表\n项目\t金额\n合计\t10\n";
        let index = LineIndex::new(text);
        let Ok(uri) = "file:///a.txt".parse() else { return };
        let locator = Locator { uri: &uri, text, index: &index, unit: ColumnUnit::Utf16 };
        let symbols = outline(&crate::text::split_blocks(text), &locator);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["第一部分 部门概况", "第二部分 预算情况说明"]);
        let part2 = &symbols[1];
        let section = &part2.children.as_deref().unwrap_or_default()[0];
        assert_eq!(section.name, "一、收支预算总体情况说明");
        let subs: Vec<&str> = section.children.iter().flatten().map(|s| s.name.as_str()).collect();
        assert_eq!(subs, ["（一）收入预算", "（二）支出预算"]);
        let table = &section.children.as_deref().unwrap_or_default()[1].children.as_deref().unwrap_or_default()[0];
        assert_eq!(table.name, "附表1 收支总表");
        assert_eq!(table.detail.as_deref(), Some("2 行"));
        assert!(part2.range.end.line >= table.range.end.line);
    }
}
