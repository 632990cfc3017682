use datastar_core::prelude::*;

fn main() {
    let name = "Dave";
    let _ = datastar! {
        elements "<button id=\"b\" data-on:click=\"f(&#x27;" (name) "&#x27;)\">b</button>";
    };
}
