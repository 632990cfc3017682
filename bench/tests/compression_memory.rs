//! The default compressed stream stays small when many are open: `compression_load` (the
//! load tool of BENCHMARKS.md) with 300 open streams and 200 events each, on a fresh
//! server process, must find the default coding (zstd) at most 128 KiB of server memory
//! per stream, and at most 64 KiB once the streams have been idle for longer than their
//! keep-alive interval (the Zstandard frame ends and its compressor is freed).
//! `COMPRESSION_LOAD_STREAMS` runs it with more streams (BENCHMARKS.md uses 1,000).

use std::process::Command;

#[test]
fn the_default_compressed_stream_costs_at_most_128_kib() {
    let streams = std::env::var("COMPRESSION_LOAD_STREAMS").unwrap_or_else(|_| "300".into());
    let output = Command::new(env!("CARGO_BIN_EXE_compression_load"))
        .args(["--streams", &streams, "--events", "200", "--size", "100"])
        .args(["--codings", "identity,zstd", "--max-kib", "128"])
        .output()
        .expect("running compression_load");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "compression_load failed:\n{stdout}\n{stderr}"
    );
    let zstd = stdout
        .lines()
        .find(|line| line.starts_with("| zstd |"))
        .unwrap_or_else(|| panic!("no zstd row:\n{stdout}"));
    let kib: Vec<usize> = zstd
        .split('|')
        .filter_map(|cell| cell.trim().strip_suffix(" KiB")?.parse().ok())
        .collect();
    assert!(
        matches!(kib[..], [busy, idle] if busy <= 128 && idle <= 64),
        "zstd per stream (busy, idle): {kib:?} KiB"
    );
}
