//! Datastar 1.0 attributes: how the 1.0.4 client reads `data-<plugin>[:key][__modifiers]`
//! and what it does with the value.

use super::sink::{Sink, sink};
use super::source::HOLE;
use super::tree::Element;
use super::walker::Attribute;
use crate::check::HoleEscape;
use crate::diagnostics::Diagnostic;
use crate::rule;

/// Plugins whose key follows a `:` (beta wrote `-`).
const KEYED_PLUGINS: [&str; 10] = [
    "attr",
    "bind",
    "class",
    "computed",
    "indicator",
    "on",
    "persist",
    "ref",
    "signals",
    "style",
];

/// `data-on-*` plugins that really are spelt with a dash in 1.0.
const DASHED_ON_PLUGINS: [&str; 6] = [
    "intersect",
    "interval",
    "raf",
    "resize",
    "signal-patch",
    "signal-patch-filter",
];

pub(super) use datastar_wire::attribute::parse_datastar as parse;

/// The error for Datastar beta attribute spellings (`data-on-click`, `data-on-load`).
pub(super) fn beta_attribute_message(name: &str) -> Option<String> {
    let rest = name.strip_prefix("data-")?;
    let (base, modifiers) = match rest.find("__") {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if base == "on-load" {
        return Some(format!(
            "`{name}` is Datastar beta syntax: the 1.0 client renamed it to `data-init` and ignores `data-on-load`\n\nhelp: write `data-init{modifiers}`"
        ));
    }
    for plugin in KEYED_PLUGINS {
        let Some(key) = base
            .strip_prefix(plugin)
            .and_then(|rest| rest.strip_prefix('-'))
        else {
            continue;
        };
        if plugin == "on" && DASHED_ON_PLUGINS.contains(&key) {
            return None;
        }
        return Some(format!(
            "`{name}` is Datastar beta syntax: the 1.0 client separates the key with `:` and ignores this attribute\n\nhelp: write `data-{plugin}:{key}{modifiers}`"
        ));
    }
    None
}

/// The error for a Datastar key written with an uppercase letter (`data-bind:firstName`):
/// the HTML parser lowercases attribute names, so the 1.0.4 client never sees the case,
/// and the key means something else. `raw` is the name as written in the template.
pub(super) fn uppercase_key_message(raw: &str) -> Option<String> {
    let (attribute, _) = parse(raw)?;
    let key = attribute.key?;
    if !key.bytes().any(|byte| byte.is_ascii_uppercase()) {
        return None;
    }
    let plugin = attribute.plugin;
    let modifiers = attribute.modifiers;
    let lowered = key.to_ascii_lowercase();
    let read = format!(
        "the HTML parser lowercases attribute names, so the Datastar client reads `data-{plugin}:{lowered}{modifiers}`"
    );
    let kebab = kebab(key);
    let (meaning, help) = match plugin {
        // Keys the client turns into a signal name, camelCase by default: `first-name`
        // is `$firstName`.
        "bind" | "computed" | "indicator" | "ref" | "signals" | "persist" => (
            format!("the signal `{}`, not `{key}`", camel(&lowered)),
            format!("write `data-{plugin}:{kebab}{modifiers}` (the client makes `{key}` from it)"),
        ),
        // Keys used as they are (kebab-case by default): a `__case.camel` modifier gives
        // camelCase back, when the key has no dash of its own.
        "on" | "class" if !key.contains('-') => {
            let what = if plugin == "on" {
                "the event"
            } else {
                "the class"
            };
            (
                format!("{what} `{lowered}`, not `{key}`"),
                format!(
                    "write `data-{plugin}:{kebab}{modifiers}__case.camel` (the client makes `{key}` from it)"
                ),
            )
        }
        "class" => (
            format!("the class `{lowered}`, not `{key}`"),
            format!(
                "set it with the object form, which keeps the case: `data-class=\"{{'{key}': …}}\"`"
            ),
        ),
        "attr" => (
            format!("the attribute `{lowered}`, not `{key}` (SVG attributes are case-sensitive)"),
            format!(
                "set it with the object form, which keeps the case: `data-attr=\"{{{key}: …}}\"` (`data-attr:{kebab}` would set `{kebab}`)"
            ),
        ),
        "style" => (
            format!("the property `{lowered}`, which CSS does not have"),
            format!("write the CSS property name: `data-style:{kebab}{modifiers}`"),
        ),
        _ => (
            format!("the key `{lowered}`, not `{key}`"),
            format!("write the key in lowercase with dashes: `data-{plugin}:{kebab}{modifiers}`"),
        ),
    };
    Some(format!("`{raw}`: {read}, {meaning}\n\nhelp: {help}"))
}

/// `firstName` as `first-name`: a dash before each uppercase letter, lowercased.
fn kebab(key: &str) -> String {
    let mut kebab = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            kebab.push('-');
            kebab.push(c.to_ascii_lowercase());
        } else {
            kebab.push(c);
        }
    }
    kebab
}

