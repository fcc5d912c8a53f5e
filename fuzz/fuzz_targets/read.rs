//! Any bytes read as each kind of document gouji reads (Word, Excel, PDF):
//! an error or a document, never a panic, and every place in the map falls
//! on a character boundary of the text, in order.
#![no_main]

use gouji::input::{self, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for kind in [Kind::Docx, Kind::Xlsx, Kind::Xls, Kind::Pdf] {
        let Ok(doc) = input::read(kind, bytes) else { continue };
        let mut last = 0;
        for (start, _) in &doc.places {
            assert!(*start >= last && *start <= doc.text.len() && doc.text.is_char_boundary(*start));
            last = *start;
        }
    }
});
