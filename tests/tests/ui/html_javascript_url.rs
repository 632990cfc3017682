use datastar_core::prelude::*;

fn main() {
    let code = "alert(1)";
    let _ = html! { "<a href=\"javascript:" (code) "\">Open</a>" };
}
