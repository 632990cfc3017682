//! The `todo` scenario (code in `examples/src/todo.rs`, from the CQRS guide):
//! `cargo run --example todo`, then open the printed URL in two tabs.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    datastar_examples::serve(datastar_examples::todo::router(), "/todos").await
}
