use datastar_core::prelude::*;

#[derive(serde::Serialize)]
struct Pod;

#[derive(serde::Serialize, Signals)]
struct Bay {
    pod: Pod,
}

fn main() {}
