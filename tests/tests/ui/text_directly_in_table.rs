use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<table id=\"t\">total<tr><td>1</td></tr></table>";
    };
}
