//! How many cases each property test runs: `DATASTAR_PROPTEST_CASES`, or the test's own
//! default (what CI runs).

use proptest::test_runner::Config;

/// The runner's configuration for a property with `default_cases` cases.
pub(crate) fn config(default_cases: u32) -> Config {
    let cases = std::env::var("DATASTAR_PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: None,
        // ChaCha, the default, dominates the run time in an unoptimised test build.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..Config::default()
    }
}
