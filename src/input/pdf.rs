//! `.pdf`: the text of each page with its layout, read from the glyphs'
//! positions and the lines drawn. The file's objects, streams and font
//! encodings are read by `lopdf`; the page's content is interpreted here.
//!
//! - A table is a grid of ruled lines: its rows and columns are the spaces
//!   between them, every glyph inside goes to its cell, the lines of a cell
//!   wrapped over two lines are joined, and the row is written as the Word
//!   reader writes one (cells separated by tabs, a merged cell's text in
//!   its first column). A line outside a grid whose glyphs leave a gap of
//!   more than a character is a row of a table without rules: its columns
//!   are where the runs of its widest row start, and a line close below a
//!   row whose text starts where the row's does is that row wrapped.
//! - A table split by a page break is one table: a page that starts with
//!   a row as wide as the one that ended the page before goes on with it,
//!   its header rows repeated at the top of the page left out.
//! - Lines of prose are joined into paragraphs: a line that runs to the
//!   right edge of the text goes on in the next one, unless the next is
//!   indented. Paragraphs are separated by a blank line, as in the Word
//!   reader, so the same draft reads the same from both.
//! - Running headers and footers (the same line at the top or bottom of
//!   most pages) and page numbers (a lone number, `- 3 -`, `第3页`) are left
//!   out.
//! - Fonts: a ToUnicode map when the font has one, else the font's
//!   encoding (the standard ones, differences, the predefined Unicode and
//!   GBK CMaps of Chinese CID fonts). A CID font with neither cannot be
//!   decoded: its characters are U+FFFD, and the document carries a warning.
//! - A PDF without text is an error, not an empty draft (a scan); so is an
//!   encrypted one that needs a password, and a damaged one.
//!
//! The map back is the page and the line on it, counted from the top.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document as Pdf, Encoding, LoadOptions, Object, ObjectId};

use super::{Document, Place, MAX_TEXT, MAX_TEXT_MIB};
use crate::message::Message;

const FORMAT: &str = "PDF (.pdf)";
/// The most a stream may give once uncompressed.
const MAX_STREAM: usize = 64 << 20;
/// The most glyphs and drawn lines read on a page; past them the page's
/// text is an error (a hostile file), its lines only ignored.
const MAX_GLYPHS: usize = 1 << 20;
const MAX_RULES: usize = 4000;
/// How deep forms may be nested, and graphics states saved.
const MAX_FORM_DEPTH: usize = 8;
const MAX_SAVED: usize = 256;
/// The most operations run on a page, forms included (a form drawn many
/// times in itself would otherwise run for ever), and glyphs in a file.
const MAX_OPERATIONS: usize = 20_000_000;
const MAX_FILE_GLYPHS: usize = 8 << 20;

fn damaged(detail: impl std::fmt::Display) -> Message {
    Message::DamagedFile { format: FORMAT.into(), detail: detail.to_string() }
}

pub fn read(bytes: &[u8]) -> Result<Document, Message> {
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).is_some_and(|head| head.windows(4).any(|w| w == b"%PDF")) {
        return Err(damaged("no %PDF header"));
    }
    let options = LoadOptions { max_decompressed_size: Some(MAX_STREAM), ..LoadOptions::default() };
    let pdf = match Pdf::load_mem_with_options(bytes, options) {
        Ok(pdf) => pdf,
        Err(e) if is_password_error(&e) => return Err(Message::EncryptedPdf),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => return Err(Message::FileTooLarge { limit: MAX_STREAM >> 20 }),
        Err(e) => return Err(damaged(e)),
    };
    if pdf.is_encrypted() && pdf.encryption_state.is_none() {
        return Err(Message::EncryptedPdf);
    }
    let mut reader = Reader { pdf: &pdf, fonts: Vec::new(), cache: HashMap::new(), undecoded: 0, glyphs: 0 };
    let mut pages = Vec::new();
    for (number, id) in pdf.get_pages() {
        pages.push(reader.page(number as usize, id)?);
    }
    if pages.is_empty() {
        return Err(damaged("no pages"));
    }
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(Message::NoTextLayer { pages: pages.len() });
    }
    let mut doc = layout(&mut pages)?;
    if reader.undecoded > 0 {
        doc.warnings.push(Message::UndecodedCharacters { count: reader.undecoded });
    }
    Ok(doc)
}

fn is_password_error(e: &lopdf::Error) -> bool {
    matches!(e, lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword) || e.to_string().to_ascii_lowercase().contains("password")
}

// ---- fonts

/// What a font needs for its text: how to decode its codes, and their widths.
struct Font {
    /// Codes are two bytes (a CID font), else one.
    two_bytes: bool,
    decode: Decode,
    /// Widths in thousandths of the size, by code; `default_width` for others.
    widths: HashMap<u32, f64>,
    default_width: f64,
}

