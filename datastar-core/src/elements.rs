//! `datastar-patch-elements`: put HTML into the page, or remove elements.

use datastar_wire::protocol::one_shot;

use crate::OneShot;
use crate::one_shot::refuse_stream_options;
use std::borrow::Cow;

use datastar_wire::lines::{Breaks, has_line_break, push_split_known};
use datastar_wire::protocol::{
    ELEMENTS_LINE, ELEMENTS_NEXT_LINE, MODE_LINE, NAMESPACE_LINE, PATCH_ELEMENTS, SELECTOR_LINE,
    VIEW_TRANSITION_LINE, VIEW_TRANSITION_SELECTOR_LINE,
};

use crate::event::{EventOptions, event_options};
use crate::{EncodeError, Event, Mode, Namespace};

/// Builds a `datastar-patch-elements` event.
///
/// Only options that differ from the client's defaults are written. Single-line options
/// containing a line break make [`encode`](Self::encode) return an error instead of a
/// broken frame.
///
/// ```
/// use datastar_core::{Mode, PatchElements};
///
/// let event = PatchElements::new("<li>Buy milk</li>\n<li>Feed HAL</li>")
///     .selector("#todo")
///     .mode(Mode::Append)
///     .encode()?;
/// assert_eq!(
///     event.as_bytes(),
///     b"event: datastar-patch-elements\n\
///       data: selector #todo\n\
///       data: mode append\n\
///       data: elements <li>Buy milk</li>\n\
///       data: elements <li>Feed HAL</li>\n\n"
/// );
///
/// // Removal sends no elements at all.
/// let event = PatchElements::remove("#todo li").encode()?;
/// assert_eq!(
///     event.as_bytes(),
///     b"event: datastar-patch-elements\ndata: selector #todo li\ndata: mode remove\n\n"
/// );
///
/// // A line break in a single-line option is an error, never a malformed frame.
/// assert!(PatchElements::new("<p></p>").selector("#a\n#b").encode().is_err());
/// # Ok::<(), datastar_core::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PatchElements<'a> {
    elements: Option<Cow<'a, str>>,
    selector: Option<Cow<'a, str>>,
    mode: Mode,
    use_view_transition: bool,
    view_transition_selector: Option<Cow<'a, str>>,
    namespace: Namespace,
    options: EventOptions<'a>,
}

impl<'a> PatchElements<'a> {
    /// Patches `elements` (HTML, any number of lines) into the page.
    pub fn new(elements: impl Into<Cow<'a, str>>) -> Self {
        PatchElements {
            elements: Some(elements.into()),
            ..PatchElements::default()
        }
    }

    /// Removes every element matching `selector` (`mode remove`, no elements line).
    pub fn remove(selector: impl Into<Cow<'a, str>>) -> Self {
        PatchElements {
            selector: Some(selector.into()),
            mode: Mode::Remove,
            ..PatchElements::default()
        }
    }

    /// Targets every element matching this CSS selector instead of the elements' ids. A
    /// selector the browser's `querySelectorAll` cannot parse fails the encoding
    /// ([`EncodeError::InvalidSelector`]): the client would throw on it.
    pub fn selector(mut self, selector: impl Into<Cow<'a, str>>) -> Self {
        self.selector = Some(selector.into());
        self
    }

    /// Sets how the elements are applied; modes other than `outer` and `replace` need a
    /// selector (the 1.0 client throws `PatchElementsExpectedSelector` otherwise).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Runs the patch inside `document.startViewTransition()` when the browser has it.
    pub fn view_transition(mut self, enabled: bool) -> Self {
        self.use_view_transition = enabled;
        self
    }

    /// Scopes the view transition to the first element matching `selector` (Datastar
    /// 1.0.2+). Requires [`view_transition(true)`](Self::view_transition).
    pub fn view_transition_selector(mut self, selector: impl Into<Cow<'a, str>>) -> Self {
        self.view_transition_selector = Some(selector.into());
        self
    }

    /// Parses the elements as SVG or MathML children (Datastar 1.0.2+).
    pub fn namespace(mut self, namespace: Namespace) -> Self {
        self.namespace = namespace;
        self
    }

