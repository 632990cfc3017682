//! The live routes on actix-web (the `live_actix` example): the same page, stream and
//! command as on axum, so that instances of both can share one NATS log.

use actix_web::http::StatusCode;
use actix_web::{Either, HttpResponse, Responder, web};
use bytes::Bytes;
use datastar_core::actix::{LastEventId, ReadSignals};
use datastar_live::Log;

use super::{Command, Live, LogChoice, Refused, SetupError};

/// Adds the live routes on `log` to an app.
pub fn configure<L: Log<Message = Bytes>>(live: Live<L>) -> impl FnOnce(&mut web::ServiceConfig) {
    move |config| {
        config
            .app_data(web::Data::new(live))
            .app_data(crate::compression_settings())
            .route("/live", web::get().to(|| async { super::page() }))
            .route("/live/stream", web::get().to(stream::<L>))
            .route("/live/command", web::post().to(command::<L>))
            .route("/live/producers", web::get().to(producers::<L>));
        if let Some(client) = crate::local_client() {
            config.service(client.clone().actix_resource());
        }
    }
}

/// Serves the live routes on `listener`, on the log the environment asks for, until
/// `SIGTERM` or Ctrl-C; then the [`shutdown`](crate::shutdown) switch ends the open
/// streams and the server stops gracefully (actix-web's own signal handling is off: it
/// would keep the streams open for its `shutdown_timeout`).
pub fn serve_until_signal(listener: std::net::TcpListener) -> Result<(), SetupError> {
    actix_web::rt::System::new().block_on(async move {
        match super::log_from_env().await? {
            LogChoice::Memory(log) => serve_on(listener, log).await?,
            LogChoice::Nats(log) => serve_on(listener, log).await?,
        }
        Ok(())
    })
}

async fn serve_on<L: Log<Message = Bytes>>(
    listener: std::net::TcpListener,
    log: L,
) -> std::io::Result<()> {
    let live = Live::new(log);
    crate::frameworks::actix::run_until_signal(listener, move || configure(live.clone())).await
}

fn refused(refused: Refused) -> HttpResponse {
    HttpResponse::new(
        StatusCode::from_u16(refused.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    )
}

async fn stream<L: Log<Message = Bytes>>(
    live: web::Data<Live<L>>,
    last: Option<LastEventId>,
) -> impl Responder {
    match super::stream(live.get_ref().clone(), last.as_ref()).await {
        Ok(events) => Either::Left(events),
        Err(refusal) => Either::Right(refused(refusal)),
    }
}

async fn command<L: Log<Message = Bytes>>(
    live: web::Data<Live<L>>,
    ReadSignals(command): ReadSignals<Command>,
) -> impl Responder {
    match super::command(&live, command).await {
        Ok(Some(events)) => Either::Left(events),
        Ok(None) => Either::Right(HttpResponse::NoContent().finish()),
        Err(refusal) => Either::Right(refused(refusal)),
    }
}

async fn producers<L: Log<Message = Bytes>>(live: web::Data<Live<L>>) -> String {
    live.producers()
}
