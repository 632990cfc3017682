use datastar_core::prelude::*;

fn main() {
    let count = 3u32;
    let _ = datastar! {
        let next = count?;
        signals { next: (next) };
    };
}