enum Decode {
    /// `lopdf`'s reading of a ToUnicode map (it owns the map).
    ToUnicode(Encoding<'static>),
    /// A simple font's encoding, by `lopdf`: each code's text.
    Simple(Vec<Option<String>>),
    /// The codes are UTF-16 (the predefined `Uni…-UCS2`/`UTF16` CMaps).
    Utf16,
    /// The codes are GBK (the predefined `GBK-EUC`, `GB-EUC` CMaps): one byte
    /// below 0x80, else two.
    Gbk,
    /// A CID font with no Unicode map: its characters cannot be read.
    Unknown,
}

impl Font {
    fn read(pdf: &Pdf, dict: &Dictionary) -> Font {
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let encoding_name = dict.get(b"Encoding").and_then(Object::as_name).ok();
        let to_unicode = to_unicode(pdf, dict);
        if subtype == b"Type0" {
            let descendant = dict.get_deref(b"DescendantFonts", pdf).and_then(Object::as_array).ok().and_then(|a| a.first()).and_then(|d| pdf.dereference(d).ok()).and_then(|(_, d)| d.as_dict().ok());
            let (widths, default_width) = descendant.map(|d| cid_widths(pdf, d)).unwrap_or_default();
            let name = encoding_name.map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
            let gbk = name.contains("GBK") || name.contains("GB-EUC") || name.contains("GBpc-EUC") || name.contains("GBT-EUC");
            let decode = match to_unicode {
                Some(cmap) => Decode::ToUnicode(cmap),
                None if name.contains("UCS2") || name.contains("UTF16") => Decode::Utf16,
                None if gbk => Decode::Gbk,
                None => Decode::Unknown,
            };
            return Font { two_bytes: !gbk, decode, widths, default_width };
        }
        let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
        let mut widths = HashMap::new();
        if let Ok(array) = dict.get_deref(b"Widths", pdf).and_then(Object::as_array) {
            for (i, w) in array.iter().enumerate().take(256) {
                if let Some(w) = number(pdf, w) {
                    widths.insert((first + i as i64).clamp(0, 255) as u32, w);
                }
            }
        }
        let decode = match to_unicode {
            Some(cmap) => Decode::ToUnicode(cmap),
            None => {
                let encoding = dict.get_font_encoding(pdf).ok();
                let table = (0..=255u8)
                    .map(|b| match &encoding {
                        Some(e) => e.bytes_to_string(&[b]).ok().filter(|t| !t.is_empty()),
                        None => Some(encoding_rs::WINDOWS_1252.decode(&[b]).0.into_owned()),
                    })
                    .collect();
                Decode::Simple(table)
            }
        };
        Font { two_bytes: false, decode, widths, default_width: 500.0 }
    }

    /// The codes of a string: each code and its length in bytes.
    fn codes(&self, bytes: &[u8]) -> Vec<(u32, u8)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let two = match self.decode {
                Decode::Gbk => bytes[i] >= 0x81 && i + 1 < bytes.len(),
                _ => self.two_bytes && i + 1 < bytes.len(),
            };
            if two {
                out.push((u32::from(bytes[i]) << 8 | u32::from(bytes[i + 1]), 2));
                i += 2;
            } else {
                out.push((u32::from(bytes[i]), 1));
                i += 1;
            }
        }
        out
    }

    /// A code's text, `None` when it cannot be decoded.
    fn text(&self, code: u32, len: u8) -> Option<String> {
        match &self.decode {
            Decode::ToUnicode(map) => {
                let bytes = if len == 2 { vec![(code >> 8) as u8, code as u8] } else { vec![code as u8] };
                map.bytes_to_string(&bytes).ok().filter(|t| !t.is_empty() && !t.contains('\u{FFFD}'))
            }
            Decode::Simple(table) => table.get(code as usize).cloned().flatten(),
            Decode::Utf16 => char::from_u32(code).map(String::from),
            Decode::Gbk => {
                let bytes = if len == 2 { vec![(code >> 8) as u8, code as u8] } else { vec![code as u8] };
                let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
                (!bad).then(|| text.into_owned())
            }
            Decode::Unknown => None,
        }
    }

    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width) / 1000.0
    }
}

/// A font's ToUnicode map, parsed by `lopdf` (which reads it for a font
/// without `/Encoding`, so it is asked with a dictionary of just that).
fn to_unicode(pdf: &Pdf, dict: &Dictionary) -> Option<Encoding<'static>> {
    let map = dict.get(b"ToUnicode").ok()?;
    let mut only = Dictionary::new();
    only.set("Type", Object::Name(b"Font".to_vec()));
    only.set("ToUnicode", map.clone());
    match only.get_font_encoding_with_limit(pdf, MAX_STREAM) {
        Ok(Encoding::UnicodeMapEncoding(cmap)) => Some(Encoding::UnicodeMapEncoding(cmap)),
        _ => None,
    }
}

