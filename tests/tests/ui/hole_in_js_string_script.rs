use datastar_core::prelude::*;

fn main() {
    let name = "Dave";
    let _ = datastar! {
        script "alert('Hello, " (name) "')";
    };
}
