//! `datastar-patch-elements`: put HTML into the page, or remove elements.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::event::{EventOptions, event_options};
use crate::lines::{Breaks, has_line_break, push_split_known};
use crate::{EncodeError, Event};

pub(crate) const EVENT_TYPE: &str = "datastar-patch-elements";
const ELEMENTS_LINE: &[u8] = b"\ndata: elements ";

/// How patched elements are applied to their targets (protocol.md §3.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Morph each target into the new element, keeping the state of matching elements.
    /// The default; targets come from the new elements' ids when there is no selector.
    #[default]
    Outer,
    /// Morph the target's children into the new content.
    Inner,
    /// Replace the target without morphing.
    Replace,
    /// Insert as the target's first children.
    Prepend,
    /// Insert as the target's last children.
    Append,
    /// Insert before the target.
    Before,
    /// Insert after the target.
    After,
    /// Remove the target; no elements are sent.
    Remove,
}

impl Mode {
    /// Every mode, in the order of protocol.md.
    pub const ALL: [Mode; 8] = [
        Mode::Outer,
        Mode::Inner,
        Mode::Replace,
        Mode::Prepend,
        Mode::Append,
        Mode::Before,
        Mode::After,
        Mode::Remove,
    ];

    /// The mode as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Mode::Outer => "outer",
            Mode::Inner => "inner",
            Mode::Replace => "replace",
            Mode::Prepend => "prepend",
            Mode::Append => "append",
            Mode::Before => "before",
            Mode::After => "after",
            Mode::Remove => "remove",
        }
    }

    /// True for the modes the 1.0 client can apply without a selector, by element id.
    pub const fn targets_by_id(self) -> bool {
        matches!(self, Mode::Outer | Mode::Replace)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not one of the eight [`Mode`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMode(pub String);

impl fmt::Display for UnknownMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a Datastar patch mode", self.0)
    }
}

impl std::error::Error for UnknownMode {}

impl FromStr for Mode {
    type Err = UnknownMode;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|mode| mode.as_str() == name)
            .ok_or_else(|| UnknownMode(name.to_owned()))
    }
}

/// The namespace the client parses patched elements in (protocol.md §3.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Ordinary HTML; the default.
    #[default]
    Html,
    /// SVG: bare `<circle>`, `<path>`… become SVG elements.
    Svg,
    /// MathML: bare `<mi>`, `<mo>`… become MathML elements.
    MathMl,
}

impl Namespace {
    /// The namespace as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Namespace::Html => "html",
            Namespace::Svg => "svg",
            Namespace::MathMl => "mathml",
        }
    }
}

impl FromStr for Namespace {
    type Err = UnknownMode;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        [Namespace::Html, Namespace::Svg, Namespace::MathMl]
            .into_iter()
            .find(|namespace| namespace.as_str() == name)
            .ok_or_else(|| UnknownMode(name.to_owned()))
    }
}

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

    /// Targets every element matching this CSS selector instead of the elements' ids.
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
            "data: elements \n".len() + breaks.split_len(elements.len(), ELEMENTS_LINE)
        });
        let mode = match self.mode {
            Mode::Outer => 0,
            mode => "data: mode \n".len() + mode.as_str().len(),
        };
        let view_transition = if self.use_view_transition {
            "data: useViewTransition true\n".len()
                + optional(
                    "data: viewTransitionSelector ",
                    &self.view_transition_selector,
                )
        } else {
            0
        };
        let namespace = match self.namespace {
            Namespace::Html => 0,
            namespace => "data: namespace \n".len() + namespace.as_str().len(),
        };
        self.options.head_len(EVENT_TYPE)
            + optional("data: selector ", &self.selector)
            + mode
            + view_transition
            + namespace
            + elements
            + 1
    }

    fn write_unchecked(&self, out: &mut Vec<u8>, breaks: Breaks) {
        self.options.write_head(out, EVENT_TYPE);
        if let Some(selector) = &self.selector {
            data_line(out, "selector", selector);
        }
        if self.mode != Mode::Outer {
            data_line(out, "mode", self.mode.as_str());
        }
        if self.use_view_transition {
            out.extend_from_slice(b"data: useViewTransition true\n");
            if let Some(selector) = &self.view_transition_selector {
                data_line(out, "viewTransitionSelector", selector);
            }
        }
        if self.namespace != Namespace::Html {
            data_line(out, "namespace", self.namespace.as_str());
        }
        if let Some(elements) = &self.elements {
            out.extend_from_slice(b"data: elements ");
            push_split_known(out, ELEMENTS_LINE, elements.as_bytes(), breaks);
            out.push(b'\n');
        }
        out.push(b'\n');
    }
}

/// Writes one `data: KEY VALUE` line; the value has been checked to be a single line.
pub(crate) fn data_line(out: &mut Vec<u8>, key: &str, value: &str) {
    out.extend_from_slice(b"data: ");
    out.extend_from_slice(key.as_bytes());
    out.push(b' ');
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

    #[test]
    fn modes_round_trip_through_their_names() {
        for mode in Mode::ALL {
            assert_eq!(mode.as_str().parse::<Mode>(), Ok(mode));
        }
        assert!("bogus".parse::<Mode>().is_err());
    }
}
