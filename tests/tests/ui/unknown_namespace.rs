use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<circle id="dot"/>"#, selector = "#vis", mode = append, namespace = svgg;
    };
}