    event_options!();

    /// Encodes the event into one buffer, sized exactly.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        self.check()?;
        let breaks = self.breaks();
        let mut out = Vec::with_capacity(self.encoded_len(breaks));
        self.write_unchecked(&mut out, breaks);
        Ok(Event::from_vec(out))
    }

    /// Appends the encoded event to `out`, for batching several events in one write.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.check()?;
        let breaks = self.breaks();
        out.reserve(self.encoded_len(breaks));
        self.write_unchecked(out, breaks);
        Ok(())
    }

    /// The line breaks of the elements, counted once for sizing and writing.
    fn breaks(&self) -> Breaks {
        Breaks::of(self.elements.as_deref().unwrap_or_default().as_bytes())
    }

    /// The patch as a one-shot response instead of an event: `200`, `text/html`, the
    /// elements as the body, the options as `datastar-*` headers (see
    /// [`OneShot`](crate::OneShot)). An event id, a retry interval or a view-transition
    /// selector is refused: the client reads none of them from a one-shot response.
    pub fn one_shot(&self) -> Result<OneShot, EncodeError> {
        self.check()?;
        refuse_stream_options(self.options.id.as_ref(), self.options.retry)?;
        if self.view_transition_selector.is_some() {
            return Err(EncodeError::NotInOneShot {
                option: "viewTransitionSelector",
            });
        }
        let mut headers = Vec::new();
        if let Some(selector) = &self.selector {
            headers.push((one_shot::SELECTOR_HEADER, selector.to_string()));
        }
        if self.mode != Mode::Outer {
            headers.push((one_shot::MODE_HEADER, self.mode.as_str().to_owned()));
        }
        if self.namespace != Namespace::Html {
            headers.push((
                one_shot::NAMESPACE_HEADER,
                self.namespace.as_str().to_owned(),
            ));
        }
        if self.use_view_transition {
            headers.push((one_shot::USE_VIEW_TRANSITION_HEADER, "true".to_owned()));
        }
        let body = self.elements.as_deref().unwrap_or_default().to_owned();
        OneShot::new(one_shot::ELEMENTS_CONTENT_TYPE, headers, body)
    }

    fn check(&self) -> Result<(), EncodeError> {
        self.options.check()?;
        let single_line = [
            ("selector", self.selector.as_deref()),
            (
                "viewTransitionSelector",
                self.view_transition_selector.as_deref(),
            ),
        ];
        for (field, value) in single_line {
            if value.is_some_and(has_line_break) {
                return Err(EncodeError::LineBreak { field });
            }
            if let Some(selector) = value {
                crate::error::check_selector(field, selector)?;
            }
        }
        if self.view_transition_selector.is_some() && !self.use_view_transition {
            return Err(EncodeError::ViewTransitionSelectorWithoutViewTransition);
        }
        Ok(())
    }

    /// Exact: a full buffer becomes `bytes::Bytes` in the axum body without the extra
    /// allocation `Bytes` makes for a `Vec` with spare capacity.
    fn encoded_len(&self, breaks: Breaks) -> usize {
        let optional = |prefix: &str, value: &Option<Cow<'_, str>>| {
            value
                .as_ref()
                .map_or(0, |value| prefix.len() + value.len() + 1)
        };
        let elements = self.elements.as_ref().map_or(0, |elements| {
            ELEMENTS_LINE.len()
                + 1
                + breaks.split_len(elements.len(), ELEMENTS_NEXT_LINE.as_bytes())
        });
        let mode = match self.mode {
            Mode::Outer => 0,
            mode => MODE_LINE.len() + 1 + mode.as_str().len(),
        };
        let view_transition = if self.use_view_transition {
            VIEW_TRANSITION_LINE.len()
                + optional(
                    VIEW_TRANSITION_SELECTOR_LINE,
                    &self.view_transition_selector,
                )
        } else {
            0
        };
        let namespace = match self.namespace {
            Namespace::Html => 0,
            namespace => NAMESPACE_LINE.len() + 1 + namespace.as_str().len(),
        };
        self.options.head_len(PATCH_ELEMENTS)
            + optional(SELECTOR_LINE, &self.selector)
            + mode
            + view_transition
            + namespace
            + elements
            + 1
    }

    fn write_unchecked(&self, out: &mut Vec<u8>, breaks: Breaks) {
        self.options.write_head(out, PATCH_ELEMENTS);
        if let Some(selector) = &self.selector {
            data_line(out, SELECTOR_LINE, selector);
        }
        if self.mode != Mode::Outer {
            data_line(out, MODE_LINE, self.mode.as_str());
        }
        if self.use_view_transition {
            out.extend_from_slice(VIEW_TRANSITION_LINE.as_bytes());
            if let Some(selector) = &self.view_transition_selector {
                data_line(out, VIEW_TRANSITION_SELECTOR_LINE, selector);
            }
        }
        if self.namespace != Namespace::Html {
            data_line(out, NAMESPACE_LINE, self.namespace.as_str());
        }
        if let Some(elements) = &self.elements {
            out.extend_from_slice(ELEMENTS_LINE.as_bytes());
            push_split_known(
                out,
                ELEMENTS_NEXT_LINE.as_bytes(),
                elements.as_bytes(),
                breaks,
            );
            out.push(b'\n');
        }
        out.push(b'\n');
    }
}

