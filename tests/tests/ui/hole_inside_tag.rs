use datastar_core::prelude::*;

fn main() {
    let attributes = "class=\"big\"";
    let _ = datastar! {
        elements "<p id=\"a\" " (attributes);
    };
}
