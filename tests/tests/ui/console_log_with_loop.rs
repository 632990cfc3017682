use datastar_core::prelude::*;

fn main() {
    let crew = ["Dave", "Frank"];
    let _ = datastar! {
        console_log "crew: " for name in crew { (name) " " };
    };
}
