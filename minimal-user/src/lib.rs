//! A crate that depends on `datastar-core` alone, renamed to `ds`, with none of its
//! features: it proves that `datastar!` expansions name nothing from the caller's imports
//! or dependencies (no `async-stream`, `serde_json`, `tokio` or `axum` here).
//!
//! There is deliberately no `use ds::prelude::*;` in this file, and no `datastar_core`
//! name anywhere.

use std::fmt;

/// A value with only a `Display` impl, used in an HTML hole.
pub struct Crew(pub &'static str);

impl fmt::Display for Crew {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Every statement and option, with static and dynamic values, and ordinary Rust
/// (`let`, `if`, `match`, `for`, `?`) between statements.
pub fn everything(
    name: &'static str,
    items: Vec<u32>,
    count: &'static str,
) -> impl ds::prelude::Stream<Item = ds::Event> {
    ds::datastar! {
        let crew = Crew(name);
        elements "<div id=\"hal\" title=\"" (name) "\" data-text=\"$greeting + " (name) "\">"
            (crew) "<script>let who = " (name) ";</script></div>";
        elements "<li id=\"item\">new</li>", selector = "#list", mode = append, view_transition,
            view_transition_selector = "#main", id = "e1", retry = 5s;
        elements "<circle id=\"dot\" r=\"5\"/>", selector = "#vis", mode = inner, namespace = svg;
        elements (String::from("<p id=\"raw\">raw</p>")), selector = (format!("#{name}"));
        remove "#gone", id = (name);
        let parsed: u32 = count.parse()?;
        signals { total: (parsed + 1), nested: { flag: true, list: [1, -2.5, null, "x"] } }, only_if_missing;
        signals (ds::__private::Duration::from_millis(5).as_millis() as u64 == 5);
        for item in items {
            if item % 2 == 0 {
                signals { even: (item) };
            } else {
                match item {
                    1 => { script "console.log(" (item) ")", auto_remove = false, attributes = { type: "module", data-who: (name) }; }
                    _ => {}
                }
            }
        }
        script (format!("console.log({parsed})"));
        wait 250ms;
        wait (ds::__private::Duration::from_millis(1));
        redirect (format!("/crew/{name}"));
    }
}

/// The redirect how-to, fully static.
pub fn redirect() -> impl ds::prelude::Stream<Item = ds::Event> {
    ds::datastar! {
        elements r#"<div id="indicator">Redirecting in 3 seconds...</div>"#;
        wait 3s;
        redirect "/guide";
    }
}

/// Template loops (nested, in a script too), with a dynamic option evaluated before
/// the buffer is sized.
pub fn loops(
    crew: Vec<(&'static str, Vec<&'static str>)>,
) -> impl ds::prelude::Stream<Item = ds::Event> {
    ds::datastar! {
        elements "<ul id=\"crew\">"
            for (n, (name, roles)) in crew.iter().enumerate() {
                "<li id=\"crew-" (n) "\">" (Crew(name)) for role in roles { " <b>" (role) "</b>" } "</li>"
            }
            "</ul>", id = (crew.len().to_string());
        script "const names = [];" for (name, _) in &crew { "names.push(" (name) ");" };
    }
}

/// Static events only: a plain static stream, no generator.
pub fn static_only() -> impl ds::prelude::Stream<Item = ds::Event> {
    ds::datastar! {
        elements r#"<div id="hal">I'm sorry, Dave.</div>"#;
        signals { hal: "Affirmative, Dave. I read you." };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// Polls `events` without any async runtime and returns the text of the events that
    /// are ready before the first `wait` (a `wait` needs tokio's timer); adjacent static events
    /// come as one chunk.
    fn ready_events(events: impl ds::prelude::Stream<Item = ds::Event>, chunks: usize) -> String {
        let mut events = pin!(events);
        let mut context = Context::from_waker(Waker::noop());
        let mut text = String::new();
        for _ in 0..chunks {
            match events.as_mut().poll_next(&mut context) {
                Poll::Ready(Some(event)) => {
                    text.push_str(std::str::from_utf8(event.as_bytes()).unwrap());
                }
                other => panic!("expected an event, got ready = {}", other.is_ready()),
            }
        }
        text
    }

    #[test]
    fn static_redirect_indicator() {
        assert_eq!(
            ready_events(redirect(), 1),
            "event: datastar-patch-elements\n\
             data: elements <div id=\"indicator\">Redirecting in 3 seconds...</div>\n\n"
        );
    }

    #[test]
    fn template_loops() {
        let crew = vec![("Dave", vec!["commander", "<pilot>"]), ("HAL", vec![])];
        assert_eq!(
            ready_events(loops(crew), 2),
            "event: datastar-patch-elements\n\
             id: 2\n\
             data: elements <ul id=\"crew\"><li id=\"crew-0\">Dave <b>commander</b> <b>&lt;pilot&gt;</b></li><li id=\"crew-1\">HAL</li></ul>\n\n\
             event: datastar-patch-elements\n\
             data: selector body\n\
             data: mode append\n\
             data: elements <script data-effect=\"el.remove()\">const names = [];names.push(\"Dave\");names.push(\"HAL\");</script>\n\n"
        );
    }

    #[test]
    fn static_bodies_are_one_static_event() {
        use ds::prelude::Stream as _;
        let mut events = pin!(static_only());
        let mut context = Context::from_waker(Waker::noop());
        let Poll::Ready(Some(event)) = events.as_mut().poll_next(&mut context) else {
            panic!("a static body is ready at once");
        };
        assert!(event.is_static());
        assert_eq!(
            std::str::from_utf8(event.as_bytes()).unwrap(),
            "event: datastar-patch-elements\n\
             data: elements <div id=\"hal\">I'm sorry, Dave.</div>\n\n\
             event: datastar-patch-signals\n\
             data: signals {\"hal\":\"Affirmative, Dave. I read you.\"}\n\n"
        );
        assert!(matches!(
            events.as_mut().poll_next(&mut context),
            Poll::Ready(None)
        ));
    }

    #[test]
    fn every_statement_before_the_first_wait() {
        let text = ready_events(everything("dave", vec![1, 2], "41"), 9);
        assert_eq!(
            text,
            "event: datastar-patch-elements\n\
             data: elements <div id=\"hal\" title=\"dave\" data-text=\"$greeting + &quot;dave&quot;\">dave<script>let who = \"dave\";</script></div>\n\n\
             event: datastar-patch-elements\n\
             id: e1\n\
             retry: 5000\n\
             data: selector #list\n\
             data: mode append\n\
             data: useViewTransition true\n\
             data: viewTransitionSelector #main\n\
             data: elements <li id=\"item\">new</li>\n\n\
             event: datastar-patch-elements\n\
             data: selector #vis\n\
             data: mode inner\n\
             data: namespace svg\n\
             data: elements <circle id=\"dot\" r=\"5\"/>\n\n\
             event: datastar-patch-elements\n\
             data: selector #dave\n\
             data: elements <p id=\"raw\">raw</p>\n\n\
             event: datastar-patch-elements\n\
             id: dave\n\
             data: selector #gone\n\
             data: mode remove\n\n\
             event: datastar-patch-signals\n\
             data: onlyIfMissing true\n\
             data: signals {\"total\":42,\"nested\":{\"flag\":true,\"list\":[1,-2.5,null,\"x\"]}}\n\n\
             event: datastar-patch-signals\n\
             data: signals true\n\n\
             event: datastar-patch-elements\n\
             data: selector body\n\
             data: mode append\n\
             data: elements <script type=\"module\" data-who=\"dave\">console.log(1)</script>\n\n\
             event: datastar-patch-signals\n\
             data: signals {\"even\":2}\n\n\
             event: datastar-patch-elements\n\
             data: selector body\n\
             data: mode append\n\
             data: elements <script data-effect=\"el.remove()\">console.log(41)</script>\n\n"
        );
    }
}
