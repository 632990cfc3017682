//! Replay then follow: the history a reconnecting page missed, then the live tail, with
//! the seam between the two made exact by sequence numbers.

use futures_core::Stream;
use tokio::sync::broadcast::error::RecvError;

use crate::{Entry, Log, Position, Snapshot, Update};

/// The updates one stream sends: the history after `last_event_id` (or a reset and the
/// whole history), then every message appended afterwards. See the [crate docs](crate).
///
/// The stream ends after the first error of the log (which it yields), or when the log's
/// tail closes. It owns `log`; `last_event_id` is read at once.
pub fn follow<L: Log>(
    log: L,
    last_event_id: Option<&datastar_core::LastEventId>,
) -> impl Stream<Item = Result<Update<L::Message>, L::Error>> + Send + use<L> {
    let chunks = chunks(log, last_event_id);
    async_stream::try_stream! {
        for await chunk in chunks {
            let Chunk { reset, entries } = chunk?;
            if reset {
                yield Update::Reset;
            }
            for entry in entries {
                yield Update::Message(entry);
            }
        }
    }
}

/// [`follow`], with each reset delivered as one batch: [`Snapshot::Reset`] carries the
/// whole retained history, so the page can be re-rendered with one patch (the fat morph
/// Datastar recommends) instead of one patch per message; then [`Snapshot::Message`]s as
/// they are appended. A reconnection the log can continue gets its missed messages one
/// by one, with no reset, exactly as from `follow`.
///
/// ```
/// use datastar_core::prelude::*;
/// use datastar_live::{MemoryLog, Snapshot, follow_snapshots};
/// use futures_util::StreamExt;
///
/// fn list(messages: &[String]) -> Markup {
///     html! { "<ul id=\"messages\">" for message in messages { "<li>" (message) "</li>" } "</ul>" }
/// }
///
/// async fn stream(log: MemoryLog<String>, last: Option<LastEventId>) -> impl IntoResponse {
///     let mut updates = Box::pin(follow_snapshots(log, last.as_ref()));
///     datastar! {
///         while let Some(update) = updates.next().await {
///             match update? {
///                 Snapshot::Reset(history) => {
///                     let messages: Vec<String> = history.iter().map(|entry| entry.message.clone()).collect();
///                     let last_id = history.last().map(|entry| entry.id.to_string()).unwrap_or_default();
///                     elements (list(&messages)), id = (last_id);
///                 }
///                 Snapshot::Message(entry) => {
///                     elements "<li>" (entry.message) "</li>", selector = "#messages",
///                         mode = append, id = (entry.id.to_string());
///                 }
///             }
///         }
///     }
/// }
/// ```
pub fn follow_snapshots<L: Log>(
    log: L,
    last_event_id: Option<&datastar_core::LastEventId>,
) -> impl Stream<Item = Result<Snapshot<L::Message>, L::Error>> + Send + use<L> {
    snapshots(chunks(log, last_event_id))
}

/// [`follow_snapshots`], with its first read of the log done before it returns: a log
/// that cannot be read is an error here, before the response is sent, so the handler can
/// answer `503 Service Unavailable`. The Datastar client retries a failed response with a
/// growing delay (1 s, 2 s, 4 s, … up to 30 s, 10 times, by default), where a `200`
/// stream that ends at once is reopened every second, and the page can show the failure
/// (a `datastar-fetch` event of type `error`, with the status).
///
/// ```
/// use axum::http::StatusCode;
/// use axum::response::Response;
/// use datastar_core::prelude::*;
/// use datastar_live::{MemoryLog, Snapshot, open_snapshots};
/// use futures_util::StreamExt;
///
/// async fn stream(log: MemoryLog<String>, last: Option<LastEventId>) -> Response {
///     let mut updates = match open_snapshots(log, last.as_ref()).await {
///         Ok(updates) => Box::pin(updates),
///         Err(never) => match never {},
///         // With a log that can fail (`JetStreamLog`):
///         // Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
///     };
///     datastar! {
///         while let Some(update) = updates.next().await {
///             if let Snapshot::Message(entry) = update? {
///                 elements "<li>" (entry.message) "</li>", selector = "#messages",
///                     mode = append, id = (entry.id.to_string());
///             }
///         }
///     }
///     .into_response()
/// }
/// ```
pub async fn open_snapshots<L: Log>(
    log: L,
    last_event_id: Option<&datastar_core::LastEventId>,
) -> Result<impl Stream<Item = Result<Snapshot<L::Message>, L::Error>> + Send + use<L>, L::Error> {
    let mut chunks = Box::pin(chunks(log, last_event_id));
    let first = std::future::poll_fn(|cx| chunks.as_mut().poll_next(cx)).await;
    let first = match first {
        Some(Err(error)) => return Err(error),
        first => first,
    };
    let rest = async_stream::stream! {
        if let Some(first) = first {
            yield first;
        }
        for await chunk in chunks {
            yield chunk;
        }
    };
    Ok(snapshots(rest))
}

