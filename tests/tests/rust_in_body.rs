//! The Rust between statements: `?`, `return`, `yield`, and `send` for events made
//! elsewhere (builders, helper functions, other `datastar!` streams).

use datastar_core::prelude::*;
use datastar_core::testing::drain;

const DOORS: &str = "event: datastar-patch-signals\ndata: signals {\"doors\":\"closed\"}\n\n";

#[test]
fn question_mark_on_none_or_err_ends_the_stream() {
    let no_crew: Vec<&str> = Vec::new();
    let crew = &no_crew;
    let sse = drain(datastar! {
        signals { doors: "closed" };
        let first = crew.first()?;
        signals { first: (first) };
    });
    assert_eq!(sse, DOORS);

    let sse = drain(datastar! {
        signals { doors: "closed" };
        let count: u32 = "many".parse()?;
        signals { count: (count) };
    });
    assert_eq!(sse, DOORS);

    // `Err(error)?;` ends the stream on purpose.
    let sse = drain(datastar! {
        signals { doors: "closed" };
        if crew.is_empty() {
            Err("no crew")?;
        }
        signals { crew: (crew) };
    });
    assert_eq!(sse, DOORS);

    // Inside a closure, `?` belongs to the closure.
    let sse = drain(datastar! {
        let parse = |text: &str| -> Option<u32> { Some(text.parse::<u32>().ok()? + 1) };
        signals { doors: "closed", next: (parse("41")) };
    });
    assert!(sse.contains("\"next\":42"), "{sse}");
}

#[test]
fn return_ends_the_stream() {
    for open in [false, true] {
        let sse = drain(datastar! {
            signals { doors: "closed" };
            if !open {
                return;
            }
            signals { doors: "open" };
        });
        let events = sse.matches("event: ").count();
        assert_eq!(events, if open { 2 } else { 1 });
    }
}

fn crew_list<'a>(crew: &'a [&'a str]) -> impl Stream<Item = Event> + 'a {
    datastar! {
        elements "<ul id=\"crew\">" for name in crew { "<li>" (name) "</li>" } "</ul>";
        signals { count: (crew.len()) };
    }
}

#[test]
fn send_splices_events_builders_and_streams() {
    let crew = ["Dave", "Frank"];
    let sse = drain(datastar! {
        send PatchElements::new("<p id=\"hal\">I'm sorry, Dave.</p>");
        send crew_list(&crew);
        send PatchSignals::new(r#"{"doors":"closed"}"#).encode()?;
        yield ExecuteScript::new("console.log('bye')").encode()?;
        signals { done: true };
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: elements <p id=\"hal\">I'm sorry, Dave.</p>\n\n\
         event: datastar-patch-elements\ndata: elements <ul id=\"crew\"><li>Dave</li><li>Frank</li></ul>\n\n\
         event: datastar-patch-signals\ndata: signals {\"count\":2}\n\n\
         event: datastar-patch-signals\ndata: signals {\"doors\":\"closed\"}\n\n\
         event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script data-effect=\"el.remove()\">console.log('bye')</script>\n\n\
         event: datastar-patch-signals\ndata: signals {\"done\":true}\n\n"
    );
}

#[test]
fn a_builder_that_cannot_encode_ends_the_stream() {
    let sse = drain(datastar! {
        signals { doors: "closed" };
        send Redirect::new("javascript:alert(1)");
        signals { doors: "open" };
    });
    assert_eq!(sse, DOORS);
}

/// One handler, two different streams: one `datastar!` with the `if` inside (two macros
/// would be two different types).
async fn hal(open: bool) -> impl IntoResponse {
    datastar! {
        if open {
            signals { doors: "open" };
        } else {
            send crew_list(&["Dave"]);
        }
    }
}

#[tokio::test]
async fn one_macro_with_the_branch_inside() {
    let response = hal(false).await.into_response();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&body).contains("<li>Dave</li>"));
}
