//! Compile-time refusals of `datastar!`: one case per rule in `tests/ui/`, named after
//! the rule, with the exact diagnostic in its `.stderr`. Bless with
//! `TRYBUILD=overwrite cargo test -p datastar-tests --test ui`, then read every diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
