use datastar_core::prelude::*;

fn main() {
    let items = vec!["Pod bay door", "EVA helmet"];
    let _ = datastar! {
        // Fine: each top-level `<li>` gets its own id from the hole.
        elements for (n, item) in items.iter().enumerate() { "<li id=\"row-" (n) "\">" (item) "</li>" };
        // Refused: without a `selector`, top-level elements are patched by their id.
        elements for item in &items { "<li>" (item) "</li>" };
    };
}
