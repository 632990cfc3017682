use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<li>first</li>", selector = "#1st", mode = append;
    };
}
