//! The machinery behind `tests/browser.rs`: processes (chromedriver, Chromium, example
//! servers), a small page-driving API on top of fantoccini, and a serial scenario runner that
//! reports failures with the page's HTML, console and a screenshot.
//!
//! Process hygiene: every child process is owned by a guard whose `Drop` ends it, so a
//! failing or panicking scenario leaves no orphans behind.

// The helper API is meant for the whole scenario catalogue; a given set of scenarios uses only
// part of it at any time.
#![allow(dead_code, reason = "helpers for scenarios yet to be written")]

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

// ---------------------------------------------------------------------------------------
// Runner
// ---------------------------------------------------------------------------------------

/// Entry point of the test binary: libtest-compatible enough for `cargo test` (name filters,
/// `--exact`, `--list`, ignoring other flags) and for cargo-nextest's listing protocol.
pub(crate) fn main(all: &[Scenario]) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    if flag("--list") {
        // None of our scenarios is #[ignore]d, so a listing of ignored tests is empty.
        if !flag("--ignored") {
            for s in all {
                println!("{}: test", s.name);
            }
        }
        return ExitCode::SUCCESS;
    }
    let exact = flag("--exact");
    // Flags that take a separate value would otherwise be mistaken for name filters.
    let mut filters = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if matches!(
            a.as_str(),
            "--skip" | "--logfile" | "--color" | "--format" | "-Z" | "--test-threads"
        ) {
            it.next();
        } else if !a.starts_with('-') {
            filters.push(a.as_str());
        }
    }
    let selected: Vec<&Scenario> = all
        .iter()
        .filter(|s| {
            filters.is_empty()
                || filters.iter().any(|f| {
                    if exact {
                        s.name == *f
                    } else {
                        s.name.contains(f)
                    }
                })
        })
        .collect();
    let filtered_out = all.len() - selected.len();

    println!("\nrunning {} browser scenarios", selected.len());
    let started = Instant::now();
    let (passed, failed) = if selected.is_empty() {
        (0, Vec::new())
    } else {
        match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(rt) => rt.block_on(run(&selected)),
            Err(e) => setup_failed(&selected, &format!("tokio runtime: {e}")),
        }
    };

    if !failed.is_empty() {
        println!("\nfailed browser scenarios:");
        for name in &failed {
            println!("    {name}");
        }
    }
    println!(
        "\ntest result: {}. {passed} passed; {} failed; 0 ignored; 0 measured; {filtered_out} filtered out; finished in {:.2}s\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Everything counts as failed when the shared setup (browser, client bundle, build) fails.
fn setup_failed(selected: &[&Scenario], why: &str) -> (usize, Vec<&'static str>) {
    println!("browser test setup failed: {why}");
    for s in selected {
        println!("test {} ... FAILED (setup)", s.name);
    }
    (0, selected.iter().map(|s| s.name).collect())
}

async fn run(selected: &[&Scenario]) -> (usize, Vec<&'static str>) {
    let env = match Env::setup(selected).await {
        Ok(env) => Arc::new(env),
        Err(e) => return setup_failed(selected, &e.to_string()),
    };
    // One Chromium for all scenarios; each scenario gets a fresh tab (clean history) in it.
    let mut main_page: Option<Page> = None;
    let mut passed = 0;
    let mut failed = Vec::new();
    for scenario in selected {
        let started = Instant::now();
        let page = match fresh_main_page(&env, main_page.take()).await {
            Ok(p) => p,
            Err(e) => {
                println!("test {} ... FAILED (no browser: {e})", scenario.name);
                failed.push(scenario.name);
                continue;
            }
        };
        main_page = Some(page.clone());
        let cx = Cx(Arc::new(CxInner {
            scenario: scenario.name,
            env: env.clone(),
            main: page,
            extra_pages: Mutex::new(Vec::new()),
            server_logs: Mutex::new(Vec::new()),
        }));
        remove_old_failure_files(&env.failures_dir, scenario.name);

        // Spawned so that a panic (e.g. an assert!) becomes an error here instead of ending
        // the run; aborting on timeout drops the scenario's servers and extra browsers.
        let mut task = tokio::spawn((scenario.run)(cx.clone()));
        let outcome = match tokio::time::timeout(SCENARIO_TIMEOUT, &mut task).await {
            Ok(Ok(Ok(()))) => Ok(()),
            Ok(Ok(Err(e))) => Err(e.to_string()),
            Ok(Err(join)) if join.is_panic() => Err(format!("panicked: {}", panic_text(join))),
            Ok(Err(join)) => Err(format!("task failed: {join}")),
            Err(_) => {
                task.abort();
                let _ = task.await;
                Err(format!("timed out after {SCENARIO_TIMEOUT:?}"))
            }
        };
        let secs = started.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => {
                println!("test {} ... ok ({secs:.2}s)", scenario.name);
                passed += 1;
            }
            Err(msg) => {
                println!("test {} ... FAILED ({secs:.2}s)", scenario.name);
                report_failure(&cx, &msg).await;
                failed.push(scenario.name);
            }
        }
        // Drops (and so closes) the second browsers this scenario opened.
        cx.0.extra_pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
    if let Some(page) = main_page {
        let _ = page.close().await;
    }
    (passed, failed)
}

fn panic_text(join: tokio::task::JoinError) -> String {
    let payload = join.into_panic();
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_owned()
    }
}

