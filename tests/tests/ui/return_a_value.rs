use datastar_core::prelude::*;

fn main() {
    let open = false;
    let _ = datastar! {
        if !open {
            return Ok(());
        }
        signals { doors: "open" };
    };
}