/// A CID font's widths (`/W`) and default width (`/DW`).
fn cid_widths(pdf: &Pdf, dict: &Dictionary) -> (HashMap<u32, f64>, f64) {
    let default = dict.get(b"DW").ok().and_then(|o| number(pdf, o)).unwrap_or(1000.0);
    let mut widths = HashMap::new();
    let Ok(w) = dict.get_deref(b"W", pdf).and_then(Object::as_array) else { return (widths, default) };
    let mut i = 0;
    while i < w.len() && widths.len() < 65_536 {
        let Some(first) = number(pdf, &w[i]) else { break };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| pdf.dereference(o).map(|(_, o)| o)) {
            Some(Ok(Object::Array(list))) => {
                for (k, o) in list.iter().enumerate().take(65_536) {
                    if let Some(v) = number(pdf, o) {
                        widths.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(Ok(last)) => {
                let (Some(last), Some(v)) = (number(pdf, last), w.get(i + 2).and_then(|o| number(pdf, o))) else { break };
                let last = (last.max(0.0) as u32).min(first.saturating_add(65_536));
                for c in first..=last {
                    widths.insert(c, v);
                }
                i += 3;
            }
            _ => break,
        }
    }
    (widths, default)
}

fn number(pdf: &Pdf, o: &Object) -> Option<f64> {
    match pdf.dereference(o).ok()?.1 {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

// ---- the content of a page

/// An affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `then`.
    fn then(&self, then: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2])
    }

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

/// A glyph as placed on the page (points, y up).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f64,
    y: f64,
    width: f64,
    size: f64,
}

/// A ruled line: horizontal (`y` fixed, from `a` to `b` in x) or vertical.
#[derive(Debug, Clone, Copy)]
struct Rule {
    horizontal: bool,
    at: f64,
    a: f64,
    b: f64,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

struct Reader<'p> {
    pdf: &'p Pdf,
    /// Fonts read, and their index by the address of their dictionary in `pdf`.
    fonts: Vec<Font>,
    cache: HashMap<usize, usize>,
    undecoded: usize,
    glyphs: usize,
}

/// A page read: its lines (glyphs on a baseline, left to right) and rules.
struct Page {
    number: usize,
    height: f64,
    lines: Vec<Line>,
    rules: Vec<Rule>,
}

struct Interp<'a> {
    fonts: &'a mut Vec<Font>,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
    path: Vec<((f64, f64), (f64, f64))>,
    start: (f64, f64),
    current: (f64, f64),
    undecoded: usize,
    operations: usize,
}

