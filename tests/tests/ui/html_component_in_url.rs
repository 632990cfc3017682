use datastar_core::prelude::*;

fn path() -> Markup {
    html! { "<b>/doors</b>" }
}

fn main() {
    let _ = html! { "<a href=\"/pods/" (path()) "\">Pod bay</a>" };
}
