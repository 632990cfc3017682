//! The names of the Datastar 1.0 wire format (the Datastar 1.0 SSE reference, data-star.dev/reference/sse_events): event types, data-line
//! keys, patch modes, namespaces and defaults.

use std::fmt;
use std::str::FromStr;

/// The event type of element patches (and of scripts and redirects, which are sugar over it).
pub const PATCH_ELEMENTS: &str = "datastar-patch-elements";
/// The event type of signal patches.
pub const PATCH_SIGNALS: &str = "datastar-patch-signals";

/// The client's reconnect interval when no `retry:` line is sent, in milliseconds; a
/// `retry:` line with this value is never written.
pub const DEFAULT_RETRY_MS: u64 = 1000;

/// One-shot responses (not SSE): the 1.0.4 client applies a `200` response by its
/// `content-type` — `text/html` patches elements, `application/json` patches signals,
/// `text/javascript` runs a script — and reads each option from a `datastar-` header
/// named after the data-line key in kebab case.
pub mod one_shot {
    /// `text/html`: the body is the elements.
    pub const ELEMENTS_CONTENT_TYPE: &str = "text/html; charset=utf-8";
    /// `application/json`: the body is the signals.
    pub const SIGNALS_CONTENT_TYPE: &str = "application/json";
    /// `text/javascript`: the body is the script.
    pub const SCRIPT_CONTENT_TYPE: &str = "text/javascript; charset=utf-8";
    /// The `selector` data line.
    pub const SELECTOR_HEADER: &str = "datastar-selector";
    /// The `mode` data line.
    pub const MODE_HEADER: &str = "datastar-mode";
    /// The `namespace` data line.
    pub const NAMESPACE_HEADER: &str = "datastar-namespace";
    /// The `useViewTransition` data line.
    pub const USE_VIEW_TRANSITION_HEADER: &str = "datastar-use-view-transition";
    /// The `onlyIfMissing` data line.
    pub const ONLY_IF_MISSING_HEADER: &str = "datastar-only-if-missing";
    /// The script's attributes, as a JSON object of strings.
    pub const SCRIPT_ATTRIBUTES_HEADER: &str = "datastar-script-attributes";
}

/// `event: ` starts every event.
pub const EVENT_LINE: &str = "event: ";
/// `id: ` line, written only when an id is given.
pub const ID_LINE: &str = "id: ";
/// `retry: ` line, written only for a non-default value.
pub const RETRY_LINE: &str = "retry: ";

/// True for an event id the browser can give back: when the stream reconnects, the
/// Datastar client sends the last id as a `last-event-id` header, which only carries
/// Latin-1 (the 1.0.4 client fails every reconnect on anything else), loses spaces at
/// either end, and browsers ignore an id containing NUL. So: visible ASCII, with spaces
/// inside only. The empty id is valid: it clears the id the client would send.
pub fn is_event_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.iter().all(|&byte| (b' '..=b'~').contains(&byte))
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
}

/// Data lines of `datastar-patch-elements`, in the order the SDK spec lists them.
pub const SELECTOR_LINE: &str = "data: selector ";
/// `data: mode `, followed by a [`Mode`] name.
pub const MODE_LINE: &str = "data: mode ";
/// The view transition flag; only `true` is ever written.
pub const VIEW_TRANSITION_LINE: &str = "data: useViewTransition true\n";
/// `data: viewTransitionSelector `, written only with the view transition.
pub const VIEW_TRANSITION_SELECTOR_LINE: &str = "data: viewTransitionSelector ";
/// `data: namespace `, followed by a [`Namespace`] name other than `html`.
pub const NAMESPACE_LINE: &str = "data: namespace ";
/// The first line of element content.
pub const ELEMENTS_LINE: &str = "data: elements ";
/// What replaces each line break in element content: the next data line's prefix, so a
/// blank line keeps the space after the key (the client's line-based parser reads `key value`).
pub const ELEMENTS_NEXT_LINE: &str = "\ndata: elements ";

/// The flag of `datastar-patch-signals`; only `true` is ever written.
pub const ONLY_IF_MISSING_LINE: &str = "data: onlyIfMissing true\n";
/// The first line of the signals' JSON.
pub const SIGNALS_LINE: &str = "data: signals ";
/// What replaces each line break in the signals' JSON.
pub const SIGNALS_NEXT_LINE: &str = "\ndata: signals ";

/// How patched elements are applied to their targets (the `mode` line).
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
    /// Every mode, in the order of the Datastar reference.
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

    /// True for the modes the 1.0 client can apply without a selector, by element id;
    /// the others make it throw `PatchElementsExpectedSelector`.
    pub const fn targets_by_id(self) -> bool {
        matches!(self, Mode::Outer | Mode::Replace)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of the values a wire field accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The field: `mode` or `namespace`.
    pub field: &'static str,
    /// The name as given.
    pub name: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a Datastar {}", self.name, self.field)
    }
}

impl std::error::Error for UnknownName {}

impl FromStr for Mode {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|mode| mode.as_str() == name)
            .ok_or_else(|| UnknownName {
                field: "mode",
                name: name.to_owned(),
            })
    }
}

/// The namespace element content is parsed in (the `namespace` line).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// HTML, the default.
    #[default]
    Html,
    /// SVG: the client wraps the content in `<svg>` so `<circle>` and friends are SVG
    /// elements.
    Svg,
    /// MathML: the client wraps the content in `<math>`.
    MathMl,
}

impl Namespace {
    /// Every namespace.
    pub const ALL: [Namespace; 3] = [Namespace::Html, Namespace::Svg, Namespace::MathMl];

    /// The namespace as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Namespace::Html => "html",
            Namespace::Svg => "svg",
            Namespace::MathMl => "mathml",
        }
    }
}

impl fmt::Display for Namespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Namespace {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Namespace::ALL
            .into_iter()
            .find(|namespace| namespace.as_str() == name)
            .ok_or_else(|| UnknownName {
                field: "namespace",
                name: name.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids() {
        for good in ["", "event1", "1732:0017", "a b", "~!"] {
            assert!(is_event_id(good), "{good:?}");
        }
        for bad in [" a", "a ", "a\nb", "a\0b", "é", "日本", "\t"] {
            assert!(!is_event_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for mode in Mode::ALL {
            assert_eq!(mode.as_str().parse::<Mode>(), Ok(mode));
        }
        for namespace in Namespace::ALL {
            assert_eq!(namespace.as_str().parse::<Namespace>(), Ok(namespace));
        }
        assert_eq!(
            "morph".parse::<Mode>().unwrap_err().to_string(),
            "`morph` is not a Datastar mode"
        );
    }
}
