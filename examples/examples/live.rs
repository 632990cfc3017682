//! The `live` scenario (code in `examples/src/live.rs`): `cargo run --example live`,
//! then open the printed URL.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::live::router(), "/live").await
}
