//! `.docx`: the paragraphs of `word/document.xml` in order, each with its
//! automatic number (from `word/numbering.xml`, directly or through its
//! style) written before it as the reader sees it (`（一）`, `1.`), and its
//! tables as rows of cells on the table's grid (`gridSpan`, `gridBefore`,
//! `vMerge` resolved: a merged cell's text in its first column and row).
//!
//! Left out: deleted and moved-away text of tracked changes, text boxes,
//! the fallback copy of alternate content, headers, footers and notes.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::zipped::{Archive, MAX_XML_DEPTH};
use super::{cell_text, Document, Place};
use crate::message::Message;

const FORMAT: &str = "Word (.docx)";

pub fn read(bytes: &[u8]) -> Result<Document, Message> {
    let mut zip = Archive::open(bytes, FORMAT)?;
    let body = zip.text("word/document.xml")?.ok_or_else(|| Message::DamagedFile { format: FORMAT.into(), detail: "no word/document.xml".into() })?;
    let mut numbering = match zip.text("word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    if let Some(xml) = zip.text("word/styles.xml")? {
        numbering.styles = style_numbers(&xml)?;
    }
    Body::read(&body, &mut numbering)
}

/// The local name of an element (`w:p` → `p`).
fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// An attribute by its local name (`w:val` → `val`), unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.local_name().as_ref() == name).and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn damaged(e: impl std::fmt::Display) -> Message {
    Message::DamagedFile { format: FORMAT.into(), detail: e.to_string() }
}

/// Walks an XML text's elements: `on` gets each start (with `true` for an
/// empty element, whose end follows at once), end, text and entity, and
/// the path of element names above. Depth is bounded.
fn walk(xml: &str, mut on: impl FnMut(Item, &[String])) -> Result<(), Message> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(e) => {
                on(Item::Start(&e), &path);
                path.push(local(&e));
                if path.len() > MAX_XML_DEPTH {
                    return Err(Message::DamagedFile { format: FORMAT.into(), detail: format!("XML nested deeper than {MAX_XML_DEPTH}") });
                }
            }
            Event::Empty(e) => {
                on(Item::Start(&e), &path);
                path.push(local(&e));
                on(Item::End, &path);
                path.pop();
            }
            Event::End(_) => {
                on(Item::End, &path);
                path.pop();
            }
            Event::Text(t) => on(Item::Text(&t.xml10_content()), &path),
            Event::CData(t) => on(Item::Text(&t.xml10_content()), &path),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    on(Item::Text(c.encode_utf8(&mut [0; 4])), &path);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

