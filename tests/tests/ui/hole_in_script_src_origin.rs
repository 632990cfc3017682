use datastar_core::prelude::*;

fn main() {
    let src = "/app.js";
    let _ = datastar! {
        elements "<div id=\"d\"><script src=\"" (src) "\"></script></div>";
    };
}
