use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        let answer = 42;
        let _ = answer;
    };
}
