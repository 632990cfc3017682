use datastar_core::prelude::*;

fn main() {
    let items = vec!["Pod bay door", "EVA helmet"];
    let _ = datastar! {
        elements "<ul id=\"cart\">" for item in &items { "<li id=\"row\">" (item) "</li>" } "</ul>";
    };
}
