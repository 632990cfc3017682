use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        dispatch "podBayDoors", detail = { open: false };
    };
}
