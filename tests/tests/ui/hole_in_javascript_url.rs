use datastar_core::prelude::*;

fn main() {
    let code = "1";
    let _ = datastar! {
        elements "<a id=\"a\" href=\"javascript:alert(" (code) ")\">a</a>";
    };
}
