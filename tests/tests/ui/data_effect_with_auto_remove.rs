use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        script "go()", attributes = { data-effect: "x()" };
    };
}
