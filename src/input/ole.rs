//! `.xls` files checked before calamine reads them. An `.xls` is an OLE
//! compound file (sectors chained by a table, like a small file system)
//! holding a `Workbook` stream of records. calamine follows the chains
//! without bounds and makes each sheet a dense grid from its first cell to
//! its last, so a damaged or hostile file could make it loop for ever, index
//! out of its tables, or ask for more memory than the machine has (a cell in
//! the last row and column: 4 billion cells). Here the chains calamine will
//! follow are followed with bounds, and the stream's records are read for
//! each sheet's extent: a chain that loops or leaves the file is a damaged
//! file, a grid of more than [`MAX_GRID_CELLS`] cells a file too large.

use crate::message::Message;

/// The most cells a sheet's grid may span, first cell to last (a budget
/// table spans thousands).
pub const MAX_GRID_CELLS: u64 = 4_000_000;

const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;

fn damaged(detail: &str) -> Message {
    Message::DamagedFile { format: "Excel 97-2003 (.xls)".into(), detail: detail.into() }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Sectors of one size over bytes, as calamine numbers them.
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
    max_id: u32,
}

impl<'a> Sectors<'a> {
    /// A sector, short at the end of the data; `None` past the largest id
    /// (calamine's error) or starting past the end (calamine's panic).
    fn get(&self, id: u32) -> Option<&'a [u8]> {
        if id > self.max_id {
            return None;
        }
        let start = (id as usize).saturating_mul(self.size);
        let end = start.saturating_add(self.size).min(self.data.len());
        self.data.get(start..end.max(start))
    }

    /// A chain of sectors from `start`, through `table`, until the end
    /// mark or `len` bytes: its bytes, or an error where calamine would
    /// loop, index out of the table or fail.
    fn chain(&self, mut id: u32, table: &[u32], len: usize) -> Result<Vec<u8>, Message> {
        let mut out = Vec::new();
        let mut steps = 0u64;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > u64::from(self.max_id) + 2 {
                return Err(damaged("a sector chain loops"));
            }
            let sector = self.get(id).ok_or_else(|| damaged("a sector past the end of the file"))?;
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            id = *table.get(id as usize).ok_or_else(|| damaged("a sector chain leaves its table"))?;
        }
        Ok(out)
    }
}

