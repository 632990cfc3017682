use datastar_core::prelude::*;

fn main() {
    let url = "0;url=/x";
    let _ = datastar! {
        elements "<div id=\"d\"><meta http-equiv=\"refresh\" content=\"" (url) "\"></div>";
    };
}
