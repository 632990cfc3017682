use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="a">A</div>"#;
        wait 1min;
        elements r#"<div id="a">B</div>"#;
    };
}
