use datastar_core::prelude::*;

fn main() {
    let name = "Dave";
    let _ = datastar! {
        elements "<div id=\"hal\" data-text=\"'Hello, " (name) "'\"></div>";
    };
}
