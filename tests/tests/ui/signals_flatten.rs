use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
struct Crew {
    name: String,
}

#[derive(serde::Serialize, Signals)]
struct Ship {
    #[serde(flatten)]
    crew: Crew,
}

fn main() {}
