use datastar_core::prelude::*;

fn main() {
    let name = "Dave";
    let _ = datastar! {
        elements "<button id=\"hello\" onclick=\"alert('Hello, " (name) "')\">Hi</button>";
    };
}
