//! Property tests with random and hostile strings.
//!
//! - Structure: every context of the escaping lab, filled with any string, tokenizes (by
//!   html5gum, the WHATWG tokenizer) to the same tags and attribute names as with a benign
//!   value, and never contains the text that makes the client patch a whole document.
//! - SSE: any string in any field of any builder or macro statement is encoded to exactly
//!   the events and fields that went in, read back by a parser that follows the WHATWG
//!   event-stream algorithm and the Datastar client's data-line rules; or `encode`
//!   refuses it. Never a panic, an extra event or an extra field.
//!
//! `DATASTAR_PROPTEST_CASES` sets the cases per property (CI runs the default).

#[path = "support/proptest_cases.rs"]
mod proptest_cases;

use std::collections::BTreeMap;
use std::time::Duration;

use datastar_core::prelude::*;
use datastar_core::{
    EncodeError, ExecuteScript, Mode, Namespace, PatchElements, PatchSignals, Redirect,
};
use datastar_examples::escaping::{
    Context, PAGE_CONTEXTS, PAYLOADS, TEMPLATE_CONTEXTS, every_context, render,
};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

/// Cases per property unless `DATASTAR_PROPTEST_CASES` says otherwise.
const DEFAULT_CASES: u32 = 1000;

fn config() -> proptest::test_runner::Config {
    proptest_cases::config(DEFAULT_CASES)
}

/// Any string, strings made of the characters escaping is about, and the lab's payloads.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[<>&\"'`/\\\\$@{}();:=#%!?*+,.\\-_~ a-zA-Z0-9\\t\\r\\n\\x00\\u{2028}\\u{feff}]{0,48}",
        prop::sample::select(PAYLOADS).prop_map(str::to_owned),
    ]
}

