use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<h1 id=\"h\"><h2>x</h2></h1>";
    };
}
