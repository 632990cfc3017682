use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<a id=\"a\" href=\"/x\"><a href=\"/y\">y</a></a>";
    };
}
