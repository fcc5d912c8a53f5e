//! Any bytes read as a .xlsx: an error or a document, never a panic, a hang
//! or an unbounded allocation, and every place in the map on a character
//! boundary of the text, in order (the `read` target, one format at a
//! time, so that the seeds of that format are mutated).
#![no_main]

use gouji::input::{self, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(doc) = input::read(Kind::Xlsx, bytes) else { return };
    let mut last = 0;
    for (start, _) in &doc.places {
        assert!(*start >= last && *start <= doc.text.len() && doc.text.is_char_boundary(*start));
        last = *start;
    }
});
