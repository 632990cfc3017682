use datastar_core::prelude::*;

fn main() {
    let color = "red";
    let _ = datastar! {
        elements "<div id=\"hal\"><style>p { color: " (color) " }</style></div>";
    };
}
