use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        merge_fragments "<p id=\"p\">x</p>";
        execute_script "go()";
        remove_signals { a: 1 };
    };
}
