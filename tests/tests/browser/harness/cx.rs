//! The context each scenario gets: pages, browsers and example servers.

#[allow(unused_imports)]
use super::*;

/// What a scenario function receives: starts example servers and hands out browser pages.
/// Cheap to clone; everything it starts is stopped when the scenario ends.
#[derive(Clone)]
pub(crate) struct Cx(pub(crate) Arc<CxInner>);

pub(crate) struct CxInner {
    pub(crate) scenario: &'static str,
    pub(crate) env: Arc<Env>,
    pub(crate) main: Page,
    pub(crate) extra_pages: Mutex<Vec<Page>>,
    pub(crate) server_logs: Mutex<Vec<(String, PathBuf)>>,
}

impl Cx {
    /// Starts `target/<profile>/examples/<example>` on a free port with `PORT` and
    /// `DATASTAR_JS` set, and waits until it accepts connections. The example must be listed
    /// in the scenario's `examples`. Stopped when the returned [`App`] is dropped.
    pub(crate) async fn serve(&self, example: &str) -> Result<App> {
        self.serve_with(example, None, &[]).await
    }

    /// [`Cx::serve`] with extra environment variables for the example.
    pub(crate) async fn serve_with_env(&self, example: &str, vars: &[(&str, &str)]) -> Result<App> {
        self.serve_with(example, None, vars).await
    }

    /// [`Cx::serve`] on `port` (a free one when `None`; pass an earlier [`App::port`] to
    /// restart an instance where its pages expect it), with extra environment variables.
    pub(crate) async fn serve_with(
        &self,
        example: &str,
        port: Option<u16>,
        vars: &[(&str, &str)],
    ) -> Result<App> {
        let env = &self.0.env;
        let binary = env.examples_dir.join(example);
        ensure!(
            binary.is_file(),
            "{} does not exist: add \"{example}\" to the scenario's examples",
            binary.display()
        );
        let port = match port {
            Some(port) => port,
            None => free_port()?,
        };
        // Named by port too: a scenario may run several instances of one example. A
        // restart on the same port appends to the log of the instance it replaces.
        let label = format!("{example} on port {port}");
        let log = env
            .logs_dir
            .join(format!("{}-{example}-{port}.log", self.0.scenario));
        let restart = {
            let mut logs = self
                .0
                .server_logs
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let known = logs.iter().any(|(known, _)| *known == label);
            if !known {
                logs.push((label, log.clone()));
            }
            known
        };
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(restart)
            .truncate(!restart)
            .open(&log)?;
        let child = Command::new(&binary)
            .current_dir(&env.workspace)
            .env("PORT", port.to_string())
            .env("DATASTAR_JS", &env.datastar_js)
            .envs(vars.iter().copied())
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        let app = App {
            child: Mutex::new(child),
            base: format!("http://127.0.0.1:{port}"),
            port,
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
