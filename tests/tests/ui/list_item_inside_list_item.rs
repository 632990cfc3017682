use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<ul id=\"u\"><li><li>x</li></li></ul>";
    };
}
