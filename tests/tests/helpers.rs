//! The helper statements (`console_log`, `console_error`, `dispatch`, `replace_url`,
//! `prefetch`): exact bytes, the same from a literal, from holes and expressions, and
//! from the builders; and their run-time refusals.

use datastar_core::prelude::*;
use datastar_core::testing::drain;
use datastar_core::{ConsoleLog, DispatchEvent, Prefetch, ReplaceUrl};

fn builder(event: Result<Event, datastar_core::EncodeError>) -> String {
    String::from_utf8(event.unwrap().as_bytes().to_vec()).unwrap()
}

const HEAD: &str =
    "event: datastar-patch-elements\ndata: selector body\ndata: mode append\ndata: elements ";

#[test]
fn console_messages_arrive_as_written() {
    let expected = format!(
        "{HEAD}<script data-effect=\"el.remove()\">console.log(\"Hello, \\u003c/script>Dave \\\"42\\\"!\")</script>\n\n"
    );
    let name = "</script>Dave";
    let n = 42;
    assert_eq!(
        drain(datastar! { console_log "Hello, </script>Dave \"42\"!"; }),
        expected
    );
    assert_eq!(
        drain(datastar! { console_log "Hello, " (name) " \"" (n) "\"!"; }),
        expected
    );
    let message = format!("Hello, {name} \"{n}\"!");
    let copy = message.clone();
    assert_eq!(drain(datastar! { console_log (copy); }), expected);
    assert_eq!(
        builder(ConsoleLog::new(message.as_str()).encode()),
        expected
    );
    let error = drain(datastar! { console_error "line 1\nline 2", id = "e1"; });
    assert_eq!(
        error,
        "event: datastar-patch-elements\nid: e1\ndata: selector body\ndata: mode append\ndata: elements <script data-effect=\"el.remove()\">console.error(\"line 1\\nline 2\")</script>\n\n"
    );
    assert_eq!(
        builder(ConsoleLog::error("line 1\nline 2").id("e1").encode()),
        error
    );
}

#[test]
fn dispatch_sends_a_custom_event() {
    let expected = format!(
        "{HEAD}<script data-effect=\"el.remove()\">(() => {{ const event = new CustomEvent(\"pod-bay-doors\", {{bubbles: true, cancelable: false, composed: true, detail: {{\"open\":false,\"who\":\"\\u003cDave>\"}}}}); const targets = document.querySelectorAll(\"#hal\"); for (const target of targets) target.dispatchEvent(event); }})()</script>\n\n"
    );
    let who = "<Dave>";
    assert_eq!(
        drain(
            datastar! { dispatch "pod-bay-doors", detail = { open: false, who: "<Dave>" }, selector = "#hal", cancelable = false; }
        ),
        expected
    );
    assert_eq!(
        drain(
            datastar! { dispatch "pod-bay-doors", detail = { open: false, who: (who) }, selector = "#hal", cancelable = false; }
        ),
        expected
    );
    let name = String::from("pod-bay-doors");
    let selector = "#hal";
    assert_eq!(
        drain(
            datastar! { dispatch (name), detail = { open: false, who: (who) }, selector = (selector), cancelable = false; }
        ),
        expected
    );
    let builder_event = DispatchEvent::new("pod-bay-doors")
        .detail(&serde_json::json!({"open": false, "who": "<Dave>"}))
        .unwrap()
        .selector("#hal")
        .cancelable(false)
        .encode();
    assert_eq!(builder(builder_event), expected);
    // No detail and no selector: `null`, on `document`.
    assert!(
        drain(datastar! { dispatch "saved", bubbles; })
            .contains("detail: null}); const targets = [document];")
    );
    // A name no listener matches ends the stream.
    let bad = String::from("podBayDoors");
    assert_eq!(
        drain(datastar! { dispatch (bad); signals { after: true }; }),
        ""
    );
}

#[test]
fn replace_url_and_prefetch() {
    let expected = format!(
        "{HEAD}<script data-effect=\"el.remove()\">window.history.replaceState({{}}, \"\", \"/todos?filter=\\u003cdone>\")</script>\n\n"
    );
    assert_eq!(
        drain(datastar! { replace_url "/todos?filter=<done>"; }),
        expected
    );
    let url = String::from("/todos?filter=<done>");
    assert_eq!(drain(datastar! { replace_url (url); }), expected);
    assert_eq!(
        builder(ReplaceUrl::new("/todos?filter=<done>").encode()),
        expected
    );
    let elsewhere = "https://elsewhere.example/";
    assert_eq!(
        drain(datastar! { replace_url (elsewhere); signals { after: true }; }),
        ""
    );

    let expected = format!(
        "{HEAD}<script type=\"speculationrules\">{{\"prefetch\":[{{\"source\":\"list\",\"urls\":[\"/a\",\"/b?c=1\"]}}]}}</script>\n\n"
    );
    let second = "/b?c=1";
    assert_eq!(drain(datastar! { prefetch ["/a", "/b?c=1"]; }), expected);
    assert_eq!(drain(datastar! { prefetch ["/a", (second)]; }), expected);
    assert_eq!(builder(Prefetch::new(["/a", "/b?c=1"]).encode()), expected);
    let script = "javascript:alert(1)";
    assert_eq!(
        drain(datastar! { prefetch [(script)]; signals { after: true }; }),
        ""
    );
}
