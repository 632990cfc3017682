use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="hal" class="a" class="b">Waiting</div>"#;
    };
}
