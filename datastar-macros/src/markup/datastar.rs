//! Datastar 1.0 attributes: how the 1.0.4 client reads `data-<plugin>[:key][__modifiers]`
//! and what it does with the value.

/// A `data-*` attribute split the way the client splits it.
pub(super) struct DatastarAttribute<'a> {
    pub(super) plugin: &'a str,
    pub(super) key: Option<&'a str>,
    /// Everything from the first `__`, e.g. `__debounce.500ms__window`.
    pub(super) modifiers: &'a str,
}

impl DatastarAttribute<'_> {
    pub(super) fn has_modifier(&self, modifier: &str) -> bool {
        self.modifiers
            .split("__")
            .any(|part| part.split('.').next() == Some(modifier))
    }
}

/// What the client does with a plugin's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PluginValue {
    /// It is compiled to a JavaScript function (after rewriting `$signal` and `@action(`)
    /// or evaluated as JavaScript.
    Expression,
    /// It is a signal path, split on `.` into nested object keys.
    SignalName,
}

/// The plugins of the 1.0.4 bundle and of Datastar Pro 1.0 with the nature of their value.
const PLUGINS: [(&str, PluginValue); 23] = [
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

/// Splits a Datastar attribute name; `None` for other attributes (`data-id`, `class`).
pub(super) fn parse(name: &str) -> Option<(DatastarAttribute<'_>, PluginValue)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
