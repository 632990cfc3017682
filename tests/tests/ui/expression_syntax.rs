use datastar_core::prelude::*;

fn main() {
    // Valid JavaScript that reads like a mistake passes: keywords, a line break between
    // two statements, a tagged template, trailing commas, a generator method.
    let _ = html! {
        r#"<button id="ok" data-on:click="if ($a) $b = 1
$c = tag`x` ; @post('/x', {a: 1,}); $d = {*g() {}}">Ok</button>"#
    };
    let _ = html! {
        r#"<button id="save" data-on:click="$saved = true $count++">Save</button>"#
    };
    let _ = html! {
        r#"<button id="add" data-on:click="$total = $total +">Add</button>"#
    };
    let _ = html! {
        r#"<button id="get" data-on:click="@get(, '/items')">Get</button>"#
    };
}
