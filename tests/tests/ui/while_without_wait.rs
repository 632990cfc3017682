use datastar_core::prelude::*;

fn main() {
    let mut n = 0;
    let _ = datastar! {
        while n < 1_000_000 {
            n += 1;
            signals { count: (n) };
        }
    };
}
