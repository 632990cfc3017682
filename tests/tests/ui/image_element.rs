use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<div id=\"d\"><image src=\"/x.png\"></div>";
    };
}
