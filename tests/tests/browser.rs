//! Browser end-to-end tests: each scenario runs an example server from `examples/` and drives
//! headless Chromium, loading the real Datastar 1.0.4 client, through chromedriver.
//!
//! Scenarios run one after another in one Chromium (a fresh tab each); a failure prints the
//! scenario name, the error, each page's URL, console and HTML, and saves a screenshot to
//! `target/browser-failures/<scenario>.png`. Needs /usr/bin/chromium and /usr/bin/chromedriver
//! (or `CHROMIUM` / `CHROMEDRIVER`), and the client bundle (`DATASTAR_JS`, or
//! `target/datastar/datastar.js`, fetched by scripts/get-datastar-js.sh when missing).
//!
//! Run only these: `cargo test -p datastar-tests --test browser [-- NAME_FILTER]`.
//!
//! Adding a scenario: write `async fn name(cx: Cx) -> Result<()>` below and list it in
//! `SCENARIOS` with the example binaries it starts.
#![forbid(unsafe_code)]

// Lives in a subdirectory so cargo does not take it for a test target of its own.
#[path = "browser/harness/mod.rs"]
mod harness;

#[path = "browser/compression.rs"]
mod compression;
#[path = "browser/escaping.rs"]
mod escaping;
#[path = "browser/gallery.rs"]
mod gallery;
#[path = "browser/keys.rs"]
mod keys;
#[path = "browser/live_actix.rs"]
mod live_actix;
#[path = "browser/live_nats.rs"]
mod live_nats;
#[path = "browser/markup.rs"]
mod markup;
#[path = "browser/shutdown.rs"]
mod shutdown;

use harness::{Cx, Result, Scenario, ensure, scenario};

const SCENARIOS: &[Scenario] = &[
    scenario!(index, examples: ["index"]),
    scenario!(redirect, examples: ["redirect"]),
    scenario!(hal, examples: ["hal"]),
    scenario!(hal_signals, examples: ["hal_signals"]),
    scenario!(quiz, examples: ["quiz"]),
    scenario!(quiz_actix, examples: ["quiz_actix"]),
    scenario!(quiz_rocket, examples: ["quiz_rocket"]),
    scenario!(quiz_warp, examples: ["quiz_warp"]),
    scenario!(script, examples: ["script"]),
    scenario!(script_xss, examples: ["script"]),
    scenario!(live, examples: ["live"]),
    scenario!(live_nats_two_instances, examples: ["live"]),
    scenario!(live_nats_resume_after_restart, examples: ["live"]),
    scenario!(live_nats_expired_id, examples: ["live"]),
    scenario!(live_nats_outage, examples: ["live"]),
    scenario!(live_nats_deploy, examples: ["live"]),
    scenario!(live_nats_actix, examples: ["live", "live_actix"]),
    scenario!(shutdown_axum, examples: ["live"]),
    scenario!(shutdown_actix, examples: ["quiz_actix"]),
    scenario!(shutdown_rocket, examples: ["quiz_rocket"]),
    scenario!(shutdown_warp, examples: ["quiz_warp"]),
    scenario!(todo, examples: ["todo"]),
    scenario!(helpers, examples: ["helpers"]),
    scenario!(resume, examples: ["resume"]),
    scenario!(escaping, examples: ["escaping"]),
    scenario!(escaping_pages, examples: ["escaping"]),
    scenario!(markup, examples: []),
    scenario!(keys, examples: ["hal"]),
    scenario!(gallery_active_search, examples: ["index"]),
    scenario!(gallery_click_to_edit, examples: ["index"]),
    scenario!(gallery_progress_bar, examples: ["index"]),
    scenario!(gallery_delete_row, examples: ["index"]),
    scenario!(gallery_inline_validation, examples: ["index"]),
    scenario!(gallery_lazy_load, examples: ["index"]),
    scenario!(gallery_lazy_tabs, examples: ["index"]),
    scenario!(gallery_polling, examples: ["index"]),
    scenario!(gallery_bulk_update, examples: ["index"]),
    scenario!(gallery_cascading_selects, examples: ["index"]),
    scenario!(gallery_infinite_scroll, examples: ["index"]),
    scenario!(gallery_edit_row, examples: ["index"]),
    scenario!(gallery_active_search_actix, examples: ["quiz_actix"]),
    scenario!(gallery_progress_bar_actix, examples: ["quiz_actix"]),
    scenario!(compression, examples: ["index"]),
];

