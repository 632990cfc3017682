//! Workspace-level tests live in `tests/`. The README's Rust examples are compiled and run
//! here as doctests, so they cannot drift from the code.
#![doc = include_str!("../../README.md")]
