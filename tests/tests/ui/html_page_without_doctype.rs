use datastar_core::prelude::*;

fn main() {
    let _ = html! { "<html><head><title>Pods</title></head><body></body></html>" };
}
