use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<circle id="dot" cx="10" r="5"></circle>"#, selector = "#vis", mode = append;
    };
}
