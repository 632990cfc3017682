use datastar_core::prelude::*;

fn main() {
    let title = "t";
    let _ = datastar! {
        elements "<a id=\"a\" data-attr=\"$wide ? {title: 'wide'} : " (title) "\">a</a>";
    };
}
