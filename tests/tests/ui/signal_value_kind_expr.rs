use std::collections::HashMap;

use datastar_core::prelude::*;

#[derive(serde::Serialize, Signals)]
struct Cart {
    count: u32,
    note: Option<String>,
    tags: Vec<String>,
    owner: Owner,
    extra: HashMap<String, String>,
}

#[derive(serde::Serialize, Signals)]
struct Owner {
    name: String,
}

/// A type whose JSON the check cannot know: accepted anywhere.
#[derive(serde::Serialize)]
struct Opaque(u32);

fn main() {
    let (count, total, name, label) = (3_u32, 7_usize, "Dave", String::from("x"));
    let other = label.clone();
    // Values of a kind the field holds pass: other integer types, `&str` for a `String`,
    // an `Option` where the field is one, what the type does not tell, page-local signals,
    // the items of an array (not signals of their own).
    let _ = datastar! {
        #[signals(Cart)]
        signals {
            count: (total),
            note: (Some(&label)),
            tags: (vec![name]),
            owner: { name: (name) },
            extra: (HashMap::from([("a", 1)])),
            _draft: (true),
        };
        signals { count: (Opaque(1)), note: (serde_json::json!(null)), tags: [(name), (count)] };
    };
    let _ = datastar! {
        #[signals(Cart)]
        signals { count: (other), note: (count), tags: (Some(vec![name])), owner: { name: (count > 2) } };
    };
}
