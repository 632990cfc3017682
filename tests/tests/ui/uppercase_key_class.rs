use datastar_core::prelude::*;

fn main() {
    let _ = html! {
        r#"<p id="note" data-class:isActive="$active" data-class:btn-Primary="$primary"></p>"#
    };
}
