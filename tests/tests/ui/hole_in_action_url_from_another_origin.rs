use datastar_core::prelude::*;

fn main() {
    let id = 1;
    let _ = datastar! {
        elements "<button id=\"b\" data-on:click=\"@get('https://api.example/" (id) "')\">b</button>";
    };
}
