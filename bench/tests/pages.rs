//! Every engine of the page bench writes the bytes `html!` writes, so the bench compares
//! the same work.

use datastar_bench::pages::*;

#[test]
fn every_engine_writes_the_same_page() {
    assert_same_bytes();
}
