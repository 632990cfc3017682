use datastar_core::prelude::*;

fn main() {
    let open = true;
    let _ = datastar! {
        match open {
            true => signals { hal: "Affirmative" },
            false => {}
        }
        elements r#"<div id="a"></div>"#;
    };
}
