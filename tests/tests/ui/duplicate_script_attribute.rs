use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        script "console.log(1)", attributes = { type: "module", type: "text/javascript" };
    };
}
