//! The `live` example on several instances sharing one `nats-server -js` (started by each
//! scenario on a free port with a temporary store): a command reaches the pages of every
//! instance; a page whose instance is killed and restarted reconnects by itself, sends
//! `last-event-id` and gets exactly what it missed; an id older than NATS's retention gets
//! a full re-render.

use std::time::Duration;

use serde_json::json;

use crate::harness::{App, Cx, Deadline, NatsServer, Page, Result, WAIT, ensure};

/// Records, before any page script runs, the `last-event-id` header of every request the
/// client makes for `/live/stream` (`null` when there is none) in `window.__streamIds`.
const RECORD_STREAM_REQUESTS: &str = r"(() => {
  const ids = [];
  Object.defineProperty(window, '__streamIds', { value: ids });
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/live/stream')) ids.push(new Headers(init && init.headers).get('last-event-id'));
    return original(input, init);
  };
})();";

/// Starts the `live` example on NATS (on `port`, or a free one), keeping `history`
/// messages.
pub(crate) async fn instance(
    cx: &Cx,
    nats: &NatsServer,
    port: Option<u16>,
    history: &str,
) -> Result<App> {
    instance_of(cx, "live", nats, port, history).await
}

/// [`instance`] of `example` (`live` on axum, `live_actix` on actix-web).
pub(crate) async fn instance_of(
    cx: &Cx,
    example: &str,
    nats: &NatsServer,
    port: Option<u16>,
    history: &str,
) -> Result<App> {
    let url = nats.url();
    cx.serve_with(
        example,
        port,
        &[("NATS_URL", &url), ("LIVE_HISTORY", history)],
    )
    .await
}

/// With NATS down, sends `message` from the page: it is refused (`503`), stays in the box
/// and the page says so. Then restarts NATS and sends it again until it is stored (the
/// input is cleared).
pub(crate) async fn refused_then_sent(
    page: &Page,
    nats: &mut NatsServer,
    message: &str,
) -> Result<()> {
    page.fill("#message", message).await?;
    page.click("#send").await?;
    page.wait_contains("#notice", "Not sent (error 503)")
        .await?;
    let kept = page
        .eval_js("return document.querySelector('#message').value;", vec![])
        .await?;
    ensure!(kept == message, "the input lost the message: {kept}");

    nats.restart()?;
    // The client reconnects to NATS by itself; until then a send is refused again.
    let wait = Deadline::new("the message to be stored once NATS is back", WAIT);
    loop {
        page.click("#send").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let cleared = page
            .eval_js(
                "return document.querySelector('#message').value === '';",
                vec![],
            )
            .await?;
        if cleared == true {
            return Ok(());
        }
        wait.retry("the input still holds the message".to_owned())
            .await?;
    }
}

/// Sends a message longer than the example takes (4096 bytes) from the page: it is
/// refused with `413`, stays in the box, and the page says so.
pub(crate) async fn too_large_is_kept(page: &Page) -> Result<()> {
    let long = "x".repeat(5000);
    page.fill("#message", &long).await?;
    page.click("#send").await?;
    page.wait_contains("#notice", "Not sent (error 413)")
        .await?;
    let kept = page
        .eval_js(
            "return document.querySelector('#message').value.length;",
            vec![],
        )
        .await?;
    ensure!(
        kept == 5000,
        "the input lost the long message: length {kept}"
    );
    page.fill("#message", "").await?;
    Ok(())
}

/// Opens the live page of `app` in `page`, recording its stream requests, and waits until
/// its stream is open.
pub(crate) async fn open(page: &Page, app: &App) -> Result<()> {
    page.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": RECORD_STREAM_REQUESTS }),
    )
    .await?;
    page.goto(&app.url("/live")).await?;
    app.wait_get("/live/producers", "1").await
}

pub(crate) async fn command(app: &App, message: &str) -> Result<()> {
    let status = app
        .post_json("/live/command", &json!({ "message": message }))
        .await?;
    ensure!(
        status == 200,
        "POST /live/command {message:?}: status {status}"
    );
    Ok(())
}

