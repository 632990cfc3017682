use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        signals { "form.name": "Dave" };
    };
}
