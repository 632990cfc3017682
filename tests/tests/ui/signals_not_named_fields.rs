use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
struct Pair(String, u32);

fn main() {}
