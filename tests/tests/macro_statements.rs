//! Every statement and option of `datastar!`, with exact SSE bytes and, where the builder
//! API has the same feature, the same bytes from the builder.

use std::time::Duration;

use datastar_core::prelude::*;
use datastar_core::testing::{drain, drain_timeline};
use datastar_core::{
    DispatchEvent, EncodeError, ExecuteScript, Mode, Namespace, PatchElements, PatchSignals,
    Redirect,
};
use serde::Serialize;

fn text(event: Result<Event, EncodeError>) -> String {
    String::from_utf8(event.expect("the builder encodes").as_bytes().to_vec()).unwrap()
}

#[test]
fn elements_with_every_option() {
    let sse = drain(datastar! {
        elements r#"<li id="item">One</li>"#, selector = "#list", mode = append, view_transition,
            view_transition_selector = "#main", id = "event-1", retry = 5s;
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         id: event-1\n\
         retry: 5000\n\
         data: selector #list\n\
         data: mode append\n\
         data: useViewTransition true\n\
         data: viewTransitionSelector #main\n\
         data: elements <li id=\"item\">One</li>\n\n"
    );
    let builder = PatchElements::new(r#"<li id="item">One</li>"#)
        .selector("#list")
        .mode(Mode::Append)
        .view_transition(true)
        .view_transition_selector("#main")
        .id("event-1")
        .retry(Duration::from_secs(5))
        .encode();
    assert_eq!(text(builder), sse);
}

#[test]
fn every_mode_and_defaults_omitted() {
    let sse = drain(datastar! {
        elements r#"<p id="a">outer</p>"#, mode = outer, retry = 1s;
        elements "<p>inner</p>", selector = "#a", mode = inner;
        elements r#"<p id="a">replace</p>"#, mode = replace;
        elements "<p>prepend</p>", selector = "#a", mode = prepend;
        elements "<p>before</p>", selector = "#a", mode = before;
        elements "<p>after</p>", selector = "#a", mode = after;
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: elements <p id=\"a\">outer</p>\n\n\
         event: datastar-patch-elements\ndata: selector #a\ndata: mode inner\ndata: elements <p>inner</p>\n\n\
         event: datastar-patch-elements\ndata: mode replace\ndata: elements <p id=\"a\">replace</p>\n\n\
         event: datastar-patch-elements\ndata: selector #a\ndata: mode prepend\ndata: elements <p>prepend</p>\n\n\
         event: datastar-patch-elements\ndata: selector #a\ndata: mode before\ndata: elements <p>before</p>\n\n\
         event: datastar-patch-elements\ndata: selector #a\ndata: mode after\ndata: elements <p>after</p>\n\n"
    );
}

#[test]
fn namespace_svg_and_mathml() {
    let sse = drain(datastar! {
        elements r#"<circle id="dot" cx="10" r="5"/>"#, selector = "#vis", mode = append, namespace = svg;
        elements "<mi>x</mi>", selector = "#formula", mode = inner, namespace = mathml;
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: selector #vis\n\
         data: mode append\n\
         data: namespace svg\n\
         data: elements <circle id=\"dot\" cx=\"10\" r=\"5\"/>\n\n\
         event: datastar-patch-elements\n\
         data: selector #formula\n\
         data: mode inner\n\
         data: namespace mathml\n\
         data: elements <mi>x</mi>\n\n"
    );
    let builder = PatchElements::new(r#"<circle id="dot" cx="10" r="5"/>"#)
        .selector("#vis")
        .mode(Mode::Append)
        .namespace(Namespace::Svg)
        .encode();
    assert!(sse.starts_with(&text(builder)));
}

#[test]
fn multi_line_content_keeps_blank_lines() {
    let sse = drain(datastar! {
        elements "<pre id=\"log\">one\r\n\ntwo\rthree</pre>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: elements <pre id=\"log\">one\n\
         data: elements \n\
         data: elements two\n\
         data: elements three</pre>\n\n"
    );
    assert_eq!(
        text(PatchElements::new("<pre id=\"log\">one\r\n\ntwo\rthree</pre>").encode()),
        sse
    );
}

#[test]
fn holes_are_escaped_for_their_context() {
    let name = "<Dave & \"HAL\">";
    let sse = drain(datastar! {
        elements "<div id=\"hal\" title=\"" (name) "\" data-text=\"$greeting + " (name) "\">"
            (name) "<script>const who = " (name) ";</script></div>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: elements <div id=\"hal\" title=\"&lt;Dave &amp; &quot;HAL&quot;&gt;\" \
         data-text=\"$greeting + &quot;\\u003cDave \\u0026 \\u0022HAL\\u0022\\u003e&quot;\">\
         &lt;Dave &amp; &quot;HAL&quot;&gt;\
         <script>const who = \"\\u003cDave & \\\"HAL\\\">\";</script></div>\n\n"
    );
}

#[test]
fn url_holes_refuse_javascript_and_event_handlers_get_json() {
    fn link(url: &str, name: &str) -> impl Stream<Item = Event> {
        let (url, name) = (url.to_owned(), name.to_owned());
        datastar! {
            elements "<a id=\"link\" href=\"" (url) "\" onclick=\"track(" (name) ")\">" (name) "</a>";
        }
    }
    assert_eq!(
        drain(link("/items?a=1&b=2", "it's")),
        "event: datastar-patch-elements\n\
         data: elements <a id=\"link\" href=\"/items?a=1&amp;b=2\" \
         onclick=\"track(&quot;it\\u0027s&quot;)\">it&#39;s</a>\n\n"
    );
    assert_eq!(
        drain(link(
            " JavaScript:alert(document.cookie)",
            "x');alert(1);('"
        )),
        "event: datastar-patch-elements\n\
         data: elements <a id=\"link\" href=\"about:invalid#refused-url\" \
         onclick=\"track(&quot;x\\u0027)\\u003balert(1)\\u003b(\\u0027&quot;)\">x&#39;);alert(1);(&#39;</a>\n\n"
    );
    // With the scheme in the literal, the hole cannot change it: it is percent-encoded as
    // a component, with no check at run time.
    let path = "javascript:x";
    assert_eq!(
        drain(datastar! { elements "<a id=\"a\" href=\"/search?q=" (path) "\">s</a>"; }),
        "event: datastar-patch-elements\n\
         data: elements <a id=\"a\" href=\"/search?q=javascript%3Ax\">s</a>\n\n"
    );
}

#[test]
fn raw_is_the_visible_opt_out() {
    let trusted = "<em>trusted</em>";
    let sse = drain(datastar! {
        elements "<div id=\"a\">" (Raw(trusted)) "</div>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: elements <div id=\"a\"><em>trusted</em></div>\n\n"
    );
}

#[test]
fn holes_split_lines() {
    let text_with_lines = "a\nb";
    let sse = drain(datastar! {
        elements "<p id=\"p\">" (text_with_lines) "</p>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: elements <p id=\"p\">a\ndata: elements b</p>\n\n"
    );
}

#[test]
fn content_expressions_are_raw_html() {
    let markup = String::from("<ul id=\"list\">\n<li>1</li>\n</ul>");
    let sse = drain(datastar! {
        elements markup;
        elements ("<p id=\"x\">x</p>"), selector = "#x";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: elements <ul id=\"list\">\n\
         data: elements <li>1</li>\n\
         data: elements </ul>\n\n\
         event: datastar-patch-elements\n\
         data: selector #x\n\
         data: elements <p id=\"x\">x</p>\n\n"
    );
}

#[test]
fn remove_with_options() {
    let sse = drain(datastar! {
        remove "#target", view_transition, id = "r1", retry = 2s;
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         id: r1\n\
         retry: 2000\n\
         data: selector #target\n\
         data: mode remove\n\
         data: useViewTransition true\n\n"
    );
    assert_eq!(
        text(
            PatchElements::remove("#target")
                .view_transition(true)
                .id("r1")
                .retry(Duration::from_secs(2))
                .encode()
        ),
        sse
    );
}

#[derive(Serialize)]
struct Quiz {
    response: &'static str,
    answer: &'static str,
}

#[test]
fn signals_objects_values_and_expressions() {
    let count = 41;
    let sse = drain(datastar! {
        signals { "one": 1, two: 2 }, only_if_missing;
        signals { count: (count + 1), nested: { ok: true, gone: null, list: [1, -2.5, "x", [null]] }, r#type: "t" };
        signals Quiz { response: "", answer: "bread" }, id = "s1";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-signals\n\
         data: onlyIfMissing true\n\
         data: signals {\"one\":1,\"two\":2}\n\n\
         event: datastar-patch-signals\n\
         data: signals {\"count\":42,\"nested\":{\"ok\":true,\"gone\":null,\"list\":[1,-2.5,\"x\",[null]]},\"type\":\"t\"}\n\n\
         event: datastar-patch-signals\n\
         id: s1\n\
         data: signals {\"response\":\"\",\"answer\":\"bread\"}\n\n"
    );
    let builder = [
        text(PatchSignals::new(r#"{"one":1,"two":2}"#).only_if_missing(true).encode()),
        text(PatchSignals::new(r#"{"count":42,"nested":{"ok":true,"gone":null,"list":[1,-2.5,"x",[null]]},"type":"t"}"#).encode()),
        text(
            PatchSignals::json(&Quiz { response: "", answer: "bread" })
                .unwrap()
                .id("s1")
                .encode(),
        ),
    ]
    .concat();
    assert_eq!(builder, sse);
}

#[test]
fn script_with_attributes_and_auto_remove() {
    let nonce = "abc\"123";
    let sse = drain(datastar! {
        script "if (true) {\n  console.log('hello');\n}";
        script "import('/m.js')", auto_remove = false, attributes = { type: "module", nonce: (nonce) };
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script data-effect=\"el.remove()\">if (true) {\n\
         data: elements   console.log('hello');\n\
         data: elements }</script>\n\n\
         event: datastar-patch-elements\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script type=\"module\" nonce=\"abc&quot;123\">import('/m.js')</script>\n\n"
    );
    let builder = [
        text(ExecuteScript::new("if (true) {\n  console.log('hello');\n}").encode()),
        text(
            ExecuteScript::new("import('/m.js')")
                .auto_remove(false)
                .attribute("type", "module")
                .attribute("nonce", "abc\"123")
                .encode(),
        ),
    ]
    .concat();
    assert_eq!(builder, sse);
}

#[test]
fn script_holes_are_json_and_expressions_are_escaped() {
    let message = "</script><b>";
    let code = String::from("document.write('</script>')");
    let sse = drain(datastar! {
        script "alert(" (message) ")";
        script code;
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script data-effect=\"el.remove()\">alert(\"\\u003c/script>\\u003cb>\")</script>\n\n\
         event: datastar-patch-elements\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script data-effect=\"el.remove()\">document.write('<\\/script>')</script>\n\n"
    );
}

#[test]
fn redirect_static_and_dynamic() {
    let target = String::from("/search?q=</script>");
    // Two streams: nothing may follow a `redirect` in one stream.
    let sse = drain(datastar! {
        redirect "/a\"b";
    }) + &drain(datastar! {
        redirect target, id = "go";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/a\\\"b\")</script>\n\n\
         event: datastar-patch-elements\n\
         id: go\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/search?q=\\u003c/script>\")</script>\n\n"
    );
    let builder = [
        text(Redirect::new("/a\"b").encode()),
        text(Redirect::new("/search?q=</script>").id("go").encode()),
    ]
    .concat();
    assert_eq!(builder, sse);
}

fn waits() -> impl Stream<Item = Event> {
    datastar! {
        signals { step: 1 };
        wait 250ms;
        signals { step: 2 };
        wait 1.5s;
        signals { step: 3 };
        wait Duration::from_secs(2);
        signals { step: 4 };
    }
}

#[test]
fn wait_literals_and_expressions() {
    let times: Vec<Duration> = drain_timeline(waits())
        .into_iter()
        .map(|(at, _)| at)
        .collect();
    assert_eq!(
        times,
        [
            Duration::ZERO,
            Duration::from_millis(250),
            Duration::from_millis(1750),
            Duration::from_millis(3750)
        ]
    );
}

#[test]
fn dynamic_options_are_checked_at_run_time() {
    let good = "#list";
    let bad = "#list\ninjected";
    let events = drain(datastar! {
        elements "<li>1</li>", selector = (good), mode = append, id = (String::from("e1")), retry = (Duration::from_millis(1500));
        elements "<li>2</li>", selector = (bad), mode = append;
        elements "<li>3</li>", selector = (good), mode = append;
    });
    // A line break in a dynamic single-line value ends the stream (and is logged).
    assert_eq!(
        events,
        "event: datastar-patch-elements\n\
         id: e1\n\
         retry: 1500\n\
         data: selector #list\n\
         data: mode append\n\
         data: elements <li>1</li>\n\n"
    );
}

fn parse_and_send(input: &'static str) -> impl Stream<Item = Event> {
    datastar! {
        signals { status: "parsing" };
        let number: u32 = input.parse()?;
        signals { number: (number) };
    }
}

#[test]
fn question_mark_ends_the_stream() {
    assert_eq!(
        drain(parse_and_send("7")),
        "event: datastar-patch-signals\ndata: signals {\"status\":\"parsing\"}\n\n\
         event: datastar-patch-signals\ndata: signals {\"number\":7}\n\n"
    );
    assert_eq!(
        drain(parse_and_send("seven")),
        "event: datastar-patch-signals\ndata: signals {\"status\":\"parsing\"}\n\n"
    );
}

async fn next_item(items: &mut Vec<u32>) -> Option<u32> {
    tokio::task::yield_now().await;
    items.pop()
}

/// Owns what it captures: the returned stream is `'static`.
fn control_flow(names: Vec<String>, mut queue: Vec<u32>) -> impl Stream<Item = Event> + 'static {
    datastar! {
        let total = names.len();
        'names: for (index, name) in names.into_iter().enumerate() {
            if index == 2 {
                break 'names;
            } else if name.is_empty() {
                continue;
            } else {
                elements "<li>" (name) "</li>", selector = "#names", mode = append;
            }
        }
        match total {
            0 => { signals { empty: true }; }
            n if n > 2 => { signals { many: (n) }; }
            _ => {}
        }
        while let Some(item) = next_item(&mut queue).await {
            signals { item: (item) };
        }
        {
            let label = "done";
            elements "<p id=\"status\">" (label) "</p>";
        }
    }
}

#[test]
fn rust_control_flow_between_statements() {
    let sse = drain(control_flow(
        vec!["Dave".into(), String::new(), "Frank".into()],
        vec![1, 2],
    ));
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: selector #names\ndata: mode append\ndata: elements <li>Dave</li>\n\n\
         event: datastar-patch-signals\ndata: signals {\"many\":3}\n\n\
         event: datastar-patch-signals\ndata: signals {\"item\":2}\n\n\
         event: datastar-patch-signals\ndata: signals {\"item\":1}\n\n\
         event: datastar-patch-elements\ndata: elements <p id=\"status\">done</p>\n\n"
    );
}

#[test]
fn keywords_used_as_variables_are_rust() {
    let sse = drain(datastar! {
        let mut signals = vec![1];
        signals.push(2);
        let wait = signals.len();
        signals { count: (wait) };
    });
    assert_eq!(
        sse,
        "event: datastar-patch-signals\ndata: signals {\"count\":2}\n\n"
    );
}

/// What the browser builds as written compiles, to the bytes written: the tree-construction
/// rules refuse only what the browser would restructure (confirmed in Chromium by
/// `tests/tests/browser/markup.rs`).
#[test]
fn markup_the_browser_keeps_compiles_to_the_bytes_written() {
    let sse = drain(datastar! {
        elements "<ul id=\"a\"><div>grouped</div></ul>";
        elements "<todo-item id=\"b\"><div>custom</div></todo-item>";
        elements "<p id=\"c\">a chart <svg width=\"4\" height=\"4\"><circle r=\"2\"></circle></svg></p>";
        elements "<template id=\"d\"><tr><td>row</td></tr></template>";
        elements "<table id=\"e\"><tr><td>implied tbody</td></tr></table>";
        elements "<select id=\"f\"><button>pick</button><option>one</option></select>";
        elements "<form id=\"g\"><form></form></form>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: elements <ul id=\"a\"><div>grouped</div></ul>\n\n\
         event: datastar-patch-elements\ndata: elements <todo-item id=\"b\"><div>custom</div></todo-item>\n\n\
         event: datastar-patch-elements\ndata: elements <p id=\"c\">a chart <svg width=\"4\" height=\"4\"><circle r=\"2\"></circle></svg></p>\n\n\
         event: datastar-patch-elements\ndata: elements <template id=\"d\"><tr><td>row</td></tr></template>\n\n\
         event: datastar-patch-elements\ndata: elements <table id=\"e\"><tr><td>implied tbody</td></tr></table>\n\n\
         event: datastar-patch-elements\ndata: elements <select id=\"f\"><button>pick</button><option>one</option></select>\n\n\
         event: datastar-patch-elements\ndata: elements <form id=\"g\"><form></form></form>\n\n"
    );
}

/// A selector given as a value is checked at run time as the browser parses it: one the
/// client's `querySelectorAll` would throw on ends the stream before anything is sent
/// for it, as a line break does; the builders refuse it with the fix.
#[test]
fn selectors_from_values_are_checked_at_run_time() {
    let patch = |selector: &'static str| {
        drain(datastar! {
            elements "<i>x</i>", selector = (selector), mode = inner;
            dispatch "saved", selector = (selector);
            signals { after: 1 };
        })
    };
    let sent = patch("#todo-list > li:nth-child(2n+1)");
    assert!(
        sent.contains("data: selector #todo-list > li:nth-child(2n+1)\n"),
        "{sent}"
    );
    assert!(sent.contains("data: signals {\"after\":1}"), "{sent}");
    for unparsable in ["#1st", "li:hovr", "[data-on:click]", "a >"] {
        assert_eq!(patch(unparsable), "", "{unparsable}");
    }
    let error = PatchElements::new("<i>x</i>")
        .selector("#1st")
        .encode()
        .unwrap_err();
    assert!(matches!(
        error,
        EncodeError::InvalidSelector {
            field: "selector",
            ..
        }
    ));
    assert!(
        error
            .to_string()
            .contains("`[id=\"1st\"]` means the same and parses"),
        "{error}"
    );
    assert!(matches!(
        PatchElements::remove("a,").encode(),
        Err(EncodeError::InvalidSelector { .. })
    ));
    assert!(matches!(
        DispatchEvent::new("saved").selector("li:hovr").encode(),
        Err(EncodeError::InvalidSelector { .. })
    ));
    assert!(
        DispatchEvent::new("saved")
            .selector("li:hover")
            .encode()
            .is_ok()
    );
}
