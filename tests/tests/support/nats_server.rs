//! A real `nats-server` with JetStream for one test: on a free loopback port, with its
//! store in a fresh temporary directory, stopped (and the directory removed) on drop.
//! Shared by `tests/live_nats.rs` and the browser scenarios (included with `#[path]`).
//!
//! The binary is `$NATS_SERVER`, else Debian's `/usr/sbin/nats-server` (installed by
//! `scripts/install-test-deps.sh`), else `nats-server` on the `PATH`.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static STORES: AtomicUsize = AtomicUsize::new(0);

/// A running `nats-server -js`. Killed on drop.
pub(crate) struct NatsServer {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

impl NatsServer {
    /// Starts a server on a free port with an empty store.
    pub(crate) fn start() -> Result<NatsServer, String> {
        let dir = std::env::temp_dir().join(format!(
            "datastar-nats-{}-{}",
            std::process::id(),
            STORES.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("finding a free port: {e}"))?
            .port();
        let mut server = NatsServer {
            child: None,
            port,
            dir,
        };
        server.restart()?;
        Ok(server)
    }

    /// `nats://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Kills the server (as a crash would: no clean shutdown), keeping its store.
    pub(crate) fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port with the same store (killing it first if
    /// it runs), and waits until it accepts connections.
    pub(crate) fn restart(&mut self) -> Result<(), String> {
        self.kill();
        let binary = binary()?;
        let log = self.dir.join("server.log");
        let child = Command::new(&binary)
            .args([
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-sd",
            ])
            .arg(self.dir.join("store"))
            .arg("-l")
            .arg(&log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        // The server opens its client port once JetStream has loaded its store.
        while TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).is_err() {
            let exited = self
                .child
                .as_mut()
                .and_then(|child| child.try_wait().ok().flatten());
            if exited.is_some() || Instant::now() > deadline {
                return Err(format!(
                    "nats-server did not listen on port {} ({exited:?}); its log:\n{}",
                    self.port,
                    std::fs::read_to_string(&log).unwrap_or_default()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn binary() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("NATS_SERVER") {
        return Ok(PathBuf::from(path));
    }
    for candidate in ["/usr/sbin/nats-server", "/usr/bin/nats-server"] {
        if Path::new(candidate).is_file() {
            return Ok(PathBuf::from(candidate));
        }
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("nats-server"))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            "nats-server not found: run scripts/install-test-deps.sh (apt-get install \
             nats-server), or set NATS_SERVER"
                .to_owned()
        })
}
