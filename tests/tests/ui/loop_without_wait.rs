use datastar_core::prelude::*;

fn main() {
    let mut n = 0;
    let _ = datastar! {
        loop {
            n += 1;
            signals { count: (n) };
        }
    };
}
