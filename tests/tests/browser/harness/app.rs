//! An example server started for a scenario.

#[allow(unused_imports)]
use super::*;

/// A running example server. Killed on drop.
pub(crate) struct App {
    pub(crate) child: Mutex<Child>,
    pub(crate) base: String,
    pub(crate) port: u16,
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

    /// The port it listens on.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// A POST of `json` (as the Datastar client sends signals), returning the status.
    pub(crate) async fn post_json(&self, path: &str, json: &Value) -> Result<u16> {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build::<_, http_body_util::Full<bytes::Bytes>>(HttpConnector::new());
        let request = http::Request::post(self.url(path))
            .header("content-type", "application/json")
            .header("datastar-request", "true")
            .body(http_body_util::Full::new(bytes::Bytes::from(
                json.to_string(),
            )))?;
        let fut = async {
            let res = client.request(request).await?;
            let status = res.status().as_u16();
            res.into_body().collect().await?;
            Ok::<_, Error>(status)
        };
        tokio::time::timeout(WAIT, fut)
            .await
            .map_err(|_| format!("POST {path}: no complete answer within {WAIT:?}"))?
    }

    /// Opens a GET of `path` with `headers` (e.g. a server-sent event stream, which never
    /// ends), reads its body until `done` holds for the text so far, then drops it.
    /// Returns the status and the text.
    pub(crate) async fn get_until(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        done: impl Fn(&str) -> bool,
    ) -> Result<(u16, String)> {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build::<_, Empty<bytes::Bytes>>(HttpConnector::new());
        let mut request = http::Request::get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Empty::new())?;
        let mut text = String::new();
        let fut = async {
            let res = client.request(request).await?;
            let status = res.status().as_u16();
            let mut body = res.into_body();
            while !done(&text) {
                let Some(frame) = body.frame().await else {
                    break;
                };
                if let Ok(data) = frame?.into_data() {
                    text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Ok::<_, Error>(status)
        };
        let outcome = tokio::time::timeout(WAIT, fut).await;
        match outcome {
            Ok(status) => Ok((status?, text)),
            Err(_) => Err(format!("GET {path}: still waiting after {WAIT:?}; got {text:?}").into()),
        }
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

/// An open response body (e.g. an event stream) read piece by piece.
pub(crate) struct OpenBody {
    path: String,
    body: hyper::body::Incoming,
    /// Everything read so far.
    pub(crate) text: String,
}

impl OpenBody {
    /// Reads until `done` holds for the text so far (failing after [`WAIT`] or at the end
    /// of the body).
    pub(crate) async fn read_until(&mut self, done: impl Fn(&str) -> bool) -> Result<()> {
        let path = self.path.clone();
        let fut = async {
            while !done(&self.text) {
                let frame = self.body.frame().await;
                let Some(frame) = frame else {
                    return Err(format!("GET {path}: the body ended; got {:?}", self.text).into());
                };
                if let Ok(data) = frame?.into_data() {
                    self.text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Ok::<_, Error>(())
        };
        tokio::time::timeout(WAIT, fut).await.map_err(|_| {
            format!(
                "GET {path}: still waiting after {WAIT:?}; got {:?}",
                self.text
            )
        })?
    }

    /// Reads to the end of the body, failing if it has not ended after `timeout`; returns
    /// the text read by this call.
    pub(crate) async fn read_to_end(&mut self, timeout: Duration) -> Result<String> {
        let start = self.text.len();
        let fut = async {
            while let Some(frame) = self.body.frame().await {
                if let Ok(data) = frame?.into_data() {
                    self.text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Ok::<_, Error>(())
        };
        tokio::time::timeout(timeout, fut).await.map_err(|_| {
            format!(
                "GET {}: the body had not ended after {timeout:?}; got {:?}",
                self.path, self.text
            )
        })??;
        Ok(self.text[start..].to_owned())
    }
}

impl App {
    /// Opens a GET of `path` and returns its status and body, unread.
    pub(crate) async fn open(&self, path: &str) -> Result<(u16, OpenBody)> {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build::<_, Empty<bytes::Bytes>>(HttpConnector::new());
        let uri: http::Uri = self.url(path).parse()?;
        let res = tokio::time::timeout(WAIT, client.get(uri))
            .await
            .map_err(|_| format!("GET {path}: no answer within {WAIT:?}"))??;
        let status = res.status().as_u16();
        let body = OpenBody {
            path: path.to_owned(),
            body: res.into_body(),
            text: String::new(),
        };
        Ok((status, body))
    }

    /// Asks the server to stop, as a deploy or `systemctl stop` does: `SIGTERM`.
    pub(crate) fn terminate(&self) -> Result<()> {
        let pid = self
            .child
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .id();
        let status = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()?;
        ensure!(status.success(), "kill -TERM {pid}: {status}");
        Ok(())
    }

    /// Waits until the server process has exited, failing after `timeout`; returns its exit
    /// status.
    pub(crate) async fn wait_exit(&self, timeout: Duration) -> Result<std::process::ExitStatus> {
        let wait = Deadline::new(format!("the server on port {} to exit", self.port), timeout);
        loop {
            let exited = self
                .child
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .try_wait()?;
            if let Some(status) = exited {
                return Ok(status);
            }
            wait.retry("still running").await?;
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
    pub(crate) what: String,
    pub(crate) timeout: Duration,
    pub(crate) end: Instant,
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
