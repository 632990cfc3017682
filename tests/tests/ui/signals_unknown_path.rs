use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
#[serde(rename_all = "camelCase")]
struct Profile {
    first_name: String,
    age: u32,
}

fn main() {
    let _ = html! {
        #[signals(Profile)]
        "<input data-bind:first-name>"
        "<p data-text=\"$firstname + ' is ' + $age\"></p>"
    };
}
