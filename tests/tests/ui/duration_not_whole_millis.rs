use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<p id="a">One</p>"#;
        wait 0.5ms;
        elements r#"<p id="a">Two</p>"#;
    };
}
