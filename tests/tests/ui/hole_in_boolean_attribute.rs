use datastar_core::prelude::*;

fn main() {
    let done = false;
    let _ = datastar! {
        elements "<input id=\"done\" type=\"checkbox\" checked=\"" (done) "\">";
    };
}
