use datastar_core::prelude::*;

fn main() {
    let url = "/x";
    let _ = datastar! {
        elements "<iframe id=\"f\" srcdoc=\"<a href=&quot;" (url) "&quot;>x</a>\"></iframe>";
    };
}
