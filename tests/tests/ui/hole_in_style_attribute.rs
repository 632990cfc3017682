use datastar_core::prelude::*;

fn main() {
    let color = "red";
    let _ = datastar! {
        elements "<p id=\"p\" style=\"color: " (color) "\">p</p>";
    };
}
