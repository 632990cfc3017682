use datastar_core::prelude::*;

fn card() -> Markup {
    html! { "<b>HAL</b>" }
}

fn main() {
    let _ = html! { "<script>const card = " (card()) ";</script>" };
}
