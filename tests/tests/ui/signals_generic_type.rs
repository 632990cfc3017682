use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
struct Form<T> {
    value: T,
}

fn main() {}