/// Checks an `.xls` file as calamine will read it.
pub fn check_xls(bytes: &[u8]) -> Result<(), Message> {
    let header = bytes.get(..512).ok_or_else(|| damaged("not an OLE compound file"))?;
    if &header[..8] != SIGNATURE {
        return Err(damaged("not an OLE compound file"));
    }
    let size = match u16_at(header, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err(damaged("sector size")),
    };
    if bytes.len() < size {
        return Err(damaged("truncated"));
    }
    let sectors = Sectors { data: &bytes[size..], size, max_id: (bytes.len() / size) as u32 };
    // The table's own sectors: 109 in the header, then a chain of their own.
    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut id = u32_at(header, 68);
    let mut steps = 0u64;
    while id < RESERVED {
        steps += 1;
        if steps > u64::from(sectors.max_id) + 1 {
            return Err(damaged("a sector chain loops"));
        }
        difat.extend(u32s(sectors.get(id).ok_or_else(|| damaged("a sector past the end of the file"))?));
        id = difat.pop().ok_or_else(|| damaged("a sector chain leaves its table"))?;
    }
    // A file of n sectors needs no more than n sectors of table (calamine
    // would read them all, the same sector as often as it is named).
    if difat.iter().filter(|id| **id < DIFAT_SECTOR).count() as u64 > u64::from(sectors.max_id) + 1 {
        return Err(damaged("sector table larger than the file"));
    }
    let mut table = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFAT_SECTOR) {
        table.extend(u32s(sectors.get(id).ok_or_else(|| damaged("a sector past the end of the file"))?));
    }
    // The directory: entries of 128 bytes, the root first.
    let directory = sectors.chain(u32_at(header, 48), &table, usize::MAX)?;
    let entries: Vec<(String, u32, usize)> = directory
        .chunks_exact(128)
        .map(|e| {
            let name: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).take_while(|c| *c != 0).collect();
            let len = if size == 512 { u32_at(e, 120) as usize } else { u32_at(e, 120) as usize | (u32_at(e, 124) as usize) << 32 };
            (String::from_utf16_lossy(&name), u32_at(e, 116), len)
        })
        .collect();
    let Some(root) = entries.first() else { return Err(damaged("no directory")) };
    let mini_fat_len = u32_at(header, 64) as usize;
    let (mini_table, mini_stream) = if mini_fat_len > 0 {
        let stream = sectors.chain(root.1, &table, root.2)?;
        let mini_table: Vec<u32> = u32s(&sectors.chain(u32_at(header, 60), &table, mini_fat_len.saturating_mul(size))?).collect();
        (mini_table, stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let minis = Sectors { data: &mini_stream, size: MINI_SECTOR, max_id: sectors.max_id.saturating_mul(8) };
    let stream = |name: &str| -> Option<Result<Vec<u8>, Message>> {
        let (_, start, len) = entries.iter().find(|e| e.0.eq_ignore_ascii_case(name))?;
        Some(if *len < MINI_CUTOFF { minis.chain(*start, &mini_table, *len) } else { sectors.chain(*start, &table, *len) })
    };
    // calamine reads `Book` when `Workbook` fails.
    let workbook = match stream("Workbook") {
        Some(Ok(s)) => s,
        other => match stream("Book") {
            Some(book) => book?,
            None => return other.map_or(Ok(()), |r| r.map(drop)),
        },
    };
    check_records(&workbook)
}

/// The records of a stream from `at`: each one's kind and data, to the end
/// or to the first that runs past it.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// The records of a workbook stream: the sheets where calamine will look
/// for them (the positions the workbook gives), every sheet's grid within
/// the bound, and no record whose numbers calamine would take apart
/// wrongly.
fn check_records(stream: &[u8]) -> Result<(), Message> {
    let mut sheets = Vec::new();
    for (kind, data) in records(stream, 0) {
        match kind {
            // A sheet's name and where its records start.
            0x0085 => {
                if data.len() < 6 {
                    return Err(damaged("a sheet's record is short"));
                }
                let at = u32_at(data, 0) as usize;
                if at > stream.len() {
                    return Err(damaged("a sheet starts past the end of the workbook"));
                }
                sheets.push(at);
            }
            // A defined name: calamine reads its length at 3 and its
            // formula's at 4, then both from byte 14 on.
            0x0018 if data.len() < 14 || u16_at(data, 4) as usize > data.len() - 14 => return Err(damaged("a defined name's record is short")),
            0x000A => break,
            _ => {}
        }
    }
    sheets.into_iter().try_for_each(|at| check_sheet(stream, at))
}

/// A sheet's records, from its beginning to its end (charts inside it
/// skipped, as calamine skips them).
fn check_sheet(stream: &[u8], at: usize) -> Result<(), Message> {
    let grid = |rows: u64, columns: u64| if rows.saturating_mul(columns) > MAX_GRID_CELLS { Err(Message::FileTooLarge { limit: super::MAX_TEXT_MIB }) } else { Ok(()) };
    // The extent of the cells: first row and column, last row and column.
    let mut extent: Option<(u32, u32, u32, u32)> = None;
    let mut cell = |row: u32, column: u32| {
        let e = extent.get_or_insert((row, column, row, column));
        *e = (e.0.min(row), e.1.min(column), e.2.max(row), e.3.max(column));
    };
    let (mut begun, mut depth) = (false, 0usize);
    for (kind, data) in records(stream, at) {
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            0x0809 if begun => depth += 1,
            0x0809 => begun = true,
            0x000A => break,
            // The sheet's dimensions, for which calamine reserves its cells.
            0x0200 => {
                let (first, last, first_column, last_column) = match data.len() {
                    10 => (u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2)), u32::from(u16_at(data, 4)), u32::from(u16_at(data, 6))),
                    14 | 16 => (u32_at(data, 0), u32_at(data, 4), u32::from(u16_at(data, 8)), u32::from(u16_at(data, 10))),
                    _ => continue,
                };
                let first_column = if first_column > 0xFF || last_column < first_column { 0 } else { first_column };
                if last >= 1 && last_column >= 1 {
                    let rows = (last - 1).checked_sub(first).ok_or_else(|| damaged("dimensions"))?;
                    let columns = (last_column - 1).checked_sub(first_column).ok_or_else(|| damaged("dimensions"))?;
                    grid(u64::from(rows) + 1, u64::from(columns) + 1)?;
                }
            }
            // Cells: number, label, rich label, boolean or error, RK, label in the shared strings, formula.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => cell(u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2))),
            // Several RK numbers in a row: its first and last column.
            0x00BD if data.len() >= 6 => {
                let (row, first, last) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, data.len() - 2));
                if last < first {
                    return Err(damaged("a row of numbers ends before it starts"));
                }
                cell(u32::from(row), u32::from(first));
                cell(u32::from(row), u32::from(last));
            }
            _ => {}
        }
    }
    match extent {
        Some((r0, c0, r1, c1)) => grid(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn number(row: u16, column: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend([0; 10]);
        record(0x0203, &data)
    }

    /// A workbook stream: its globals naming each sheet, then the sheets'
    /// records, each between a beginning and an end.
    fn workbook(sheets: &[Vec<u8>]) -> Vec<u8> {
        let globals_len = 4 + 10 * sheets.len() + 4;
        let mut out = Vec::new();
        let mut bodies = Vec::new();
        let mut at = globals_len;
        for body in sheets {
            let mut sheet = record(0x0809, &[0; 16]);
            sheet.extend(body);
            sheet.extend(record(0x000A, &[]));
            let mut bound = (at as u32).to_le_bytes().to_vec();
            bound.extend([0, 0]);
            out.extend(record(0x0085, &bound));
            at += sheet.len();
            bodies.push(sheet);
        }
        let mut stream = record(0x0809, &[]);
        stream.extend(out);
        stream.extend(record(0x000A, &[]));
        assert_eq!(stream.len(), globals_len);
        stream.extend(bodies.concat());
        stream
    }

    #[test]
    fn a_sheet_spans_its_first_cell_to_its_last() {
        assert!(check_records(&workbook(&[[number(0, 0), number(1999, 49)].concat()])).is_ok());
        let corner = workbook(&[[number(0, 0), number(65535, 65535)].concat()]);
        assert!(matches!(check_records(&corner), Err(Message::FileTooLarge { .. })));
        // Each sheet on its own: two far cells in two sheets are two small grids.
        assert!(check_records(&workbook(&[number(0, 0), number(65535, 200)])).is_ok());
    }

    #[test]
    fn dimensions_that_end_before_they_start_are_damage() {
        let mut dims = 10u32.to_le_bytes().to_vec();
        dims.extend(5u32.to_le_bytes());
        dims.extend([0, 0, 4, 0, 0, 0]);
        assert!(matches!(check_records(&workbook(&[record(0x0200, &dims)])), Err(Message::DamagedFile { .. })));
        let mut huge = 0u32.to_le_bytes().to_vec();
        huge.extend(u32::MAX.to_le_bytes());
        huge.extend([0, 0, 0xFF, 0, 0, 0]);
        assert!(matches!(check_records(&workbook(&[record(0x0200, &huge)])), Err(Message::FileTooLarge { .. })));
    }

    #[test]
    fn a_sheet_past_the_end_is_damage() {
        let mut bound = 1_000_000u32.to_le_bytes().to_vec();
        bound.extend([0, 0]);
        assert!(matches!(check_records(&record(0x0085, &bound)), Err(Message::DamagedFile { .. })));
        assert!(matches!(check_records(&record(0x0085, &[1, 2])), Err(Message::DamagedFile { .. })));
    }
}
