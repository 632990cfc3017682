use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements;
    };
}
