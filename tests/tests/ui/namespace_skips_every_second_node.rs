use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<circle r=\"1\"></circle><rect width=\"1\"></rect>", selector = "#chart", mode = append, namespace = svg;
    };
}
