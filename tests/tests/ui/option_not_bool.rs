use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        dispatch "saved", bubbles = 1;
    };
}
