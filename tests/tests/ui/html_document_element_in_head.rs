use datastar_core::prelude::*;

fn main() {
    let _ = html! {
        "<!doctype html><html><head><title>Pods</title><div id=\"banner\">Hi</div></head>"
        "<body></body></html>"
    };
}
