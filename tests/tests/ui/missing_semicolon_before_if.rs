use datastar_core::prelude::*;

fn main() {
    let open = false;
    let _ = datastar! {
        elements "<p id=\"hal\">I'm sorry, Dave.</p>"
        if open {
            signals { pod_bay_doors: "open" };
        }
    };
}
