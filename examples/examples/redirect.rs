//! The `redirect` scenario (code in `examples/src/redirect.rs`): `cargo run --example redirect`,
//! then open the printed URL.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::redirect::router(), "/redirect").await
}
