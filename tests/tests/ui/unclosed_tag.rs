use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="hal"><p>Waiting for an order...</p>"#;
    };
}
