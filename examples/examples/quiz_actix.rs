//! The quiz served by actix-web (code in `examples/src/quiz.rs` and
//! `examples/src/frameworks/actix.rs`): `cargo run --example quiz_actix`.

fn main() -> std::io::Result<()> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", datastar_examples::port(3000)?))?;
    datastar_examples::frameworks::announce(listener.local_addr()?, "/quiz");
    datastar_examples::frameworks::actix::serve_until_signal(listener)
}
