//! HTML attributes: which names can be written, and what the browser (and the Datastar
//! 1.0.4 client) does with each attribute's value. The macro decides template holes from
//! [`sink`] at compile time; the builders in `datastar-core` refuse or check run-time
//! values from the same answer.

use crate::Namespace;

/// True for a name that can be written as `name="value"` and is read back as one
/// attribute of that name: not empty, no whitespace, controls, quotes, `=`, `<`, `>`, `/`
/// or backtick.
pub fn is_attribute_name(name: &str) -> bool {
    !name.is_empty()
        && !name.bytes().any(|byte| {
            byte.is_ascii_whitespace()
                || byte.is_ascii_control()
                || matches!(byte, b'"' | b'\'' | b'=' | b'<' | b'>' | b'/' | b'`')
        })
}

/// What the browser does with an attribute's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sink<'a> {
    /// Nothing but show or store it.
    Text,
    /// Follows or loads it as URLs.
    Url {
        /// How many URLs the value holds.
        list: UrlList,
        /// The URL decides where the page loads code from (`<script src>`, `<base href>`):
        /// its host must be fixed by the page's author, not by a value.
        fixed_origin: bool,
    },
    /// Runs it as JavaScript: an event handler (`plugin` is `None`), or a Datastar
    /// attribute whose value the client compiles.
    Script {
        /// The Datastar plugin and its key (`data-attr:href` is `("attr", Some("href"))`).
        plugin: Option<(&'a str, Option<&'a str>)>,
    },
    /// Parses it as a whole HTML document (`srcdoc`).
    Document,
    /// Something no escaping of a value makes safe.
    Refused(Refusal<'a>),
}

/// Why no escaping makes a value safe in an attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal<'a> {
    /// A Datastar attribute whose value is a signal name, split on `.` into object keys:
    /// a value could reach `__proto__`.
    SignalName {
        /// The plugin (`bind`, `ref`, `indicator`, `persist`).
        plugin: &'a str,
    },
    /// A boolean attribute: on whenever present, whatever the value.
    Boolean,
    /// `style`: CSS, which could load URLs or change the page's look.
    Style,
    /// The `content` of `<meta http-equiv>`: the browser acts on it (`refresh`).
    MetaContent,
    /// The `type` of `<script>`: it decides whether the text runs as code.
    ScriptType,
    /// A value of an SVG animation, which can set any attribute of its target.
    SvgAnimation,
}

impl Refusal<'_> {
    /// What the browser would do with a value there, in a few words.
    pub fn reason(&self) -> &'static str {
        match self {
            Refusal::SignalName { .. } => {
                "its value is a signal name, which the Datastar client splits on `.` into object keys (a value could reach `__proto__`)"
            }
            Refusal::Boolean => "it is a boolean attribute, on whatever its value",
            Refusal::Style => "its value is CSS, which can load URLs",
            Refusal::MetaContent => "the browser acts on it (`refresh` navigates)",
            Refusal::ScriptType => "it decides whether the browser runs the script's text",
            Refusal::SvgAnimation => "an SVG animation can set any attribute of its target",
        }
    }
}

/// The element an attribute stands on: its lowercase name and namespace.
#[derive(Clone, Copy, Debug)]
pub struct OnElement<'a> {
    /// The element's name, lowercase.
    pub name: &'a str,
    /// HTML, SVG or MathML.
    pub namespace: Namespace,
}

/// The sink of attribute `name` (lowercase) on `element`; `has` tells whether the tag
/// also has another attribute (`<meta http-equiv>`).
pub fn sink<'a>(element: OnElement<'_>, name: &'a str, has: impl Fn(&str) -> bool) -> Sink<'a> {
    if let Some(event) = name.strip_prefix("on")
        && !event.is_empty()
        && event.bytes().all(|byte| byte.is_ascii_alphabetic())
    {
        return Sink::Script { plugin: None };
    }
    if let Some((attribute, value)) = parse_datastar(name) {
        return match value {
            PluginValue::Expression => Sink::Script {
                plugin: Some((attribute.plugin, attribute.key)),
            },
            PluginValue::SignalName => Sink::Refused(Refusal::SignalName {
                plugin: attribute.plugin,
            }),
        };
    }
    let svg = element.namespace == Namespace::Svg;
    // `hidden` and `popover` also take keywords (`until-found`, `manual`).
    if element.namespace == Namespace::Html
        && is_boolean_attribute(name)
        && !matches!(name, "hidden" | "popover")
    {
        return Sink::Refused(Refusal::Boolean);
    }
    let fixed_origin = Sink::Url {
        list: UrlList::One,
        fixed_origin: true,
    };
    match name {
        "style" => return Sink::Refused(Refusal::Style),
        "srcdoc" => return Sink::Document,
        "content" if element.name == "meta" && has("http-equiv") => {
            return Sink::Refused(Refusal::MetaContent);
        }
        "type" if element.name == "script" => return Sink::Refused(Refusal::ScriptType),
        "src" if element.name == "script" && !svg => return fixed_origin,
        "href" | "xlink:href" if element.name == "script" && svg => return fixed_origin,
        "href" if element.name == "base" => return fixed_origin,
        "attributename" | "values" | "from" | "to" | "by"
            if svg && SVG_ANIMATION_ELEMENTS.contains(&element.name) =>
        {
            return Sink::Refused(Refusal::SvgAnimation);
        }
        _ => {}
    }
    let url_name = name.strip_prefix("data-").unwrap_or(name);
    match url_attribute(url_name) {
        Some(list) => Sink::Url {
            list,
            fixed_origin: false,
        },
        None => Sink::Text,
    }
}

