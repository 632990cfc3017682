use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        redirect "javascript:alert(1)";
    };
}
