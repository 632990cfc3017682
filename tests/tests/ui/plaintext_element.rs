use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<div id=\"d\"><plaintext>x</plaintext></div>";
    };
}
