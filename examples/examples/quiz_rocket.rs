//! The quiz served by Rocket (code in `examples/src/quiz.rs` and
//! `examples/src/frameworks/rocket.rs`): `cargo run --example quiz_rocket`.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = datastar_examples::port(3000)?;
    datastar_examples::frameworks::announce(([127, 0, 0, 1], port).into(), "/quiz");
    datastar_examples::frameworks::rocket::app(port)
        .launch()
        .await?;
    Ok(())
}
