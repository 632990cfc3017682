use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        for i in 0.. { elements "<p id=\"n\">" (i) "</p>"; }
    };
}
