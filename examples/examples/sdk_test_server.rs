//! The Datastar SDK conformance endpoint: `/test` on 127.0.0.1:9200 (`PORT` overrides).
//!
//! ```text
//! cargo run --example sdk_test_server &
//! python3 ../shared/sdk-tests/run_sdk_tests.py --server http://127.0.0.1:9200 --html strict
//! ```

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::var("PORT").unwrap_or_else(|_| "9200".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "SDK test endpoint at http://{}/test",
        listener.local_addr()?
    );
    axum::serve(listener, datastar_examples::sdk_test::router()).await
}
