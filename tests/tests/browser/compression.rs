//! Compressed event streams in the real client: the `index` example with each coding in
//! turn. The `hal` stream patches `#hal`, waits 1 s and patches it back, so the first
//! patch can only be seen if its event was decoded before the stream went on: with a
//! compressor that held it back, both patches would land together. The Performance API
//! then reports the `content-encoding` the browser decoded.

use crate::harness::{Cx, Result, ensure};

/// Chromium advertises `gzip, deflate, br, zstd`, even over plain HTTP to 127.0.0.1.
const CODINGS: [&str; 4] = ["br", "zstd", "gzip", "deflate"];

pub(crate) async fn compression(cx: Cx) -> Result<()> {
    for coding in CODINGS {
        let app = cx
            .serve_with_env("index", &[("COMPRESSION", coding)])
            .await?;
        let page = cx.page();
        page.goto(&app.url("/hal")).await?;
        page.click("#open").await?;
        page.wait_text("#hal", "I'm sorry, Dave. I'm afraid I can't do that.")
            .await?;
        page.wait_text("#hal", "Waiting for an order...").await?;
        // The entry appears once the response has ended.
        let timing = page
            .wait_js(
                "the resource timing of /hal/open",
                "const e = performance.getEntriesByType('resource')
                    .find((e) => new URL(e.name).pathname === '/hal/open');
                 return e ? { coding: e.contentEncoding, encoded: e.encodedBodySize,
                              decoded: e.decodedBodySize } : null;",
            )
            .await?;
        // Fewer bytes came over the wire than the client read: it decoded them. (Under
        // load Chromium sometimes reports the entry's coding as "" although its sizes
        // show it was compressed; the header check below names the coding.)
        ensure!(
            timing["encoded"].as_u64() < timing["decoded"].as_u64(),
            "{coding}: the stream was not compressed: {timing}"
        );
        ensure!(
            timing["coding"] == coding || timing["coding"] == "",
            "{coding}: the browser reports {timing}"
        );
        let header = page
            .eval_js(
                "const abort = new AbortController();
                 return fetch('/hal/open', { signal: abort.signal }).then((response) => {
                     abort.abort();
                     return response.headers.get('content-encoding');
                 });",
                vec![],
            )
            .await?;
        ensure!(
            header == coding,
            "{coding}: a fetch of /hal/open from the page got content-encoding {header}"
        );
    }

    // A stream that never ends, with the default order (zstd first for Chromium): each
    // message must arrive on its own. Between the two the stream is idle for longer than
    // its keep-alive interval (5 s): the Zstandard frame ends with the keep-alive comment,
    // and the second message comes in a new frame, which the browser reads on.
    let app = cx.serve("index").await?;
    let page = cx.page();
    page.goto(&app.url("/live")).await?;
    app.wait_get("/live/producers", "1").await?;
    let header = page
        .eval_js(
            "const abort = new AbortController();
             return fetch('/live/stream', { signal: abort.signal, headers: { 'datastar-request': 'true' } })
                 .then((response) => { abort.abort(); return response.headers.get('content-encoding'); });",
            vec![],
        )
        .await?;
    ensure!(
        header == "zstd",
        "the live stream's content-encoding: {header}"
    );
    for (index, message) in ["first, compressed", "second, after an idle spell"]
        .into_iter()
        .enumerate()
    {
        if index > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(6500)).await;
        }
        page.fill("#message", message).await?;
        page.click("#send").await?;
        page.wait_contains("#messages", message).await?;
    }
    Ok(())
}
