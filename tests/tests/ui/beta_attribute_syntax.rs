use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<button id="doors" data-on-click="@get('/open')">Open</button>"#;
    };
}
