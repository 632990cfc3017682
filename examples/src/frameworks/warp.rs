//! The framework apps on warp 0.4.

use datastar_core::warp::{
    last_event_id as read_last_event_id, optional_signals, read_signals, read_signals_with_limit,
};
use serde_json::Value;
use warp::Filter;
use warp::Reply;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use super::{Probe, SMALL_LIMIT, echo, last_event_id, quiz_page};

/// The quiz, the SDK endpoint and the probes.
pub fn routes() -> BoxedFilter<(Response,)> {
    let probe = Probe::default();
    let with_probe = {
        let probe = probe.clone();
        warp::any().map(move || probe.clone())
    };
    let quiz = warp::path!("quiz")
        .and(warp::get())
        .map(|| quiz_page().into_response());
    let question = warp::path!("quiz" / "question")
        .and(warp::get())
        .and(with_probe.clone())
        .map(|probe: Probe| probe.question().into_response());
    let answer = warp::path!("quiz" / "answer")
        .and(warp::post())
        .and(read_signals::<crate::quiz::QuizSignals>())
        .map(|signals| crate::quiz::verdict(signals).into_response());
    let sdk_test = warp::path!("test")
        .and(
            warp::get()
                .or(warp::post())
                .unify()
                .or(warp::delete())
                .unify(),
        )
        .and(read_signals::<crate::sdk_test::Input>())
        .map(|input: crate::sdk_test::Input| crate::sdk_test::respond(&input).into_response());
    let plain = warp::path!("probe" / "plain")
        .and(warp::get())
        .map(|| super::plain().into_response());
    let stream = warp::path!("probe" / "stream")
        .and(warp::get())
        .and(with_probe.clone())
        .map(|probe: Probe| probe.stream().into_response());
    let release = warp::path!("probe" / "release")
        .and(warp::post())
        .and(with_probe.clone())
        .map(|probe: Probe| {
            probe.release();
            warp::reply().into_response()
        });
    let producers = warp::path!("probe" / "producers")
        .and(warp::get())
        .and(with_probe)
        .map(|probe: Probe| probe.producers().into_response());
    let signals = warp::path!("probe" / "signals")
        .and(warp::post())
        .and(read_signals::<Value>())
        .map(|received| echo(received).into_response());
    let small = warp::path!("probe" / "small")
        .and(warp::post())
        .and(read_signals_with_limit::<Value>(SMALL_LIMIT))
        .map(|received| echo(received).into_response());
    let optional = warp::path!("probe" / "optional")
        .and(warp::get().or(warp::post()).unify())
        .and(optional_signals::<Value>())
        .map(|received: Option<Value>| echo(received.unwrap_or(Value::Null)).into_response());
    let last = warp::path!("probe" / "last-event-id")
        .and(warp::get())
        .and(read_last_event_id())
        .map(|last| last_event_id(last).into_response());
    let client = match crate::local_client() {
        Some(client) => client
            .clone()
            .warp_filter()
            .map(Reply::into_response)
            .boxed(),
        // The pages load the client from the CDN.
        None => warp::any()
            .and_then(|| async { Err::<Response, _>(warp::reject::not_found()) })
            .boxed(),
    };
    let routes = quiz
        .or(question)
        .unify()
        .or(answer)
        .unify()
        .or(sdk_test)
        .unify()
        .or(stream)
        .unify()
        .or(release)
        .unify()
        .or(producers)
        .unify()
        .or(signals)
        .unify()
        .or(small)
        .unify()
        .or(optional)
        .unify()
        .or(last)
        .unify()
        .or(plain)
        .unify()
        .or(client)
        .unify()
        .or(super::probe_client()
            .clone()
            .warp_filter()
            .map(Reply::into_response))
        .unify()
        .recover(datastar_core::warp::recover)
        .unify();
    // Event streams are compressed when the client accepts a coding.
    datastar_core::warp::compressed(crate::compression_settings(), routes).boxed()
}

/// Serves the routes on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener) {
    warp::serve(routes()).incoming(listener).run().await;
}

/// Serves the routes on `listener` until `SIGTERM` or Ctrl-C, then shuts down gracefully:
/// the [`shutdown`](crate::shutdown) switch ends the open streams, so the connections
/// finish.
pub async fn serve_until_signal(listener: tokio::net::TcpListener) {
    warp::serve(routes())
        .incoming(listener)
        .graceful(crate::shutdown().clone().wait_for_signal())
        .run()
        .await;
}
