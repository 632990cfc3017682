use datastar_core::prelude::*;

fn main() {
    let id = 1;
    let _ = datastar! {
        elements "<a id=\"a\" data-attr:href=\"'/items/' + " (id) "\">a</a>";
    };
}
