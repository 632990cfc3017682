//! The `resume` scenario (code in `examples/src/resume.rs`): `cargo run --example
//! resume`, then open `/resume?mode=reset`, `close` or `error`.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::resume::router(), "/resume?mode=reset").await
}
