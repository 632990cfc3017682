use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="hal">A</div>"#;
        wait 0ms;
        elements r#"<div id="hal">B</div>"#;
    };
}