use compression::compression;
use escaping::{escaping, escaping_pages};
use gallery::{
    gallery_active_search, gallery_active_search_actix, gallery_bulk_update,
    gallery_cascading_selects, gallery_click_to_edit, gallery_delete_row, gallery_edit_row,
    gallery_infinite_scroll, gallery_inline_validation, gallery_lazy_load, gallery_lazy_tabs,
    gallery_polling, gallery_progress_bar, gallery_progress_bar_actix,
};
use keys::keys;
use live_actix::live_nats_actix;
use live_nats::{
    live_nats_expired_id, live_nats_outage, live_nats_resume_after_restart, live_nats_two_instances,
};
use markup::markup;
use shutdown::{live_nats_deploy, shutdown_actix, shutdown_axum, shutdown_rocket, shutdown_warp};

fn main() -> std::process::ExitCode {
    harness::main(SCENARIOS)
}

/// Text that would run code if any hole were written unescaped: in HTML text, in an
/// attribute, or inside a `<script>`.
const HOSTILE: &str =
    r#"</script><script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">"#;

/// Nothing the page was sent has run as code, and no `<img>` was created from it.
async fn assert_nothing_ran(page: &harness::Page, scope: &str) -> Result<()> {
    let ran = page
        .eval_js(
            "return window.__xss === undefined ? null : window.__xss;",
            vec![],
        )
        .await?;
    ensure!(ran.is_null(), "injected code ran: window.__xss = {ran}");
    let images = page.count(&format!("{scope} img")).await?;
    ensure!(
        images == 0,
        "{images} <img> elements were created inside {scope}"
    );
    let console = page.console().await?;
    ensure!(
        !console
            .iter()
            .any(|line| line.starts_with("error:") || line.starts_with("uncaught")),
        "the page reported errors: {console:#?}"
    );
    Ok(())
}

/// The landing page links every scenario, and they all work from the one app.
async fn index(cx: Cx) -> Result<()> {
    let (app, page) = cx.start("index", "/").await?;
    let ids = page
        .eval_js(
            "return [...document.querySelectorAll('ul a[id]')].map(a => a.id);",
            vec![],
        )
        .await?;
    let gallery = datastar_examples::gallery::EXAMPLES;
    let gallery_ids: Vec<String> = gallery
        .iter()
        .map(|example| example.path[1..].replace('/', "-"))
        .collect();
    let expected: Vec<&str> = datastar_examples::SCENARIOS
        .iter()
        .map(|(path, _, _)| &path[1..])
        .chain(gallery_ids.iter().map(String::as_str))
        .collect();
    ensure!(
        ids == serde_json::json!(expected),
        "the index links {ids}, expected {expected:?}"
    );
    // Every example page (an `html!` page) loads without a console error, its title and
    // first state rendered by the server.
    let gallery_pages = gallery.iter().map(|example| (example.path, example.title));
    let pages = datastar_examples::SCENARIOS
        .iter()
        .map(|(path, title, _)| (*path, *title))
        .chain(gallery_pages);
    for (path, title) in pages {
        page.goto(&app.url(path)).await?;
        page.wait_text("h1", title).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let errors: Vec<String> = page
            .console()
            .await?
            .into_iter()
            .filter(|line| line.starts_with("error") || line.starts_with("uncaught"))
            .collect();
        ensure!(errors.is_empty(), "{path} logged errors: {errors:#?}");
    }
    page.goto(&app.url("/")).await?;
    page.click("a#hal").await?;
    page.wait_path("/hal").await?;
    page.click("#open").await?;
    page.wait_text("#hal", "I'm sorry, Dave. I'm afraid I can't do that.")
        .await?;
    page.wait_text("#hal", "Waiting for an order...").await?;
    Ok(())
}

/// The redirect how-to: the indicator appears, then (3 s later) the browser lands on
/// `/guide`, and Back returns to the page: the redirect pushed a history entry.
async fn redirect(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("redirect", "/redirect").await?;
    page.wait_present("#go").await?;
    ensure!(
        page.text("#indicator").await?.as_deref() == Some(""),
        "the indicator was not empty before the click"
    );
    page.click("#go").await?;
    page.wait_text("#indicator", "Redirecting in 3 seconds...")
        .await?;
    ensure!(
        page.path().await? == "/redirect",
        "navigated before the wait was over"
    );
    page.wait_path("/guide").await?;
    page.wait_contains("#guide", "redirected here by the backend")
        .await?;
    page.back().await?;
    page.wait_path("/redirect").await?;
    page.wait_present("#go").await?;
    Ok(())
}

/// "Open the pod bay doors, HAL": the click patches `#hal` with the refusal, and a second
/// patch from the same stream puts the waiting text back.
async fn hal(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("hal", "/hal").await?;
    page.wait_text("#hal", "Waiting for an order...").await?;
    page.click("#open").await?;
    page.wait_text("#hal", "I'm sorry, Dave. I'm afraid I can't do that.")
        .await?;
    page.wait_text("#hal", "Waiting for an order...").await?;
    Ok(())
}

