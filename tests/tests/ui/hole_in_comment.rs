use datastar_core::prelude::*;

fn main() {
    let note = "x";
    let _ = datastar! {
        elements "<div id=\"hal\"><!-- " (note) " --></div>";
    };
}