/// The snapshots of a stream of chunks: a reset as one batch, other messages one by one.
fn snapshots<T, E>(
    chunks: impl Stream<Item = Result<Chunk<T>, E>>,
) -> impl Stream<Item = Result<Snapshot<T>, E>> {
    async_stream::try_stream! {
        for await chunk in chunks {
            let Chunk { reset, entries } = chunk?;
            if reset {
                yield Snapshot::Reset(entries);
            } else {
                for entry in entries {
                    yield Snapshot::Message(entry);
                }
            }
        }
    }
}

/// What the log gives a follower at once: after a reset, the whole retained history;
/// else the messages that continue what it has (a catch-up, or one from the tail).
struct Chunk<T> {
    reset: bool,
    entries: Vec<Entry<T>>,
}

/// The one replay-then-follow loop behind [`follow`] and [`follow_snapshots`].
fn chunks<L: Log>(
    log: L,
    last_event_id: Option<&datastar_core::LastEventId>,
) -> impl Stream<Item = Result<Chunk<L::Message>, L::Error>> + Send + use<L> {
    let resume = last_event_id
        .and_then(|id| id.as_str().parse::<Position>().ok())
        .filter(|id| id.epoch == log.epoch())
        .map(|id| id.seq);
    async_stream::try_stream! {
        // Subscribe before reading: whatever is appended after the read then reaches the
        // tail, which may repeat what the read returned (skipped below by number) but
        // cannot miss anything.
        let mut tail = log.subscribe();
        let (reset, entries, mut cursor) = catch_up(&log, resume).await?;
        yield Chunk { reset, entries };
        loop {
            let missed = match tail.recv().await {
                Ok(entry) if entry.id.seq <= cursor => continue,
                Ok(entry) if entry.id.seq == cursor + 1 => {
                    cursor = entry.id.seq;
                    yield Chunk { reset: false, entries: vec![entry] };
                    continue;
                }
                // A hole in the tail (its consumer skipped messages) or a follower that
                // fell behind it: the log has what came in between, or says it is gone.
                Ok(_) | Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => false,
            };
            if !missed {
                break;
            }
            let (reset, entries, last) = catch_up(&log, Some(cursor)).await?;
            cursor = last;
            yield Chunk { reset, entries };
        }
    }
}

/// Reads what follows `after` from the log. Returns whether the page must reset (no
/// position, or one the log can no longer continue from), the entries to send, and the
/// sequence number they bring the page to.
async fn catch_up<L: Log>(
    log: &L,
    after: Option<u64>,
) -> Result<(bool, Vec<Entry<L::Message>>, u64), L::Error> {
    if let Some(after) = after {
        let retained = log.read_after(after).await?;
        if continues_from(after, retained.last, &retained.entries) {
            return Ok((false, retained.entries, retained.last));
        }
    }
    // The whole retained history, as on a first connection.
    let retained = log.read_after(0).await?;
    let last = retained
        .entries
        .last()
        .map_or(retained.last, |entry| entry.id.seq.max(retained.last));
    Ok((true, retained.entries, last))
}

/// True when `entries` are exactly the messages `after + 1 ..= last`: none dropped by a
/// limit before they were read, and `after` not beyond the log's end (an id from a log
/// that was emptied and refilled).
fn continues_from<T>(after: u64, last: u64, entries: &[Entry<T>]) -> bool {
    if after > last {
        return false;
    }
    let expected = after + 1..=last;
    entries.len() as u64 == last - after
        && entries
            .iter()
            .zip(expected)
            .all(|(entry, seq)| entry.id.seq == seq)
}

#[cfg(test)]
mod tests;
