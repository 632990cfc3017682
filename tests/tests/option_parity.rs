//! The macro and the builders write the same bytes for the same run-time option values:
//! every statement option and builder method that takes a value is one decision, made
//! once (`datastar-wire`), so the two cannot drift apart. For each pair, any hostile
//! value either gives byte-identical events, or the builder refuses it with an
//! `EncodeError` and the macro's stream refuses it too (ends before the event) or writes
//! the value made harmless (a refused URL replaced by `about:invalid#refused-url`).
//!
//! `DATASTAR_PROPTEST_CASES` sets the cases per property (CI runs the default).

#[path = "support/proptest_cases.rs"]
mod proptest_cases;

use std::time::Duration;

use datastar_core::prelude::*;
use datastar_core::{
    ConsoleLog, DispatchEvent, EncodeError, ExecuteScript, PatchElements, PatchSignals, Prefetch,
    Redirect, ReplaceUrl,
};
use datastar_examples::escaping::PAYLOADS;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

const DEFAULT_CASES: u32 = 500;

fn config() -> proptest::test_runner::Config {
    proptest_cases::config(DEFAULT_CASES)
}

/// Any string, strings of the characters escaping is about, URL-shaped strings, and the
/// escaping lab's payloads.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[<>&\"'`/\\\\$@{}();:=#%!?*+,.\\-_~ a-zA-Z0-9\\t\\r\\n\\x00\\u{2028}\\u{feff}]{0,40}",
        "(/|//|https?://|javascript:|data:|JaVa\tScRiPt:|mailto:| )[a-z0-9/?#&=%<>\" ]{0,24}",
        prop::sample::select(PAYLOADS).prop_map(str::to_owned),
    ]
}

/// Drains a macro stream that never waits, as bytes.
fn macro_bytes(stream: impl Stream<Item = datastar_core::Event>) -> Vec<u8> {
    let events: Vec<datastar_core::Event> =
        futures_util::FutureExt::now_or_never(futures_util::StreamExt::collect(stream))
            .expect("the stream never waits");
    events.iter().flat_map(|e| e.as_bytes().to_vec()).collect()
}

fn builder_bytes(event: Result<datastar_core::Event, EncodeError>) -> Option<Vec<u8>> {
    event.ok().map(|event| event.as_bytes().to_vec())
}

/// The macro's bytes equal the builder's; where the builder refuses, the macro sent
/// nothing or `harmless` holds for what it sent.
fn same(
    name: &str,
    value: &str,
    built: Option<Vec<u8>>,
    expanded: Vec<u8>,
    harmless: impl Fn(&str) -> bool,
) -> Result<(), TestCaseError> {
    match built {
        Some(built) => prop_assert_eq!(
            String::from_utf8_lossy(&expanded),
            String::from_utf8_lossy(&built),
            "{} with {:?}",
            name,
            value
        ),
        None => {
            let sent = String::from_utf8_lossy(&expanded);
            prop_assert!(
                expanded.is_empty() || harmless(&sent),
                "{name}: the builder refused {value:?} but the macro sent {sent:?}"
            );
        }
    }
    Ok(())
}

const REPLACED: &str = "about:invalid#refused-url";

#[test]
fn script_attributes() {
    TestRunner::new(config())
        .run(&hostile(), |v| {
            let v_ = v.clone();
            let expanded = macro_bytes(datastar! {
                script "start()", attributes = { title: (v_), nonce: (v_), "data-x": (v_) };
            });
            let built = builder_bytes(
                ExecuteScript::new("start()")
                    .attribute("title", v.as_str())
                    .attribute("nonce", v.as_str())
                    .attribute("data-x", v.as_str())
                    .encode(),
            );
            same("title, nonce, data-x", &v, built, expanded, |_| false)?;
            let v_ = v.clone();
            let expanded = macro_bytes(datastar! {
                script "start()", auto_remove = false, attributes = { "data-src": (v_) };
            });
            let built = builder_bytes(
                ExecuteScript::new("start()")
                    .auto_remove(false)
                    .attribute("data-src", v.as_str())
                    .encode(),
            );
            same("data-src", &v, built, expanded, |sent| {
                sent.contains(REPLACED)
            })
        })
        .unwrap();
}

#[test]
fn patch_options() {
    let values = (hostile(), hostile(), 1u64..100_000);
    TestRunner::new(config())
        .run(&values, |(selector, id, retry)| {
            let (s, i) = (selector.clone(), id.clone());
            let retry = Duration::from_millis(retry);
            let expanded = macro_bytes(datastar! {
                elements "<p>x</p>", selector = (s.as_str()), mode = inner, view_transition, view_transition_selector = (s.as_str()), id = (i.as_str()), retry = (retry);
            });
            let built = builder_bytes(
                PatchElements::new("<p>x</p>")
                    .selector(selector.as_str())
                    .mode(datastar_core::Mode::Inner)
                    .view_transition(true)
                    .view_transition_selector(selector.as_str())
                    .id(id.as_str())
                    .retry(retry)
                    .encode(),
            );
            same("selector, id, retry", &selector, built, expanded, |_| false)?;
            let s = selector.clone();
            let expanded = macro_bytes(datastar! { remove (s.as_str()); });
            let built = builder_bytes(PatchElements::remove(selector.as_str()).encode());
            same("remove", &selector, built, expanded, |_| false)
        })
        .unwrap();
}

#[test]
fn signals_and_helpers() {
    TestRunner::new(config())
        .run(&hostile(), |v| {
            let v_ = v.clone();
            let expanded = macro_bytes(datastar! { signals { value: (v_) }; });
            let built = builder_bytes(
                PatchSignals::json(&serde_json::json!({ "value": v })).and_then(|p| p.encode()),
            );
            same("signals", &v, built, expanded, |_| false)?;

            let v_ = v.clone();
            let expanded = macro_bytes(datastar! { console_log (v_); });
            same(
                "console_log",
                &v,
                builder_bytes(ConsoleLog::new(v.as_str()).encode()),
                expanded,
                |_| false,
            )?;

            let v_ = v.clone();
            let expanded = macro_bytes(datastar! {
                dispatch (v_.as_str()), detail = { value: (v_) }, selector = (v_.as_str());
            });
            let built = DispatchEvent::new(v.as_str())
                .detail(&serde_json::json!({ "value": v }))
                .map(|d| d.selector(v.as_str()))
                .and_then(|d| d.encode());
            same("dispatch", &v, builder_bytes(built), expanded, |_| false)?;

            let v_ = v.clone();
            let expanded = macro_bytes(datastar! { replace_url (v_.as_str()); });
            let built = builder_bytes(ReplaceUrl::new(v.as_str()).encode());
            same("replace_url", &v, built, expanded, |_| false)?;

            let v_ = v.clone();
            let expanded = macro_bytes(datastar! { prefetch [(v_.as_str()), "/next"]; });
            let built = builder_bytes(Prefetch::new([v.as_str(), "/next"]).encode());
            same("prefetch", &v, built, expanded, |_| false)?;

            let v_ = v.clone();
            let expanded = macro_bytes(datastar! { redirect (v_.as_str()); });
            let built = builder_bytes(Redirect::new(v.as_str()).encode());
            same("redirect", &v, built, expanded, |_| false)
        })
        .unwrap();
}
