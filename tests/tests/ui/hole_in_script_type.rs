use datastar_core::prelude::*;

fn main() {
    let kind = "module";
    let _ = datastar! {
        elements "<div id=\"d\"><script type=\"" (kind) "\">go()</script></div>";
    };
}
