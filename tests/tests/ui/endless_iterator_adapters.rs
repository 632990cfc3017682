use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        for (n, x) in std::iter::repeat("tick").enumerate() { signals { n: (n), x: (x) }; }
        for c in ["a", "b"].iter().cycle() { signals { c: (c) }; }
    };
}
