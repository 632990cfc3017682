//! The `live` scenario (code in `examples/src/live/`): `cargo run --example live`,
//! then open the printed URL. With `NATS_URL=nats://127.0.0.1:4222` (a `nats-server -js`)
//! any number of instances, each on its own `PORT`, share one log.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let live = datastar_examples::live::axum::router()
        .await
        .map_err(std::io::Error::other)?;
    datastar_examples::serve(live, "/live").await
}
