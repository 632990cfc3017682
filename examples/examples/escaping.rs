//! The escaping lab (code in `examples/src/escaping.rs`): `cargo run --example escaping`,
//! then open the printed URL, type a hostile value and press Run.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::escaping::router(), "/escaping").await
}
