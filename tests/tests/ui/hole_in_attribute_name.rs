use datastar_core::prelude::*;

fn main() {
    let attribute = "hidden";
    let _ = datastar! {
        elements "<div id=\"hal\" " (attribute) ">Waiting</div>";
    };
}
