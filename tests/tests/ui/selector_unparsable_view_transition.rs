use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<p id=\"p\">x</p>", view_transition, view_transition_selector = "main >";
    };
}
