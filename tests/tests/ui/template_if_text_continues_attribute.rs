use datastar_core::prelude::*;

fn main() {
    let done = true;
    let _ = datastar! {
        elements "<input id=\"done\"" if done { " data-done" } "=\"yes\">";
    };
}
