use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="form" data-signals-name="'Dave'"></div>"#;
    };
}
