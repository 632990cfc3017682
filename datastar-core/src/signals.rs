//! `datastar-patch-signals`: merge-patch the page's signals.

use datastar_wire::protocol::one_shot;

use crate::OneShot;
use crate::one_shot::refuse_stream_options;
use std::borrow::Cow;

use serde::Serialize;

use datastar_wire::lines::{Breaks, push_split_known};
use datastar_wire::protocol::{
    ONLY_IF_MISSING_LINE, PATCH_SIGNALS, SIGNALS_LINE, SIGNALS_NEXT_LINE,
};

use crate::event::{EventOptions, event_options};
use crate::{EncodeError, Event};

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
    /// The text came from serde, so it is a JSON value already.
    serialized: bool,
    only_if_missing: bool,
    options: EventOptions<'a>,
}

impl<'a> PatchSignals<'a> {
    /// Patches signals given as JSON text, sent unchanged. [`encode`](Self::encode)
    /// refuses text that is not a JSON object: the Datastar client evaluates anything that
    /// does not parse as JSON as JavaScript, so text from anywhere but serde would run
    /// as code.
    pub fn new(json: impl Into<Cow<'a, str>>) -> Self {
        PatchSignals {
            signals: json.into(),
            serialized: false,
            only_if_missing: false,
            options: EventOptions::default(),
        }
    }

    /// Patches signals from any `Serialize` value, as compact JSON.
    ///
    /// This serializes into a `String` first; `datastar!`'s `signals EXPR;` writes the
    /// JSON straight into the event buffer instead.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<PatchSignals<'static>, EncodeError> {
        let mut signals = PatchSignals::new(serde_json::to_string(value)?);
        signals.serialized = true;
        Ok(signals)
    }

    fn check(&self) -> Result<(), EncodeError> {
        self.options.check()?;
        let object = self.signals.trim_start().starts_with('{');
        let json =
            self.serialized || serde_json::from_str::<serde::de::IgnoredAny>(&self.signals).is_ok();
        if !(object && json) {
            return Err(EncodeError::InvalidSignals);
        }
        Ok(())
    }

    /// The signals as a one-shot response instead of an event: `200`,
    /// `application/json`, the JSON as the body (see [`OneShot`](crate::OneShot)). An
    /// event id or a retry interval is refused.
    pub fn one_shot(&self) -> Result<OneShot, EncodeError> {
        self.check()?;
        refuse_stream_options(self.options.id.as_ref(), self.options.retry)?;
        let mut headers = Vec::new();
        if self.only_if_missing {
            headers.push((one_shot::ONLY_IF_MISSING_HEADER, "true".to_owned()));
        }
        OneShot::new(
            one_shot::SIGNALS_CONTENT_TYPE,
            headers,
            self.signals.to_string(),
        )
    }

    /// Writes each signal only if the page does not have it yet (`null`s are ignored).
    pub fn only_if_missing(mut self, only_if_missing: bool) -> Self {
        self.only_if_missing = only_if_missing;
        self
    }

    event_options!();

    /// Encodes the event into one buffer, sized exactly.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        self.check()?;
        let breaks = Breaks::of(self.signals.as_bytes());
        let mut out = Vec::with_capacity(self.encoded_len(breaks));
        self.write_unchecked(&mut out, breaks);
        Ok(Event::from_vec(out))
    }

    /// Appends the encoded event to `out`, for batching several events in one write.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.check()?;
        let breaks = Breaks::of(self.signals.as_bytes());
        out.reserve(self.encoded_len(breaks));
        self.write_unchecked(out, breaks);
        Ok(())
    }

    fn write_unchecked(&self, out: &mut Vec<u8>, breaks: Breaks) {
        self.options.write_head(out, PATCH_SIGNALS);
        if self.only_if_missing {
            out.extend_from_slice(ONLY_IF_MISSING_LINE.as_bytes());
        }
        out.extend_from_slice(SIGNALS_LINE.as_bytes());
        push_split_known(
            out,
            SIGNALS_NEXT_LINE.as_bytes(),
            self.signals.as_bytes(),
            breaks,
        );
        out.extend_from_slice(b"\n\n");
    }

    /// Exact, so the buffer converts to `bytes::Bytes` without another allocation.
    fn encoded_len(&self, breaks: Breaks) -> usize {
        self.options.head_len(PATCH_SIGNALS)
            + if self.only_if_missing {
                ONLY_IF_MISSING_LINE.len()
            } else {
                0
            }
            + SIGNALS_LINE.len()
            + "\n\n".len()
            + breaks.split_len(self.signals.len(), SIGNALS_NEXT_LINE.as_bytes())
    }
}

/// A value `datastar!` can send as a signal (`signals { name: (value) }`, or a whole
/// `signals (object);`): anything `serde::Serialize`, written as compact JSON.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as a signal value [signal_value_not_serialize]",
    label = "not `serde::Serialize`",
    note = "signal values are sent as JSON: derive or implement `serde::Serialize` for the type",
    note = "a value still to be computed (an `impl Future`) needs `.await`"
)]
pub trait SignalValue {
    #[doc(hidden)]
    fn write_json<W: std::io::Write>(&self, out: W) -> serde_json::Result<()>;
}

// Not recommended in errors: a value that is not `Serialize` is reported with
// `SignalValue`'s message, not with the list of every `Serialize` type in scope (which
// changes with the crates an app links).
#[diagnostic::do_not_recommend]
impl<T: Serialize + ?Sized> SignalValue for T {
    fn write_json<W: std::io::Write>(&self, out: W) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
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
    fn buffers_are_sized_exactly() {
        for event in [
            PatchSignals::new("{\"a\":1}"),
            PatchSignals::new("{\r\n\"a\": 1\n}")
                .only_if_missing(true)
                .id("x"),
            PatchSignals::new("{}").retry(Duration::from_millis(250)),
            PatchSignals::new("{}").retry(Duration::from_millis(1000)),
        ] {
            let encoded = event.encode().unwrap();
            let breaks = Breaks::of(event.signals.as_bytes());
            assert_eq!(
                event.encoded_len(breaks),
                encoded.as_bytes().len(),
                "{event:?}"
            );
        }
    }

    #[test]
    fn refuses_what_the_client_would_evaluate_as_code() {
        for text in [
            "{a: 1}",
            "[1,2]",
            "1",
            "{\"a\": fetch('//evil')}",
            "",
            "{\"a\":1} x",
        ] {
            assert!(
                matches!(
                    PatchSignals::new(text).encode(),
                    Err(EncodeError::InvalidSignals)
                ),
                "{text:?}"
            );
        }
        assert!(
            PatchSignals::new(" {\"a\": [1, {\"b\": null}]}\n")
                .encode()
                .is_ok()
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
