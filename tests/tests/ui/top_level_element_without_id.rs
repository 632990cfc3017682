use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements r#"<div id="hal">Ok</div><div class="note">skipped</div>"#;
    };
}