/// The signal version: `data-text="$hal"` shows each patch of the `hal` signal.
async fn hal_signals(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("hal_signals", "/hal-signals").await?;
    page.wait_text("#hal", "...").await?;
    page.click("#ask").await?;
    page.wait_text("#hal", "Affirmative, Dave. I read you.")
        .await?;
    page.wait_text("#hal", "...").await?;
    Ok(())
}

/// The quiz: a question and its signals arrive, the answer is typed into a `data-bind`
/// input and POSTed, the server reads the signals and answers with an element and a
/// signal; `data-indicator` shows the check in flight.
async fn quiz(cx: Cx) -> Result<()> {
    quiz_served_by(cx, "quiz").await
}

/// The CQRS guide's TODO app in two tabs: each command answers 204, and both pages
/// re-render from their own long-lived stream (template `for` and `if`, action URLs with
/// holes).
async fn todo(cx: Cx) -> Result<()> {
    let (app, first) = cx.start("todo", "/todos").await?;
    let second = cx.page();
    second.goto(&app.url("/todos")).await?;
    for page in [&first, &second] {
        page.wait_text("#left", "0 left").await?;
    }
    first.fill("#title", "Open the pod bay doors").await?;
    first.click("#add").await?;
    first.wait_text("#left", "1 left").await?;
    first.fill("#title", "Disconnect <HAL>").await?;
    first.click("#add").await?;
    for page in [&first, &second] {
        page.wait_text("#left", "2 left").await?;
        page.wait_text("#todo-2", "Disconnect <HAL> Delete").await?;
    }
    // Toggle from the second tab: both show it done (checked, struck through).
    second.click("#todo-1 input").await?;
    for page in [&first, &second] {
        page.wait_text("#left", "1 left").await?;
        page.wait_js(
            "todo 1 to be done",
            "const li = document.querySelector('#todo-1'); return (li.classList.contains('done') && li.querySelector('input').checked && li.querySelector('s') && li.querySelector('s').textContent === 'Open the pod bay doors') || null;",
        )
        .await?;
    }
    first.click("#todo-2 button").await?;
    for page in [&first, &second] {
        page.wait_absent("#todo-2").await?;
        page.wait_text("#left", "0 left").await?;
    }
    ensure!(
        first
            .eval_js(
                "return document.querySelectorAll('#todos li').length;",
                vec![]
            )
            .await?
            == 1,
        "the list should hold one todo"
    );
    // The page itself carries the list as it is (rendered by the component the stream
    // sends): a new tab shows it before any event arrives.
    let html = first
        .eval_js("return fetch('/todos').then((r) => r.text());", vec![])
        .await?;
    let html = html.as_str().unwrap_or_default();
    ensure!(
        html.contains("<li id=\"todo-1\" class=\"done\">")
            && html.contains("<s>Open the pod bay doors</s>")
            && html.contains("<p id=\"left\">0 left</p>"),
        "the page's first HTML lacks the list: {html}"
    );
    Ok(())
}

/// The helper statements, as the browser sees them: console output, a custom event with
/// its detail (received by `data-on:` on the target and, bubbling, on `window`), the
/// address replaced without a navigation, and the speculation rules in the page.
async fn helpers(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("helpers", "/helpers").await?;
    page.wait_text("#hal", "Waiting.").await?;
    page.eval_js("window.__samePage = true; return null;", vec![])
        .await?;
    page.click("#run").await?;
    page.wait_text("#done", "All sent.").await?;
    page.wait_text("#hal", "Opened for </script><b>Dave</b>")
        .await?;
    let bubbled = page
        .eval_js("return window.__bubbled || null;", vec![])
        .await?;
    ensure!(
        bubbled == "Opened for </script><b>Dave</b>",
        "the event did not bubble to window: {bubbled}"
    );
    let console = page.console().await?;
    ensure!(
        console
            .iter()
            .any(|line| line == "log: Good afternoon, </script><b>Dave</b>."),
        "no console.log with the message as written: {console:?}"
    );
    ensure!(
        console
            .iter()
            .any(|line| line == "error: I'm sorry, Dave. I'm afraid I can't do that."),
        "no console.error: {console:?}"
    );
    let address = page
        .eval_js(
            "return [location.pathname + location.search, window.__samePage === true];",
            vec![],
        )
        .await?;
    ensure!(
        address == serde_json::json!(["/helpers?step=2", true]),
        "the address was not replaced in place: {address}"
    );
    let rules = page
        .eval_js(
            "const s = document.querySelector('script[type=speculationrules]'); return s ? JSON.parse(s.textContent) : null;",
            vec![],
        )
        .await?;
    ensure!(
        rules == serde_json::json!({"prefetch": [{"source": "list", "urls": ["/helpers/next"]}]}),
        "no speculation rules in the page: {rules}"
    );
    ensure!(
        page.count("b").await? == 0,
        "markup from a value ended up in the page"
    );
    // One-shot responses: a patch (`text/html` with `datastar-selector`/`-mode`), signals
    // (`application/json`) and a script (`text/javascript` with its attributes).
    page.click("#once-patch").await?;
    page.wait_text("#once-1", "</script><b>Dave</b>").await?;
    page.click("#once-signals").await?;
    page.wait_text("#once-count", "2").await?;
    page.click("#once-script").await?;
    page.wait_text("#once-script-ran", "</script><b>Dave</b>")
        .await?;
    ensure!(
        page.count("#once li").await? == 1 && page.count("b").await? == 0,
        "the one-shot patch did not land once, as text"
    );
    Ok(())
}

