//! The escaping suite: every payload of `datastar_examples::escaping::PAYLOADS` patched into
//! every context of `CONTEXTS` by the real Datastar 1.0.4 client, then every element of
//! the patch focused, hovered and clicked (links and forms only navigate for
//! `javascript:` URLs, so one would still run). A payload that runs sets `window.__xss`
//! to the name of its context. Every context that shows its value must show it exactly
//! as given: escaping that loses or changes data is a bug too. Then the same payloads go
//! into every template context of a whole page rendered by `html!` on the server.

use std::time::Duration;

use datastar_examples::escaping::{
    OUTSIDE_STAGE, PAGE_CONTEXTS, PAYLOADS, RAW_ATTRIBUTE, RAW_MARKUP, SELECTOR_CONTEXTS,
    every_context,
};
use serde_json::json;

use crate::harness::{Cx, Result, ensure};

/// Focuses, hovers and clicks every element the patch made, in the page and in its
/// same-origin frames.
const INTERACT: &str = r"
const poke = (root) => {
  for (const el of root.querySelectorAll('*')) {
    try { if (el.focus) el.focus(); } catch (e) {}
    try { el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); } catch (e) {}
    try {
      if (el.click) el.click();
      else el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
    } catch (e) {}
  }
};
const stage = document.querySelector('#stage');
poke(stage);
for (const frame of stage.querySelectorAll('iframe')) {
  try { poke(frame.contentDocument); } catch (e) {}
}
return stage.querySelectorAll('[data-context]').length;
";

/// What happened: the sentinel, the requests `fetch` made, and whether the page is still
/// the page (a whole-document patch would have replaced its body).
const OUTCOME: &str = r"
const shown = [...document.querySelectorAll('#stage [data-shows]')].map((el) => {
  const how = el.dataset.shows;
  const value = how === 'text' ? el.textContent : how === 'value' ? el.value : el.getAttribute(how);
  return {
    context: el.closest('[data-context]').dataset.context,
    value,
    expected: [el.dataset.prefix || '', el.dataset.suffix || ''],
  };
});
return {
  shown,
  xss: window.__xss === undefined ? null : String(window.__xss),
  requests: window.__requests,
  origin: location.origin,
  intact: !!document.querySelector('#go') && !!document.querySelector('#stage'),
};
";

pub(crate) async fn escaping(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("escaping", "/escaping").await?;
    page.wait_text("#done", "-1").await?;
    let in_stage = every_context()
        .filter(|(name, _)| !OUTSIDE_STAGE.contains(name))
        .count();
    let mut run = 0;
    for payload in PAYLOADS {
        run += 1;
        page.eval_js(
            "const input = document.querySelector('#payload');
             input.value = arguments[0];
             input.dispatchEvent(new Event('input', {bubbles: true}));
             window.__xss = undefined;
             window.__requests = [];",
            vec![json!(payload)],
        )
        .await?;
        page.click("#go").await?;
        page.wait_text("#done", &run.to_string()).await?;
        let patched = page.eval_js(INTERACT, vec![]).await?;
        ensure!(
            patched == json!(in_stage),
            "payload {payload:?}: {patched} contexts arrived, expected {in_stage}"
        );
        // Images fail to load, frames load their documents, timers fire.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let outcome = page.eval_js(OUTCOME, vec![]).await?;
        ensure!(
            outcome["xss"].is_null(),
            "payload {payload:?} ran script in context {}",
            outcome["xss"]
        );
        ensure!(
            outcome["intact"] == json!(true),
            "payload {payload:?} replaced the page (a whole-document patch?)"
        );
        shown_intact(&outcome, payload)?;
        // The selectors, on their own: nothing runs and the page stays the page.
        run += 1;
        page.eval_js("window.__xss = undefined;", vec![]).await?;
        page.click("#go-selectors").await?;
        page.wait_text("#done", &run.to_string()).await?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let after = page.eval_js(OUTCOME, vec![]).await?;
        ensure!(
            after["xss"].is_null() && after["intact"] == json!(true),
            "payload {payload:?} in a selector: script ran ({}) or the page was replaced",
            after["xss"]
        );
        let origin = outcome["origin"].as_str().unwrap_or_default();
        for request in outcome["requests"].as_array().into_iter().flatten() {
            let url = request.as_str().unwrap_or_default();
            let same_origin =
                url.starts_with(origin) || url.starts_with('/') && !url.starts_with("//");
            ensure!(
                same_origin || url.starts_with("about:invalid"),
                "payload {payload:?} made the client fetch another origin: {url}"
            );
            // Had the client rewritten `@get(…)` inside a value into code, it would
            // fetch exactly this path.
            let path = url
                .trim_start_matches(origin)
                .split('?')
                .next()
                .unwrap_or_default();
            ensure!(
                path != "/escaping/echo/rewritten",
                "payload {payload:?} was rewritten into a Datastar action: {url}"
            );
        }
    }
    let contexts = every_context().count() + SELECTOR_CONTEXTS.len();
    println!(
        "    escaping: {contexts} contexts × {} payloads = {} cases, none ran script",
        PAYLOADS.len(),
        contexts * PAYLOADS.len()
    );
    raw_is_exactly_as_written(&page).await
}