/// Reuses the browser of the previous scenario with a new tab (dropping the old tab, so
/// history and page state do not leak between scenarios); starts a new browser when there is
/// none or the old one no longer answers.
async fn fresh_main_page(env: &Arc<Env>, previous: Option<Page>) -> Result<Page> {
    if let Some(page) = previous {
        match page.fresh_tab().await {
            Ok(()) => return Ok(page),
            Err(e) => {
                println!("(browser did not survive the previous scenario: {e}; restarting it)");
            }
        }
    }
    let t = Instant::now();
    let page = Page::open(env, "main").await?;
    println!("started Chromium in {:.2}s", t.elapsed().as_secs_f64());
    Ok(page)
}

fn remove_old_failure_files(dir: &Path, scenario: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if let Some(rest) = name.strip_prefix(scenario)
            && (rest.starts_with('.') || rest.starts_with('-'))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Prints what a person debugging the failure needs: the error, then for every browser the
/// scenario used its URL, console output, full HTML and a screenshot, then the servers' logs.
async fn report_failure(cx: &Cx, msg: &str) {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n---- browser scenario '{}' failed ----",
        cx.0.scenario
    );
    let _ = writeln!(out, "error: {msg}");
    let mut pages = vec![cx.0.main.clone()];
    pages.extend(
        cx.0.extra_pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned(),
    );
    for (i, page) in pages.iter().enumerate() {
        let label = &page.0.label;
        if page.0.closed.load(Ordering::Relaxed) {
            let _ = writeln!(out, "\n[{label}] (closed by the scenario)");
            continue;
        }
        let url = page
            .url()
            .await
            .unwrap_or_else(|e| format!("(unknown: {e})"));
        let _ = writeln!(out, "\n[{label}] url: {url}");
        match page.console().await {
            Ok(lines) if lines.is_empty() => {
                let _ = writeln!(out, "[{label}] console: (empty)");
            }
            Ok(lines) => {
                let _ = writeln!(out, "[{label}] console:");
                for l in lines {
                    let _ = writeln!(out, "    {l}");
                }
            }
            Err(e) => {
                let _ = writeln!(out, "[{label}] console: (unavailable: {e})");
            }
        }
        let file = if i == 0 {
            format!("{}.png", cx.0.scenario)
        } else {
            format!("{}-{label}.png", cx.0.scenario)
        };
        let path = cx.0.env.failures_dir.join(file);
        match page.screenshot(&path).await {
            Ok(()) => {
                let _ = writeln!(out, "[{label}] screenshot: {}", path.display());
            }
            Err(e) => {
                let _ = writeln!(out, "[{label}] screenshot failed: {e}");
            }
        }
        match page.html().await {
            Ok(html) => {
                let _ = writeln!(out, "[{label}] document.documentElement.outerHTML:\n{html}");
            }
            Err(e) => {
                let _ = writeln!(out, "[{label}] HTML unavailable: {e}");
            }
        }
    }
    let logs =
        cx.0.server_logs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
    for (example, log) in logs {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(60).collect();
        let _ = writeln!(
            out,
            "\n[server {example}] last {} lines of {}:",
            tail.len(),
            log.display()
        );
        for l in tail.iter().rev() {
            let _ = writeln!(out, "    {l}");
        }
    }
    let _ = writeln!(out, "---- end of '{}' ----\n", cx.0.scenario);
    print!("{out}");
}

