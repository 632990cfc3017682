//! The framework apps of `datastar_examples::frameworks`, each started on a free local
//! port in this process, for tests that speak HTTP to every framework alike.
// Shared by two test targets, each of which uses only part of it.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::time::Duration;

use datastar_examples::frameworks;

/// Every framework `datastar-core` supports.
pub const FRAMEWORKS: [&str; 4] = ["axum", "actix", "rocket", "warp"];

/// A framework's app, listening.
pub struct Server {
    pub framework: &'static str,
    pub address: SocketAddr,
    /// Rocket's body limit is per app, not per route: its `/probe/small` is here.
    pub small_address: SocketAddr,
}

/// Starts `framework`'s app (from within a tokio runtime) and waits until it accepts
/// connections.
pub async fn start(framework: &'static str) -> Server {
    let address = match framework {
        "axum" => {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let address = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, frameworks::axum::app()).await });
            address
        }
        "actix" => {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let address = listener.local_addr().unwrap();
            // actix-web runs on a runtime of its own.
            std::thread::spawn(move || frameworks::actix::serve(listener));
            address
        }
        "rocket" => {
            let port = free_port();
            tokio::spawn(frameworks::rocket::app(port).launch());
            ([127, 0, 0, 1], port).into()
        }
        "warp" => {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let address = listener.local_addr().unwrap();
            tokio::spawn(frameworks::warp::serve(listener));
            address
        }
        other => panic!("unknown framework {other}"),
    };
    let small_address = if framework == "rocket" {
        let port = free_port();
        tokio::spawn(frameworks::rocket::small(port).launch());
        ([127, 0, 0, 1], port).into()
    } else {
        address
    };
    wait_for(address).await;
    wait_for(small_address).await;
    Server {
        framework,
        address,
        small_address,
    }
}

/// A port nobody listens on now (Rocket 0.5 binds by itself, so it cannot be given a
/// listener).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_for(address: SocketAddr) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(address).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("nothing listens on {address}");
}