enum Item<'a, 'e> {
    Start(&'a BytesStart<'e>),
    /// The end of the element last on the path.
    End,
    Text(&'a str),
}

/// One level of a list: how its numbers are written.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its levels by `ilvl`.
    abstracts: HashMap<String, HashMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides by `ilvl`).
    nums: HashMap<String, (String, HashMap<u32, u32>)>,
    /// styleId → (numId, ilvl) of a numbered style.
    styles: HashMap<String, (String, u32)>,
    /// The counters of each abstract list, by level.
    counters: HashMap<String, [u32; 9]>,
    /// The lists whose start overrides were applied.
    started: std::collections::HashSet<String>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, Message> {
        let mut n = Numbering::default();
        let (mut abs, mut lvl, mut num, mut over): (Option<String>, Option<u32>, Option<String>, Option<u32>) = (None, None, None, None);
        walk(xml, |item, path| {
            let Item::Start(e) = item else { return };
            let val = || attr(e, "val");
            match local(e).as_str() {
                "abstractNum" => abs = attr(e, "abstractNumId"),
                "lvl" if path.last().is_some_and(|p| p == "abstractNum") => {
                    lvl = attr(e, "ilvl").and_then(|v| v.parse().ok());
                    if let (Some(a), Some(l)) = (&abs, lvl) {
                        n.abstracts.entry(a.clone()).or_default().insert(l, Level { start: 1, ..Level::default() });
                    }
                }
                name @ ("start" | "numFmt" | "lvlText") if path.last().is_some_and(|p| p == "lvl") && path.iter().any(|p| p == "abstractNum") => {
                    let (Some(a), Some(l)) = (&abs, lvl) else { return };
                    let Some(level) = n.abstracts.get_mut(a).and_then(|m| m.get_mut(&l)) else { return };
                    let v = val().unwrap_or_default();
                    match name {
                        "start" => level.start = v.parse().unwrap_or(1),
                        "numFmt" => level.format = v,
                        _ => level.text = v,
                    }
                }
                "num" => num = attr(e, "numId"),
                "abstractNumId" if path.last().is_some_and(|p| p == "num") => {
                    if let (Some(id), Some(a)) = (&num, val()) {
                        n.nums.insert(id.clone(), (a, HashMap::new()));
                    }
                }
                "lvlOverride" => over = attr(e, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some(id), Some(l), Some(v)) = (&num, over, val().and_then(|v| v.parse().ok())) {
                        if let Some((_, o)) = n.nums.get_mut(id) {
                            o.insert(l, v);
                        }
                    }
                }
                _ => {}
            }
        })?;
        Ok(n)
    }

    /// The number written before a paragraph of list `num` at `level`,
    /// counting it.
    fn next(&mut self, num: &str, level: u32) -> Option<String> {
        let (abs, overrides) = self.nums.get(num)?;
        let levels = self.abstracts.get(abs)?;
        let lvl = levels.get(&level)?;
        if lvl.format == "none" || lvl.format == "bullet" || level > 8 {
            return None;
        }
        let counters = self.counters.entry(abs.clone()).or_insert_with(|| std::array::from_fn(|i| levels.get(&(i as u32)).map_or(1, |l| l.start).saturating_sub(1)));
        if !overrides.is_empty() && self.started.insert(num.to_string()) {
            for (&l, &v) in overrides {
                if let Some(c) = counters.get_mut(l as usize) {
                    *c = v.saturating_sub(1);
                }
            }
        }
        let l = level as usize;
        counters[l] = counters[l].saturating_add(1);
        for (deeper, c) in counters.iter_mut().enumerate().skip(l + 1) {
            *c = levels.get(&(deeper as u32)).map_or(1, |x| x.start).saturating_sub(1);
        }
        let counters = *counters;
        let mut out = lvl.text.clone();
        for (i, c) in counters.iter().enumerate().take(l + 1).rev() {
            let fmt = levels.get(&(i as u32)).map_or("decimal", |x| x.format.as_str());
            out = out.replace(&format!("%{}", i + 1), &number(*c, fmt));
        }
        Some(out)
    }
}

/// The numbered styles of `styles.xml`: styleId → (numId, ilvl).
fn style_numbers(xml: &str) -> Result<HashMap<String, (String, u32)>, Message> {
    let mut out = HashMap::new();
    let (mut style, mut num, mut lvl): (Option<String>, Option<String>, u32) = (None, None, 0);
    walk(xml, |item, path| match item {
        Item::Start(e) => match local(e).as_str() {
            "style" => (style, num, lvl) = (attr(e, "styleId"), None, 0),
            "numId" if path.last().is_some_and(|p| p == "numPr") => num = attr(e, "val"),
            "ilvl" if path.last().is_some_and(|p| p == "numPr") => lvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
            _ => {}
        },
        Item::End if path.last().is_some_and(|p| p == "style") => {
            if let (Some(s), Some(n)) = (style.take(), num.take()) {
                out.insert(s, (n, lvl));
            }
        }
        _ => {}
    })?;
    Ok(out)
}

