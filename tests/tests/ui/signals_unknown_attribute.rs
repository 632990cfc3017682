use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
#[signals(strict)]
struct Form {
    name: String,
}

fn main() {}
