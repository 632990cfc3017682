use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<table id=\"t\"><td>x</td></table>";
    };
}
