//! Any bytes: decode, analyse, apply every fix and analyse again. Nothing may
//! panic, every span must fall on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(source) = gouji::cli::decode(bytes) else { return };
    let text = source.text;
    let analysis = gouji::analyze(&text);
    for d in &analysis.diagnostics {
        assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for r in &d.related {
            assert!(r.span.end <= text.len() && text.is_char_boundary(r.span.start) && text.is_char_boundary(r.span.end));
        }
    }
    let (fixed, _) = gouji::fix::apply(&text, &analysis.diagnostics, true);
    gouji::analyze(&fixed);
    let _ = gouji::cli::encode(&gouji::cli::Source { text: fixed, encoding: source.encoding, bom: source.bom }, "");
});
