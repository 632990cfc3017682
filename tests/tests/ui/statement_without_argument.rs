use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        remove;
    };
}
