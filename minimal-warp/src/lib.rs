//! A warp app with `datastar-core`'s `warp` feature alone (no axum, no tokio, serde or
//! futures of its own): a stream, signals read from a request, and the `Last-Event-ID`
//! of a reconnecting client.

use std::collections::HashMap;

use datastar_core::datastar;
use datastar_core::warp::{last_event_id, read_signals, recover};
use warp::Filter;

/// The routes, with refused signals answered by their reason.
pub fn routes() -> impl Filter<Extract = (warp::reply::Response,), Error = warp::Rejection> + Clone
{
    let greet = warp::path!("greet")
        .and(warp::post())
        .and(read_signals::<HashMap<String, String>>())
        .map(|signals: HashMap<String, String>| {
            let name = signals.get("name").cloned().unwrap_or_default();
            warp::Reply::into_response(datastar! {
                elements "<p id=\"greeting\">Hello, " (name) "</p>";
                wait 1s;
                signals { greeted: true };
            })
        });
    let feed = warp::path!("feed")
        .and(warp::get())
        .and(last_event_id())
        .map(|last: Option<datastar_core::LastEventId>| {
            let after = last.map(|id| id.0).unwrap_or_default();
            warp::Reply::into_response(datastar! {
                signals { after: (after) }, id = "1";
            })
        });
    greet.or(feed).unify().recover(recover).unify()
}
