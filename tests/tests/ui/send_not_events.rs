use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        send PatchSignals::new(r#"{"doors":"closed"}"#).encode();
    };
}