impl Reader<'_> {
    fn page(&mut self, number: usize, id: ObjectId) -> Result<Page, Message> {
        let pdf = self.pdf;
        let media = page_box(pdf, id).unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let content = pdf.get_page_content_with_limit(id, MAX_STREAM).map_err(|e| match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => Message::FileTooLarge { limit: MAX_STREAM >> 20 },
            e => damaged(e),
        })?;
        let resources = resources(pdf, id);
        let mut fonts = std::mem::take(&mut self.fonts);
        let mut cache = std::mem::take(&mut self.cache);
        let mut interp = Interp { fonts: &mut fonts, glyphs: Vec::new(), rules: Vec::new(), path: Vec::new(), start: (0.0, 0.0), current: (0.0, 0.0), undecoded: 0, operations: 0 };
        let state = State { ctm: Matrix::IDENTITY, font: None, size: 0.0, char_spacing: 0.0, word_spacing: 0.0, scale: 1.0, leading: 0.0, rise: 0.0 };
        let ran = self.run(&mut interp, &mut cache, &content, &resources, state, 0);
        let (glyphs, rules, undecoded) = (interp.glyphs, interp.rules, interp.undecoded);
        (self.fonts, self.cache) = (fonts, cache);
        ran?;
        self.undecoded += undecoded;
        self.glyphs += glyphs.len();
        if self.glyphs > MAX_FILE_GLYPHS {
            return Err(Message::FileTooLarge { limit: MAX_TEXT_MIB });
        }
        let mut glyphs = glyphs;
        // y down from the top of the page, as it is read.
        for g in &mut glyphs {
            g.y = media[3] - g.y;
        }
        let mut rules = rules;
        for r in &mut rules {
            if r.horizontal {
                r.at = media[3] - r.at;
            } else {
                (r.a, r.b) = (media[3] - r.b, media[3] - r.a);
            }
        }
        Ok(Page { number, height: media[3] - media[1], lines: lines(glyphs), rules })
    }

    /// Runs a content stream with its resources (fonts, forms).
    fn run(&self, it: &mut Interp, cache: &mut HashMap<usize, usize>, content: &[u8], resources: &[&Dictionary], mut state: State, depth: usize) -> Result<(), Message> {
        let pdf = self.pdf;
        let ops = Content::decode(content).map_err(damaged)?;
        it.operations += ops.operations.len() + content.len() / 64;
        if it.operations > MAX_OPERATIONS {
            return Err(damaged("too many drawing operations"));
        }
        let mut saved: Vec<State> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in &ops.operations {
            let n = |i: usize| op.operands.get(i).and_then(|o| match o {
                Object::Integer(v) => Some(*v as f64),
                Object::Real(v) => Some(f64::from(*v)),
                _ => None,
            });
            let nums = |k: usize| -> Option<Vec<f64>> { (0..k).map(n).collect() };
            match op.operator.as_str() {
                "q" if saved.len() < MAX_SAVED => saved.push(state.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(v) = nums(6) {
                        state.ctm = Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]).then(&state.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    state.size = n(1).unwrap_or(0.0);
                    let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or(b"");
                    state.font = resources.iter().find_map(|r| r.get_deref(b"Font", pdf).and_then(Object::as_dict).ok().and_then(|f| f.get_deref(name, pdf).and_then(Object::as_dict).ok())).map(|dict| {
                        let key = dict as *const Dictionary as usize;
                        *cache.entry(key).or_insert_with(|| {
                            it.fonts.push(Font::read(pdf, dict));
                            it.fonts.len() - 1
                        })
                    });
                }
                "Tc" => state.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => state.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => state.scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => state.leading = n(0).unwrap_or(0.0),
                "Ts" => state.rise = n(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    if let Some(v) = nums(2) {
                        if op.operator == "TD" {
                            state.leading = -v[1];
                        }
                        tlm = Matrix::translate(v[0], v[1]).then(&tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(v) = nums(6) {
                        tlm = Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]);
                        tm = tlm;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            state.word_spacing = n(0).unwrap_or(state.word_spacing);
                            state.char_spacing = n(1).unwrap_or(state.char_spacing);
                        }
                        tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                        tm = tlm;
                    }
                    let Some(font) = state.font else { continue };
                    match op.operands.last() {
                        Some(Object::Array(items)) => {
                            for item in items {
                                match item {
                                    Object::String(bytes, _) => it.show(font, bytes, &state, &mut tm)?,
                                    Object::Integer(_) | Object::Real(_) => {
                                        let v = match item {
                                            Object::Integer(v) => *v as f64,
                                            Object::Real(v) => f64::from(*v),
                                            _ => 0.0,
                                        };
                                        tm = Matrix::translate(-v / 1000.0 * state.size * state.scale, 0.0).then(&tm);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        Some(Object::String(bytes, _)) => it.show(font, bytes, &state, &mut tm)?,
                        _ => {}
                    }
                }
                "re" => {
                    if let Some(v) = nums(4) {
                        let p = |x: f64, y: f64| state.ctm.apply(x, y);
                        let (a, b, c, d) = (p(v[0], v[1]), p(v[0] + v[2], v[1]), p(v[0] + v[2], v[1] + v[3]), p(v[0], v[1] + v[3]));
                        it.path.extend([(a, b), (b, c), (c, d), (d, a)]);
                    }
                }
                "m" => {
                    if let Some(v) = nums(2) {
                        it.current = state.ctm.apply(v[0], v[1]);
                        it.start = it.current;
                    }
                }
                "l" => {
                    if let Some(v) = nums(2) {
                        let to = state.ctm.apply(v[0], v[1]);
                        it.path.push((it.current, to));
                        it.current = to;
                    }
                }
                "h" => {
                    it.path.push((it.current, it.start));
                    it.current = it.start;
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => it.paint(false),
                "f" | "F" | "f*" => it.paint(true),
                "n" => it.path.clear(),
                "Do" if depth < MAX_FORM_DEPTH => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or(b"");
                    let Some(form) = resources.iter().find_map(|r| r.get_deref(b"XObject", pdf).and_then(Object::as_dict).ok().and_then(|x| x.get_deref(name, pdf).and_then(Object::as_stream).ok())) else { continue };
                    if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                        continue;
                    }
                    let Ok(content) = form.get_plain_content_with_limit(MAX_STREAM) else { continue };
                    let mut inner = state.clone();
                    if let Ok(m) = form.dict.get(b"Matrix").and_then(Object::as_array) {
                        let v: Vec<f64> = m.iter().filter_map(|o| number(pdf, o)).collect();
                        if v.len() == 6 {
                            inner.ctm = Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]).then(&inner.ctm);
                        }
                    }
                    let mut own: Vec<&Dictionary> = form.dict.get_deref(b"Resources", pdf).and_then(Object::as_dict).ok().into_iter().collect();
                    own.extend(resources.iter().copied());
                    self.run(it, cache, &content, &own, inner, depth + 1)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl Interp<'_> {
    /// Shows a string: a glyph for each code, the text matrix moved on.
    fn show(&mut self, font: usize, bytes: &[u8], state: &State, tm: &mut Matrix) -> Result<(), Message> {
        let Some(f) = self.fonts.get(font) else { return Ok(()) };
        for (code, len) in f.codes(bytes) {
            let trm = Matrix([state.size * state.scale, 0.0, 0.0, state.size, 0.0, state.rise]).then(tm).then(&state.ctm);
            let w0 = f.width(code);
            let space = if len == 1 && code == 32 { state.word_spacing } else { 0.0 };
            let advance = (w0 * state.size + state.char_spacing + space) * state.scale;
            let text = f.text(code, len).unwrap_or_else(|| {
                self.undecoded += 1;
                '\u{FFFD}'.to_string()
            });
            let (x, y) = trm.apply(0.0, 0.0);
            let size = (trm.0[2].powi(2) + trm.0[3].powi(2)).sqrt();
            let width = (Matrix::translate(advance, 0.0).then(tm).then(&state.ctm).apply(0.0, 0.0).0 - x).abs();
            if !text.chars().all(char::is_whitespace) && size > 0.1 {
                if self.glyphs.len() >= MAX_GLYPHS {
                    return Err(Message::FileTooLarge { limit: MAX_TEXT_MIB });
                }
                self.glyphs.push(Glyph { text, x, y, width: width.max(size * 0.2), size });
            }
            *tm = Matrix::translate(advance, 0.0).then(tm);
        }
        Ok(())
    }

    /// Paints the path: its straight sides, horizontal or vertical, are
    /// rules; a filled rectangle is a rule only when it is thin (a border
    /// drawn as a filled bar), else shading.
    fn paint(&mut self, fill: bool) {
        let path = std::mem::take(&mut self.path);
        if fill && path.len() == 4 {
            let xs = path.iter().map(|s| s.0 .0);
            let ys = path.iter().map(|s| s.0 .1);
            let (x0, x1) = (xs.clone().fold(f64::MAX, f64::min), xs.fold(f64::MIN, f64::max));
            let (y0, y1) = (ys.clone().fold(f64::MAX, f64::min), ys.fold(f64::MIN, f64::max));
            if y1 - y0 < 2.5 && x1 - x0 > y1 - y0 {
                self.rule(Rule { horizontal: true, at: (y0 + y1) / 2.0, a: x0, b: x1 });
            } else if x1 - x0 < 2.5 && y1 - y0 > x1 - x0 {
                self.rule(Rule { horizontal: false, at: (x0 + x1) / 2.0, a: y0, b: y1 });
            }
            return;
        }
        if fill {
            return;
        }
        for ((x0, y0), (x1, y1)) in path {
            if (y0 - y1).abs() < 0.5 && (x0 - x1).abs() > 1.0 {
                self.rule(Rule { horizontal: true, at: y0, a: x0.min(x1), b: x0.max(x1) });
            } else if (x0 - x1).abs() < 0.5 && (y0 - y1).abs() > 1.0 {
                self.rule(Rule { horizontal: false, at: x0, a: y0.min(y1), b: y0.max(y1) });
            }
        }
    }

    fn rule(&mut self, rule: Rule) {
        if self.rules.len() < MAX_RULES {
            self.rules.push(rule);
        }
    }
}

/// A page's box (`MediaBox`, inherited), `[x0 y0 x1 y1]`.
fn page_box(pdf: &Pdf, id: ObjectId) -> Option<[f64; 4]> {
    let mut dict = pdf.get_dictionary(id).ok()?;
    for _ in 0..32 {
        if let Ok(array) = dict.get_deref(b"MediaBox", pdf).and_then(Object::as_array) {
            let v: Vec<f64> = array.iter().filter_map(|o| number(pdf, o)).collect();
            return (v.len() == 4 && v[3] > v[1]).then(|| [v[0], v[1], v[2], v[3]]);
        }
        dict = dict.get_deref(b"Parent", pdf).and_then(Object::as_dict).ok()?;
    }
    None
}

/// A page's resources, its own first, then those it inherits.
fn resources(pdf: &Pdf, id: ObjectId) -> Vec<&Dictionary> {
    match pdf.get_page_resources(id) {
        Ok((own, inherited)) => own.into_iter().chain(inherited.into_iter().filter_map(|i| pdf.get_dictionary(i).ok())).collect(),
        Err(_) => Vec::new(),
    }
}

// ---- layout

/// Glyphs on one baseline, left to right (y from the top of the page).
#[derive(Debug, Clone)]
struct Line {
    /// The line's number on the page, from 1 (headers counted).
    number: usize,
    y: f64,
    size: f64,
    glyphs: Vec<Glyph>,
}

impl Line {
    fn text(&self) -> String {
        join_glyphs(&self.glyphs)
    }
}

/// The glyphs' text, a space where two characters that are not Chinese
/// are apart (a gap beside a Chinese character is the typesetting's).
fn join_glyphs(glyphs: &[Glyph]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let gap = g.x - (p.x + p.width);
            let wide = |s: &str| s.chars().any(is_wide);
            if gap > 0.25 * g.size.max(p.size) && !wide(&p.text) && !wide(&g.text) {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev = Some(g);
    }
    out
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Groups glyphs into lines: those whose baselines are within a third of
/// their size, top to bottom; a glyph drawn twice over itself (fake bold)
/// once.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Line> = Vec::new();
    for g in glyphs {
        match out.last_mut() {
            Some(line) if (g.y - line.y).abs() < 0.35 * line.size.max(g.size) => {
                line.size = line.size.max(g.size);
                line.glyphs.push(g);
            }
            _ => out.push(Line { number: out.len() + 1, y: g.y, size: g.size, glyphs: vec![g] }),
        }
    }
    for line in &mut out {
        line.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        line.glyphs.dedup_by(|b, a| a.text == b.text && (a.x - b.x).abs() < 0.3 * a.width && (a.y - b.y).abs() < 1.0);
    }
    out
}

/// A table: the edges of its rows (y, top to bottom) and columns (x).
#[derive(Debug)]
struct Grid {
    rows: Vec<f64>,
    columns: Vec<f64>,
}

impl Grid {
    fn contains(&self, x: f64, y: f64) -> bool {
        let (Some(top), Some(bottom), Some(left), Some(right)) = (self.rows.first(), self.rows.last(), self.columns.first(), self.columns.last()) else { return false };
        (*top..=*bottom).contains(&y) && (*left..=*right).contains(&x)
    }

    /// The cell of a point: (row, column) from 0.
    fn cell(&self, x: f64, y: f64) -> (usize, usize) {
        let row = self.rows.partition_point(|r| *r < y).saturating_sub(1).min(self.rows.len().saturating_sub(2));
        let column = self.columns.partition_point(|c| *c < x).saturating_sub(1).min(self.columns.len().saturating_sub(2));
        (row, column)
    }
}

/// The page's tables: groups of rules that cross each other, with at
/// least two rows' and two columns' edges.
fn grids(rules: &[Rule]) -> Vec<Grid> {
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    const TOUCH: f64 = 2.0;
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (rules[i], rules[j]);
            let meet = if a.horizontal != b.horizontal {
                let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
                v.at >= h.a - TOUCH && v.at <= h.b + TOUCH && h.at >= v.a - TOUCH && h.at <= v.b + TOUCH
            } else {
                (a.at - b.at).abs() < TOUCH && a.a <= b.b + TOUCH && b.a <= a.b + TOUCH
            };
            if meet {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, j));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<Rule>> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*rule);
    }
    let mut out: Vec<Grid> = groups
        .into_values()
        .filter_map(|group| {
            let edges = |horizontal: bool| {
                let mut v: Vec<f64> = group.iter().filter(|r| r.horizontal == horizontal).map(|r| r.at).collect();
                v.sort_by(f64::total_cmp);
                v.dedup_by(|b, a| (*b - *a).abs() < TOUCH);
                v
            };
            let (rows, columns) = (edges(true), edges(false));
            (rows.len() >= 2 && columns.len() >= 2).then_some(Grid { rows, columns })
        })
        .collect();
    out.sort_by(|a, b| a.rows[0].total_cmp(&b.rows[0]));
    out
}

