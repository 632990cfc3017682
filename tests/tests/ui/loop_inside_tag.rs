use datastar_core::prelude::*;

fn main() {
    let flags = vec!["hidden", "inert"];
    let _ = datastar! {
        elements "<div id=\"panel\"" for flag in &flags { " data-flag=\"" (flag) "\"" } "></div>";
    };
}
