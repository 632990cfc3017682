use datastar_core::prelude::*;

fn main() {
    let name = "a";
    let _ = datastar! {
        elements "<img id=\"i\" srcset=\"" (name) ".png 2x\" alt=\"\">";
    };
}
