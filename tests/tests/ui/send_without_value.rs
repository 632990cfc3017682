use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<p id="a">One</p>"#;
        send;
    };
}
