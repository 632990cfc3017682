use datastar_core::prelude::*;

fn main() {
    let name = String::from("user");
    let _ = datastar! {
        script "console.log(1)", attributes = { "data-ref": (name) };
    };
}
