use datastar_core::prelude::*;

fn main() {
    let done = true;
    let _ = datastar! {
        elements "<li id=\"todo-1\" class=" if done { "done" } else { "open" } ">Pod bay doors</li>";
    };
}
