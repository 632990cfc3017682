use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
#[serde(rename_all = "camelCase")]
struct Profile {
    first_name: String,
    address: Address,
}

#[derive(serde::Serialize, Signals)]
struct Address {
    city: String,
}

fn main() {
    // Known keys pass, nested ones included; `first_name` is not what serde names it.
    let _ = html! {
        #[signals(Profile)]
        "<div data-signals=\"{firstName: '', address: {city: 'Oslo'}, _draft: 1}\"></div>"
        "<div data-signals=\"{first_name: 'Dave', address: {town: 'Oslo'}}\"></div>"
    };
}
