use datastar_core::prelude::*;

fn main() {
    let kind = String::from("module");
    let _ = datastar! {
        script "console.log(1)", attributes = { type: (kind) };
    };
}
