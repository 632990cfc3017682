use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="hal">a<br></br>b</div>"#;
    };
}
