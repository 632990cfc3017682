//! A browser tab, driven through fantoccini and the Chrome DevTools protocol.

#[allow(unused_imports)]
use super::*;

/// One browser (a WebDriver session on its own Chromium) and its current tab. Cheap to
/// clone; the browser is closed when the last clone is dropped.
#[derive(Clone)]
pub(crate) struct Page(pub(crate) Arc<PageInner>);

pub(crate) struct PageInner {
    pub(crate) client: Client,
    pub(crate) label: String,
    pub(crate) session_id: String,
    pub(crate) driver_port: u16,
    pub(crate) profile_dir: PathBuf,
    pub(crate) closed: AtomicBool,
}

/// Records console output and uncaught errors into `window.__harnessLog` so failure reports
/// can show what the page complained about (Datastar reports problems on the console).
/// Installed through the DevTools protocol so it runs before any page script.
pub(crate) const CONSOLE_HOOK: &str = r"(() => {
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
pub(crate) const CHROMIUM_ARGS: &[&str] = &[
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

pub(crate) static PROFILE_COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Page {
    pub(crate) async fn open(env: &Env, label: &str) -> Result<Page> {
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
    pub(crate) async fn fresh_tab(&self) -> Result<()> {
        let c = &self.0.client;
        let new = c.new_window(true).await?;
        // close_window closes the current tab, which is still the old one.
        c.close_window().await?;
        c.switch_to_window(new.handle).await?;
        self.install_console_hook().await
    }

    pub(crate) async fn install_console_hook(&self) -> Result<()> {
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

    pub(crate) async fn wait_text_matching(
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

pub(crate) fn delete_session_blocking(port: u16, session: &str) {
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
pub(crate) struct Cdp {
    pub(crate) cmd: &'static str,
    pub(crate) params: Value,
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