/// A `data-*` attribute split the way the Datastar client splits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatastarAttribute<'a> {
    /// `on` in `data-on:click__once`.
    pub plugin: &'a str,
    /// `click` in `data-on:click__once`.
    pub key: Option<&'a str>,
    /// Everything from the first `__`, e.g. `__debounce.500ms__window`.
    pub modifiers: &'a str,
}

impl DatastarAttribute<'_> {
    /// Whether the modifiers include `modifier` (with or without arguments).
    pub fn has_modifier(&self, modifier: &str) -> bool {
        self.modifiers
            .split("__")
            .any(|part| part.split('.').next() == Some(modifier))
    }
}

/// What the client does with a plugin's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluginValue {
    /// It is compiled to a JavaScript function (after rewriting `$signal` and `@action(`)
    /// or evaluated as JavaScript.
    Expression,
    /// It is a signal path, split on `.` into nested object keys.
    SignalName,
}

/// The actions an expression can call as `@name(…)`: the 1.0.4 bundle's, then Datastar
/// Pro's. The client looks them up by exact name (`@setall` is not `@setAll`) and throws
/// `UndefinedAction` for any other.
pub const ACTIONS: [&str; 10] = [
    "delete",
    "get",
    "patch",
    "peek",
    "post",
    "put",
    "setAll",
    "toggleAll",
    // Datastar Pro.
    "clipboard",
    "fit",
];

/// The plugins of the 1.0.4 bundle and of Datastar Pro 1.0 with the nature of their value.
pub const PLUGINS: [(&str, PluginValue); 23] = [
    ("attr", PluginValue::Expression),
    ("bind", PluginValue::SignalName),
    ("class", PluginValue::Expression),
    ("computed", PluginValue::Expression),
    ("effect", PluginValue::Expression),
    ("indicator", PluginValue::SignalName),
    ("init", PluginValue::Expression),
    ("json-signals", PluginValue::Expression),
    ("on", PluginValue::Expression),
    ("on-intersect", PluginValue::Expression),
    ("on-interval", PluginValue::Expression),
    ("on-signal-patch", PluginValue::Expression),
    ("on-signal-patch-filter", PluginValue::Expression),
    ("ref", PluginValue::SignalName),
    ("show", PluginValue::Expression),
    ("signals", PluginValue::Expression),
    ("style", PluginValue::Expression),
    ("text", PluginValue::Expression),
    // Datastar Pro.
    ("on-raf", PluginValue::Expression),
    ("on-resize", PluginValue::Expression),
    ("custom-validity", PluginValue::Expression),
    ("persist", PluginValue::SignalName),
    ("replace-url", PluginValue::Expression),
];

/// Splits a Datastar attribute name; `None` for other attributes (`data-id`, `class`).
pub fn parse_datastar(name: &str) -> Option<(DatastarAttribute<'_>, PluginValue)> {
    let rest = name.strip_prefix("data-")?;
    let (base, modifiers) = match rest.find("__") {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let (plugin, key) = match base.split_once(':') {
        Some((plugin, key)) => (plugin, Some(key)),
        None => (base, None),
    };
    let value = PLUGINS
        .iter()
        .find(|(name, _)| *name == plugin)
        .map(|(_, value)| *value)?;
    Some((
        DatastarAttribute {
            plugin,
            key,
            modifiers,
        },
        value,
    ))
}

/// SVG animation elements: their `attributeName`, `values`, `from`, `to` and `by` can set
/// any attribute of their target, `href` included.
pub const SVG_ANIMATION_ELEMENTS: [&str; 5] = [
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
    "set",
];

/// The HTML boolean attributes, which are legitimately written without a value.
pub fn is_boolean_attribute(name: &str) -> bool {
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
pub const URL_ATTRIBUTES: [&str; 25] = [
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
pub enum UrlList {
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
pub fn url_attribute(name: &str) -> Option<UrlList> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names() {
        for good in ["type", "data-on:click__once", "aria-label", "x.y"] {
            assert!(is_attribute_name(good), "{good}");
        }
        for bad in ["", "on click", "a\"", "a=b", "a/b", "<a", "a`", "a\u{1}"] {
            assert!(!is_attribute_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn sinks_of_a_script_element() {
        let script = OnElement {
            name: "script",
            namespace: Namespace::Html,
        };
        let no = |_: &str| false;
        assert_eq!(sink(script, "title", no), Sink::Text);
        assert_eq!(sink(script, "onerror", no), Sink::Script { plugin: None });
        assert_eq!(
            sink(script, "data-on:load__once", no),
            Sink::Script {
                plugin: Some(("on", Some("load")))
            }
        );
        assert_eq!(
            sink(script, "src", no),
            Sink::Url {
                list: UrlList::One,
                fixed_origin: true
            }
        );
        assert_eq!(
            sink(script, "data-url", no),
            Sink::Url {
                list: UrlList::One,
                fixed_origin: false
            }
        );
        assert_eq!(sink(script, "type", no), Sink::Refused(Refusal::ScriptType));
        assert_eq!(sink(script, "async", no), Sink::Refused(Refusal::Boolean));
        assert_eq!(
            sink(script, "data-ref", no),
            Sink::Refused(Refusal::SignalName { plugin: "ref" })
        );
    }
}