// ---------------------------------------------------------------------------------------
// Shared environment: paths, the client bundle, built examples, chromedriver
// ---------------------------------------------------------------------------------------

struct Env {
    workspace: PathBuf,
    examples_dir: PathBuf,
    failures_dir: PathBuf,
    logs_dir: PathBuf,
    datastar_js: PathBuf,
    chromium: PathBuf,
    driver: ChromeDriver,
}

impl Env {
    async fn setup(selected: &[&Scenario]) -> Result<Env> {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("CARGO_MANIFEST_DIR has no parent")?
            .to_path_buf();
        // This binary lives in <target>/<profile>/deps/; deriving the directories from it
        // follows CARGO_TARGET_DIR and the profile without re-implementing cargo's rules.
        let exe = std::env::current_exe()?;
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .ok_or("unexpected test binary location")?
            .to_path_buf();
        let target_dir = profile_dir
            .parent()
            .ok_or("unexpected test binary location")?
            .to_path_buf();
        let failures_dir = target_dir.join("browser-failures");
        let logs_dir = target_dir.join("browser-logs");
        std::fs::create_dir_all(&failures_dir)?;
        std::fs::create_dir_all(&logs_dir)?;

        let datastar_js = locate_datastar_js(&workspace, &target_dir)?;
        let chromium = tool(
            "CHROMIUM",
            &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
        )?;
        let chromedriver = tool("CHROMEDRIVER", &["/usr/bin/chromedriver"])?;

        let mut examples: Vec<&str> = selected.iter().flat_map(|s| s.examples).copied().collect();
        examples.sort_unstable();
        examples.dedup();
        let profile = profile_dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("debug")
            .to_owned();
        let t = Instant::now();
        build_examples(&workspace, &profile, &examples)?;
        println!(
            "built examples {examples:?} in {:.2}s",
            t.elapsed().as_secs_f64()
        );

        let driver = ChromeDriver::start(&chromedriver, &logs_dir.join("chromedriver.log")).await?;
        Ok(Env {
            workspace,
            examples_dir: profile_dir.join("examples"),
            failures_dir,
            logs_dir,
            datastar_js,
            chromium,
            driver,
        })
    }
}

/// `DATASTAR_JS` if set, else the copy in the target directory, fetched on first use.
fn locate_datastar_js(workspace: &Path, target_dir: &Path) -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("DATASTAR_JS") {
        let p = PathBuf::from(p);
        ensure!(p.is_file(), "DATASTAR_JS={} is not a file", p.display());
        return Ok(p);
    }
    let p = target_dir.join(DATASTAR_JS_IN_TARGET);
    if !p.is_file() {
        let status = Command::new("bash")
            .arg(workspace.join("scripts/get-datastar-js.sh"))
            .arg(&p)
            .current_dir(workspace)
            .status()?;
        ensure!(
            status.success(),
            "scripts/get-datastar-js.sh failed ({status})"
        );
    }
    Ok(p)
}

