use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<div id=\"d\" data-on:play=\"go()\"></div>";
    };
}
