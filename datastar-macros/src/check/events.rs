//! The rules of each event statement: options, selectors, signals, scripts, redirects.
//! Literal HTML and script text are handed to `markup`.

use datastar_wire::attribute::is_attribute_name;
use datastar_wire::protocol::is_event_id;
use datastar_wire::script::AUTO_REMOVE_ATTRIBUTE;
use datastar_wire::url;

use super::{Checker, HoleEscape};
use crate::diagnostics::backticked;
use crate::markup::{self, ElementsRules, JsonKind};
use crate::model::*;
use crate::rule;

impl Checker<'_> {
    pub(super) fn event(&mut self, event: &Event) {
        if let Some(id) = &event.id {
            self.single_line(&id.value, "id");
            if let Text::Lit(lit) = &id.value
                && !lit.value().contains(['\r', '\n'])
                && !is_event_id(&lit.value())
            {
                self.diagnostics.error(
                    lit.span(),
                    rule::event_id_not_ascii.says("this event id cannot come back: the browser sends the last id as a `last-event-id` header when it reconnects, which takes visible ASCII only (spaces inside), and drops an id with NUL\n\nhelp: use letters, digits and ASCII punctuation, e.g. `id = \"msg-42\"`"),
                );
            }
        }
        if let Some(retry) = &event.retry
            && let DurationArg::Millis(millis) = &retry.value
            && millis.value == 0
        {
            self.diagnostics.error(
                millis.span,
                rule::retry_zero.says("`retry = 0` makes the browser reconnect with no delay after a network error, hammering the server\n\nhelp: use a positive duration such as `retry = 5s`, or leave it out for the default 1s"),
            );
        }
        match &event.kind {
            EventKind::Elements(elements) => self.elements(elements),
            EventKind::Remove(remove) => {
                self.selector(&remove.selector, "selector");
                self.patch_options(&remove.patch, true);
            }
            EventKind::Signals(signals) => match &signals.value {
                SignalsValue::Object(object) => {
                    self.signals_object(object);
                    let mut refs = markup::SignalRefs::default();
                    patched_paths(object, "", &mut refs);
                    self.decisions.signals(refs);
                }
                SignalsValue::Expr(expr) => {
                    if matches!(
                        **expr,
                        syn::Expr::Array(_) | syn::Expr::Lit(_) | syn::Expr::Tuple(_)
                    ) {
                        self.diagnostics.error(
                            syn::spanned::Spanned::span(&**expr),
                            rule::signals_not_an_object.says("signals must be a JSON object: the Datastar 1.0 client merges the value's keys, so an array or a scalar creates signals named `0`, `1`, …\n\nhelp: write an object: `signals { name: value };`"),
                        );
                    }
                }
            },
            EventKind::Script(script) => self.script(script),
            EventKind::Console(console) => self.console(console),
            EventKind::Dispatch(dispatch) => self.dispatch(dispatch),
            EventKind::ReplaceUrl(replace) => {
                self.helper_url(&replace.url, "replace_url", ReplaceUrl::URL_POLICY)
            }
            EventKind::Prefetch(prefetch) => self.prefetch(prefetch),
            EventKind::Redirect(redirect) => {
                if let Text::Lit(url) = &redirect.url
                    && !url::is_allowed(&url.value(), Redirect::URL_POLICY)
                {
                    let message = if url::is_javascript_url(&url.value()) {
                        rule::javascript_redirect.says("a `javascript:` URL does not navigate: the browser would run it as script in the page\n\nhelp: send code with `script \"…\";` and keep `redirect` for real URLs")
                    } else {
                        rule::redirect_to_refused_scheme.says(format!(
                            "`redirect` only goes to relative URLs and {} URLs: any other scheme could run code or carry a document\n\nhelp: redirect to a page of your own, or to an `https:` URL",
                            backticked(&url::ALLOWED_SCHEMES)
                        ))
                    };
                    self.diagnostics.error(url.span(), message);
                }
            }
        }
    }

    pub(super) fn single_line(&mut self, text: &Text, field: &str) {
        if let Text::Lit(lit) = text
            && lit.value().contains(['\r', '\n'])
        {
            let rule = if field == "id" {
                rule::line_break_in_id
            } else {
                rule::line_break_in_selector
            };
            self.diagnostics.error(
                lit.span(),
                rule.says(format!("line break in `{field}`: it is a single-line field, and a line break would end the SSE line and corrupt the event\n\nhelp: remove the line break")),
            );
        }
    }

    /// A selector the client hands to `querySelector(All)`: single-line, and one the
    /// browser parses (a literal here; a value at run time, where the builders check it).
    pub(super) fn selector(&mut self, selector: &Text, field: &str) {
        self.single_line(selector, field);
        let Text::Lit(lit) = selector else {
            return;
        };
        let value = lit.value();
        if value.trim().is_empty() {
            self.diagnostics.error(
                lit.span(),
                rule::empty_selector.says(format!("empty `{field}`: the browser's `querySelectorAll(\"\")` throws a `SyntaxError`\n\nhelp: write a CSS selector such as `\"#id\"`")),
            );
        } else if !value.contains(['\r', '\n'])
            && let Err(error) = datastar_wire::selector::check(&value)
        {
            let help = match &error.fix {
                Some(fix) if fix.contains('\\') => format!(
                    "write the selector `{fix}` (the Rust literal {:?}), which the browser reads as you meant",
                    fix
                ),
                Some(fix) => format!("write `{fix}`, which the browser reads as you meant"),
                None => "write a selector `document.querySelectorAll` accepts".to_owned(),
            };
            self.diagnostics.error(
                lit.span(),
                rule::selector_unparsable.says(format!("`{value}` is not a selector the browser can parse ({error}): the Datastar client's `querySelectorAll` would throw a `SyntaxError`, and the client drops what it was reading with it\n\nhelp: {help}")),
            );
        }
    }

    fn patch_options(&mut self, patch: &PatchOptions, has_selector: bool) {
        if let Some(selector) = &patch.selector {
            self.selector(&selector.value, "selector");
        }
        if let Some(view_transition_selector) = &patch.view_transition_selector {
            self.selector(&view_transition_selector.value, "view_transition_selector");
            if patch.view_transition.is_none() {
                self.diagnostics.error(
                    view_transition_selector.name.span(),
                    rule::view_transition_selector_without_view_transition.says("`view_transition_selector` without `view_transition` is never used: the client only reads it for a view transition\n\nhelp: add the `view_transition` option"),
                );
            }
        }
        if let Some(mode) = &patch.mode
            && !mode.value.value.targets_by_id()
            && !has_selector
            && !patch.selector_misspelt
        {
            let name = mode.value.value.as_str();
            self.diagnostics.error(
                mode.value.span,
                rule::mode_without_selector.says(format!("`mode = {name}` needs a `selector`: without one the Datastar 1.0 client throws `PatchElementsExpectedSelector` and patches nothing\n\nhelp: add `selector = \"#target\"`")),
            );
        }
    }

    fn elements(&mut self, elements: &Elements) {
        let patch = &elements.patch;
        self.patch_options(patch, patch.selector.is_some());
        let Content::Template(template) = &elements.content else {
            return;
        };
        let mode_targets_by_id = patch
            .mode
            .as_ref()
            .is_none_or(|mode| mode.value.value.targets_by_id());
        let namespace = match &patch.namespace {
            Some(namespace) => Some(namespace.value.value),
            // A misspelt namespace was reported; rules about foreign elements stay silent.
            None if patch.namespace_misspelt => Some(Namespace::Svg),
            None => None,
        };
        let rules = ElementsRules::patch(
            patch.selector.is_none() && !patch.selector_misspelt && mode_targets_by_id,
            namespace,
        );
        let (escapes, signals) = markup::check_elements(template, &rules, self.diagnostics);
        self.decide(escapes);
        self.decisions.signals(signals);
    }

    fn script(&mut self, script: &Script) {
        for attribute in &script.attributes {
            let name = &attribute.name;
            if !is_attribute_name(name) {
                self.diagnostics.error(
                    attribute.name_span,
                    rule::invalid_script_attribute.says(format!("`{name}` is not a valid attribute name: the browser would split or drop it\n\nhelp: use letters, digits, `-`, `_`, `:` and `.`")),
                );
            } else if name == AUTO_REMOVE_ATTRIBUTE
                && script
                    .auto_remove
                    .as_ref()
                    .is_none_or(|auto| auto.value.value)
            {
                self.diagnostics.error(
                    attribute.name_span,
                    rule::data_effect_with_auto_remove.says("`data-effect` is the attribute `auto_remove` writes (`data-effect=\"el.remove()\"`); the browser would keep only one of them\n\nhelp: add `auto_remove = false` to write your own `data-effect`"),
                );
            }
        }
        let escapes = markup::check_script_start_tag(&script.start_tag, self.diagnostics);
        self.decide(escapes);
        let Content::Template(template) = &script.content else {
            return;
        };
        let escapes = markup::check_script(template, self.diagnostics);
        self.decide(escapes);
    }

    pub(super) fn signals_object(&mut self, object: &JsonObject) {
        for (index, entry) in object.entries.iter().enumerate() {
            let key = &entry.key;
            if object.entries[..index]
                .iter()
                .any(|earlier| earlier.key == *key)
            {
                self.diagnostics.error(
                    entry.key_span,
                    rule::duplicate_signal_key.says(format!("the signal `{key}` is given twice: the client would apply only the last value\n\nhelp: remove one of them")),
                );
            }
            if key.contains('.') {
                let (head, tail) = key.split_once('.').unwrap_or((key, ""));
                self.diagnostics.error(
                    entry.key_span,
                    rule::dotted_signal_key.says(format!("the signal name `{key}` contains `.`: the Datastar 1.0 client patches one signal literally named `{key}`, not a nested path\n\nhelp: nest an object: `{head}: {{ {tail}: … }}`")),
                );
            }
            self.json_value(&entry.value);
        }
    }

    fn json_value(&mut self, value: &JsonValue) {
        match value {
            JsonValue::Literal { lit, json } => {
                if let Err(message) = json {
                    self.diagnostics.error(
                        lit.span(),
                        rule::invalid_json_literal.says(message.as_str()),
                    );
                }
            }
            JsonValue::Object(object) => self.signals_object(object),
            JsonValue::Array(items) => {
                for item in items {
                    self.json_value(item);
                }
            }
            JsonValue::Null | JsonValue::Expr(_) => {}
        }
    }

    pub(super) fn decide(&mut self, escapes: Vec<(HoleId, Option<HoleEscape>)>) {
        for (hole, escape) in escapes {
            if let Some(escape) = escape {
                self.decisions.decide(hole, escape);
            }
        }
    }
}

/// The signal paths a `signals { … }` patch sets: each key, and the keys of nested
/// objects under it.
/// The paths a `signals { … }` object sets, and the JSON kind of those set to a literal.
fn patched_paths(object: &JsonObject, prefix: &str, refs: &mut markup::SignalRefs) {
    for entry in &object.entries {
        let path = format!("{prefix}{}", entry.key);
        let kind = match &entry.value {
            JsonValue::Object(nested) => {
                patched_paths(nested, &format!("{path}."), refs);
                continue;
            }
            JsonValue::Null => Some(JsonKind::Null),
            JsonValue::Array(_) => Some(JsonKind::Array),
            JsonValue::Literal { json: Ok(json), .. } => Some(JsonKind::of_json(json)),
            JsonValue::Literal { .. } | JsonValue::Expr(_) => None,
        };
        if let Some(kind) = kind {
            let span = match &entry.value {
                JsonValue::Literal { lit, .. } => lit.span(),
                _ => entry.key_span,
            };
            refs.values.push((path.clone(), kind, span));
        }
        refs.uses.push((path, entry.key_span));
    }
}
