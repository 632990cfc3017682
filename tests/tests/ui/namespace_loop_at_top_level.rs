use datastar_core::prelude::*;

fn main() {
    let points = [1, 2];
    let _ = datastar! {
        elements for p in &points { "<circle r=\"" (p) "\"></circle> " }, selector = "#chart", mode = append, namespace = svg;
    };
}
