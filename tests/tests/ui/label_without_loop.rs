use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        'outer: elements r#"<p id="a">One</p>"#;
    };
}
