use datastar_core::prelude::*;

fn main() {
    let name = "search";
    let _ = datastar! {
        elements "<input id=\"i\" data-bind=\"" (name) "\">";
    };
}
