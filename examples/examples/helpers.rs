//! The `helpers` scenario (code in `examples/src/helpers.rs`): `cargo run --example
//! helpers`, then open the printed URL.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::helpers::router(), "/helpers").await
}
