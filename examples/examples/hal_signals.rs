//! The `hal_signals` scenario (code in `examples/src/hal_signals.rs`): `cargo run --example hal_signals`,
//! then open the printed URL.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::hal_signals::router(), "/hal-signals").await
}
