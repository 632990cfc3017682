//! The compression target of issue 12, checked on every test run: with the default
//! settings, the fat-morph stream (1,000 re-renders of a 50-row table, one cell changed)
//! is at least 100 times smaller than identity in brotli and zstd, and every stream
//! decodes back to its events. `cargo bench -p datastar-bench --bench compression`
//! measures every setting (bytes, CPU, memory).

use std::io::Read;

use datastar_bench::compression::{compress, fat_morph, settings};

#[test]
fn fat_morph_is_100_times_smaller_by_default() {
    let events = fat_morph();
    let identity: Vec<u8> = events.iter().flat_map(|e| e.as_bytes().to_vec()).collect();
    for setting in settings().into_iter().filter(|setting| setting.default) {
        let encoding = setting.encoding.expect("a codec");
        let chunks = compress(&setting, &events);
        let wire: Vec<u8> = chunks.concat();
        let ratio = identity.len() as f64 / wire.len() as f64;
        println!("{}: {} B, {ratio:.1}x", setting.label, wire.len());
        let mut decoded = Vec::new();
        match encoding.as_str() {
            "br" => brotli::Decompressor::new(&wire[..], 4096).read_to_end(&mut decoded),
            "zstd" => zstd::stream::read::Decoder::new(&wire[..])
                .unwrap()
                .read_to_end(&mut decoded),
            "gzip" => flate2::read::GzDecoder::new(&wire[..]).read_to_end(&mut decoded),
            _ => flate2::read::ZlibDecoder::new(&wire[..]).read_to_end(&mut decoded),
        }
        .unwrap();
        assert!(
            decoded == identity,
            "{}: decodes to other bytes",
            setting.label
        );
        if matches!(encoding.as_str(), "br" | "zstd") {
            assert!(ratio >= 100.0, "{}: only {ratio:.1}x", setting.label);
        }
    }
}