/// The texts of the page's list, in order.
async fn shown(page: &Page) -> Result<Vec<String>> {
    let texts = page
        .eval_js(
            "return [...document.querySelectorAll('#messages li')].map(li => li.textContent);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(texts)?)
}

/// Waits until the list is exactly `expected`, then checks that it stays so for a moment
/// (a duplicate would arrive right after).
pub(crate) async fn wait_shown(page: &Page, expected: &[&str]) -> Result<()> {
    wait_shown_within(page, expected, WAIT).await
}

/// [`wait_shown`], waiting up to `timeout`.
async fn wait_shown_within(page: &Page, expected: &[&str], timeout: Duration) -> Result<()> {
    let wait = Deadline::new(format!("the list to be {expected:?}"), timeout);
    loop {
        let texts = shown(page).await?;
        if texts == expected {
            break;
        }
        wait.retry(format!("{texts:?}")).await?;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let texts = shown(page).await?;
    ensure!(
        texts == expected,
        "the list became {texts:?} after being {expected:?}"
    );
    Ok(())
}

/// Marks the list items now shown, to tell later whether they were kept (a resumed
/// stream appends) or replaced (a reset re-renders the list).
pub(crate) async fn mark_shown(page: &Page) -> Result<()> {
    page.eval_js(
        "document.querySelectorAll('#messages li').forEach(li => { li.__kept = true; });",
        vec![],
    )
    .await?;
    Ok(())
}

pub(crate) async fn kept(page: &Page) -> Result<Vec<bool>> {
    let kept = page
        .eval_js(
            "return [...document.querySelectorAll('#messages li')].map(li => li.__kept === true);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(kept)?)
}

/// The `last-event-id` of each stream request the page made so far.
pub(crate) async fn stream_ids(page: &Page) -> Result<Vec<Option<String>>> {
    let ids = page.eval_js("return window.__streamIds;", vec![]).await?;
    Ok(serde_json::from_value(ids)?)
}

/// Two instances on one NATS, a browser on each: what is sent from either page, or posted
/// to one instance, shows on both pages in the same order.
pub(crate) async fn live_nats_two_instances(cx: Cx) -> Result<()> {
    let nats = NatsServer::start()?;
    let a = instance(&cx, &nats, None, "1000").await?;
    let b = instance(&cx, &nats, None, "1000").await?;
    let on_a = cx.page();
    let on_b = cx.new_browser().await?;
    open(&on_a, &a).await?;
    open(&on_b, &b).await?;

    on_a.fill("#message", "Hello from instance A").await?;
    on_a.click("#send").await?;
    on_b.wait_contains("#messages li:nth-child(1)", "Hello from instance A")
        .await?;
    on_b.fill("#message", "Hello from instance B").await?;
    on_b.click("#send").await?;
    command(&a, "Posted to A").await?;
    let all = [
        "Hello from instance A",
        "Hello from instance B",
        "Posted to A",
    ];
    wait_shown(&on_a, &all).await?;
    wait_shown(&on_b, &all).await?;
    // A third page, opened later on B, gets the whole history from NATS.
    let late = cx.new_browser().await?;
    late.goto(&b.url("/live")).await?;
    wait_shown(&late, &all).await
}

/// Instance B is killed while its page is open; two commands are posted to A; B comes
/// back on the same port. The page's client reconnects by itself with the last id it
/// saw, and shows both commands once, in order, after the messages it kept.
pub(crate) async fn live_nats_resume_after_restart(cx: Cx) -> Result<()> {
    let nats = NatsServer::start()?;
    let a = instance(&cx, &nats, None, "1000").await?;
    let b = instance(&cx, &nats, None, "1000").await?;
    let page = cx.page();
    open(&page, &b).await?;
    command(&a, "before").await?;
    wait_shown(&page, &["before"]).await?;
    mark_shown(&page).await?;

    let port = b.port();
    drop(b);
    command(&a, "while B was down 1").await?;
    command(&a, "while B was down 2").await?;
    let b = instance(&cx, &nats, Some(port), "1000").await?;
    wait_shown(
        &page,
        &["before", "while B was down 1", "while B was down 2"],
    )
    .await?;
    ensure!(
        kept(&page).await? == [true, false, false],
        "the list was re-rendered instead of resumed"
    );
    let ids = stream_ids(&page).await?;
    ensure!(
        ids.len() >= 2 && ids[0].is_none(),
        "stream requests' last-event-id: {ids:?}"
    );
    let resumed_from = ids.last().cloned().flatten().unwrap_or_default();
    ensure!(
        resumed_from.ends_with("-1"),
        "the reconnection sent last-event-id {resumed_from:?}, not the id of \"before\""
    );
    b.wait_get("/live/producers", "1").await?;
    // And it keeps following: a command to A still arrives.
    command(&a, "after").await?;
    wait_shown(
        &page,
        &[
            "before",
            "while B was down 1",
            "while B was down 2",
            "after",
        ],
    )
    .await
}

/// With a history of 3, a page whose instance was down for 5 commands reconnects with an
/// id NATS no longer has: it gets the list re-rendered with the 3 retained messages, not
/// an error. The same over plain HTTP: status 200, the whole retained history as one patch
/// (one morph) carrying the id of its last message.
pub(crate) async fn live_nats_expired_id(cx: Cx) -> Result<()> {
    let nats = NatsServer::start()?;
    let a = instance(&cx, &nats, None, "3").await?;
    let b = instance(&cx, &nats, None, "3").await?;
    let page = cx.page();
    open(&page, &b).await?;
    command(&a, "m1").await?;
    command(&a, "m2").await?;
    wait_shown(&page, &["m1", "m2"]).await?;

    let port = b.port();
    drop(b);
    for n in 3..=7 {
        command(&a, &format!("m{n}")).await?;
    }
    let _b = instance(&cx, &nats, Some(port), "3").await?;
    // Exactly the retained messages: m1 and m2 are gone (the morph may reuse their
    // elements for the new ones).
    wait_shown(&page, &["m5", "m6", "m7"]).await?;
    let ids = stream_ids(&page).await?;
    let sent = ids.last().cloned().flatten().unwrap_or_default();
    ensure!(sent.ends_with("-2"), "the reconnection sent {sent:?}");

    let stale = sent.replace("-2", "-1");
    let (status, text) = a
        .get_until(
            "/live/stream",
            &[("last-event-id", stale.as_str())],
            |text| text.contains(">m7</li>"),
        )
        .await?;
    ensure!(
        status == 200,
        "GET /live/stream with an expired id: {status}"
    );
    // The notice cleared, then the list.
    let events: Vec<&str> = text
        .split("\n\n")
        .filter(|e| e.starts_with("event: datastar-patch-elements"))
        .collect();
    let prefix = &stale[..stale.len() - 1];
    ensure!(
        events.len() == 1
            && events[0].contains(&format!("\nid: {prefix}7\n"))
            && ["m5", "m6", "m7"]
                .iter()
                .all(|m| events[0].contains(&format!(">{m}</li>")))
            && !events[0].contains(">m4</li>"),
        "expected one patch of the 3 retained messages with the last one's id: {text}"
    );
    Ok(())
}

/// NATS goes down under an open page: a message sent then is refused (503), stays in the
/// box and the page says so; once NATS is back, sending it again stores it, shows it and
/// clears the box and the notice. A page opened during an outage gets `503` for its
/// stream, says the log cannot be read while the client backs off, then shows the list
/// once NATS is back.
pub(crate) async fn live_nats_outage(cx: Cx) -> Result<()> {
    let mut nats = NatsServer::start()?;
    let a = instance(&cx, &nats, None, "100").await?;
    let page = cx.page();
    open(&page, &a).await?;
    command(&a, "before").await?;
    wait_shown(&page, &["before"]).await?;

    too_large_is_kept(&page).await?;
    nats.kill();
    refused_then_sent(&page, &mut nats, "sent during the outage").await?;
    wait_shown(&page, &["before", "sent during the outage"]).await?;
    page.wait_text("#notice", "").await?;

    // A page opened while NATS is down gets `503` for its stream: it says the log cannot
    // be read (not an empty list), and the client backs off (1 s, then 2 s, …) instead of
    // reopening the stream every second; once NATS is back it shows the messages.
    nats.kill();
    let (status, _) = a.get("/live/stream").await?;
    ensure!(
        status == 503,
        "GET /live/stream during the outage: {status}"
    );
    let late = cx.page();
    late.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": RECORD_STREAM_REQUESTS }),
    )
    .await?;
    late.goto(&a.url("/live")).await?;
    late.wait_contains("#notice", "cannot be read right now")
        .await?;
    tokio::time::sleep(Duration::from_millis(4500)).await;
    let attempts = stream_ids(&late).await?.len();
    // At 0, 1 and 3 s with the backoff; 5 or more at one per second.
    ensure!(
        (2..=3).contains(&attempts),
        "{attempts} stream requests in 4.5 s of outage: expected 3 (0 s, 1 s, 3 s)"
    );
    late.wait_contains("#notice", "cannot be read right now")
        .await?;
    nats.restart()?;
    // The client's next retries come 4 s and then 8 s apart.
    wait_shown_within(
        &late,
        &["before", "sent during the outage"],
        Duration::from_secs(20),
    )
    .await?;
    late.wait_text("#notice", "").await?;
    Ok(())
}
