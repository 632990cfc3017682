//! `send EXPR;`: events made elsewhere (by the builders, by a helper function, by another
//! `datastar!`) sent from inside `datastar!`.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::{
    ConsoleLog, DispatchEvent, EncodeError, Event, ExecuteScript, PatchElements, PatchSignals,
    Prefetch, Redirect, ReplaceUrl,
};

/// What `send` takes in a `datastar!` body: one event, a builder (encoded when sent), or
/// a stream of events, sent in order before the statement after `send`.
///
/// ```
/// use datastar_core::prelude::*;
/// use datastar_core::testing::drain;
///
/// // A helper that renders one part of the page, usable from any handler.
/// fn crew_list<'a>(crew: &'a [&'a str]) -> impl Stream<Item = Event> + 'a {
///     datastar! {
///         elements "<ul id=\"crew\">" for name in crew { "<li>" (name) "</li>" } "</ul>";
///     }
/// }
///
/// let crew = ["Dave", "Frank"];
/// let sse = drain(datastar! {
///     send crew_list(&crew);
///     send PatchSignals::new(r#"{"count":2}"#);
///     send Redirect::new("/pod-bay").encode()?;
/// });
/// assert_eq!(sse.matches("event: ").count(), 3);
/// ```
///
/// Implement it for your own types (a component, a page section) to `send` them too.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent: `send` takes an `Event`, a builder or a `Stream` of `Event`s [send_not_events]",
    label = "not events",
    note = "a builder's `Result<Event, _>` (from `.encode()`) needs `?` first, or send the builder itself",
    note = "a value still to be computed (an `impl Future`) needs `.await`"
)]
pub trait IntoEvents: Sized {
    /// The next event of the value held in `slot` (taking it, for a single event); an
    /// error ends the response's stream (it is logged).
    fn poll_next_event(
        slot: Pin<&mut Slot<Self>>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Event, EncodeError>>>;
}

pin_project_lite::pin_project! {
    /// Where `send` keeps the value it sends from, pinned, until every event is out.
    pub struct Slot<T> {
        #[pin]
        value: Option<T>,
    }
}

impl<T: IntoEvents> Slot<T> {
    /// Holds `value` for sending. (The bound is here, on the value, so that a value that
    /// cannot be sent is reported at it with [`IntoEvents`]'s message.)
    pub fn new(value: T) -> Self {
        Slot { value: Some(value) }
    }

    /// The next event of the value, once every earlier one has been sent.
    pub async fn next(mut self: Pin<&mut Self>) -> Option<Result<Event, EncodeError>> {
        std::future::poll_fn(|cx| T::poll_next_event(self.as_mut(), cx)).await
    }
}

/// One event: `encode` gives it, taken from the slot on the first poll.
fn take_one<T: Unpin>(
    slot: Pin<&mut Slot<T>>,
    encode: impl FnOnce(T) -> Result<Event, EncodeError>,
) -> Poll<Option<Result<Event, EncodeError>>> {
    Poll::Ready(slot.project().value.get_mut().take().map(encode))
}

impl IntoEvents for Event {
    fn poll_next_event(
        slot: Pin<&mut Slot<Self>>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Event, EncodeError>>> {
        take_one(slot, Ok)
    }
}

macro_rules! builders_into_events {
    ($($builder:ty),*) => {$(
        impl IntoEvents for $builder {
            fn poll_next_event(
                slot: Pin<&mut Slot<Self>>,
                _: &mut Context<'_>,
            ) -> Poll<Option<Result<Event, EncodeError>>> {
                take_one(slot, |builder| builder.encode())
            }
        }
    )*};
}

impl IntoEvents for crate::Markup {
    fn poll_next_event(
        slot: Pin<&mut Slot<Self>>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Event, EncodeError>>> {
        take_one(slot, |markup| PatchElements::new(markup).encode())
    }
}

builders_into_events!(
    PatchElements<'_>,
    PatchSignals<'_>,
    ExecuteScript<'_>,
    Redirect<'_>,
    ConsoleLog<'_>,
    DispatchEvent<'_>,
    ReplaceUrl<'_>,
    Prefetch<'_>
);

// Not recommended in errors: a value that is not events is then reported with
// `IntoEvents`'s own message and impls, not with every `Stream` in scope.
#[diagnostic::do_not_recommend]
impl<S: Stream<Item = Event>> IntoEvents for S {
    fn poll_next_event(
        slot: Pin<&mut Slot<Self>>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Event, EncodeError>>> {
        match slot.project().value.as_pin_mut() {
            Some(events) => events.poll_next(cx).map(|event| event.map(Ok)),
            None => Poll::Ready(None),
        }
    }
}
