use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<table id=\"t\"><div>x</div></table>";
    };
}
