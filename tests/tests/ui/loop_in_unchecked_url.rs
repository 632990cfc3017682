use datastar_core::prelude::*;

fn main() {
    let parts = ["/a", "/b"];
    let _ = datastar! {
        elements "<a id=\"a\" href=\"" for part in &parts { (part) } "\">a</a>";
    };
}
