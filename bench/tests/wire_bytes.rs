//! Every way of every workload produces exactly the bytes the workload expects (written
//! out by hand in `src/lib.rs`), so the bench compares equal work.

#[test]
fn every_way_produces_the_expected_bytes() {
    datastar_bench::assert_identical_bytes();
}

#[test]
fn w3_fragment_is_64_kib() {
    let fragment = datastar_bench::w3::fragment();
    assert_eq!(fragment.len(), 64 * 1024);
    assert_eq!(fragment.lines().count(), 852);
    assert_eq!(datastar_bench::w3b::fragment().len(), 64 * 1024);
    assert_eq!(datastar_bench::w3b::fragment().lines().count(), 1);
}
