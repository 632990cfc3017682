use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        signals { initial: 'D', count: 1u8, ratio: 1. };
    };
}