/// What a page gives, top to bottom: paragraphs' lines and table rows.
#[derive(Debug)]
enum Block {
    /// A line of prose, its place, its left and right ends and size.
    Prose { text: String, line: usize, x0: f64, x1: f64, size: f64 },
    /// A row of a table: each cell's text and the line it starts on.
    Row { cells: Vec<(String, usize)>, last_of_table: bool },
    /// A line outside the grids, as runs of glyphs apart by less than a
    /// character (made into prose or rows by [`borderless`]).
    Free { runs: Vec<Run>, line: usize, y: f64, size: f64 },
}

/// A row of a table without rules: its top, each run with its line's
/// number, and how many runs its first line has.
type LooseRow = (f64, Vec<(Run, usize)>, usize);

/// The lines of each cell of a grid, by (row, column): each line's
/// baseline, number and glyphs.
type GridCells = HashMap<(usize, usize), Vec<(f64, usize, Vec<Glyph>)>>;

/// Glyphs close together on a line: their text and left and right ends.
#[derive(Debug, Clone)]
struct Run {
    text: String,
    x0: f64,
    x1: f64,
}

/// Makes the free lines prose, or rows of a table without rules: a line
/// of two runs or more (apart by more than a character) starts one; a line close below a row (less than
/// one and a half lines) whose runs start where the row has text in the
/// same place, and that are not figures, is the row's cells wrapped; the
/// table ends at any other line. The columns are where the runs of the
/// row with the most start; each run goes to the last column starting
/// before it.
fn borderless(blocks: Vec<(f64, Block)>) -> Vec<(f64, Block)> {
    let mut out: Vec<(f64, Block)> = Vec::new();
    // The rows of the table being read: each row's lines' runs and numbers.
    let mut table: Vec<LooseRow> = Vec::new();
    let mut last: Option<(f64, f64, Vec<Run>)> = None; // the table's last line: y, size, runs
    fn flush(table: &mut Vec<LooseRow>, size: f64, out: &mut Vec<(f64, Block)>) {
        let rows = std::mem::take(table);
        // The first row with the most runs on its first line.
        let Some(widest) = rows.iter().rev().max_by_key(|r| r.2) else { return };
        let mut columns: Vec<f64> = widest.1.iter().take(widest.2).map(|(r, _)| r.x0).collect();
        columns.sort_by(f64::total_cmp);
        for (y, runs, _) in rows {
            let mut cells: Vec<(String, usize)> = vec![(String::new(), 0); columns.len()];
            for (run, line) in runs {
                let c = columns.partition_point(|x| *x <= run.x0 + size / 2.0).saturating_sub(1);
                if let Some(cell) = cells.get_mut(c) {
                    if cell.0.is_empty() {
                        cell.1 = line;
                    }
                    cell.0.push_str(&run.text);
                }
            }
            out.push((y, Block::Row { cells, last_of_table: false }));
        }
    }
    for (y, block) in blocks {
        let Block::Free { runs, line, y: ly, size } = block else {
            flush(&mut table, last.as_ref().map_or(10.0, |l| l.1), &mut out);
            last = None;
            out.push((y, block));
            continue;
        };
        let figure = |t: &str| t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%'));
        let wrapped = last.as_ref().is_some_and(|(py, psize, prev)| {
            ly - py < 1.5 * psize.max(size) && runs.iter().all(|r| !figure(&r.text) && prev.iter().any(|p| (p.x0 - r.x0).abs() < size / 2.0))
        });
        if wrapped {
            if let Some(row) = table.last_mut() {
                row.1.extend(runs.iter().cloned().map(|r| (r, line)));
            }
            if let Some(l) = last.as_mut() {
                l.0 = ly;
            }
            continue;
        }
        if runs.len() >= 2 {
            table.push((y, runs.iter().cloned().map(|r| (r, line)).collect(), runs.len()));
            last = Some((ly, size, runs));
            continue;
        }
        flush(&mut table, last.as_ref().map_or(10.0, |l| l.1), &mut out);
        last = None;
        if let Some(run) = runs.into_iter().next() {
            out.push((y, Block::Prose { text: run.text, line, x0: run.x0, x1: run.x1, size }));
        }
    }
    flush(&mut table, last.as_ref().map_or(10.0, |l| l.1), &mut out);
    out
}