/// Writes one data line (`line` is `data: KEY `); the value has been checked to be a
/// single line.
fn data_line(out: &mut Vec<u8>, line: &str, value: &str) {
    out.extend_from_slice(line.as_bytes());
    out.extend_from_slice(value.as_bytes());
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn text(event: &PatchElements<'_>) -> String {
        String::from_utf8(event.encode().unwrap().as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn writes_every_option_in_protocol_order() {
        let event = PatchElements::new(r#"<circle id="dot" cx="10" r="5"/>"#)
            .selector("#vis")
            .mode(Mode::Append)
            .view_transition(true)
            .view_transition_selector("#main")
            .namespace(Namespace::Svg)
            .id("e1")
            .retry(Duration::from_millis(2500));
        assert_eq!(
            text(&event),
            "event: datastar-patch-elements\nid: e1\nretry: 2500\ndata: selector #vis\n\
             data: mode append\ndata: useViewTransition true\ndata: viewTransitionSelector #main\n\
             data: namespace svg\ndata: elements <circle id=\"dot\" cx=\"10\" r=\"5\"/>\n\n"
        );
    }

    #[test]
    fn omits_defaults() {
        let event = PatchElements::new("<div id=\"a\"></div>")
            .mode(Mode::Outer)
            .view_transition(false)
            .namespace(Namespace::Html)
            .retry(Duration::from_secs(1));
        assert_eq!(
            text(&event),
            "event: datastar-patch-elements\ndata: elements <div id=\"a\"></div>\n\n"
        );
    }

    #[test]
    fn blank_lines_keep_their_space_and_capacity_is_exact() {
        let event = PatchElements::new("<pre id=\"p\">a\n\r\nb\rc</pre>")
            .selector("#p")
            .mode(Mode::Inner)
            .retry(std::time::Duration::from_millis(12345));
        let encoded = event.encode().unwrap();
        assert_eq!(
            String::from_utf8(encoded.as_bytes().to_vec()).unwrap(),
            "event: datastar-patch-elements\nretry: 12345\ndata: selector #p\ndata: mode inner\n\
             data: elements <pre id=\"p\">a\ndata: elements \ndata: elements b\ndata: elements c</pre>\n\n"
        );
        assert_eq!(event.encoded_len(event.breaks()), encoded.as_bytes().len());
    }

    #[test]
    fn refuses_line_breaks_in_single_line_fields() {
        let cases = [
            (PatchElements::new("x").selector("a\rb"), "selector"),
            (PatchElements::new("x").id("a\nb"), "id"),
            (
                PatchElements::new("x")
                    .view_transition(true)
                    .view_transition_selector("a\nb"),
                "viewTransitionSelector",
            ),
        ];
        for (event, field) in cases {
            match event.encode() {
                Err(EncodeError::LineBreak { field: got }) => assert_eq!(got, field),
                other => panic!("expected a line-break error for {field}, got {other:?}"),
            }
        }
    }
}