/// The tags of `html` as the browser's tokenizer reads them: each start tag with its
/// attribute names, each end tag, each comment.
fn shape(html: &str) -> Vec<String> {
    let mut emitter = html5gum::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let tokenizer = html5gum::Tokenizer::new_with_emitter(html, emitter);
    tokenizer
        .filter_map(|token| match token.expect("string input cannot fail") {
            html5gum::Token::StartTag(tag) => {
                let attributes: Vec<String> = tag
                    .attributes
                    .keys()
                    .map(|name| String::from_utf8_lossy(name).into_owned())
                    .collect();
                Some(format!(
                    "<{} {}>",
                    String::from_utf8_lossy(&tag.name),
                    attributes.join(" ")
                ))
            }
            html5gum::Token::EndTag(tag) => {
                Some(format!("</{}>", String::from_utf8_lossy(&tag.name)))
            }
            html5gum::Token::Comment(_) => Some("<!-- -->".to_owned()),
            html5gum::Token::Doctype(_) => Some("<!doctype>".to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_context_keeps_its_structure_whatever_the_value() {
    let contexts: Vec<&Context> = every_context().collect();
    let benign: Vec<Vec<String>> = contexts
        .iter()
        .map(|context| shape(&render(context, "benign")))
        .collect();
    let mut runner = TestRunner::new(config());
    runner
        .run(&(0..contexts.len(), hostile()), |(index, value)| {
            let context = contexts[index];
            let html = render(context, &value);
            // A value a statement or builder refuses ends the context's stream: what was
            // sent is then the start of the benign shape.
            let hostile = shape(&html);
            prop_assert!(
                hostile == benign[index] || benign[index].starts_with(&hostile),
                "context {} with {:?} gave {} ({:?}, benign {:?})",
                context.0,
                value,
                html,
                hostile,
                benign[index]
            );
            for end_tag in ["</body>", "</head>", "</html>"] {
                prop_assert!(
                    !html.contains(end_tag),
                    "context {} with {:?} contains {}",
                    context.0,
                    value,
                    end_tag
                );
            }
            Ok(())
        })
        .unwrap();
}

/// One event as the Datastar client sees it: the type, the id and retry fields, and the
/// data lines split at their first space into keys, repeated keys joined with `\n`.
#[derive(Debug, Default, PartialEq, Eq)]
struct ClientEvent {
    event_type: String,
    id: Option<String>,
    retry: Option<u64>,
    data: BTreeMap<String, String>,
}

/// The WHATWG event-stream parser: lines end at CRLF, LF or CR; `:` starts a comment; a
/// field's value loses one leading space; `data` lines join with `\n`; a blank line
/// dispatches an event that has data.
fn parse_sse(stream: &str) -> Vec<ClientEvent> {
    let mut events = Vec::new();
    let (mut event_type, mut data, mut id, mut retry) = (String::new(), String::new(), None, None);
    let normalized = stream.replace("\r\n", "\n").replace('\r', "\n");
    for line in normalized.split('\n') {
        if line.is_empty() {
            if !data.is_empty() {
                data.pop();
                let mut fields: BTreeMap<String, String> = BTreeMap::new();
                for data_line in data.split('\n') {
                    let (key, value) = data_line.split_once(' ').unwrap_or((data_line, ""));
                    fields
                        .entry(key.to_owned())
                        .and_modify(|joined| {
                            joined.push('\n');
                            joined.push_str(value);
                        })
                        .or_insert_with(|| value.to_owned());
                }
                events.push(ClientEvent {
                    event_type: std::mem::take(&mut event_type),
                    id: id.clone(),
                    retry: retry.take(),
                    data: fields,
                });
            }
            data.clear();
            event_type.clear();
            continue;
        }
        if line.starts_with(':') {
            continue;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => event_type = value.to_owned(),
            "data" => {
                data.push_str(value);
                data.push('\n');
            }
            "id" if !value.contains('\0') => id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                retry = value.parse().ok();
            }
            _ => {}
        }
    }
    events
}

/// What a multi-line value reads as after the round trip: every line break is `\n`.
fn lines(value: &str) -> String {
    value.replace("\r\n", "\n").replace('\r', "\n")
}

/// A selector the encoder refuses: a line break, or one the browser cannot parse.
fn unusable_selector(selector: &str) -> bool {
    has_break(selector) || datastar_wire::selector::check(selector).is_err()
}

fn has_break(value: &str) -> bool {
    value.contains(['\r', '\n'])
}

fn one_event(event: &datastar_core::Event) -> Result<ClientEvent, TestCaseError> {
    let mut events = parse_sse(std::str::from_utf8(event.as_bytes()).unwrap());
    prop_assert_eq!(events.len(), 1, "{:?}", event);
    Ok(events.remove(0))
}

fn expected_id(id: &Option<String>) -> Option<String> {
    id.clone()
}

fn id_is_valid(id: &Option<String>) -> bool {
    id.as_deref().is_none_or(|id| {
        id.bytes().all(|byte| (b' '..=b'~').contains(&byte))
            && !id.starts_with(' ')
            && !id.ends_with(' ')
    })
}

fn mode() -> impl Strategy<Value = Mode> {
    prop::sample::select(Mode::ALL.to_vec())
}

fn namespace() -> impl Strategy<Value = Namespace> {
    prop::sample::select(Namespace::ALL.to_vec())
}

#[test]
fn patch_elements_round_trips_every_field() {
    let fields = (
        hostile(),
        prop::option::of(hostile()),
        mode(),
        any::<bool>(),
        prop::option::of(hostile()),
        namespace(),
        prop::option::of(hostile()),
        prop::option::of(0u64..100_000),
    );
    TestRunner::new(config())
        .run(
            &fields,
            |(elements, selector, mode, transition, transition_selector, namespace, id, retry)| {
                let mut builder = PatchElements::new(elements.as_str())
                    .mode(mode)
                    .view_transition(transition)
                    .namespace(namespace);
                if let Some(selector) = &selector {
                    builder = builder.selector(selector.as_str());
                }
                if let Some(transition_selector) = &transition_selector {
                    builder = builder.view_transition_selector(transition_selector.as_str());
                }
                if let Some(id) = &id {
                    builder = builder.id(id.as_str());
                }
                if let Some(retry) = retry {
                    builder = builder.retry(Duration::from_millis(retry));
                }
                let refused = selector.as_deref().is_some_and(unusable_selector)
                    || transition_selector
                        .as_deref()
                        .is_some_and(unusable_selector)
                    || transition_selector.is_some() && !transition
                    || !id_is_valid(&id);
                let event = match builder.encode() {
                    Ok(event) => event,
                    Err(error) => {
                        prop_assert!(refused, "refused for no reason: {error}");
                        return Ok(());
                    }
                };
                prop_assert!(!refused, "accepted a value it must refuse");
                let read = one_event(&event)?;
                let mut data = BTreeMap::new();
                if let Some(selector) = selector {
                    data.insert("selector".to_owned(), selector);
                }
                if mode != Mode::Outer {
                    data.insert("mode".to_owned(), mode.as_str().to_owned());
                }
                if transition {
                    data.insert("useViewTransition".to_owned(), "true".to_owned());
                    if let Some(transition_selector) = transition_selector {
                        data.insert("viewTransitionSelector".to_owned(), transition_selector);
                    }
                }
                if namespace != Namespace::Html {
                    data.insert("namespace".to_owned(), namespace.as_str().to_owned());
                }
                data.insert("elements".to_owned(), lines(&elements));
                prop_assert_eq!(
                    read,
                    ClientEvent {
                        event_type: "datastar-patch-elements".to_owned(),
                        id: expected_id(&id),
                        retry: retry.filter(|retry| *retry != 1000),
                        data,
                    }
                );
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn remove_signals_scripts_and_redirects_round_trip() {
    let fields = (
        hostile(),
        hostile(),
        hostile(),
        hostile(),
        any::<bool>(),
        prop::option::of(hostile()),
    );
    TestRunner::new(config())
        .run(&fields, |(selector, text, attribute, url, flag, id)| {
            // remove
            let mut remove = PatchElements::remove(selector.as_str());
            if let Some(id) = &id {
                remove = remove.id(id.as_str());
            }
            match remove.encode() {
                Ok(event) => {
                    let read = one_event(&event)?;
                    prop_assert_eq!(read.data.get("selector"), Some(&selector));
                    prop_assert_eq!(read.data.get("mode").map(String::as_str), Some("remove"));
                    prop_assert_eq!(read.data.len(), 2);
                    prop_assert_eq!(read.id, expected_id(&id));
                }
                Err(_) => prop_assert!(unusable_selector(&selector) || !id_is_valid(&id)),
            }

            // signals: any JSON object round-trips; anything else is refused.
            let value =
                serde_json::json!({ "text": text, "nested": { "flag": flag, "list": [text] } });
            let event = PatchSignals::new(value.to_string())
                .only_if_missing(flag)
                .encode()
                .unwrap();
            let read = one_event(&event)?;
            let signals: serde_json::Value = serde_json::from_str(&read.data["signals"]).unwrap();
            prop_assert_eq!(signals, value);
            prop_assert_eq!(read.data.contains_key("onlyIfMissing"), flag);
            let is_object =
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text).is_ok();
            prop_assert_eq!(PatchSignals::new(text.as_str()).encode().is_ok(), is_object);

            // script: the text comes back with `</script` (and the whole-document end tags)
            // broken up, and the attribute value escaped.
            match ExecuteScript::new(text.as_str())
                .attribute("data-x", attribute.as_str())
                .auto_remove(flag)
                .encode()
            {
                Ok(event) => {
                    let read = one_event(&event)?;
                    let elements = &read.data["elements"];
                    prop_assert_eq!(read.data.get("selector").map(String::as_str), Some("body"));
                    prop_assert_eq!(read.data.get("mode").map(String::as_str), Some("append"));
                    let body_start = elements.find('>').unwrap() + 1;
                    let body = &elements[body_start..elements.len() - "</script>".len()];
                    prop_assert!(!body.to_ascii_lowercase().contains("</script"));
                    prop_assert_eq!(unbreak_script(body), lines(&text));
                    prop_assert!(elements.ends_with("</script>"));
                }
                Err(error) => prop_assert!(false, "a script was refused: {}", error),
            }

            // redirect: allowed URLs come back as the JSON string in the script.
            match Redirect::new(url.as_str()).encode() {
                Ok(event) => {
                    let read = one_event(&event)?;
                    let elements = &read.data["elements"];
                    let start = elements.find("window.location.href = ").unwrap()
                        + "window.location.href = ".len();
                    let end = elements.rfind(")</script>").unwrap();
                    let json: String =
                        serde_json::from_str(&elements[start..end].replace("\n", "\\n")).unwrap();
                    prop_assert_eq!(json, url.clone());
                    prop_assert!(datastar_core::url::is_allowed(
                        &url,
                        datastar_core::url::UrlPolicy::Navigate
                    ));
                }
                Err(EncodeError::UnsafeUrl { .. }) => {
                    prop_assert!(!datastar_core::url::is_allowed(
                        &url,
                        datastar_core::url::UrlPolicy::Navigate
                    ))
                }
                Err(error) => prop_assert!(false, "unexpected error {}", error),
            }
            Ok(())
        })
        .unwrap();
}

/// Script text as written by `ExecuteScript`: `<\/` back to `</` where the encoder broke
/// up an end tag.
fn unbreak_script(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("<\\/") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let broken = after
            .get(..6)
            .is_some_and(|tag| tag.eq_ignore_ascii_case("script"))
            || ["body>", "head>", "html>"]
                .iter()
                .any(|tag| after.starts_with(tag));
        out.push_str(if broken { "</" } else { "<\\/" });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Drains a macro stream that never waits.
fn events(stream: impl Stream<Item = datastar_core::Event>) -> Vec<datastar_core::Event> {
    futures_util::FutureExt::now_or_never(futures_util::StreamExt::collect(stream))
        .expect("the stream never waits")
}

#[test]
fn macro_statements_round_trip_dynamic_values() {
    let fields = (hostile(), hostile(), prop::option::of(hostile()), hostile());
    TestRunner::new(config())
        .run(&fields, |(content, selector, id, text)| {
            let id_text = id.clone().unwrap_or_default();
            let (content_, selector_, text_, id_) =
                (content.clone(), selector.clone(), text.clone(), id_text.clone());
            let stream = datastar! {
                elements (content_.as_str()), selector = (selector_.as_str()), mode = inner, id = (id_.as_str());
                elements "<p id=\"p\" title=\"" (text_) "\">" (text_) "</p>";
                signals { text: (text_), list: [(text_), 1] };
                script "let x = " (text_) ";";
            };
            let all = events(stream);
            let wire: String = all
                .iter()
                .map(|event| String::from_utf8(event.as_bytes().to_vec()).unwrap())
                .collect();
            let read = parse_sse(&wire);
            let refused = unusable_selector(&selector) || !id_is_valid(&Some(id_text.clone()));
            if refused {
                // `?` on the first event ends the stream: nothing at all is sent.
                prop_assert!(read.is_empty(), "{:?}", read);
                return Ok(());
            }
            prop_assert_eq!(read.len(), 4, "{:?}", read);
            prop_assert_eq!(&read[0].data["elements"], &lines(&content));
            prop_assert_eq!(&read[0].data["selector"], &selector);
            prop_assert_eq!(read[0].id.clone(), Some(id_text));
            let unescaped = html_unescape(&read[1].data["elements"]);
            let expected = lines(&text);
            prop_assert_eq!(unescaped, format!("<p id=\"p\" title=\"{expected}\">{expected}</p>"));
            let signals: serde_json::Value = serde_json::from_str(&read[2].data["signals"]).unwrap();
            prop_assert_eq!(signals, serde_json::json!({ "text": text, "list": [text, 1] }));
            let script = &read[3].data["elements"];
            let body_start = script.find('>').unwrap() + 1;
            let json = &script[body_start + "let x = ".len()..script.len() - ";</script>".len()];
            let value: String = serde_json::from_str(&json.replace('\n', "\\n")).unwrap();
            prop_assert_eq!(value, text);
            Ok(())
        })
        .unwrap();
}

/// The character references `datastar!` writes, back to text.
fn html_unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A template rendered as a page by `html!` is the same HTML the patch carries: one
/// checker, one escaping, whatever the value.
#[test]
fn pages_and_patches_write_the_same_html() {
    assert_eq!(PAGE_CONTEXTS.len(), TEMPLATE_CONTEXTS.len());
    let mut runner = TestRunner::new(config());
    runner
        .run(&(0..PAGE_CONTEXTS.len(), hostile()), |(index, value)| {
            let (name, page) = PAGE_CONTEXTS[index];
            let patch = render(&TEMPLATE_CONTEXTS[index], &value);
            let page = page(value.clone());
            prop_assert_eq!(page.as_str(), patch, "context {}", name);
            Ok(())
        })
        .unwrap();
}
