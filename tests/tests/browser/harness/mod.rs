//! The machinery behind `tests/browser.rs`: processes (chromedriver, Chromium, example
//! servers), a small page-driving API on top of fantoccini, and a serial scenario runner that
//! reports failures with the page's HTML, console and a screenshot.
//!
//! Process hygiene: every child process is owned by a guard whose `Drop` ends it, so a
//! failing or panicking scenario leaves no orphans behind.

//! - `runner`: runs the scenarios serially and reports failures.
//! - `env`: paths, the client bundle, built examples, chromedriver.
//! - `cx`: the context a scenario gets.
//! - `app`: an example server.
//! - `page`: driving a browser tab.
//! - `nats_server`: a `nats-server -js` for the scenarios that run instances on NATS.

// The helper API is meant for the whole scenario catalogue; a given set of scenarios uses only
// part of it at any time.
#![allow(dead_code, reason = "helpers for scenarios yet to be written")]

mod app;
mod cx;
mod env;
// Shared with tests/live_nats.rs.
#[path = "../../support/nats_server.rs"]
mod nats_server;
mod page;
mod runner;

pub(crate) use app::*;
pub(crate) use cx::*;
pub(crate) use env::*;
pub(crate) use nats_server::NatsServer;
pub(crate) use page::*;
pub(crate) use runner::*;

use std::fmt::Write as _;
use std::future::Future;
use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use http_body_util::{BodyExt as _, Empty};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// Boxed so scenarios can use `?` on fantoccini, I/O and string errors alike.
pub(crate) type Error = Box<dyn std::error::Error + Send + Sync>;
/// The result type of scenarios and helpers.
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;
/// What a scenario function returns once boxed (see [`Scenario::run`]).
pub(crate) type ScenarioFuture = Pin<Box<dyn Future<Output = Result<()>> + Send>>;

/// How long the `wait_*` helpers poll before failing. Generous because it only bounds
/// failures: passing waits return as soon as the DOM is right.
pub(crate) const WAIT: Duration = Duration::from_secs(10);
/// A scenario that takes longer than this is stopped and counted as failed, so one hung
/// scenario cannot eat the whole suite's time budget.
const SCENARIO_TIMEOUT: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(25);
/// The client bundle's expected location when `DATASTAR_JS` is not set, relative to the target
/// directory (scripts/get-datastar-js.sh writes it there).
const DATASTAR_JS_IN_TARGET: &str = "datastar/datastar.js";

/// Returns early from a scenario with an error message, like `assert!` but without panicking
/// (so the failure report is produced the same way as for helper errors).
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}
pub(crate) use ensure;

/// One browser scenario: a name (used for filtering and failure files), the example binaries
/// it needs (built once before the run), and the async function that drives it.
pub(crate) struct Scenario {
    pub(crate) name: &'static str,
    pub(crate) examples: &'static [&'static str],
    pub(crate) run: fn(Cx) -> ScenarioFuture,
}

/// Declares a [`Scenario`] from an `async fn(Cx) -> Result<()>`.
macro_rules! scenario {
    ($f:ident, examples: [$($ex:literal),* $(,)?]) => {
        $crate::harness::Scenario {
            name: stringify!($f),
            examples: &[$($ex),*],
            run: |cx| Box::pin($f(cx)),
        }
    };
}
pub(crate) use scenario;
