use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
struct Order {
    quantity: u32,
    gift: bool,
}

fn main() {
    let _ = html! {
        #[signals(Order)]
        "<form data-signals=\"{quantity: 1, gift: false}\"></form>"
        "<form data-signals=\"{quantity: '3', gift: 'no'}\"></form>"
    };
}
