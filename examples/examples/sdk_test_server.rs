//! The Datastar SDK conformance endpoint: `/test` on 127.0.0.1:9200 (`PORT` overrides),
//! served by axum, or by the framework `FRAMEWORK` names (`actix`, `rocket`, `warp`).
//!
//! ```text
//! cargo run --example sdk_test_server &
//! python3 ../shared/sdk-tests/run_sdk_tests.py --server http://127.0.0.1:9200 --html strict
//! ```

use datastar_examples::frameworks;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = datastar_examples::port(9200)?;
    let framework = std::env::var("FRAMEWORK").unwrap_or_else(|_| "axum".to_owned());
    println!("SDK test endpoint ({framework}) at http://127.0.0.1:{port}/test");
    match framework.as_str() {
        "axum" => {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            axum::serve(listener, frameworks::axum::app()).await?;
        }
        "actix" => {
            let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
            tokio::task::spawn_blocking(move || frameworks::actix::serve(listener)).await??;
        }
        "rocket" => {
            frameworks::rocket::app(port).launch().await?;
        }
        "warp" => {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            frameworks::warp::serve(listener).await;
        }
        other => {
            return Err(format!("FRAMEWORK={other}: expected axum, actix, rocket or warp").into());
        }
    }
    Ok(())
}
