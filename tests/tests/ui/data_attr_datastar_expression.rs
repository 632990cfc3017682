use datastar_core::prelude::*;

fn main() {
    let code = "go()";
    let _ = datastar! {
        elements "<a id=\"a\" data-attr:data-effect=\"" (code) "\">a</a>";
    };
}
