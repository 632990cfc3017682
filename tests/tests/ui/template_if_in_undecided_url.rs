use datastar_core::prelude::*;

fn main() {
    let (local, page) = (true, "docs");
    let _ = datastar! {
        elements "<a id=\"help\" href=\"" if local { "/" } else { "https://example.com/" } (page) "\">Help</a>";
    };
}
