use datastar_core::prelude::*;

fn main() {
    let _ = html! { "<!doctype html>" };
}
