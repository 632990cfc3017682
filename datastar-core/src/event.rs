//! Encoded events: the bytes that go on the wire.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use datastar_wire::lines::has_line_break;
use datastar_wire::protocol::{DEFAULT_RETRY_MS, EVENT_LINE, ID_LINE, RETRY_LINE, is_event_id};

use crate::EncodeError;

/// The client's reconnect interval when no `retry:` line is sent (the Datastar 1.0 SSE reference).
pub const DEFAULT_RETRY: Duration = Duration::from_millis(DEFAULT_RETRY_MS);

/// One or more complete Datastar SSE events, encoded.
///
/// An `Event` is what the builders ([`PatchElements`](crate::PatchElements),
/// [`PatchSignals`](crate::PatchSignals), [`ExecuteScript`](crate::ExecuteScript),
/// [`Redirect`](crate::Redirect)) produce and what an [`EventStream`](crate::EventStream)
/// yields. It holds either bytes owned by the event or `&'static [u8]` written at
/// compile time by `datastar!`, which streams without allocating or copying. The macro may
/// pre-render several adjacent static events into one `Event`.
///
/// ```
/// use datastar_core::PatchElements;
///
/// let event = PatchElements::new(r#"<div id="hal">Waiting for an order...</div>"#).encode()?;
/// assert_eq!(
///     event.as_bytes(),
///     b"event: datastar-patch-elements\n\
///       data: elements <div id=\"hal\">Waiting for an order...</div>\n\n"
/// );
/// # Ok::<(), datastar_core::EncodeError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Event(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

impl Event {
    /// Wraps wire bytes written at compile time by `datastar!`, which calls it in a
    /// `const` block: the bytes are checked there, at compile time, to be complete
    /// Datastar events (see [`is_event_wire`]), and anything else does not compile (or,
    /// called at run time, panics). (Byte strings, not `str`: rustc suggests `format!`
    /// around any string literal holding `{name}` when a variable `name` is unused, and
    /// would point into this crate.)
    #[doc(hidden)]
    pub const fn from_static(wire: &'static [u8]) -> Event {
        assert!(
            is_event_wire(wire),
            "Event::from_static takes complete SSE events in UTF-8: `event:`, `id:`, `retry:` and `data:` lines, each event ending in a blank line"
        );
        Event(Repr::Static(wire))
    }

    pub(crate) fn from_vec(wire: Vec<u8>) -> Event {
        Event(Repr::Owned(wire))
    }

    /// The encoded bytes, UTF-8 text in SSE framing.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Static(wire) => wire,
            Repr::Owned(wire) => wire,
        }
    }

    /// True when the bytes were written at compile time (no allocation at run time).
    pub fn is_static(&self) -> bool {
        matches!(self.0, Repr::Static(_))
    }

    /// Converts into [`bytes::Bytes`] without copying: static bytes are borrowed, owned
    /// bytes are moved.
    pub fn into_bytes(self) -> bytes::Bytes {
        match self.0 {
            Repr::Static(wire) => bytes::Bytes::from_static(wire),
            Repr::Owned(wire) => bytes::Bytes::from(wire),
        }
    }
}

impl AsRef<[u8]> for Event {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Event")
            .field(&String::from_utf8_lossy(self.as_bytes()))
            .finish()
    }
}

/// The options every event type shares: `id` and `retry`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct EventOptions<'a> {
    pub(crate) id: Option<Cow<'a, str>>,
    pub(crate) retry: Option<Duration>,
}

