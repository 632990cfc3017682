use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
struct Cart {
    count: u32,
    note: Option<String>,
    tags: Vec<String>,
    owner: Owner,
    #[serde(default)]
    coupon: String,
}

#[derive(serde::Serialize, Signals)]
struct Owner {
    name: String,
}

fn main() {
    // Literals of the field's kind pass (`null` where the field is an `Option` or has a
    // default).
    let _ = datastar! {
        #[signals(Cart)]
        signals { count: 3, note: null, tags: ["a"], owner: { name: "Dave" }, coupon: null, _draft: true };
    };
    let _ = datastar! {
        #[signals(Cart)]
        signals { count: "3", note: 1, tags: null, owner: { name: false } };
    };
}
