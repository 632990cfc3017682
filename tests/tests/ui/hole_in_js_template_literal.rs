use datastar_core::prelude::*;

fn main() {
    let name = "Dave";
    let _ = datastar! {
        elements "<span id=\"s\" data-text=\"`Hello, " (name) "`\"></span>";
    };
}
