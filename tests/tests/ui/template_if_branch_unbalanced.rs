use datastar_core::prelude::*;

fn main() {
    let (done, title) = (true, "Open the pod bay doors");
    let _ = datastar! {
        elements "<li id=\"todo-1\">" if done { "<s>" } (title) "</li>";
    };
}