/// Whether a line is a page number: `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 8 页`, `3/8`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '•' | '(' | ')' | '（' | '）' | '[' | ']'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits(a) && digits(b);
    }
    let mut rest = core;
    let mut any = false;
    for (pre, post) in [("第", "页"), ("共", "页")] {
        if let Some(r) = rest.strip_prefix(pre) {
            if let Some((n, r)) = r.split_once(post) {
                if !digits(n) {
                    return false;
                }
                rest = r.trim_start_matches(['，', ',']);
                any = true;
            }
        }
    }
    any && rest.is_empty()
}

/// A line's text with its digits as `#`, to compare running headers.
fn shape(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Leaves out each page's running header and footer and page number.
fn strip_margins(pages: &mut [Page]) {
    const EDGE: usize = 2;
    let count = pages.len();
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for p in pages.iter() {
        let n = p.lines.len();
        let mut shapes: Vec<(bool, String)> = Vec::new();
        for (i, l) in p.lines.iter().enumerate() {
            if i < EDGE || i + EDGE >= n {
                shapes.push((i < EDGE, shape(&l.text())));
            }
        }
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *seen.entry(s).or_default() += 1;
        }
    }
    let running = |top: bool, text: &str| count >= 2 && seen.get(&(top, shape(text))).is_some_and(|c| *c * 2 >= count && *c >= 2);
    for p in pages.iter_mut() {
        let mut drop = vec![false; p.lines.len()];
        let n = p.lines.len();
        // From the top: a header, then a page number, at most one of each.
        for top in [true, false] {
            let (mut header, mut number) = (false, false);
            for k in 0..EDGE.min(n) {
                let i = if top { k } else { n - 1 - k };
                let l = &p.lines[i];
                let in_margin = if top { l.y < p.height * 0.2 } else { l.y > p.height * 0.8 };
                if !in_margin {
                    break;
                }
                let text = l.text();
                if !number && is_page_number(&text) {
                    number = true;
                    drop[i] = true;
                } else if !header && running(top, &text) {
                    header = true;
                    drop[i] = true;
                } else {
                    break;
                }
            }
        }
        let mut i = 0;
        p.lines.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}

/// A page's blocks, top to bottom: its tables' rows from the glyphs in
/// their grids, the other lines as prose (or rows, where a wide gap splits
/// them).
fn blocks(page: &Page) -> Vec<(f64, Block)> {
    let grids = grids(&page.rules);
    let mut out: Vec<(f64, Block)> = Vec::new();
    // Each grid's cells: the glyph lines in each, in order.
    let mut cells: Vec<GridCells> = vec![HashMap::new(); grids.len()];
    for line in &page.lines {
        let mut free: Vec<Glyph> = Vec::new();
        let mut in_grid: Vec<(usize, (usize, usize), Glyph)> = Vec::new();
        for g in &line.glyphs {
            let (cx, cy) = (g.x + g.width / 2.0, g.y - g.size / 3.0);
            match grids.iter().position(|t| t.contains(cx, cy)) {
                Some(t) => in_grid.push((t, grids[t].cell(cx, cy), g.clone())),
                None => free.push(g.clone()),
            }
        }
        for (t, cell, g) in in_grid {
            let lines = cells[t].entry(cell).or_default();
            match lines.last_mut() {
                Some((y, _, glyphs)) if (*y - line.y).abs() < 0.01 => glyphs.push(g),
                _ => lines.push((line.y, line.number, vec![g])),
            }
        }
        if free.is_empty() {
            continue;
        }
        // A wide gap (a character) is a cell break of a table without rules.
        let mut runs: Vec<Vec<Glyph>> = vec![Vec::new()];
        for g in free {
            if let Some(last) = runs.last().and_then(|r| r.last()) {
                if g.x - (last.x + last.width) > line.size {
                    runs.push(Vec::new());
                }
            }
            if let Some(r) = runs.last_mut() {
                r.push(g);
            }
        }
        let runs = runs.iter().map(|r| Run { text: join_glyphs(r), x0: r.first().map_or(0.0, |g| g.x), x1: r.last().map_or(0.0, |g| g.x + g.width) }).collect();
        out.push((line.y, Block::Free { runs, line: line.number, y: line.y, size: line.size }));
    }
    for (t, grid) in grids.iter().enumerate() {
        let rows = grid.rows.len() - 1;
        let columns = grid.columns.len() - 1;
        let mut table: Vec<(f64, Block)> = Vec::new();
        for r in 0..rows {
            let mut row = Vec::with_capacity(columns);
            let mut top = f64::MAX;
            for c in 0..columns {
                match cells[t].get(&(r, c)) {
                    Some(lines) => {
                        let mut text = String::new();
                        for (y, _, glyphs) in lines {
                            let part = join_glyphs(glyphs);
                            let ascii = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_alphanumeric());
                            if ascii(text.chars().last()) && ascii(part.chars().next()) {
                                text.push(' ');
                            }
                            text.push_str(&part);
                            top = top.min(*y);
                        }
                        row.push((text, lines.first().map_or(0, |l| l.1)));
                    }
                    None => row.push((String::new(), 0)),
                }
            }
            if top < f64::MAX {
                table.push((top, Block::Row { cells: row, last_of_table: false }));
            }
        }
        if let Some((_, Block::Row { last_of_table, .. })) = table.last_mut() {
            *last_of_table = true;
        }
        out.extend(table);
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = borderless(out);
    // A table ends where the next block is not a row.
    for i in 0..out.len() {
        let next_is_row = matches!(out.get(i + 1), Some((_, Block::Row { .. })));
        if let (_, Block::Row { last_of_table, .. }) = &mut out[i] {
            *last_of_table = !next_is_row;
        }
    }
    out
}

/// The most header rows a table repeats at the top of a page.
const MAX_HEADER_ROWS: usize = 3;

/// Joins the parts of a table split by a page break (the running header
/// and page number between them are already left out): a page that starts
/// with a row of as many cells as the row that ended the page before goes
/// on with its table, and the rows at its top that repeat the table's
/// first rows (Word's "repeat as header row") are left out.
fn join_split_tables(pages: &mut [(usize, Vec<(f64, Block)>)]) {
    let texts = |cells: &[(String, usize)]| -> Vec<String> { cells.iter().map(|c| c.0.clone()).collect() };
    // The first rows of the table that ends the page before, if one does.
    let mut head: Vec<Vec<String>> = Vec::new();
    for i in 0..pages.len() {
        let width = |b: Option<&(f64, Block)>| match b {
            Some((_, Block::Row { cells, .. })) => Some(cells.len()),
            _ => None,
        };
        let continues = i > 0 && !head.is_empty() && width(pages[i - 1].1.last()).is_some() && width(pages[i - 1].1.last()) == width(pages[i].1.first());
        if continues {
            if let Some((_, Block::Row { last_of_table, .. })) = pages[i - 1].1.last_mut() {
                *last_of_table = false;
            }
            let blocks = &pages[i].1;
            let repeated = (1..=head.len().min(blocks.len()))
                .rev()
                .find(|&k| blocks[..k].iter().zip(&head).all(|((_, b), h)| matches!(b, Block::Row { cells, .. } if texts(cells) == *h)))
                .unwrap_or(0);
            pages[i].1.drain(..repeated);
        }
        let blocks = &pages[i].1;
        let rows = blocks.iter().rev().take_while(|(_, b)| matches!(b, Block::Row { .. })).count();
        if rows == 0 {
            head.clear();
            continue;
        }
        // The last table's first row: after the last row that ends a table
        // before the page's last.
        let tail = &blocks[blocks.len() - rows..];
        let start = tail[..rows - 1].iter().rposition(|(_, b)| matches!(b, Block::Row { last_of_table: true, .. })).map_or(0, |k| k + 1);
        // A page of rows that goes on with the table keeps its head.
        if !(continues && start == 0 && rows == blocks.len()) {
            head = tail[start..].iter().take(MAX_HEADER_ROWS).filter_map(|(_, b)| if let Block::Row { cells, .. } = b { Some(texts(cells)) } else { None }).collect();
        }
    }
}

/// The document's text from its pages' blocks.
fn layout(pages: &mut [Page]) -> Result<Document, Message> {
    strip_margins(pages);
    let mut doc = Document::default();
    // The text's left and right edges: where most prose lines start and end.
    // While a paragraph may go on (its last line ran to the right edge): its size.
    let mut pending: Option<f64> = None;
    let mut all: Vec<(usize, Vec<(f64, Block)>)> = Vec::new();
    let (mut left, mut right) = (f64::MAX, f64::MIN);
    for p in pages.iter() {
        let blocks = blocks(p);
        for (_, b) in &blocks {
            if let Block::Prose { x0, x1, .. } = b {
                left = left.min(*x0);
                right = right.max(*x1);
            }
        }
        all.push((p.number, blocks));
    }
    join_split_tables(&mut all);
    for (page, blocks) in all {
        for (_, block) in blocks {
            match block {
                Block::Free { .. } => {}
                Block::Prose { text, line, x0, x1, size } => {
                    let place = Place::Page { page, line };
                    let continues = pending.is_some() && x0 < left + 0.5 * size;
                    if continues {
                        let ascii = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_alphanumeric());
                        if ascii(doc.text.chars().last()) && ascii(text.chars().next()) {
                            doc.push_plain(" ");
                        }
                    } else if pending.is_some() {
                        doc.push_plain("\n\n");
                    }
                    doc.push(&text, place);
                    pending = (x1 > right - 1.5 * size).then_some(size);
                    if pending.is_none() {
                        doc.push_plain("\n\n");
                    }
                }
                Block::Row { cells, last_of_table } => {
                    if pending.take().is_some() {
                        doc.push_plain("\n\n");
                    }
                    let filled: Vec<&(String, usize)> = cells.iter().filter(|c| !c.0.is_empty()).collect();
                    match filled.as_slice() {
                        [] => {}
                        [(text, line)] => doc.push(text, Place::Page { page, line: *line }),
                        _ => {
                            for (i, (text, line)) in cells.iter().enumerate() {
                                if i > 0 {
                                    doc.push_plain("\t");
                                }
                                if !text.is_empty() {
                                    doc.push(text, Place::Page { page, line: *line });
                                }
                            }
                        }
                    }
                    if !filled.is_empty() {
                        doc.push_plain("\n");
                    }
                    if last_of_table {
                        doc.push_plain("\n");
                    }
                }
            }
            if doc.text.len() > MAX_TEXT {
                return Err(Message::FileTooLarge { limit: MAX_TEXT_MIB });
            }
        }
    }
    if pending.is_some() {
        doc.push_plain("\n\n");
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_as_they_are_written() {
        for yes in ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 8 页", "第3页，共8页", "3/8", "（3）"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["3.5", "2025年", "第3部分", "合计 3", "", "12345"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let moved = Matrix::translate(10.0, 5.0).then(&scale);
        assert_eq!(moved.apply(1.0, 1.0), (22.0, 12.0));
    }
}
