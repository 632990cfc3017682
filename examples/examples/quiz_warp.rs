//! The quiz served by warp (code in `examples/src/quiz.rs` and
//! `examples/src/frameworks/warp.rs`): `cargo run --example quiz_warp`.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener =
        tokio::net::TcpListener::bind(("127.0.0.1", datastar_examples::port(3000)?)).await?;
    datastar_examples::frameworks::announce(listener.local_addr()?, "/quiz");
    datastar_examples::frameworks::warp::serve_until_signal(listener).await;
    Ok(())
}
