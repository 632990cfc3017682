//! Where an attribute's value goes in the browser (its sink): the compile-time side of
//! `datastar_wire::attribute::sink`, which the run-time builders also follow, with the
//! message for a value no escaping can make safe. Pure: the walker, the value rules and
//! the Datastar rules all ask it.

use datastar_wire::Namespace;
use datastar_wire::attribute::{self, OnElement, Refusal, Sink as WireSink};
use datastar_wire::url::UrlPolicy;

use super::tree::{Element, Ns};
use super::url::Place;
use super::walker::Attribute;
use crate::diagnostics::Diagnostic;
use crate::rule;

/// What the browser does with an attribute's value, as the macro acts on it.
pub(super) enum Sink {
    /// Nothing but show or store it.
    Text,
    /// Follows or loads it as URLs.
    Url(Place),
    /// Runs it as JavaScript; for a Datastar attribute, which one.
    Script {
        plugin: Option<(String, Option<String>)>,
    },
    /// Parses it as a whole HTML document (`srcdoc`).
    Document,
    /// Something no escaping can make safe; the message says why.
    Refused(Diagnostic),
}

/// The sink of attribute `name` on `element`, given all the tag's attributes: the one
/// answer of `datastar_wire::attribute::sink`, which the run-time builders also follow,
/// with the compile-time message for a refusal.
pub(super) fn sink(element: &Element, name: &str, attributes: &[Attribute]) -> Sink {
    let on = OnElement {
        name: &element.name,
        namespace: match element.ns {
            Ns::Html => Namespace::Html,
            Ns::Svg => Namespace::Svg,
            Ns::MathMl => Namespace::MathMl,
        },
    };
    let has = |wanted: &str| attributes.iter().any(|attribute| attribute.name == wanted);
    match attribute::sink(on, name, has) {
        WireSink::Text => Sink::Text,
        WireSink::Url { list, fixed_origin } => Sink::Url(Place {
            list,
            policy: UrlPolicy::Navigate,
            fixed_origin,
            in_action: false,
        }),
        WireSink::Script { plugin } => Sink::Script {
            plugin: plugin.map(|(plugin, key)| (plugin.to_owned(), key.map(str::to_owned))),
        },
        WireSink::Document => Sink::Document,
        WireSink::Refused(refusal) => Sink::Refused(refusal_message(&refusal, name, element)),
    }
}

/// The compile-time error for a hole in an attribute no escaping makes safe.
fn refusal_message(refusal: &Refusal<'_>, name: &str, element: &Element) -> Diagnostic {
    match refusal {
        Refusal::SignalName { plugin } => rule::hole_in_signal_name.says(format!(
            "`{name}` takes a signal name, which the Datastar client splits on `.` into object keys: a value from a hole could reach `__proto__` and change every object in the page\n\nhelp: write the signal name in the literal, e.g. `data-{plugin}:name`"
        )),
        Refusal::Boolean => rule::hole_in_boolean_attribute.says(format!(
            "a hole in the value of `{name}`: `{name}` is a boolean attribute, on whenever it is present, whatever its value (`{name}=\"false\"` is {name} too)\n\nhelp: write the attribute in a template `if`: `\"<input type=\\\"checkbox\\\"\" if done {{ \" {name}\" }} \">\"`"
        )),
        Refusal::Style => rule::hole_in_style_attribute.says("a hole inside `style` cannot be escaped: CSS has no escaping the macro could check, and a value could load URLs or change the page's look\n\nhelp: set one property from a Datastar expression, `data-style:color=\"$color\"`, with the value as a signal"),
        Refusal::MetaContent => rule::hole_in_meta_refresh.says("a hole in the `content` of `<meta http-equiv>`: the browser acts on it (`refresh` navigates)\n\nhelp: redirect with the `redirect` statement"),
        Refusal::ScriptType => rule::hole_in_script_type.says("a hole in the `type` of `<script>`: it decides whether the browser runs the script's text as code\n\nhelp: write the type in the literal"),
        Refusal::SvgAnimation => rule::hole_in_svg_animation.says(format!(
            "a hole in `{name}` of the SVG animation `<{}>`: an animation can set any attribute of its target, a link's `href` included\n\nhelp: write the animation's values in the literal",
            element.name
        )),
    }
}
