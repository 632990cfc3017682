use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        script "document.body.innerHTML = '</script>'";
    };
}