/// A number in a list's format.
fn number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting" | "chineseCountingThousand" | "taiwaneseCounting" | "taiwaneseCountingThousand" | "ideographDigital" => chinese(n, false),
        "chineseLegalSimplified" => chinese(n, true),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default(),
        "decimalFullWidth" | "decimalFullWidth2" => n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect(),
        "lowerLetter" | "upperLetter" => {
            let c = (b'a' + ((n.max(1) - 1) % 26) as u8) as char;
            let s = c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize);
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "ideographTraditional" if (1..=10).contains(&n) => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][n as usize - 1].into(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (`legal`: 壹贰叁).
fn chinese(n: u32, legal: bool) -> String {
    let digits: [&str; 10] = if legal { ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"] } else { ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"] };
    let (ten, hundred) = if legal { ("拾", "佰") } else { ("十", "百") };
    match n {
        0..=9 => digits[n as usize].into(),
        10..=19 if !legal => format!("{ten}{}", if n > 10 { digits[(n % 10) as usize] } else { "" }),
        10..=99 => format!("{}{ten}{}", digits[(n / 10) as usize], if n % 10 > 0 { digits[(n % 10) as usize] } else { "" }),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", digits[rest as usize]),
                10..=19 => format!("{}{ten}{}", digits[1], if rest > 10 { digits[(rest % 10) as usize] } else { "" }),
                _ => chinese(rest, legal),
            };
            format!("{}{hundred}{tail}", digits[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v && out.len() < 32 {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// A table being read: its rows of (grid column, text, merged from above).
#[derive(Default)]
struct Table {
    rows: Vec<Vec<(usize, String, bool)>>,
    column: usize,
    /// The cell being read: its text and `vMerge` continuation.
    cell: Option<(String, bool)>,
    span: usize,
}

struct Paragraph {
    text: String,
    num: Option<String>,
    level: u32,
    style: Option<String>,
}

struct Body<'n> {
    numbering: &'n mut Numbering,
    doc: Document,
    paragraphs: usize,
    tables: usize,
    /// The tables open, outermost first; nested tables read into the cell
    /// of the outermost.
    open: Vec<Table>,
    paragraph: Option<Paragraph>,
    /// Inside an element whose text is left out, from this depth.
    skip: Option<usize>,
    failed: Option<Message>,
}

impl Body<'_> {
    fn read(xml: &str, numbering: &mut Numbering) -> Result<Document, Message> {
        let mut b = Body { numbering, doc: Document::default(), paragraphs: 0, tables: 0, open: Vec::new(), paragraph: None, skip: None, failed: None };
        walk(xml, |item, path| b.item(item, path))?;
        if let Some(e) = b.failed {
            return Err(e);
        }
        Ok(b.doc)
    }

    fn item(&mut self, item: Item, path: &[String]) {
        if let (Item::End, Some(d)) = (&item, self.skip) {
            if path.len() == d + 1 {
                self.skip = None;
                return;
            }
        }
        if self.failed.is_some() || self.skip.is_some_and(|d| path.len() > d) {
            return;
        }
        let parent = path.last().map(String::as_str);
        match item {
            Item::Start(e) => {
                let name = local(e);
                match name.as_str() {
                    "Fallback" | "txbxContent" | "moveFrom" | "del" | "instrText" | "delText" => self.skip = Some(path.len()),
                    "p" => self.paragraph = Some(Paragraph { text: String::new(), num: None, level: 0, style: None }),
                    "numId" if parent == Some("numPr") => {
                        if let Some(p) = &mut self.paragraph {
                            p.num = attr(e, "val");
                        }
                    }
                    "ilvl" if parent == Some("numPr") => {
                        if let Some(p) = &mut self.paragraph {
                            p.level = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        }
                    }
                    "pStyle" if parent == Some("pPr") => {
                        if let Some(p) = &mut self.paragraph {
                            p.style = attr(e, "val");
                        }
                    }
                    "tab" if parent == Some("r") => self.text(" "),
                    "br" | "cr" if parent == Some("r") => self.text("\n"),
                    "noBreakHyphen" if parent == Some("r") => self.text("-"),
                    "tbl" => self.open.push(Table::default()),
                    "tr" if self.open.len() == 1 => {
                        if let Some(t) = self.open.last_mut() {
                            t.rows.push(Vec::new());
                            t.column = 0;
                        }
                    }
                    "gridBefore" if parent == Some("trPr") && self.open.len() == 1 => {
                        if let Some(t) = self.open.last_mut() {
                            t.column += attr(e, "val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(1000);
                        }
                    }
                    "tc" if self.open.len() == 1 => {
                        if let Some(t) = self.open.last_mut() {
                            t.cell = Some((String::new(), false));
                            t.span = 1;
                        }
                    }
                    "gridSpan" if parent == Some("tcPr") && self.open.len() == 1 => {
                        if let Some(t) = self.open.last_mut() {
                            t.span = attr(e, "val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 1000);
                        }
                    }
                    "vMerge" if parent == Some("tcPr") && self.open.len() == 1 => {
                        if let Some((_, merged)) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                            *merged = attr(e, "val").is_none_or(|v| v != "restart");
                        }
                    }
                    _ => {}
                }
            }
            Item::Text(t) => {
                if parent == Some("t") {
                    self.text(t);
                }
            }
            Item::End => {
                match parent.unwrap_or_default() {
                    "p" => self.end_paragraph(),
                    "tc" if self.open.len() == 1 => {
                        if let Some(t) = self.open.last_mut() {
                            let (text, merged) = t.cell.take().unwrap_or_default();
                            let column = t.column;
                            t.column += t.span;
                            if let Some(row) = t.rows.last_mut() {
                                row.push((column, text, merged));
                            }
                        }
                    }
                    "tbl" => {
                        if let Some(t) = self.open.pop() {
                            if self.open.is_empty() {
                                self.end_table(t);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(p) = &mut self.paragraph {
            if p.text.len() < super::MAX_TEXT {
                p.text.push_str(t);
            }
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraph.take() else { return };
        let numbered = p.num.clone().map(|n| (n, p.level)).or_else(|| p.style.as_ref().and_then(|s| self.numbering.styles.get(s).cloned()));
        // numId 0 removes a style's numbering.
        let marker = numbered.filter(|(n, _)| n != "0").and_then(|(n, l)| self.numbering.next(&n, l)).unwrap_or_default();
        let text = format!("{marker}{}", p.text);
        if let Some(table) = self.open.first_mut() {
            if let Some((cell, _)) = &mut table.cell {
                cell.push_str(&text);
                cell.push('\n');
            }
            return;
        }
        let text = text.trim_end_matches(['\n', ' ']);
        if text.trim().is_empty() {
            return;
        }
        self.paragraphs += 1;
        self.doc.push(text, Place::Paragraph { paragraph: self.paragraphs });
        self.doc.push_plain("\n\n");
        if self.doc.text.len() > super::MAX_TEXT {
            self.failed = Some(Message::FileTooLarge { limit: super::MAX_TEXT_MIB });
        }
    }

    fn end_table(&mut self, t: Table) {
        self.tables += 1;
        let width = t.rows.iter().filter_map(|r| r.last().map(|c| c.0 + 1)).max().unwrap_or(0);
        if width > 1000 {
            self.failed = Some(Message::FileTooLarge { limit: super::MAX_TEXT_MIB });
            return;
        }
        let table = self.tables;
        let rows: Vec<Vec<(String, Place)>> = t
            .rows
            .iter()
            .enumerate()
            .map(|(r, cells)| {
                let mut row: Vec<(String, Place)> = (0..width).map(|c| (String::new(), Place::TableCell { table, row: r + 1, column: c + 1 })).collect();
                for (column, text, merged) in cells {
                    if !merged {
                        if let Some(slot) = row.get_mut(*column) {
                            slot.0 = cell_text(text);
                        }
                    }
                }
                row
            })
            .collect();
        if let Err(e) = self.doc.push_table(&rows) {
            self.failed = Some(e);
        }
        self.doc.push_plain("\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_chinese() {
        assert_eq!(chinese(1, false), "一");
        assert_eq!(chinese(10, false), "十");
        assert_eq!(chinese(12, false), "十二");
        assert_eq!(chinese(20, false), "二十");
        assert_eq!(chinese(105, false), "一百零五");
        assert_eq!(chinese(3, true), "叁");
        assert_eq!(number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(number(12, "decimalFullWidth"), "１２");
    }

    #[test]
    fn lists_count_and_restart_deeper_levels() {
        let xml = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
        let mut n = Numbering::read(xml).unwrap_or_default();
        let got: Vec<Option<String>> = [(0, 0), (0, 1), (0, 1), (0, 0), (0, 1)].iter().map(|&(_, l)| n.next("7", l)).collect();
        assert_eq!(got, [Some("（一）".into()), Some("1.".into()), Some("2.".into()), Some("（二）".into()), Some("1.".into())]);
    }
}
