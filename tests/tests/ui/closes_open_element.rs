use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<button id=\"b\"><span><button>x</button></span></button>";
    };
}
