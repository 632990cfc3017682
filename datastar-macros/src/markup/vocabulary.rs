//! Names the HTML, SVG and MathML specifications give a meaning to, as tables: what the
//! rules in the other modules look words up in.

/// The namespace an element is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ns {
    Html,
    Svg,
    MathMl,
}

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

pub(super) use datastar_wire::attribute::is_boolean_attribute;

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

// The tree-construction algorithm's element sets (HTML standard §13.2.6).

/// Elements whose start tag closes an open `<p>` (in button scope).
pub(super) const CLOSES_P: [&str; 35] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "hr",
    "xmp",
];

pub(super) const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// The table parts that are only allowed in a table context.
pub(super) const TABLE_PARTS: [&str; 9] = [
    "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Tags that leave SVG and MathML content (the spec's breakout list; `font` only with
/// `color`, `face` or `size`).
pub(super) const BREAKOUT: [&str; 44] = [
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// The spec's "special" elements, which stop the search for an open `<li>`, `<dd>` or
/// `<dt>` to close: these HTML elements, and the integration points of SVG and MathML
/// (`integration_point`: HTML content allowed inside).
pub(super) fn is_special(name: &str, ns: Ns, integration_point: bool) -> bool {
    match ns {
        Ns::Html => matches!(
            name,
            "address"
                | "applet"
                | "area"
                | "article"
                | "aside"
                | "base"
                | "basefont"
                | "bgsound"
                | "blockquote"
                | "body"
                | "br"
                | "button"
                | "caption"
                | "center"
                | "col"
                | "colgroup"
                | "dd"
                | "details"
                | "dir"
                | "div"
                | "dl"
                | "dt"
                | "embed"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "frame"
                | "frameset"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "head"
                | "header"
                | "hgroup"
                | "hr"
                | "html"
                | "iframe"
                | "img"
                | "input"
                | "keygen"
                | "li"
                | "link"
                | "listing"
                | "main"
                | "marquee"
                | "menu"
                | "meta"
                | "nav"
                | "noembed"
                | "noframes"
                | "noscript"
                | "object"
                | "ol"
                | "p"
                | "param"
                | "plaintext"
                | "pre"
                | "script"
                | "search"
                | "section"
                | "select"
                | "source"
                | "style"
                | "summary"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
                | "track"
                | "ul"
                | "wbr"
                | "xmp"
        ),
        _ => integration_point,
    }
}
