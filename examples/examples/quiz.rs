//! The `quiz` scenario (code in `examples/src/quiz.rs`): `cargo run --example quiz`,
//! then open the printed URL.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::quiz::router(), "/quiz").await
}
