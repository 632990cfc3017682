use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        redirect "data:text/html,<h1>hi</h1>";
    };
}
