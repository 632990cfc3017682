use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="feed" data-on-load="@get('/feed')"></div>"#;
    };
}
