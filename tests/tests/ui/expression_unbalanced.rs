use datastar_core::prelude::*;

fn main() {
    let _ = html! {
        r#"<button id="save" data-on:click="@post('/save'; $saved = true">Save</button>"#
    };
}
