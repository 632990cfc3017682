use super::*;

/// The `datastar!` stream as an axum response, body collected.
pub async fn datastar_macro<S: Sink>(sink: S) -> S {
    collect_body(w4::macro_events().into_response(), sink).await
}

/// `EventStream` (our axum response) of the builders' events, body collected.
pub async fn builder<S: Sink>(sink: S) -> S {
    let events = EventStream::new(futures_util::stream::iter(w4::builder_events()));
    collect_body(events.into_response(), sink).await
}

/// The official crate's axum path: `write_as_axum_sse_event` into `axum::response::Sse`,
/// body collected.
pub async fn official<S: Sink>(sink: S) -> S {
    use datastar::prelude::{ExecuteScript, PatchElements, PatchSignals};
    let events = [
        PatchElements::new(w4::ELEMENTS).write_as_axum_sse_event(),
        PatchSignals::new(w4::SIGNALS).write_as_axum_sse_event(),
        PatchElements::new_remove(w4::REMOVE).write_as_axum_sse_event(),
        ExecuteScript::new(w4::SCRIPT).write_as_axum_sse_event(),
        ExecuteScript::new(r#"setTimeout(() => window.location.href = "/guide")"#)
            .write_as_axum_sse_event(),
    ];
    let stream = futures_util::stream::iter(events.map(Ok::<_, Infallible>));
    collect_body(axum::response::Sse::new(stream).into_response(), sink).await
}

/// A copy of the expected bytes.
pub async fn memcpy<S: Sink>(sink: S) -> S {
    copy_of(w4::WIRE.as_bytes(), sink)
}
