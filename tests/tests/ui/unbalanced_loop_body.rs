use datastar_core::prelude::*;

fn main() {
    let items = vec!["Pod bay door", "EVA helmet"];
    let _ = datastar! {
        // `<li>` is opened once per item and never closed.
        elements "<ul id=\"cart\">" for item in &items { "<li>" (item) } "</ul>";
        // `</ul>` closes an element opened before the loop.
        elements "<div id=\"lists\"><ul>" for item in &items { "<li>" (item) "</li></ul>" } "</div>";
        // The body ends inside the `id` value it opened.
        elements "<ul id=\"rows\">" for n in 0..3 { "<li id=\"row-" (n) } "\"></li></ul>";
        // A script loop that leaves a JavaScript string open.
        script "const names = [" for item in &items { "'x, " } "];";
    };
}
