use datastar_core::prelude::*;

fn main() {
    let _ = html! {
        r#"<button id="all" data-on:click="@setall(true)">Select all</button>"#
    };
}
