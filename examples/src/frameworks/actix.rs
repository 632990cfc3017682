//! The framework apps on actix-web 4.

use actix_web::{App, HttpResponse, HttpServer, Responder, web};
use datastar_core::actix::{LastEventId, OptionalSignals, ReadSignals, SignalsBodyLimit};
use serde_json::Value;

use super::{Probe, SMALL_LIMIT, echo, last_event_id, quiz_page};
use crate::gallery::{active_search, progress_bar};

/// Adds the quiz, the SDK endpoint and the probes to an app.
pub fn configure(probe: Probe) -> impl FnOnce(&mut web::ServiceConfig) {
    move |config| {
        config
            .app_data(web::Data::new(probe))
            // Event streams are compressed when the client accepts a coding.
            .app_data(crate::compression_settings())
            .route("/quiz", web::get().to(quiz))
            .route("/quiz/question", web::get().to(question))
            .route("/quiz/answer", web::post().to(answer))
            .route("/test", web::get().to(sdk_test))
            .route("/test", web::post().to(sdk_test))
            .route("/test", web::delete().to(sdk_test))
            .route("/probe/stream", web::get().to(stream))
            .route("/probe/release", web::post().to(release))
            .route("/probe/producers", web::get().to(producers))
            .route("/probe/signals", web::post().to(signals))
            .service(
                web::resource("/probe/small")
                    .app_data(SignalsBodyLimit(SMALL_LIMIT))
                    .route(web::post().to(signals)),
            )
            .route("/probe/optional", web::get().to(optional))
            .route("/probe/optional", web::post().to(optional))
            .route("/probe/last-event-id", web::get().to(last))
            .route("/probe/plain", web::get().to(plain))
            // Two of the gallery's examples, on actix-web.
            .route(
                active_search::PATH,
                web::get().to(|| async { active_search::page_markup() }),
            )
            .route("/gallery/active-search/search", web::get().to(search))
            .route(
                progress_bar::PATH,
                web::get().to(|| async { progress_bar::page_markup() }),
            )
            .route(
                "/gallery/progress-bar/run",
                web::get().to(|| async { progress_bar::job() }),
            )
            .service(super::probe_client().clone().actix_resource());
        if let Some(client) = crate::local_client() {
            config.service(client.clone().actix_resource());
        }
    }
}

/// Serves the apps on `listener` until the process ends, on actix-web's own runtime (in
/// a thread of its own when called from elsewhere).
pub fn serve(listener: std::net::TcpListener) -> std::io::Result<()> {
    let probe = Probe::default();
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || App::new().configure(configure(probe.clone())))
            .workers(1)
            .listen(listener)?
            .run()
            .await
    })
}

/// [`serve`] until `SIGTERM` or Ctrl-C, then shut down gracefully: actix-web's own signal
/// handling is turned off (it would keep the open streams for its `shutdown_timeout`);
/// the [`shutdown`](crate::shutdown) switch ends them, then the server stops.
pub fn serve_until_signal(listener: std::net::TcpListener) -> std::io::Result<()> {
    let probe = Probe::default();
    actix_web::rt::System::new()
        .block_on(run_until_signal(listener, move || configure(probe.clone())))
}

/// Serves the app that `routes()` configures on `listener` until `SIGTERM` or Ctrl-C, then
/// shuts down gracefully: the [`shutdown`](crate::shutdown) switch ends the open streams,
/// then the server stops (actix-web's own signal handling is off: it would keep the
/// streams open for its `shutdown_timeout`). Call it on actix-web's runtime.
pub async fn run_until_signal<C>(
    listener: std::net::TcpListener,
    routes: impl Fn() -> C + Clone + Send + 'static,
) -> std::io::Result<()>
where
    C: FnOnce(&mut web::ServiceConfig),
{
    let server = HttpServer::new(move || App::new().configure(routes()))
        .workers(1)
        .disable_signals()
        .shutdown_timeout(5)
        .listen(listener)?
        .run();
    let handle = server.handle();
    actix_web::rt::spawn(async move {
        crate::shutdown().clone().wait_for_signal().await;
        handle.stop(true).await;
    });
    server.await
}

async fn quiz() -> datastar_core::Markup {
    quiz_page()
}

async fn question(probe: web::Data<Probe>) -> impl Responder {
    probe.question()
}

async fn answer(ReadSignals(signals): ReadSignals<crate::quiz::QuizSignals>) -> impl Responder {
    crate::quiz::verdict(signals)
}

async fn sdk_test(ReadSignals(input): ReadSignals<crate::sdk_test::Input>) -> impl Responder {
    crate::sdk_test::respond(&input)
}

async fn search(ReadSignals(signals): ReadSignals<active_search::Search>) -> impl Responder {
    active_search::found(signals)
}

async fn plain() -> impl Responder {
    super::plain()
}

async fn stream(probe: web::Data<Probe>) -> impl Responder {
    probe.stream()
}

async fn release(probe: web::Data<Probe>) -> HttpResponse {
    probe.release();
    HttpResponse::Ok().finish()
}

async fn producers(probe: web::Data<Probe>) -> String {
    probe.producers()
}

async fn signals(ReadSignals(received): ReadSignals<Value>) -> impl Responder {
    echo(received)
}

async fn optional(OptionalSignals(received): OptionalSignals<Value>) -> impl Responder {
    echo(received.unwrap_or(Value::Null))
}

async fn last(last: Option<LastEventId>) -> impl Responder {
    last_event_id(last)
}
