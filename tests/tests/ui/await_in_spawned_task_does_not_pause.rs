use datastar_core::prelude::*;

fn tokio_like_spawn<F: std::future::Future>(_: F) {}
async fn tick() {}

fn main() {
    let _ = datastar! {
        loop {
            tokio_like_spawn(async move { tick().await });
            elements "<p id=\"n\">tick</p>";
        }
    };
}
