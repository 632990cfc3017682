//! The default compressed stream stays small when many are open: `compression_load` (the
//! load tool of BENCHMARKS.md) with 300 open streams and 200 events each, on a fresh
//! server process, must find the default coding (zstd) at most 128 KiB of server memory
//! per stream. `COMPRESSION_LOAD_STREAMS` runs it with more streams (BENCHMARKS.md uses
//! 1,000).

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
    assert!(stdout.contains("| zstd |"), "no zstd row:\n{stdout}");
}
