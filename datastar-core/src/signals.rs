//! `datastar-patch-signals`: merge-patch the page's signals.

use std::borrow::Cow;

use serde::Serialize;

use crate::event::{EventOptions, event_options};
use crate::lines::{count_breaks, push_split};
use crate::{EncodeError, Event};

pub(crate) const EVENT_TYPE: &str = "datastar-patch-signals";
const SIGNALS_LINE: &[u8] = b"\ndata: signals ";

/// Builds a `datastar-patch-signals` event.
///
/// The client merges the object into its signals (RFC 7386 merge patch): `null` deletes
/// a signal, nested objects merge, anything else replaces. Give the signals either as a
/// JSON text ([`new`](Self::new), sent as it is, one data line per line) or as any
/// `Serialize` value ([`json`](Self::json), compact JSON with field order kept).
///
/// ```
/// use datastar_core::PatchSignals;
///
/// let event = PatchSignals::new(r#"{"hal":"Affirmative, Dave. I read you."}"#).encode()?;
/// assert_eq!(
///     event.as_bytes(),
///     b"event: datastar-patch-signals\n\
///       data: signals {\"hal\":\"Affirmative, Dave. I read you.\"}\n\n"
/// );
///
/// #[derive(serde::Serialize)]
/// struct Quiz { response: &'static str, answer: &'static str }
/// let event = PatchSignals::json(&Quiz { response: "", answer: "Paris" })?
///     .only_if_missing(true)
///     .encode()?;
/// assert_eq!(
///     event.as_bytes(),
///     b"event: datastar-patch-signals\n\
///       data: onlyIfMissing true\n\
///       data: signals {\"response\":\"\",\"answer\":\"Paris\"}\n\n"
/// );
/// # Ok::<(), datastar_core::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchSignals<'a> {
    signals: Cow<'a, str>,
    only_if_missing: bool,
    options: EventOptions<'a>,
}

impl<'a> PatchSignals<'a> {
    /// Patches signals given as JSON text. The text is sent unchanged; send strict JSON
    /// (the client would `eval` anything else, see protocol.md §4.2).
    pub fn new(json: impl Into<Cow<'a, str>>) -> Self {
        PatchSignals {
            signals: json.into(),
            only_if_missing: false,
            options: EventOptions::default(),
        }
    }

    /// Patches signals from any `Serialize` value, as compact JSON.
    ///
    /// This serializes into a `String` first; `datastar!`'s `signals EXPR;` writes the
    /// JSON straight into the event buffer instead.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<PatchSignals<'static>, EncodeError> {
        Ok(PatchSignals::new(serde_json::to_string(value)?))
    }

    /// Writes each signal only if the page does not have it yet (`null`s are ignored).
    pub fn only_if_missing(mut self, only_if_missing: bool) -> Self {
        self.only_if_missing = only_if_missing;
        self
    }

    event_options!();

    /// Encodes the event into one buffer, sized exactly.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.write_to(&mut out)?;
        Ok(Event::from_vec(out))
    }

    /// Appends the encoded event to `out`, for batching several events in one write.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.options.check()?;
        out.reserve(self.encoded_len());
        self.options.write_head(out, EVENT_TYPE);
        if self.only_if_missing {
            out.extend_from_slice(b"data: onlyIfMissing true\n");
        }
        out.extend_from_slice(b"data: signals ");
        push_split(out, SIGNALS_LINE, self.signals.as_bytes());
        out.extend_from_slice(b"\n\n");
        Ok(())
    }

    fn encoded_len(&self) -> usize {
        self.options.head_len(EVENT_TYPE)
            + "data: onlyIfMissing true\n".len()
            + "data: signals \n\n".len()
            + self.signals.len()
            + count_breaks(self.signals.as_bytes()) * SIGNALS_LINE.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn multiline_json_becomes_one_data_line_per_line() {
        let event = PatchSignals::new("{\n  \"a\": 1,\r\n  \"b\": 2\n}")
            .id("s1")
            .retry(Duration::from_secs(2))
            .encode()
            .unwrap();
        assert_eq!(
            std::str::from_utf8(event.as_bytes()).unwrap(),
            "event: datastar-patch-signals\nid: s1\nretry: 2000\ndata: signals {\n\
             data: signals   \"a\": 1,\ndata: signals   \"b\": 2\ndata: signals }\n\n"
        );
    }

    #[test]
    fn serialized_values_are_compact_and_keep_field_order() {
        #[derive(Serialize)]
        struct Signals {
            zeta: u8,
            alpha: Option<u8>,
            text: &'static str,
        }
        let event = PatchSignals::json(&Signals {
            zeta: 1,
            alpha: None,
            text: "line\nbreak",
        })
        .unwrap()
        .encode()
        .unwrap();
        assert_eq!(
            std::str::from_utf8(event.as_bytes()).unwrap(),
            "event: datastar-patch-signals\ndata: signals {\"zeta\":1,\"alpha\":null,\"text\":\"line\\nbreak\"}\n\n"
        );
    }
}
