//! The serial scenario runner and its failure reports.

#[allow(unused_imports)]
use super::*;

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
pub(crate) fn setup_failed(selected: &[&Scenario], why: &str) -> (usize, Vec<&'static str>) {
    println!("browser test setup failed: {why}");
    for s in selected {
        println!("test {} ... FAILED (setup)", s.name);
    }
    (0, selected.iter().map(|s| s.name).collect())
}

pub(crate) async fn run(selected: &[&Scenario]) -> (usize, Vec<&'static str>) {
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

pub(crate) fn panic_text(join: tokio::task::JoinError) -> String {
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
pub(crate) async fn fresh_main_page(env: &Arc<Env>, previous: Option<Page>) -> Result<Page> {
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

pub(crate) fn remove_old_failure_files(dir: &Path, scenario: &str) {
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
pub(crate) async fn report_failure(cx: &Cx, msg: &str) {
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
