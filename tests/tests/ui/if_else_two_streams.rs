use datastar_core::prelude::*;

async fn hal(open: bool, name: &'static str) -> impl IntoResponse {
    if open {
        datastar! { signals { doors: "open", for_: (name) }; }
    } else {
        datastar! { elements "<p id=\"hal\">I'm sorry, " (name) ".</p>"; }
    }
}

fn main() {
    let _ = hal(true, "Dave");
}
