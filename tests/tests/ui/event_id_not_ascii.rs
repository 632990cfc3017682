use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<p id=\"p\">hi</p>", id = "message №1";
    };
}
