use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<li>x</li>", selector = "#l", mode = morph;
        elements "<li>x</li>", selector = "#l", mode = upsertAttributes;
    };
}
