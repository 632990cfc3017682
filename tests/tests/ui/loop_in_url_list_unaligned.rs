use datastar_core::prelude::*;

fn main() {
    let (sizes, fallback) = (["1x", "2x"], "/hal.png");
    let _ = datastar! {
        elements "<img id=\"hal\" alt=\"HAL\" srcset=\"" for size in sizes { "/hal-" (size) ".png " (size) } (fallback) " 3x\">";
    };
}
