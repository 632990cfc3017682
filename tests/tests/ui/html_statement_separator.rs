use datastar_core::prelude::*;

fn main() {
    let _ = html! { "<p>one</p>"; "<p>two</p>" };
}
