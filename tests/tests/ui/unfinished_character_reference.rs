use datastar_core::prelude::*;

fn main() {
    let tail = "39;";
    let _ = datastar! {
        elements "<a id=\"a\" title=\"it&#" (tail) "\">a</a>";
    };
}
