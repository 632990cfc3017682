//! Names the HTML, SVG and MathML specifications give a meaning to, as tables: what the
//! rules in the other modules look words up in.

/// Elements without content or end tag.
pub(super) const VOID_ELEMENTS: [&str; 16] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track",
];

/// `wbr` is void too; kept apart so the table above reads as the spec's list.
pub(super) fn is_void(name: &str) -> bool {
    VOID_ELEMENTS.contains(&name) || name == "wbr"
}

/// Elements that only make sense inside `<svg>`: without `namespace = svg` the browser
/// creates unknown HTML elements for them. (`a`, `title`, `script`, `style`, `image` also
/// exist in HTML and are left out.)
pub(super) const SVG_ONLY: [&str; 32] = [
    "circle",
    "ellipse",
    "line",
    "path",
    "polygon",
    "polyline",
    "rect",
    "g",
    "defs",
    "use",
    "symbol",
    "text",
    "tspan",
    "textpath",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
    "mask",
    "pattern",
    "marker",
    "foreignobject",
    "filter",
    "desc",
    "metadata",
    "animate",
    "animatemotion",
    "animatetransform",
    "feblend",
    "fecolormatrix",
    "fegaussianblur",
    "feoffset",
];

/// Elements that only make sense inside `<math>`.
pub(super) const MATHML_ONLY: [&str; 26] = [
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mtable",
    "mtr",
    "mtd",
    "mspace",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "semantics",
    "annotation",
];

/// SVG animation elements: their `attributeName`, `values`, `from`, `to` and `by` can set
/// any attribute of their target, `href` included.
pub(super) const SVG_ANIMATION_ELEMENTS: [&str; 5] = [
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
    "set",
];

/// The HTML boolean attributes, which are legitimately written without a value.
pub(super) fn is_boolean_attribute(name: &str) -> bool {
    matches!(
        name,
        "allowfullscreen"
            | "async"
            | "autofocus"
            | "autoplay"
            | "checked"
            | "controls"
            | "default"
            | "defer"
            | "disabled"
            | "formnovalidate"
            | "hidden"
            | "inert"
            | "ismap"
            | "itemscope"
            | "loop"
            | "multiple"
            | "muted"
            | "nomodule"
            | "novalidate"
            | "open"
            | "playsinline"
            | "readonly"
            | "required"
            | "reversed"
            | "selected"
            | "popover"
            | "shadowrootclonable"
            | "shadowrootdelegatesfocus"
            | "shadowrootserializable"
    )
}

/// Attributes whose value is a URL the browser may follow or load (HTML, SVG and legacy
/// attributes; `srcset`, `imagesrcset` and `ping` hold several).
pub(super) const URL_ATTRIBUTES: [&str; 25] = [
    "action",
    "archive",
    "background",
    "cite",
    "classid",
    "codebase",
    "data",
    "dynsrc",
    "formaction",
    "href",
    "icon",
    "imagesrcset",
    "itemid",
    "itemtype",
    "longdesc",
    "lowsrc",
    "manifest",
    "ping",
    "poster",
    "profile",
    "src",
    "srcset",
    "usemap",
    "xlink:href",
    "xml:base",
];

/// How many URLs an attribute holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UrlList {
    /// One URL.
    One,
    /// A comma-separated list of candidates, each a URL and descriptors (`srcset`).
    Candidates,
    /// URLs separated by spaces (`ping`).
    Spaced,
}

/// Whether `name` (lower case, any `data-` prefix removed) is a URL attribute and how many
/// URLs it holds. Names that are not in the specs but say they hold a URL (`…src…`,
/// `…url…`, `…uri…`, `…href…`), as Go's html/template also assumes, count as one URL:
/// scripts often copy them into `src` or `href` (lazy loading).
pub(super) fn url_attribute(name: &str) -> Option<UrlList> {
    match name {
        "srcset" | "imagesrcset" => Some(UrlList::Candidates),
        "ping" => Some(UrlList::Spaced),
        name if URL_ATTRIBUTES.contains(&name) => Some(UrlList::One),
        name if ["src", "url", "uri", "href"]
            .iter()
            .any(|part| name.contains(part)) =>
        {
            Some(UrlList::One)
        }
        _ => None,
    }
}

/// Elements that the browser fires `load` at (besides `window` and `<body>`): they load
/// a resource, or are SVG. Checked in Chromium by `tests/tests/browser/markup.rs`.
pub(super) const LOAD_ELEMENTS: [&str; 12] = [
    "body", "embed", "iframe", "img", "input", "link", "object", "script", "style", "svg", "track",
    "image",
];

/// Events the browser only fires at media elements (`<audio>`, `<video>`), which do not
/// bubble: a listener anywhere else never runs.
pub(super) const MEDIA_EVENTS: [&str; 16] = [
    "abort",
    "canplay",
    "canplaythrough",
    "durationchange",
    "emptied",
    "ended",
    "loadeddata",
    "loadedmetadata",
    "loadstart",
    "pause",
    "play",
    "playing",
    "ratechange",
    "seeked",
    "seeking",
    "volumechange",
];

/// Events the browser only fires at `window` or `document`: an element listener never runs.
pub(super) const WINDOW_EVENTS: [&str; 12] = [
    "afterprint",
    "beforeprint",
    "beforeunload",
    "domcontentloaded",
    "hashchange",
    "offline",
    "online",
    "pagehide",
    "pageshow",
    "popstate",
    "storage",
    "unload",
];
