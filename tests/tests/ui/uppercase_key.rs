use datastar_core::prelude::*;

fn main() {
    let _ = html! {
        r#"<input id="first" data-bind:firstName>"#
    };
}
