use datastar_core::prelude::*;

fn draft() -> Markup {
    html! { "<b>Open the doors</b>" }
}

fn main() {
    let _ = html! { "<textarea>" (draft()) "</textarea>" };
}
