use super::*;

/// Content of the first event.
pub const ELEMENTS: &str = r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
/// JSON of the second event.
pub const SIGNALS: &str = r#"{"hal":"Affirmative, Dave. I read you.","count":3}"#;
/// Selector of the third event (`mode remove`).
pub const REMOVE: &str = "#pod-bay-doors";
/// The script of the fourth event.
pub const SCRIPT: &str = "console.log('Daisy, Daisy, give me your answer, do')";
/// The URL of the fifth event.
pub const REDIRECT: &str = "/guide";

/// The expected bytes of the five events.
pub const WIRE: &str = "event: datastar-patch-elements\n\
    data: elements <div id=\"hal\">I'm sorry, Dave. I'm afraid I can't do that.</div>\n\n\
    event: datastar-patch-signals\n\
    data: signals {\"hal\":\"Affirmative, Dave. I read you.\",\"count\":3}\n\n\
    event: datastar-patch-elements\n\
    data: selector #pod-bay-doors\n\
    data: mode remove\n\n\
    event: datastar-patch-elements\n\
    data: selector body\n\
    data: mode append\n\
    data: elements <script data-effect=\"el.remove()\">console.log('Daisy, Daisy, give me your answer, do')</script>\n\n\
    event: datastar-patch-elements\n\
    data: selector body\n\
    data: mode append\n\
    data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/guide\")</script>\n\n";

/// The five events encoded with the builders.
pub fn builder_events() -> [Event; 5] {
    let encoded = [
        PatchElements::new(ELEMENTS).encode(),
        PatchSignals::new(SIGNALS).encode(),
        PatchElements::remove(REMOVE).encode(),
        ExecuteScript::new(SCRIPT).encode(),
        Redirect::new(REDIRECT).encode(),
    ];
    encoded.map(|event| event.expect("valid event"))
}

/// The five events with the official crate. It has no redirect helper; its docs
/// build the same script by hand.
pub fn official_events() -> [datastar::DatastarEvent; 5] {
    use datastar::prelude::{ExecuteScript, PatchElements, PatchSignals};
    [
        PatchElements::new(ELEMENTS).into_datastar_event(),
        PatchSignals::new(SIGNALS).into_datastar_event(),
        PatchElements::new_remove(REMOVE).into_datastar_event(),
        ExecuteScript::new(SCRIPT).into_datastar_event(),
        ExecuteScript::new(r#"setTimeout(() => window.location.href = "/guide")"#)
            .into_datastar_event(),
    ]
}

/// The five events in `datastar!` (all static: the macro sends them as one chunk).
pub fn macro_events() -> impl Stream<Item = Event> + IntoResponse + Send + 'static {
    datastar! {
        elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
        signals { hal: "Affirmative, Dave. I read you.", count: 3 };
        remove "#pod-bay-doors";
        script "console.log('Daisy, Daisy, give me your answer, do')";
        redirect "/guide";
    }
}

/// The `datastar!` stream, drained.
pub async fn datastar_macro<S: Sink>(sink: S) -> S {
    drain(macro_events(), sink).await
}

/// The builders' events in an [`EventStream`], drained.
pub async fn builder<S: Sink>(sink: S) -> S {
    let events = EventStream::new(futures_util::stream::iter(builder_events()));
    drain(events, sink).await
}

/// The official crate's events in a stream, drained, each written out as SSE text.
pub async fn official<S: Sink>(sink: S) -> S {
    drain_official(futures_util::stream::iter(official_events()), sink).await
}

/// A copy of the expected bytes.
pub async fn memcpy<S: Sink>(sink: S) -> S {
    copy_of(WIRE.as_bytes(), sink)
}