/// Every payload in every template context of a page that `html!` rendered: the page
/// loads, the client starts on it, every element is poked, nothing runs and every shown
/// value is intact. (A scenario of its own: with the stream lab it ran close to the
/// scenario timeout.)
pub(crate) async fn escaping_pages(cx: Cx) -> Result<()> {
    let app = cx.serve("escaping").await?;
    let page = cx.page();
    for payload in PAYLOADS {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("payload", payload)
            .finish();
        page.goto(&app.url(&format!("/escaping/page?{query}")))
            .await?;
        // The client has started: it evaluated this page's own `data-text`.
        page.wait_text("#started", "yes").await?;
        let rendered = page.eval_js(INTERACT, vec![]).await?;
        ensure!(
            rendered == json!(PAGE_CONTEXTS.len()),
            "payload {payload:?}: the page has {rendered} contexts, expected {}",
            PAGE_CONTEXTS.len()
        );
        tokio::time::sleep(Duration::from_millis(400)).await;
        let outcome = page.eval_js(OUTCOME, vec![]).await?;
        ensure!(
            outcome["xss"].is_null(),
            "payload {payload:?} ran script in context {} of a page",
            outcome["xss"]
        );
        ensure!(
            page.count("#stage").await? == 1 && page.count("#started").await? == 1,
            "payload {payload:?} changed the page's structure"
        );
        shown_intact(&outcome, payload)?;
    }
    println!(
        "    escaping pages: {} contexts × {} payloads = {} cases, none ran script",
        PAGE_CONTEXTS.len(),
        PAYLOADS.len(),
        PAGE_CONTEXTS.len() * PAYLOADS.len()
    );
    Ok(())
}

/// `Raw` is the documented opt-out: its text reaches the DOM exactly as written.
async fn raw_is_exactly_as_written(page: &crate::harness::Page) -> Result<()> {
    page.eval_js(
        "document.querySelector('#go').setAttribute('data-on:click', \"@get('/escaping/raw')\");",
        vec![],
    )
    .await?;
    page.click("#go").await?;
    page.wait_present("#raw-b").await?;
    let markup = page
        .eval_js(
            "return document.querySelector('#raw-text').innerHTML;",
            vec![],
        )
        .await?;
    ensure!(markup == json!(RAW_MARKUP), "Raw markup became {markup}");
    let title = page.attr("#raw-attribute", "title").await?;
    ensure!(
        title.as_deref() == Some(&RAW_ATTRIBUTE.replace("&amp;", "&")),
        "Raw attribute became {title:?}"
    );
    Ok(())
}

/// Every context that shows its value (`data-shows`) shows the payload exactly as given
/// (with the context's name for `CTX`).
fn shown_intact(outcome: &serde_json::Value, payload: &str) -> Result<()> {
    for shown in outcome["shown"].as_array().into_iter().flatten() {
        let context = shown["context"].as_str().unwrap_or_default();
        let expected = format!(
            "{}{}{}",
            shown["expected"][0].as_str().unwrap_or_default(),
            payload.replace("CTX", context),
            shown["expected"][1].as_str().unwrap_or_default()
        );
        ensure!(
            shown["value"] == json!(expected),
            "payload {payload:?} reached the page changed in context {context}: {}",
            shown["value"]
        );
    }
    Ok(())
}
