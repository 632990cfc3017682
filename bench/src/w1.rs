use super::*;

/// The content, a literal in every way.
pub const HTML: &str = r#"<div id="counter">42</div>"#;
/// The expected bytes.
pub const WIRE: &str =
    "event: datastar-patch-elements\ndata: elements <div id=\"counter\">42</div>\n\n";

/// `datastar! { elements r#"<div id="counter">42</div>"#; }`, drained.
pub async fn datastar_macro<S: Sink>(sink: S) -> S {
    drain(
        datastar! { elements r#"<div id="counter">42</div>"#; },
        sink,
    )
    .await
}

/// `PatchElements::new(HTML).encode()`.
pub async fn builder<S: Sink>(mut sink: S) -> S {
    let event = PatchElements::new(HTML).encode().expect("valid event");
    sink.put(event.as_bytes());
    sink
}

/// The official crate: `PatchElements` to `DatastarEvent` to its SSE text.
pub async fn official<S: Sink>(mut sink: S) -> S {
    let event = datastar::prelude::PatchElements::new(HTML).into_datastar_event();
    sink.put(event.to_string().as_bytes());
    sink
}

/// A copy of the expected bytes.
pub async fn memcpy<S: Sink>(sink: S) -> S {
    copy_of(WIRE.as_bytes(), sink)
}
