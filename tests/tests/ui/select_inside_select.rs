use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<select id=\"s\"><select></select></select>";
    };
}
