//! The shared environment: paths, the client bundle, built examples, chromedriver.

#[allow(unused_imports)]
use super::*;

pub(crate) struct Env {
    pub(crate) workspace: PathBuf,
    pub(crate) examples_dir: PathBuf,
    pub(crate) failures_dir: PathBuf,
    pub(crate) logs_dir: PathBuf,
    pub(crate) datastar_js: PathBuf,
    pub(crate) chromium: PathBuf,
    pub(crate) driver: ChromeDriver,
}

impl Env {
    pub(crate) async fn setup(selected: &[&Scenario]) -> Result<Env> {
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
pub(crate) fn locate_datastar_js(workspace: &Path, target_dir: &Path) -> Result<PathBuf> {
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

pub(crate) fn tool(var: &str, defaults: &[&str]) -> Result<PathBuf> {
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
pub(crate) fn build_examples(workspace: &Path, profile: &str, examples: &[&str]) -> Result<()> {
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
pub(crate) fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// Waits until something accepts TCP connections on `port`, failing early if `child` exits.
pub(crate) async fn wait_for_port(
    port: u16,
    child: &Mutex<Child>,
    what: &str,
    log: &Path,
) -> Result<()> {
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
pub(crate) fn kill(child: &Mutex<Child>) {
    let mut child = child.lock().unwrap_or_else(PoisonError::into_inner);
    let _ = child.kill();
    let _ = child.wait();
}

pub(crate) struct ChromeDriver {
    pub(crate) child: Mutex<Child>,
    pub(crate) port: u16,
}

impl ChromeDriver {
    pub(crate) async fn start(binary: &Path, log: &Path) -> Result<ChromeDriver> {
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

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        kill(&self.child);
    }
}
