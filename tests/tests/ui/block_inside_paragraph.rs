use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<p id=\"p\"><div>x</div></p>";
    };
}
