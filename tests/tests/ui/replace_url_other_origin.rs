use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        replace_url "https://discovery.example/pod-bay";
    };
}
