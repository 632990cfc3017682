//! Datastar 1.0 server-sent events for Rust, checked at compile time.
//!
//! [Datastar](https://data-star.dev) pages are driven by the server: a request answered
//! with a stream of `datastar-patch-elements` and `datastar-patch-signals` events. This
//! crate writes those events and serves them with axum. Most handlers use the
//! [`datastar!`] macro, whose body reads like the stream it sends and which refuses at
//! compile time what the Datastar 1.0 browser client would reject or silently ignore:
//!
//! ```
//! use datastar_core::prelude::*;
//!
//! // The redirect how-to from the Datastar docs.
//! async fn redirect() -> impl IntoResponse {
//!     datastar! {
//!         elements r#"<div id="indicator">Redirecting in 3 seconds...</div>"#;
//!         wait 3s;
//!         redirect "/guide";
//!     }
//! }
//! ```
//!
//! Static events are rendered to their exact wire bytes at compile time and stream
//! without allocating. The builders ([`PatchElements`], [`PatchSignals`],
//! [`ExecuteScript`], [`Redirect`]) produce the same bytes at run time, for code that
//! does not use the macro:
//!
//! ```
//! use datastar_core::{EventStream, PatchElements, Redirect};
//!
//! let events = [
//!     PatchElements::new(r#"<div id="indicator">Redirecting in 3 seconds...</div>"#).encode()?,
//!     Redirect::new("/guide").encode()?,
//! ];
//! assert!(events[1].as_bytes().starts_with(b"event: datastar-patch-elements\n"));
//! # Ok::<(), datastar_core::EncodeError>(())
//! ```
//!
//! # Documentation
//!
//! * [`docs::dsl`]: the `datastar!` reference (every statement, option and refusal).
//! * [`docs::escaping`]: what a template hole becomes wherever it stands, and why.
//! * [`docs::pages`]: pages and components with `html!`, the client, page responses.
//! * [`docs::guides`]: your first app, CQRS with one long-lived stream per page, commands
//!   that send nothing, and testing handlers.
//!
//! # Features
//!
//! * `axum` (default): [`EventStream`] is an axum response; `ReadSignals` reads the
//!   signals a Datastar action sends.
//! * `actix-web`: actix-web 4; [`EventStream`] is a `Responder`, `ReadSignals` and
//!   `LastEventId` are extractors (module `actix`).
//! * `rocket`: Rocket 0.5; [`EventStream`] is a `Responder`, `ReadSignals` a data and
//!   request guard (module `rocket`).
//! * `warp`: warp 0.4; [`EventStream`] is a `Reply`, `warp::read_signals` and friends are
//!   filters (module `warp`).
//! * `http-body`: any server on `http` 1.x (hyper, tower, …): [`EventStream`] into an
//!   `http::Response` whose body implements `http_body::Body` (module `body`).
//! * `testing`: `testing::drain` and friends, for unit tests of handlers on a paused
//!   clock.
//! * `maud`: `maud::Markup` as element content.
//! * `compression` (or one codec: `compression-br`, `compression-zstd`,
//!   `compression-gzip`): module `compression`, brotli, zstd and gzip for event streams,
//!   flushed after every event; with `axum`, a tower layer that applies it.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "http-body")]
pub mod body;
pub mod client;
mod contract;
mod elements;
mod error;
mod event;
pub mod frames;
mod helpers;
mod markup;
mod one_shot;
pub mod request;
mod script;
pub mod send;
pub mod shutdown;
mod signals;
mod stream;
mod template;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(any_codec)]
pub mod compression;
#[cfg(feature = "rocket")]
pub mod rocket;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "warp")]
pub mod warp;

/// Which URLs a value may become: what template holes in URL attributes and redirects
/// are checked against.
pub mod url {
    pub use datastar_wire::url::{ALLOWED_SCHEMES, REFUSED_URL, UrlPolicy, is_allowed};
}

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

/// The reference and the guides, shipped with the crate: every example in them is
/// compiled (and, where it does not start a server, run) as a doctest.
pub mod docs {
    #[doc = include_str!("../docs/dsl.md")]
    pub mod dsl {}

    #[doc = include_str!("../docs/escaping.md")]
    pub mod escaping {}

    #[doc = include_str!("../docs/pages.md")]
    pub mod pages {}

    /// Guides: each a complete program, from the dependencies to `main`.
    pub mod guides {
        #[doc = include_str!("../docs/guides/first-app.md")]
        pub mod first_app {}

        #[doc = include_str!("../docs/guides/cqrs.md")]
        pub mod cqrs {}

        #[doc = include_str!("../docs/guides/commands.md")]
        pub mod commands {}

        #[doc = include_str!("../docs/guides/testing.md")]
        pub mod testing {}

        #[doc = include_str!("../docs/guides/typed-signals.md")]
        pub mod typed_signals {}
    }
}

