use datastar_core::prelude::*;

fn main() {
    let html = "<p>hi</p>";
    let _ = datastar! {
        elements "<iframe id=\"f\" src=\"data:text/html," (html) "\"></iframe>";
    };
}
