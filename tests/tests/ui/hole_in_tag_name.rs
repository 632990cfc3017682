use datastar_core::prelude::*;

fn main() {
    let tag = "div";
    let _ = datastar! {
        elements "<" "div" (tag) " id=\"hal\"></div>";
    };
}
