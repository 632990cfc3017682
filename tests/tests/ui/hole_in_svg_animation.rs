use datastar_core::prelude::*;

fn main() {
    let to = "/x";
    let _ = datastar! {
        elements "<svg id=\"s\"><a><set attributeName=\"href\" to=\"" (to) "\"/></a></svg>";
    };
}
