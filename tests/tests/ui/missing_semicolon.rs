use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<p id=\"hal\">I'm sorry, Dave.</p>"
        signals { hal: "sorry" };
    };
}
