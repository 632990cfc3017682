use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="pod" data-on:podBay__once="$open = true"></div>"#;
    };
}
