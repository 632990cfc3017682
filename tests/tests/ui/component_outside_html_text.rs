use datastar_core::prelude::*;

fn badge() -> Markup {
    html! { "<b>new</b>" }
}

fn main() {
    let _ = html! { "<p title=\"" (badge()) "\">Pod bay</p>" };
}
