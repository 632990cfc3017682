//! The `script` scenario (code in `examples/src/script.rs`): `cargo run --example script`,
//! then open the printed URL.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::script::router(), "/script").await
}
