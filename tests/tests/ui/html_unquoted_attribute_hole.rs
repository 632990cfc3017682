use datastar_core::prelude::*;

fn main() {
    let name = "Dave";
    let _ = html! { "<p class=" (name) ">Hello</p>" };
}
