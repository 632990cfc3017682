//! The `hal` scenario (code in `examples/src/hal.rs`): `cargo run --example hal`,
//! then open the printed URL.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::hal::router(), "/hal").await
}
