use datastar_core::prelude::*;

fn main() {
    let color = "red";
    let _ = html! { "<p style=\"color: " (color) "\">Red alert</p>" };
}
