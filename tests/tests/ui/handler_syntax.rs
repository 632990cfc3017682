use datastar_core::prelude::*;

fn main() {
    // Valid handlers pass: `$` is an ordinary name in plain JavaScript.
    let _ = html! {
        r#"<button id="ok" onclick="const $a = {b: 1}; this.dataset.note = $a.b">Ok</button>"#
    };
    let _ = html! {
        r#"<button id="save" onclick="this.dataset.saved = true this.dataset.count++">Save</button>"#
    };
    let _ = html! {
        r#"<button id="open" onclick="window.open('/help'">Help</button>"#
    };
}