pub use contract::{SignalType, Signals};
/// `#[derive(Signals)]`: the struct's fields (named as serde serializes them) become the
/// signals its templates are checked against. See [`Signals`](trait@Signals).
pub use datastar_macros::Signals;
pub use datastar_wire::{Mode, Namespace, UnknownName};
pub use elements::PatchElements;
pub use error::EncodeError;
pub use event::{DEFAULT_RETRY, Event};
pub use helpers::{ConsoleLog, DispatchEvent, Prefetch, ReplaceUrl};
pub use markup::Markup;
pub use one_shot::OneShot;
pub use script::{ExecuteScript, Redirect};
pub use send::IntoEvents;
pub use shutdown::Shutdown;
pub use signals::{PatchSignals, SignalValue};
pub use stream::{BoxedEvents, DEFAULT_KEEP_ALIVE, EndOnError, EventStream};
pub use template::{Html, HtmlHole, JsHole, Raw};

#[cfg(feature = "axum")]
pub use crate::axum::ReadSignals;
pub use crate::request::LastEventId;

/// Everything a handler needs: `use datastar_core::prelude::*;`.
pub mod prelude {
    #[cfg(feature = "axum")]
    pub use crate::axum::ReadSignals;
    pub use crate::{
        Event, EventStream, ExecuteScript, IntoEvents, LastEventId, Markup, Mode, Namespace,
        PatchElements, PatchSignals, Raw, Redirect, Signals,
    };
    pub use crate::{datastar, html};
    #[cfg(feature = "axum")]
    pub use ::axum::response::IntoResponse;
    pub use futures_core::Stream;
}

/// Describes a Datastar SSE response; checked at compile time, pre-rendered where static.
///
/// The full reference (every statement, option and compile-time refusal) is
/// [`docs::dsl`](crate::docs::dsl). In short:
///
/// | statement | sends |
/// |---|---|
/// | `elements CONTENT [, option]*;` | `datastar-patch-elements` |
/// | `remove "SELECTOR" [, option]*;` | patch-elements with `mode remove` |
/// | `signals { key: value, … } [, only_if_missing];` / `signals EXPR;` | `datastar-patch-signals` |
/// | `script CONTENT [, auto_remove = false] [, attributes = { name: "v" }];` | a `<script>` appended to `body` |
/// | `redirect URL;` | a script that navigates (`setTimeout`, for Firefox history) |
/// | `wait 3s;` / `wait 250ms;` / `wait EXPR;` | a pause between events |
/// | `send EXPR;` | an [`Event`], a builder, or a stream of events made elsewhere |
///
/// Options: `selector = "…"`, `mode = append`, `view_transition`,
/// `view_transition_selector = "…"`, `namespace = svg | mathml`, and on any event
/// `id = "…"`, `retry = 5s`. CONTENT is a template — string literals and `(expr)` holes,
/// each hole escaped for where it sits in the HTML ([`docs::escaping`](crate::docs::escaping)),
/// with `for PAT in EXPR { … }` loops and `if COND { … } else { … }` choices over such
/// parts — or any expression implementing [`Html`]. Ordinary Rust (`let`, `if`, `match`,
/// `for`, `while`, `loop`, `.await`, `?`, `return;`) may stand between statements; an
/// error (or `None`) from `?` is logged and ends the stream.
///
/// One handler that answers with different events writes one `datastar!` with the `if`
/// inside it (as below): two `datastar!` in the arms of an `if` are different types.
///
/// The result is an [`EventStream`]: a `Stream<Item = Event>` that is also an axum
/// response, and owns what it captures.
///
/// ```
/// use datastar_core::prelude::*;
///
/// async fn hal(open: bool) -> impl IntoResponse {
///     datastar! {
///         if open {
///             signals { hal: "Affirmative, Dave. I read you." };
///         } else {
///             elements "<div id=\"hal\">I'm sorry, Dave. I'm afraid I can't do " ("that") ".</div>";
///         }
///         wait 1s;
///         signals { hal: "..." };
///     }
/// }
/// ```
#[macro_export]
macro_rules! datastar {
    ($($body:tt)*) => {
        $crate::__private::datastar_inner!(($crate) $($body)*)
    };
}

/// Renders a page or a component: the template syntax of `elements` content (string
/// literals, `(expr)` holes, `for`, `if`/`else if`/`else`, `Raw`), read by the same
/// checker and escaped by the same rules as `datastar!`, into one [`Markup`] buffer.
///
/// A template that starts with `<!doctype html>` is a whole document, checked as the
/// browser parses one (what `<head>` may hold, what moves into `<body>`); anything else is
/// a fragment: a component. A [`Markup`] hole in HTML text is inserted as it is; in any
/// other place it does not compile. See [`docs::pages`](crate::docs::pages).
///
/// ```
/// use datastar_core::prelude::*;
///
/// fn counter(count: u32) -> Markup {
///     html! { "<span id=\"count\">" (count) "</span>" }
/// }
///
/// let title = "Pod <bay> doors";
/// let page = html! {
///     "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" (title) "</title>"
///     (datastar_core::client::CDN_SCRIPT)
///     "</head><body data-signals=\"{count: 0}\"><h1>" (title) "</h1>" (counter(0)) "</body></html>"
/// };
/// assert!(page.as_str().contains("<title>Pod &lt;bay&gt; doors</title>"));
/// assert!(page.as_str().contains("<span id=\"count\">0</span>"));
/// ```
#[macro_export]
macro_rules! html {
    ($($body:tt)*) => {
        $crate::__private::html_inner!(($crate) $($body)*)
    };
}
