//! The `live` example on actix-web (`live_actix`), sharing one NATS log with an instance
//! on axum: the same page, stream and command on another framework, through messages,
//! refusals, an outage and a deploy.

use std::time::Duration;

use crate::harness::{Cx, NatsServer, Result, ensure};
use crate::live_nats::{
    command, instance_of, kept, mark_shown, open, refused_then_sent, too_large_is_kept, wait_shown,
};

/// A page on actix-web shows a message posted on axum and one it sends itself; a message
/// over the limit is refused with `413` and kept; with NATS down a message is refused with
/// `503` and kept, and a new stream is refused with `503`; once NATS is back the message is
/// stored. Then a deploy: `SIGTERM` to the actix-web instance ends its stream within a
/// second, an axum instance takes its port, and the page resumes there after what it had,
/// with what was sent meanwhile, once each.
pub(crate) async fn live_nats_actix(cx: Cx) -> Result<()> {
    let mut nats = NatsServer::start()?;
    let on_axum = instance_of(&cx, "live", &nats, None, "1000").await?;
    let on_actix = instance_of(&cx, "live_actix", &nats, None, "1000").await?;
    let page = cx.page();
    open(&page, &on_actix).await?;
    command(&on_axum, "from axum").await?;
    wait_shown(&page, &["from axum"]).await?;
    page.fill("#message", "from actix").await?;
    page.click("#send").await?;
    wait_shown(&page, &["from axum", "from actix"]).await?;

    too_large_is_kept(&page).await?;

    nats.kill();
    let (status, _) = on_actix.get("/live/stream").await?;
    ensure!(
        status == 503,
        "GET /live/stream on actix-web during the outage: {status}"
    );
    refused_then_sent(&page, &mut nats, "during the outage").await?;
    let shown = ["from axum", "from actix", "during the outage"];
    wait_shown(&page, &shown).await?;
    mark_shown(&page).await?;

    let port = on_actix.port();
    let (_, mut stream) = on_actix.open("/live/stream").await?;
    stream
        .read_until(|text| text.contains("datastar-patch-elements"))
        .await?;
    on_actix.terminate()?;
    stream.read_to_end(Duration::from_secs(1)).await?;
    let status = on_actix.wait_exit(Duration::from_secs(3)).await?;
    ensure!(
        status.success(),
        "live_actix exited with {status} after SIGTERM"
    );
    drop(on_actix);
    command(&on_axum, "during the deploy").await?;
    let _next = instance_of(&cx, "live", &nats, Some(port), "1000").await?;
    wait_shown(
        &page,
        &[
            "from axum",
            "from actix",
            "during the outage",
            "during the deploy",
        ],
    )
    .await?;
    ensure!(
        kept(&page).await? == [true, true, true, false],
        "the list was re-rendered instead of resumed"
    );
    Ok(())
}