/// A key as the 1.0.4 client names what it makes: the `__case.…` modifier's rule, else
/// `default` (camelCase for signal keys, kebab-case, which changes nothing, for events
/// and classes).
pub(super) fn client_case(key: &str, modifiers: &str, default: &str) -> String {
    let rule = modifiers
        .split("__")
        .find_map(|modifier| modifier.strip_prefix("case."))
        .and_then(|tags| tags.split('.').next())
        .unwrap_or(default);
    match rule {
        "camel" => camel(key),
        "snake" => key.replace('-', "_"),
        "pascal" => {
            let mut chars = key.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + &camel(chars.as_str())
            })
        }
        _ => key.to_owned(),
    }
}

/// The 1.0.4 client's default case for signal keys: `-x` becomes `X`.
fn camel(key: &str) -> String {
    let mut camel = String::with_capacity(key.len());
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '-' && next.is_ascii_lowercase() => {
                camel.push(next.to_ascii_uppercase());
                chars.next();
            }
            _ => camel.push(c),
        }
    }
    camel
}

/// The hole `index` of a `data-attr` value: the value goes into the attribute `key` (or,
/// for the object form, the key the hole's value stands under), so that attribute's own
/// rules apply to it.
pub(super) fn attr_target(
    element: &Element,
    attributes: &[Attribute],
    decoded: &str,
    index: usize,
    key: Option<&str>,
) -> Result<HoleEscape, Diagnostic> {
    let hole_at = decoded
        .match_indices(HOLE)
        .nth(index)
        .map_or(0, |(at, _)| at);
    let (before, after) = (&decoded[..hole_at], &decoded[hole_at + HOLE.len_utf8()..]);
    let (target, whole) = match key {
        Some(key) => (
            Some(key.to_ascii_lowercase()),
            before.trim().is_empty() && after.trim().is_empty(),
        ),
        None => (
            object_key_before(before).map(|key| key.to_ascii_lowercase()),
            matches!(after.trim_start().chars().next(), Some(',' | '}')),
        ),
    };
    let Some(target) = target else {
        return Err(rule::data_attr_unknown_key.says("a hole in `data-attr`'s object where the macro cannot tell which attribute the value goes to\n\nhelp: write the hole as the whole value of one key: `data-attr=\"{title: ` (value) `}\"`, or use `data-attr:title=\"` (value) `\"`"));
    };
    match sink(element, &target, attributes) {
        Sink::Text => Ok(HoleEscape::ScriptInAttribute),
        Sink::Url(place) if whole && !place.fixed_origin => {
            Ok(HoleEscape::UrlInScriptAttribute(place.policy))
        }
        Sink::Url(_) => Err(rule::data_attr_url_not_whole.says(format!(
            "`data-attr` sets `{target}` to this value, a URL: only a hole that is the whole value can be checked\n\nhelp: make the hole the whole value, `data-attr:{target}=\"` (url) `\"`, or use a plain `{target}=\"…\"` attribute"
        ))),
        Sink::Script { .. } | Sink::Document | Sink::Refused(_) => Err(rule::data_attr_event_handler.says(format!(
            "`data-attr` sets `{target}` to this value, and the browser (or the Datastar client) runs `{target}` as code or reads it as a document\n\nhelp: write `{target}` in the literal; pass values to it as signals"
        ))),
    }
}

