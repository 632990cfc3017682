use datastar_core::prelude::*;

fn main() {
    let pattern = "a";
    let _ = datastar! {
        elements "<button id=\"b\" data-on:click=\"$ok = /" (pattern) "/.test($text)\">b</button>";
    };
}
