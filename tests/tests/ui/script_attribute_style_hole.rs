use datastar_core::prelude::*;

fn main() {
    let css = String::from("color: red");
    let _ = datastar! {
        script "console.log(1)", attributes = { style: (css) };
    };
}
