use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        redirect "/guide";
        elements r#"<div id="hal">never seen</div>"#;
    };
}