/// How the 1.0.4 client reconnects: after a broken connection it retries (after the
/// `retry` the stream set) with `last-event-id` set to the last id it received, and the
/// stream resumes after it; after a normal end, or a `500`, it does not reconnect.
async fn resume(cx: Cx) -> Result<()> {
    let app = cx.serve("resume").await?;
    let page = cx.page();
    page.goto(&app.url("/resume?mode=reset")).await?;
    page.wait_present("#item-3").await?;
    let items = page
        .eval_js(
            "return [...document.querySelectorAll('#items li')].map(li => li.id);",
            vec![],
        )
        .await?;
    ensure!(
        items == serde_json::json!(["item-1", "item-2", "item-3"]),
        "every item once, in order: {items}"
    );
    for mode in ["close", "error"] {
        page.goto(&app.url(&format!("/resume?mode={mode}"))).await?;
        // Long enough for several retries at `retry: 200`, had there been any.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    }
    let requests = app.get_text("/resume/requests").await?;
    let requests: serde_json::Value = serde_json::from_str(&requests)?;
    ensure!(
        requests
            == serde_json::json!([
                ["reset", null],
                ["reset", "2"],
                ["close", null],
                ["error", null]
            ]),
        "the requests the client made: {requests}"
    );
    Ok(())
}

/// The same quiz, the same `datastar!` handlers, served by actix-web.
async fn quiz_actix(cx: Cx) -> Result<()> {
    quiz_served_by(cx, "quiz_actix").await
}

/// … by Rocket.
async fn quiz_rocket(cx: Cx) -> Result<()> {
    quiz_served_by(cx, "quiz_rocket").await
}

/// … by warp.
async fn quiz_warp(cx: Cx) -> Result<()> {
    quiz_served_by(cx, "quiz_warp").await
}

async fn quiz_served_by(cx: Cx, example: &str) -> Result<()> {
    let (_app, page) = cx.start(example, "/quiz").await?;
    page.wait_text("#question", "No question yet.").await?;
    // The client came from this framework's `Bundle` handler, and its `integrity` hash
    // (computed from the bytes served) let it run.
    let client = page
        .eval_js(
            "const s = document.querySelector('script[type=module][integrity]');
             return s && [s.getAttribute('src'), s.integrity];",
            vec![],
        )
        .await?;
    ensure!(
        client[0]
            .as_str()
            .is_some_and(|src| src.starts_with("/datastar.") && src.ends_with(".js"))
            && client[1]
                .as_str()
                .is_some_and(|hash| hash.starts_with("sha256-")),
        "{example}: the client was not loaded from its Bundle with an integrity hash: {client}"
    );
    ensure!(
        page.attr("#submit", "disabled").await?.is_some(),
        "Submit was enabled before there was a question"
    );
    page.click("#fetch").await?;
    page.wait_text("#question", "What do you put in a toaster?")
        .await?;
    page.wait_js(
        "Submit to be enabled",
        "return !document.querySelector('#submit').disabled || null;",
    )
    .await?;
    page.fill("#response", "Bread").await?;
    page.click("#submit").await?;
    page.wait_js(
        "the checking indicator to show",
        "return getComputedStyle(document.querySelector('#checking')).display !== 'none' || null;",
    )
    .await?;
    page.wait_text("#verdict", "Correct! You answered “Bread”.")
        .await?;
    page.wait_text("#correct", "true").await?;
    page.wait_js(
        "the checking indicator to hide",
        "return getComputedStyle(document.querySelector('#checking')).display === 'none' || null;",
    )
    .await?;

    page.click("#fetch").await?;
    page.wait_text(
        "#question",
        "What is the name of the ship's computer in 2001?",
    )
    .await?;
    page.wait_text("#correct", "false").await?;
    let cleared = page
        .eval_js("return document.querySelector('#response').value;", vec![])
        .await?;
    ensure!(
        cleared == "",
        "the response signal patch did not clear the input: {cleared}"
    );
    page.fill("#response", "Dave").await?;
    page.click("#submit").await?;
    page.wait_text("#verdict", "Wrong, try again. You answered “Dave”.")
        .await?;
    page.wait_text("#correct", "false").await?;
    if example != "quiz" {
        // The framework apps compress their event streams (zstd for Chromium, first in the
        // default order): the client decoded all four (two questions, two answers). An
        // entry appears once its response has ended, so wait for them.
        let entries = "performance.getEntriesByType('resource')
            .filter((e) => new URL(e.name).pathname.startsWith('/quiz/'))";
        let all_zstd = page
            .wait_js(
                "four zstd-coded event streams in the resource timings",
                // Fewer bytes over the wire than the client read: it decoded them. Under
                // load Chromium sometimes reports a compressed entry's coding as "".
                &format!(
                    "const e = {entries}; \
                     return e.length === 4 && e.every((e) => \
                       e.encodedBodySize < e.decodedBodySize \
                       && (e.contentEncoding === 'zstd' || e.contentEncoding === '')) || null;"
                ),
            )
            .await;
        if all_zstd.is_err() {
            let seen = page
                .eval_js(
                    &format!(
                        "return {entries}.map((e) => [new URL(e.name).pathname, \
                         e.contentEncoding, e.encodedBodySize, e.decodedBodySize]);"
                    ),
                    vec![],
                )
                .await?;
            ensure!(false, "{example}: the event streams were {seen}");
        }
    }
    Ok(())
}

/// The backend runs a script: its effect shows in the page and its tag is gone.
async fn script(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("script", "/script").await?;
    page.wait_text("#log", "Nothing yet.").await?;
    page.click("#run").await?;
    page.wait_text("#log", "What are you talking about, HAL?")
        .await?;
    page.wait_absent("body script").await?;
    Ok(())
}

/// What the user typed reaches a script hole as a JSON string: `</script>` cannot end
/// the element, so the text is shown and nothing runs.
async fn script_xss(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("script", "/script").await?;
    page.wait_present("#note").await?;
    page.fill("#note", HOSTILE).await?;
    page.click("#run").await?;
    page.wait_text("#log", &format!("HAL heard: {HOSTILE}"))
        .await?;
    page.wait_absent("body script").await?;
    assert_nothing_ran(&page, "body").await
}

/// CQRS: two independent browsers each hold one stream; a command from either reaches
/// both; hostile text renders as text, and stays a string inside a `data-on:click`
/// expression; closing a page ends its producer on the server.
async fn live(cx: Cx) -> Result<()> {
    let app = cx.serve("live").await?;
    let first = cx.page();
    first.goto(&app.url("/live")).await?;
    let second = cx.new_browser().await?;
    second.goto(&app.url("/live")).await?;
    app.wait_get("/live/producers", "2").await?;

    first
        .fill("#message", "Hello from the first browser")
        .await?;
    first.click("#send").await?;
    second
        .fill("#message", "Hello from the second browser")
        .await?;
    second.click("#send").await?;
    for page in [&first, &second] {
        page.wait_contains("#messages li:nth-child(1)", "Hello from the first browser")
            .await?;
        page.wait_contains("#messages li:nth-child(2)", "Hello from the second browser")
            .await?;
    }

    second.fill("#message", HOSTILE).await?;
    second.click("#send").await?;
    for page in [&first, &second] {
        page.wait_text("#messages li:nth-child(3)", HOSTILE).await?;
        assert_nothing_ran(page, "#messages").await?;
    }

    // The same text in a Datastar expression (`data-on:click="$message = …"`) stays a
    // string: clicking the message copies it into the input, and nothing runs.
    first.click("#messages li:nth-child(3)").await?;
    let copied = first
        .wait_js(
            "the clicked message to be copied into the input",
            "return document.querySelector('#message').value || null;",
        )
        .await?;
    ensure!(copied == HOSTILE, "clicking the message copied {copied}");
    assert_nothing_ran(&first, "#messages").await?;

    second.close().await?;
    app.wait_get("/live/producers", "1").await?;
    first.goto("about:blank").await?;
    app.wait_get("/live/producers", "0").await?;
    Ok(())
}
