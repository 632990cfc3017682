use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        dispatch "saved", selector = "li:hovr";
    };
}
