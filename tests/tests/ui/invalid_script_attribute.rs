use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        script "go()", attributes = { "on load": "x" };
    };
}
