use datastar_core::prelude::*;

fn main() {
    let _ = html! {
        r#"<svg id="icon" data-attr:viewBox="$box"></svg>"#
    };
}