fn tool(var: &str, defaults: &[&str]) -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Ok(PathBuf::from(p));
    }
    defaults
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .ok_or_else(|| {
            format!(
                "{} not found (set {var}, or install Debian's chromium and chromium-driver \
                 packages as .ci/run does)",
                defaults[0]
            )
            .into()
        })
}

/// Builds the example binaries once, so each scenario starts in milliseconds and nothing is
/// compiled while a scenario's clock runs. `--workspace` resolves features the way
/// `cargo test --workspace --all-targets` does, so after that command this is a no-op instead
/// of a rebuild of the dependencies with a different feature set.
fn build_examples(workspace: &Path, profile: &str, examples: &[&str]) -> Result<()> {
    if examples.is_empty() {
        return Ok(());
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace)
        .args(["build", "--quiet", "--workspace"]);
    match profile {
        "debug" => {}
        "release" => {
            cmd.arg("--release");
        }
        other => {
            cmd.args(["--profile", other]);
        }
    }
    for e in examples {
        cmd.args(["--example", e]);
    }
    let status = cmd.status()?;
    ensure!(
        status.success(),
        "building the examples {examples:?} failed ({status})"
    );
    Ok(())
}

/// A port that was free a moment ago. Binding port 0 lets the kernel choose; the tiny window
/// before the child binds it is acceptable for tests on loopback.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// Waits until something accepts TCP connections on `port`, failing early if `child` exits.
async fn wait_for_port(port: u16, child: &Mutex<Child>, what: &str, log: &Path) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if let Some(status) = child
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .try_wait()?
        {
            let log_text = std::fs::read_to_string(log).unwrap_or_default();
            return Err(format!("{what} exited ({status}) before listening:\n{log_text}").into());
        }
        ensure!(
            Instant::now() < deadline,
            "{what} did not listen on port {port} within 30s"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Kills a child process and reaps it; used by the guards' `Drop`.
fn kill(child: &Mutex<Child>) {
    let mut child = child.lock().unwrap_or_else(PoisonError::into_inner);
    let _ = child.kill();
    let _ = child.wait();
}

struct ChromeDriver {
    child: Mutex<Child>,
    port: u16,
}

impl ChromeDriver {
    async fn start(binary: &Path, log: &Path) -> Result<ChromeDriver> {
        let port = free_port()?;
        let log_file = std::fs::File::create(log)?;
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        let driver = ChromeDriver {
            child: Mutex::new(child),
            port,
        };
        wait_for_port(port, &driver.child, "chromedriver", log).await?;
        Ok(driver)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        kill(&self.child);
    }
}

// ---------------------------------------------------------------------------------------
// Scenario context
// ---------------------------------------------------------------------------------------

/// What a scenario function receives: starts example servers and hands out browser pages.
/// Cheap to clone; everything it starts is stopped when the scenario ends.
#[derive(Clone)]
pub(crate) struct Cx(Arc<CxInner>);

struct CxInner {
    scenario: &'static str,
    env: Arc<Env>,
    main: Page,
    extra_pages: Mutex<Vec<Page>>,
    server_logs: Mutex<Vec<(String, PathBuf)>>,
}

impl Cx {
    /// Starts `target/<profile>/examples/<example>` on a free port with `PORT` and
    /// `DATASTAR_JS` set, and waits until it accepts connections. The example must be listed
    /// in the scenario's `examples`. Stopped when the returned [`App`] is dropped.
    pub(crate) async fn serve(&self, example: &str) -> Result<App> {
        let env = &self.0.env;
        let binary = env.examples_dir.join(example);
        ensure!(
            binary.is_file(),
            "{} does not exist: add \"{example}\" to the scenario's examples",
            binary.display()
        );
        let port = free_port()?;
        let log = env
            .logs_dir
            .join(format!("{}-{example}.log", self.0.scenario));
        let log_file = std::fs::File::create(&log)?;
        let child = Command::new(&binary)
            .current_dir(&env.workspace)
            .env("PORT", port.to_string())
            .env("DATASTAR_JS", &env.datastar_js)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        self.0
            .server_logs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((example.to_owned(), log.clone()));
        let app = App {
            child: Mutex::new(child),
            base: format!("http://127.0.0.1:{port}"),
        };
        wait_for_port(port, &app.child, example, &log).await?;
        Ok(app)
    }

    /// The scenario's main browser tab (fresh, at `about:blank`).
    pub(crate) fn page(&self) -> Page {
        self.0.main.clone()
    }

    /// Serves `example` and opens its page at `path` in the main tab: the usual first line of
    /// a scenario.
    pub(crate) async fn start(&self, example: &str, path: &str) -> Result<(App, Page)> {
        let app = self.serve(example).await?;
        let page = self.page();
        page.goto(&app.url(path)).await?;
        Ok((app, page))
    }

    /// A second, independent browser (its own Chromium and profile: no shared cookies or
    /// storage), for scenarios with several users. Closed when the scenario ends.
    pub(crate) async fn new_browser(&self) -> Result<Page> {
        let n = self
            .0
            .extra_pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        let page = Page::open(&self.0.env, &format!("browser{}", n + 2)).await?;
        self.0
            .extra_pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(page.clone());
        Ok(page)
    }
}

// ---------------------------------------------------------------------------------------
// Example server
// ---------------------------------------------------------------------------------------

/// A running example server. Killed on drop.
pub(crate) struct App {
    child: Mutex<Child>,
    base: String,
}

impl App {
    /// Absolute URL of `path` (which starts with `/`) on this server.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A plain GET (no browser involved), e.g. of a debug endpoint reporting server state.
    /// Returns the status code and the body.
    pub(crate) async fn get(&self, path: &str) -> Result<(u16, String)> {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build::<_, Empty<bytes::Bytes>>(HttpConnector::new());
        let uri: http::Uri = self.url(path).parse()?;
        let fut = async {
            let res = client.get(uri).await?;
            let status = res.status().as_u16();
            let body = res.into_body().collect().await?.to_bytes();
            Ok::<_, Error>((status, String::from_utf8_lossy(&body).into_owned()))
        };
        tokio::time::timeout(WAIT, fut)
            .await
            .map_err(|_| format!("GET {path}: no complete answer within {WAIT:?}"))?
    }

    /// GET `path`, requiring status 200; returns the trimmed body.
    pub(crate) async fn get_text(&self, path: &str) -> Result<String> {
        let (status, body) = self.get(path).await?;
        ensure!(status == 200, "GET {path}: status {status}, body {body:?}");
        Ok(body.trim().to_owned())
    }

    /// Polls GET `path` until its trimmed body equals `expected` (e.g. a producer counter
    /// dropping to "0" after a tab closed).
    pub(crate) async fn wait_get(&self, path: &str, expected: &str) -> Result<()> {
        let wait = Deadline::new(format!("GET {path} to answer {expected:?}"), WAIT);
        loop {
            let body = self.get_text(path).await?;
            if body == expected {
                return Ok(());
            }
            wait.retry(format!("answered {body:?}")).await?;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        kill(&self.child);
    }
}

/// Bounds a polling loop. Async closures cannot be used for this: the futures they return
/// are not provably `Send` for every borrow lifetime, which `tokio::spawn` requires, so
/// conditions are polled with a plain loop instead:
///
/// ```ignore
/// let wait = Deadline::new("the producer to end", WAIT);
/// loop {
///     let n = app.get_text("/debug/producers").await?;
///     if n == "0" { break; }
///     wait.retry(format!("producers = {n}")).await?;
/// }
/// ```
pub(crate) struct Deadline {
    what: String,
    timeout: Duration,
    end: Instant,
}

impl Deadline {
    /// Starts the clock; `what` describes the awaited condition for the failure message.
    pub(crate) fn new(what: impl Into<String>, timeout: Duration) -> Deadline {
        Deadline {
            what: what.into(),
            timeout,
            end: Instant::now() + timeout,
        }
    }

    /// Call when the condition does not hold yet: sleeps one poll interval, or fails (with
    /// `seen`, what was observed last) once the time is up.
    pub(crate) async fn retry(&self, seen: impl std::fmt::Display) -> Result<()> {
        ensure!(
            Instant::now() < self.end,
            "timed out after {:?} waiting for {}; last seen: {seen}",
            self.timeout,
            self.what
        );
        tokio::time::sleep(POLL).await;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Browser page
// ---------------------------------------------------------------------------------------

/// One browser (a WebDriver session on its own Chromium) and its current tab. Cheap to
/// clone; the browser is closed when the last clone is dropped.
#[derive(Clone)]
pub(crate) struct Page(Arc<PageInner>);

struct PageInner {
    client: Client,
    label: String,
    session_id: String,
    driver_port: u16,
    profile_dir: PathBuf,
    closed: AtomicBool,
}

/// Records console output and uncaught errors into `window.__harnessLog` so failure reports
/// can show what the page complained about (Datastar reports problems on the console).
/// Installed through the DevTools protocol so it runs before any page script.
const CONSOLE_HOOK: &str = r"(() => {
  const log = [];
  Object.defineProperty(window, '__harnessLog', { value: log });
  const show = (a) => {
    if (a instanceof Error) return a.stack || String(a);
    if (typeof a === 'string') return a;
    try { return JSON.stringify(a); } catch (_) { return String(a); }
  };
  for (const level of ['error', 'warn', 'info', 'log', 'debug']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      if (log.length < 500) log.push(level + ': ' + args.map(show).join(' '));
      original(...args);
    };
  }
  addEventListener('error', (e) => log.push('uncaught: ' + show(e.error || e.message)));
  addEventListener('unhandledrejection', (e) => log.push('unhandled rejection: ' + show(e.reason)));
})();";

/// Chromium flags for this machine: headless as root in a container, and no background
/// connections (the network is closed, and refused connections only slow the browser down).
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // Containers often have a tiny /dev/shm, which crashes renderers.
    "--disable-dev-shm-usage",
    // A fixed size makes screenshots comparable between runs.
    "--window-size=1280,900",
];

