use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<li id="item">One</li>"#, selector = "#list", mode = "append";
    };
}
