use datastar_core::prelude::*;

struct Dave;

fn main() {
    let dave = Dave;
    let _ = datastar! {
        signals { crew: (dave) };
    };
}
