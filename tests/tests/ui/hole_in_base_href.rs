use datastar_core::prelude::*;

fn main() {
    let base = "/";
    let _ = datastar! {
        elements "<div id=\"d\"><base href=\"" (base) "\"></div>";
    };
}
