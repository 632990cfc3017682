use datastar_core::prelude::*;

fn main() {
    let count = 42;
    let _ = datastar! {
        elements (count);
    };
}
