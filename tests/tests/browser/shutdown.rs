//! Deploys: `SIGTERM` to a server with open event streams. On every framework the streams
//! end within a second (the examples trigger a `datastar_core::Shutdown` from the
//! framework's graceful shutdown) and the process exits cleanly; in Chromium, a page on
//! the `live` example follows the deploy to the next instance on the same port and shows
//! what was sent meanwhile, once and in order.

use std::time::{Duration, Instant};

use crate::harness::{Cx, NatsServer, Result, ensure};
use crate::live_nats::{command, instance, kept, mark_shown, open, stream_ids, wait_shown};

/// How soon after `SIGTERM` an open stream must have ended.
const STREAM_END: Duration = Duration::from_secs(1);
/// How soon after `SIGTERM` the process must have exited (its streams ended, the
/// connections finished).
const EXIT: Duration = Duration::from_secs(3);

/// Serves `example`, opens `path` (a stream that never ends by itself) until `first`
/// arrived, sends `SIGTERM`, and checks that the stream ends within [`STREAM_END`] with
/// nothing after it and that the process exits with success within [`EXIT`].
async fn ends_on_sigterm(cx: &Cx, example: &str, path: &str, first: &str) -> Result<()> {
    let app = cx.serve(example).await?;
    let (status, mut stream) = app.open(path).await?;
    ensure!(status == 200, "GET {path}: status {status}");
    stream.read_until(|text| text.contains(first)).await?;
    let asked = Instant::now();
    app.terminate()?;
    let rest = stream.read_to_end(STREAM_END).await?;
    let ended = asked.elapsed();
    ensure!(
        rest.trim_matches(['\n', ':']).is_empty(),
        "{example}: the stream sent more than keep-alives after SIGTERM: {rest:?}"
    );
    let status = app.wait_exit(EXIT).await?;
    ensure!(
        status.success(),
        "{example} exited with {status} after SIGTERM"
    );
    eprintln!(
        "{example}: stream ended {} ms after SIGTERM, process exited after {} ms",
        ended.as_millis(),
        asked.elapsed().as_millis()
    );
    Ok(())
}

/// axum (`with_graceful_shutdown`): the `live` example's stream, on its in-process log.
pub(crate) async fn shutdown_axum(cx: Cx) -> Result<()> {
    ends_on_sigterm(&cx, "live", "/live/stream", "datastar-patch-elements").await
}

/// actix-web (its signals turned off, `ServerHandle::stop` after the `Shutdown`).
pub(crate) async fn shutdown_actix(cx: Cx) -> Result<()> {
    ends_on_sigterm(&cx, "quiz_actix", "/probe/stream", "one").await
}

/// Rocket (its own signal handling, the `Shutdown::rocket_fairing`).
pub(crate) async fn shutdown_rocket(cx: Cx) -> Result<()> {
    ends_on_sigterm(&cx, "quiz_rocket", "/probe/stream", "one").await
}

/// warp (`graceful`).
pub(crate) async fn shutdown_warp(cx: Cx) -> Result<()> {
    ends_on_sigterm(&cx, "quiz_warp", "/probe/stream", "one").await
}

/// A deploy of the `live` example on NATS: instance A is asked to stop while a page
/// follows it; its stream ends and A exits; two commands go through instance C meanwhile;
/// the new instance B starts on A's port. The page reconnects by itself with the last id
/// it saw and shows both commands after what it had, once each, without a re-render.
pub(crate) async fn live_nats_deploy(cx: Cx) -> Result<()> {
    let nats = NatsServer::start()?;
    let a = instance(&cx, &nats, None, "1000").await?;
    let c = instance(&cx, &nats, None, "1000").await?;
    let page = cx.page();
    open(&page, &a).await?;
    command(&c, "before").await?;
    wait_shown(&page, &["before"]).await?;
    mark_shown(&page).await?;

    let port = a.port();
    let asked = Instant::now();
    a.terminate()?;
    let status = a.wait_exit(EXIT).await?;
    ensure!(status.success(), "A exited with {status} after SIGTERM");
    let exited = asked.elapsed();
    drop(a);
    command(&c, "during the deploy 1").await?;
    command(&c, "during the deploy 2").await?;
    let b = instance(&cx, &nats, Some(port), "1000").await?;
    wait_shown(
        &page,
        &["before", "during the deploy 1", "during the deploy 2"],
    )
    .await?;
    ensure!(
        kept(&page).await? == [true, false, false],
        "the list was re-rendered instead of resumed"
    );
    let ids = stream_ids(&page).await?;
    let resumed_from = ids.last().cloned().flatten().unwrap_or_default();
    ensure!(
        ids.len() >= 2 && ids[0].is_none() && resumed_from.ends_with("-1"),
        "stream requests' last-event-id: {ids:?} (the reconnection should resume after \"before\")"
    );
    b.wait_get("/live/producers", "1").await?;
    command(&c, "after").await?;
    wait_shown(
        &page,
        &[
            "before",
            "during the deploy 1",
            "during the deploy 2",
            "after",
        ],
    )
    .await?;
    eprintln!("A exited {} ms after SIGTERM", exited.as_millis());
    Ok(())
}
