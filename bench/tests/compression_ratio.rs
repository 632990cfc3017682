//! Bytes on the wire of each compression workload and setting.

use datastar_bench::compression::{compress, settings, workloads};

#[test]
fn ratios() {
    for workload in workloads() {
        let identity: usize = workload.events.iter().map(|e| e.as_bytes().len()).sum();
        println!(
            "{} ({} events, {identity} B)",
            workload.id,
            workload.events.len()
        );
        for setting in settings() {
            let started = std::time::Instant::now();
            let chunks = compress(&setting, &workload.events);
            let elapsed = started.elapsed();
            let bytes: usize = chunks.iter().map(|c| c.len()).sum();
            println!(
                "  {:<14} {:>9} B {:>8.1}x {:>10.2?}/event",
                setting.label,
                bytes,
                identity as f64 / bytes as f64,
                elapsed / workload.events.len() as u32
            );
        }
    }
}
