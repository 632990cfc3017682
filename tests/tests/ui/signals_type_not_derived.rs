use datastar_core::prelude::*;

#[derive(serde::Serialize)]
struct Plain {
    name: String,
}

fn main() {
    let _ = html! {
        #[signals(Plain)]
        "<p data-text=\"$name\"></p>"
    };
}
