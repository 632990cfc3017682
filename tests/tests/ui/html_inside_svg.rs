use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<svg id=\"s\"><div>x</div></svg>";
    };
}
