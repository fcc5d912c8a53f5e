//! Random edit sequences: incremental analysis after every edit equals a
//! fresh analysis of the same text.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Edit {
    at: u16,
    delete: u8,
    insert: String,
}

#[derive(Debug, Arbitrary)]
struct Input {
    start: String,
    edits: Vec<Edit>,
}

fuzz_target!(|input: Input| {
    let mut text = input.start;
    let mut analyzer = gouji::Analyzer::default();
    analyzer.analyze(&text);
    for edit in input.edits.iter().take(32) {
        let mut at = usize::from(edit.at) % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + usize::from(edit.delete)).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.replace_range(at..end, &edit.insert);
        let incremental = analyzer.analyze(&text).diagnostics;
        assert_eq!(incremental, gouji::analyze(&text).diagnostics);
    }
});
