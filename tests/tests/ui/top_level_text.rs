use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="hal">Ok</div> and some loose text"#;
    };
}