static PROFILE_COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Page {
    async fn open(env: &Env, label: &str) -> Result<Page> {
        let profile_dir = std::env::temp_dir().join(format!(
            "datastar-browser-{}-{}",
            std::process::id(),
            PROFILE_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&profile_dir);
        std::fs::create_dir_all(&profile_dir)?;
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|s| (*s).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile_dir.display()));
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": env.chromium, "args": args }),
        );
        // An unexpected alert()/confirm() (say, from injected markup) makes the next command
        // fail with the dialog's text instead of blocking the page silently.
        caps.insert(
            "unhandledPromptBehavior".into(),
            json!("dismiss and notify"),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&env.driver.url())
            .await
            .map_err(|e| format!("starting Chromium through chromedriver: {e}"))?;
        let session_id = client.session_id().await?.unwrap_or_default();
        let page = Page(Arc::new(PageInner {
            client,
            label: label.to_owned(),
            session_id,
            driver_port: env.driver.port,
            profile_dir,
            closed: AtomicBool::new(false),
        }));
        // Chromium opens its new-tab page, which would count in `history.length`; every page
        // starts as a blank tab with a history of one entry instead.
        page.fresh_tab().await?;
        Ok(page)
    }

    /// Replaces the current tab by a new blank one.
    async fn fresh_tab(&self) -> Result<()> {
        let c = &self.0.client;
        let new = c.new_window(true).await?;
        // close_window closes the current tab, which is still the old one.
        c.close_window().await?;
        c.switch_to_window(new.handle).await?;
        self.install_console_hook().await
    }

    async fn install_console_hook(&self) -> Result<()> {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": CONSOLE_HOOK }),
        )
        .await?;
        Ok(())
    }

    /// Sends a Chrome DevTools Protocol command to the current tab through chromedriver.
    pub(crate) async fn cdp(&self, cmd: &'static str, params: Value) -> Result<Value> {
        Ok(self.0.client.issue_cmd(Cdp { cmd, params }).await?)
    }

    /// The underlying fantoccini client, for anything the helpers below do not cover.
    #[allow(dead_code)]
    pub(crate) fn client(&self) -> &Client {
        &self.0.client
    }

    /// Navigates and waits for the page's load event.
    pub(crate) async fn goto(&self, url: &str) -> Result<()> {
        self.0
            .client
            .goto(url)
            .await
            .map_err(|e| format!("goto {url}: {e}").into())
    }

    /// The current URL.
    pub(crate) async fn url(&self) -> Result<String> {
        Ok(self.0.client.current_url().await?.to_string())
    }

    /// The current URL's path (e.g. `/guide`).
    pub(crate) async fn path(&self) -> Result<String> {
        Ok(self.0.client.current_url().await?.path().to_owned())
    }

    /// The browser's back button.
    pub(crate) async fn back(&self) -> Result<()> {
        Ok(self.0.client.back().await?)
    }

    /// Reloads the page.
    pub(crate) async fn reload(&self) -> Result<()> {
        Ok(self.0.client.refresh().await?)
    }

    /// Runs `js` as the body of a function (use `return` to produce a value; the arguments
    /// are available as `arguments[0]`, …) and returns its JSON-converted result.
    pub(crate) async fn eval_js(&self, js: &str, args: Vec<Value>) -> Result<Value> {
        self.0
            .client
            .execute(js, args)
            .await
            .map_err(|e| format!("running script {js:?}: {e}").into())
    }

    /// `textContent` of the first element matching `css`, or `None` if nothing matches.
    pub(crate) async fn text(&self, css: &str) -> Result<Option<String>> {
        let v = self
            .eval_js(
                "const el = document.querySelector(arguments[0]); return el ? el.textContent : null;",
                vec![json!(css)],
            )
            .await?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// Number of elements matching `css`.
    pub(crate) async fn count(&self, css: &str) -> Result<usize> {
        let v = self
            .eval_js(
                "return document.querySelectorAll(arguments[0]).length;",
                vec![json!(css)],
            )
            .await?;
        Ok(v.as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0))
    }

    /// Value of attribute `name` on the first element matching `css` (`None` if the element
    /// or the attribute is missing).
    pub(crate) async fn attr(&self, css: &str, name: &str) -> Result<Option<String>> {
        let v = self
            .eval_js(
                "const el = document.querySelector(arguments[0]); \
                 return el ? el.getAttribute(arguments[1]) : null;",
                vec![json!(css), json!(name)],
            )
            .await?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// Waits until the first element matching `css` has exactly `expected` as its text
    /// (`textContent` with surrounding whitespace trimmed).
    pub(crate) async fn wait_text(&self, css: &str, expected: &str) -> Result<()> {
        self.wait_text_matching(css, &format!("text {expected:?}"), |t| t == expected)
            .await
    }

    /// Waits until the text of the first element matching `css` contains `fragment`.
    pub(crate) async fn wait_contains(&self, css: &str, fragment: &str) -> Result<()> {
        self.wait_text_matching(css, &format!("text containing {fragment:?}"), |t| {
            t.contains(fragment)
        })
        .await
    }

    async fn wait_text_matching(
        &self,
        css: &str,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> Result<()> {
        let wait = Deadline::new(format!("`{css}` to have {what}"), WAIT);
        loop {
            match self.text(css).await? {
                Some(t) if ok(t.trim()) => return Ok(()),
                Some(t) => wait.retry(format!("text {:?}", t.trim())).await?,
                None => wait.retry("no element matches").await?,
            }
        }
    }

    /// Waits until at least one element matches `css`.
    pub(crate) async fn wait_present(&self, css: &str) -> Result<()> {
        let wait = Deadline::new(format!("`{css}` to exist"), WAIT);
        while self.count(css).await? == 0 {
            wait.retry("no element matches").await?;
        }
        Ok(())
    }

    /// Waits until no element matches `css`.
    pub(crate) async fn wait_absent(&self, css: &str) -> Result<()> {
        let wait = Deadline::new(format!("`{css}` to be gone"), WAIT);
        loop {
            match self.count(css).await? {
                0 => return Ok(()),
                n => wait.retry(format!("{n} element(s) match")).await?,
            }
        }
    }

    /// Waits until the URL's path equals `path` (e.g. after a server-driven redirect).
    pub(crate) async fn wait_path(&self, path: &str) -> Result<()> {
        let wait = Deadline::new(format!("the URL path to be {path:?}"), WAIT);
        loop {
            let url = self.0.client.current_url().await?;
            if url.path() == path {
                return Ok(());
            }
            wait.retry(url).await?;
        }
    }

    /// Waits until `js` (a function body, see [`Page::eval_js`]) returns a truthy value, and
    /// returns that value; `what` describes the condition for the failure message.
    pub(crate) async fn wait_js(&self, what: &str, js: &str) -> Result<Value> {
        let wait = Deadline::new(what, WAIT);
        loop {
            let v = self.eval_js(js, Vec::new()).await?;
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
                Value::String(s) => !s.is_empty(),
                Value::Array(_) | Value::Object(_) => true,
            };
            if truthy {
                return Ok(v);
            }
            wait.retry(v).await?;
        }
    }

    /// Clicks the first element matching `css` like a user would (a real pointer event at
    /// its centre), after waiting for it to exist.
    pub(crate) async fn click(&self, css: &str) -> Result<()> {
        self.wait_present(css).await?;
        let el = self.0.client.find(Locator::Css(css)).await?;
        el.click()
            .await
            .map_err(|e| format!("clicking `{css}`: {e}").into())
    }

    /// Replaces the value of the input matching `css` by typing `text` (key events, so
    /// `data-bind` sees input events as it would from a person).
    pub(crate) async fn fill(&self, css: &str, text: &str) -> Result<()> {
        self.wait_present(css).await?;
        let el = self.0.client.find(Locator::Css(css)).await?;
        el.clear().await?;
        el.send_keys(text)
            .await
            .map_err(|e| format!("typing into `{css}`: {e}").into())
    }

    /// Everything the page wrote to its console (and uncaught errors) since it loaded.
    pub(crate) async fn console(&self) -> Result<Vec<String>> {
        let v = self
            .eval_js("return window.__harnessLog || [];", Vec::new())
            .await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .map(|l| l.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// `document.documentElement.outerHTML`.
    pub(crate) async fn html(&self) -> Result<String> {
        let v = self
            .eval_js("return document.documentElement.outerHTML;", Vec::new())
            .await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Saves a PNG screenshot of the viewport.
    pub(crate) async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self.0.client.screenshot().await?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Closes this browser now, like a person closing it: its open connections (e.g. a
    /// long-lived SSE stream) end. Later calls on this page fail.
    pub(crate) async fn close(&self) -> Result<()> {
        self.0.closed.store(true, Ordering::Relaxed);
        self.0.client.clone().close().await?;
        Ok(())
    }
}

impl Drop for PageInner {
    fn drop(&mut self) {
        // Drop cannot await, and fantoccini's own close-on-drop needs a live runtime; a
        // blocking DELETE makes chromedriver quit this Chromium (and its helper processes)
        // in every case, so no browser outlives the test.
        if !self.closed.load(Ordering::Relaxed) && !self.session_id.is_empty() {
            delete_session_blocking(self.driver_port, &self.session_id);
        }
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}

fn delete_session_blocking(port: u16, session: &str) {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(15)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return;
    }
    // chromedriver answers once the browser has quit, so reading the whole answer waits for
    // that. It keeps the connection open despite `Connection: close`, hence the framing.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n @ 1..) = stream.read(&mut chunk) {
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                return;
            }
        }
    }
}

/// chromedriver's DevTools pass-through (`POST /session/{id}/goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}