impl EventOptions<'_> {
    pub(crate) fn check(&self) -> Result<(), EncodeError> {
        match &self.id {
            Some(id) if has_line_break(id) => Err(EncodeError::LineBreak { field: "id" }),
            Some(id) if !is_event_id(id) => Err(EncodeError::InvalidId {
                id: id.clone().into_owned(),
            }),
            _ => Ok(()),
        }
    }

    /// Bytes `write_head` will write, exactly.
    pub(crate) fn head_len(&self, event_type: &str) -> usize {
        let retry = match self.retry {
            Some(retry) if retry != DEFAULT_RETRY => {
                RETRY_LINE.len() + 1 + itoa::Buffer::new().format(retry.as_millis()).len()
            }
            _ => 0,
        };
        EVENT_LINE.len()
            + 1
            + event_type.len()
            + self
                .id
                .as_ref()
                .map_or(0, |id| ID_LINE.len() + 1 + id.len())
            + retry
    }

    /// `event:`, then `id:` and `retry:` when they differ from the defaults
    /// (the order every Datastar SDK writes).
    pub(crate) fn write_head(&self, out: &mut Vec<u8>, event_type: &str) {
        out.extend_from_slice(EVENT_LINE.as_bytes());
        out.extend_from_slice(event_type.as_bytes());
        out.push(b'\n');
        if let Some(id) = &self.id {
            out.extend_from_slice(ID_LINE.as_bytes());
            out.extend_from_slice(id.as_bytes());
            out.push(b'\n');
        }
        if let Some(retry) = self.retry {
            write_retry(out, retry);
        }
    }
}

/// Writes `retry: N\n`, or nothing for the client's default of 1000 ms.
pub(crate) fn write_retry(out: &mut Vec<u8>, retry: Duration) {
    if retry != DEFAULT_RETRY {
        out.extend_from_slice(RETRY_LINE.as_bytes());
        out.extend_from_slice(itoa::Buffer::new().format(retry.as_millis()).as_bytes());
        out.push(b'\n');
    }
}

/// Implements the `id` and `retry` builder methods on an event builder with an
/// `options: EventOptions` field.
macro_rules! event_options {
    () => {
        /// Sets the event id; the client sends the last one back as `Last-Event-ID`
        /// when it reconnects. Must be visible ASCII, with spaces only inside (the
        /// browser sends it back in a header); the empty id clears it.
        pub fn id(mut self, id: impl Into<std::borrow::Cow<'a, str>>) -> Self {
            self.options.id = Some(id.into());
            self
        }

        /// Sets the client's reconnect interval, written as whole milliseconds. The
        /// default (1000 ms) is not written.
        pub fn retry(mut self, retry: std::time::Duration) -> Self {
            self.options.retry = Some(retry);
            self
        }
    };
}
pub(crate) use event_options;

/// True when `wire` is one or more complete events as `datastar!` writes them: UTF-8, no
/// `\r`, every line an `event: `, `id: `, `retry: ` or `data: ` field (or a `:` comment),
/// and every event ended by a blank line. A `const fn`, so the macro's events are checked
/// at compile time.
pub(crate) const fn is_event_wire(wire: &[u8]) -> bool {
    if wire.is_empty() || core::str::from_utf8(wire).is_err() {
        return false;
    }
    let mut at = 0;
    let mut in_event = false;
    while at < wire.len() {
        let mut end = at;
        while end < wire.len() && wire[end] != b'\n' {
            if wire[end] == b'\r' {
                return false;
            }
            end += 1;
        }
        if end == wire.len() {
            // The last line has no line break: the event never ends.
            return false;
        }
        if end == at {
            if !in_event {
                return false;
            }
            in_event = false;
        } else if starts_with(wire, at, b"event: ")
            || starts_with(wire, at, b"id: ")
            || starts_with(wire, at, b"retry: ")
            || starts_with(wire, at, b"data: ")
            || wire[at] == b':'
        {
            in_event = true;
        } else {
            return false;
        }
        at = end + 1;
    }
    !in_event
}

const fn starts_with(wire: &[u8], at: usize, prefix: &[u8]) -> bool {
    if wire.len() - at < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if wire[at + i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_event_wire;

    #[test]
    fn static_wire_is_checked() {
        for good in [
            &b"event: datastar-patch-elements\ndata: elements <p>x</p>\n\n"[..],
            b"event: a\nid: 1\nretry: 5\ndata: x\n\nevent: b\ndata: y\n\n",
            b": keep-alive\n\n",
        ] {
            assert!(is_event_wire(good), "{:?}", String::from_utf8_lossy(good));
        }
        for bad in [
            &b""[..],
            b"event: a\ndata: x\n",
            b"event: a\ndata: x",
            b"\n",
            b"event: a\r\ndata: x\r\n\r\n",
            b"event: a\nbogus: x\n\n",
            b"event: a\ndata: \xff\n\n",
        ] {
            assert!(!is_event_wire(bad), "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
