use datastar_core::prelude::*;

fn main() {
    let name = "Dave";
    let _ = datastar! {
        elements "<p id=\"greeting\">Hello, {name}!</p>";
    };
}
