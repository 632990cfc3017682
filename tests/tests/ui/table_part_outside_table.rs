use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<div id=\"d\"><tr><td>x</td></tr></div>";
    };
}
