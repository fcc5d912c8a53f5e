//! Zip archives (`.docx`, `.xlsx`) opened with bounds: how many entries,
//! how many bytes they hold once uncompressed (as declared and as read),
//! and how deep their XML nests.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::message::Message;

/// At most this many entries (an Office file has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes uncompressed, all entries together.
pub const MAX_UNCOMPRESSED_MIB: usize = 256;
const MAX_UNCOMPRESSED: u64 = (MAX_UNCOMPRESSED_MIB as u64) << 20;
/// At most this deep an XML element nests.
pub const MAX_XML_DEPTH: usize = 256;

pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// What may still be read, uncompressed.
    budget: u64,
    format: &'static str,
}

impl<'a> Archive<'a> {
    /// Opens an archive, refusing one with too many entries or whose
    /// entries declare more than the bound uncompressed.
    pub fn open(bytes: &'a [u8], format: &'static str) -> Result<Archive<'a>, Message> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            // An OLE file: a `.doc`/`.xls` renamed, or an encrypted Office file.
            return Err(Message::DamagedFile { format: format.into(), detail: "OLE compound file (Office 97-2003 format or encrypted)".into() });
        }
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(format, &e))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Message::FileTooLarge { limit: MAX_UNCOMPRESSED_MIB });
        }
        let mut declared = 0u64;
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|e| damaged(format, &e))?;
            declared = declared.saturating_add(entry.size());
        }
        if declared > MAX_UNCOMPRESSED {
            return Err(Message::FileTooLarge { limit: MAX_UNCOMPRESSED_MIB });
        }
        Ok(Archive { zip, budget: MAX_UNCOMPRESSED, format })
    }

    /// An entry's text (UTF-8), or `None` when there is no such entry.
    /// Reading past the budget is an error, whatever the entry declared.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, Message> {
        let format = self.format;
        let entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(format, &e)),
        };
        if entry.encrypted() {
            return Err(Message::DamagedFile { format: format.into(), detail: "encrypted".into() });
        }
        let mut buf = Vec::new();
        entry.take(self.budget + 1).read_to_end(&mut buf).map_err(|e| Message::DamagedFile { format: format.into(), detail: e.to_string() })?;
        if buf.len() as u64 > self.budget {
            return Err(Message::FileTooLarge { limit: MAX_UNCOMPRESSED_MIB });
        }
        self.budget -= buf.len() as u64;
        String::from_utf8(buf).map(Some).map_err(|_| Message::DamagedFile { format: format.into(), detail: format!("{name} is not UTF-8") })
    }

    /// Reads every entry through, within the budget: what a reader that
    /// opens the archive again (calamine) will find is then bounded.
    pub fn check_all(&mut self) -> Result<(), Message> {
        let format = self.format;
        for i in 0..self.zip.len() {
            let entry = self.zip.by_index(i).map_err(|e| damaged(format, &e))?;
            if entry.encrypted() {
                return Err(Message::DamagedFile { format: format.into(), detail: "encrypted".into() });
            }
            let read = std::io::copy(&mut entry.take(self.budget + 1), &mut std::io::sink()).map_err(|e| Message::DamagedFile { format: format.into(), detail: e.to_string() })?;
            if read > self.budget {
                return Err(Message::FileTooLarge { limit: MAX_UNCOMPRESSED_MIB });
            }
            self.budget -= read;
        }
        Ok(())
    }
}

fn damaged(format: &str, e: &zip::result::ZipError) -> Message {
    Message::DamagedFile { format: format.into(), detail: e.to_string() }
}
