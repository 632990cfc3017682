//! The `live` scenario on actix-web (code in `examples/src/live/`): `cargo run --example
//! live_actix`. With `NATS_URL` it shares its log with any number of instances, of this
//! example or of `live` (axum).

fn main() -> Result<(), datastar_examples::live::SetupError> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", datastar_examples::port(3000)?))?;
    datastar_examples::frameworks::announce(listener.local_addr()?, "/live");
    datastar_examples::live::actix::serve_until_signal(listener)
}
