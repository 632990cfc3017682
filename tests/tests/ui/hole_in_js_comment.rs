use datastar_core::prelude::*;

fn main() {
    let note = "x";
    let _ = datastar! {
        elements "<button id=\"b\" onclick=\"go() /* " (note) " */\">b</button>";
    };
}