/// The key that the value ending `before` stands under in an object literal:
/// `{a: 1, title: ` gives `title`.
fn object_key_before(before: &str) -> Option<&str> {
    let before = before.trim_end().strip_suffix(':')?.trim_end();
    let (key, rest) = if let Some(quoted) = before.strip_suffix(['\'', '"']) {
        let quote = before.chars().last()?;
        let start = quoted.rfind(quote)?;
        (&quoted[start + 1..], &quoted[..start])
    } else {
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '-'))
            .map_or(0, |at| at + 1);
        (&before[start..], &before[..start])
    };
    let opens = matches!(rest.trim_end().chars().last(), Some('{' | ','));
    (opens && !key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use datastar_wire::attribute::PluginValue;

    #[test]
    fn splits_names_as_the_client_does() {
        let (attribute, value) = parse("data-on:click__debounce.500ms__window").unwrap();
        assert_eq!(
            (attribute.plugin, attribute.key, value),
            ("on", Some("click"), PluginValue::Expression)
        );
        assert!(attribute.has_modifier("window"));
        assert!(attribute.has_modifier("debounce"));
        assert!(!attribute.has_modifier("once"));
        assert_eq!(parse("data-bind").unwrap().1, PluginValue::SignalName);
        assert_eq!(
            parse("data-on-intersect__once").unwrap().0.plugin,
            "on-intersect"
        );
        assert!(parse("data-id").is_none());
    }

    #[test]
    fn finds_object_keys() {
        assert_eq!(object_key_before("{a: 1, title: "), Some("title"));
        assert_eq!(object_key_before("{ 'href' :"), Some("href"));
        assert_eq!(object_key_before("{\"aria-label\": "), Some("aria-label"));
        assert_eq!(object_key_before("x ? "), None);
        assert_eq!(object_key_before("cond ? a : "), None);
    }

    #[test]
    fn uppercase_keys() {
        let help = |raw: &str| {
            let message = uppercase_key_message(raw).unwrap();
            message[message.find("help: ").unwrap() + 6..].to_owned()
        };
        assert_eq!(
            help("data-bind:firstName"),
            "write `data-bind:first-name` (the client makes `firstName` from it)"
        );
        assert!(
            uppercase_key_message("data-bind:firstName")
                .unwrap()
                .contains("reads `data-bind:firstname`, the signal `firstname`, not `firstName`")
        );
        assert_eq!(
            help("data-signals:user.lastSeen__ifmissing"),
            "write `data-signals:user.last-seen__ifmissing` (the client makes `user.lastSeen` from it)"
        );
        assert_eq!(
            help("data-on:podBay__once"),
            "write `data-on:pod-bay__once__case.camel` (the client makes `podBay` from it)"
        );
        assert!(help("data-attr:viewBox").starts_with("set it with the object form"));
        assert!(help("data-class:btn-Primary").contains("data-class=\"{'btn-Primary': …}\""));
        assert_eq!(camel(&kebab("URLValue")), "URLValue");
        assert_eq!(camel("first-name"), "firstName");
        assert!(uppercase_key_message("data-bind:first-name").is_none());
        assert!(uppercase_key_message("data-text").is_none());
        assert!(uppercase_key_message("onClick").is_none());
    }

    #[test]
    fn beta_spellings() {
        assert!(
            beta_attribute_message("data-on-click__once")
                .unwrap()
                .ends_with("help: write `data-on:click__once`")
        );
        assert!(
            beta_attribute_message("data-on-load")
                .unwrap()
                .ends_with("help: write `data-init`")
        );
        assert!(beta_attribute_message("data-on-intersect").is_none());
        assert!(beta_attribute_message("data-on:click").is_none());
    }
}
