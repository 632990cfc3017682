use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        element r#"<div id="hal">Waiting for an order...</div>"#;
    };
}
