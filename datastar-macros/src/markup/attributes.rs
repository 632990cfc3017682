//! Rules about a start tag's attributes and the element they make: duplicates, Datastar
//! beta spellings, keys the parser lowercases, actions the client does not have, ids, unquoted values, events the element never fires, and elements
//! that need an `id` or a namespace.

use std::ops::Range;

use datastar_wire::attribute::PluginValue;

use super::datastar::{self, beta_attribute_message};
use super::expressions;
use super::js_grammar;
use super::source::HOLE;
use super::tree::{Element, Ns};
use super::vocabulary::{
    LOAD_ELEMENTS, MATHML_ONLY, MEDIA_EVENTS, SVG_ONLY, WINDOW_EVENTS, is_boolean_attribute,
};
use super::walker::{Attribute, Walker};
use crate::diagnostics::Diagnostic;
use crate::rule;

impl Walker<'_, '_> {
    pub(super) fn check_attributes(&mut self, element: &Element, attributes: &[Attribute]) {
        let tag_name = &element.name;
        for (index, attribute) in attributes.iter().enumerate() {
            let name = &attribute.name;
            let name_span = self.source.span(attribute.name_range.clone());
            let given_before = attributes[..index].iter().any(|earlier| {
                earlier.name == *name
                    && !self
                        .source
                        .exclusive(earlier.name_range.start, attribute.name_range.start)
            });
            if given_before {
                self.diagnostics.error(
                    name_span,
                    rule::duplicate_attribute.says(format!("the attribute `{name}` is given twice on `<{tag_name}>`: the browser keeps the first and drops this one\n\nhelp: remove one of them")),
                );
            }
            if let Some(message) = beta_attribute_message(name) {
                self.diagnostics
                    .error(name_span, rule::beta_attribute_syntax.says(message));
            }
            let raw_name = &self.source.text[attribute.name_range.clone()];
            if let Some(message) = datastar::uppercase_key_message(raw_name) {
                self.diagnostics
                    .error(name_span, rule::uppercase_key.says(message));
            }
            if let Some(message) = never_fired(element, attributes, name) {
                self.diagnostics.error(name_span, message);
            }
            self.collect_signal_refs(attribute);
            let Some(value) = &attribute.value else {
                continue;
            };
            if let Some((_, PluginValue::Expression)) = datastar::parse(name) {
                // A value with `for`/`if` inside has several texts; the segment rules
                // keep its branches balanced, so only a plain value is read whole.
                let plain = !self.source.contains_segment(&value.range);
                if plain && let Some(problem) = expressions::syntax_problem(&value.decoded, true) {
                    self.error(
                        value.range.clone(),
                        rule::expression_unbalanced.says(format!("the value of `{name}` is not JavaScript the client can compile: {problem}; the client throws a `SyntaxError` (as `GenerateExpression`) when the attribute runs\n\nhelp: balance the brackets and close every string, template literal and comment")),
                    );
                } else if plain && let Some(problem) = js_grammar::grammar_problem(&value.decoded) {
                    self.error(
                        value.range.clone(),
                        rule::expression_syntax.says(format!("the value of `{name}` is not JavaScript the client can compile: {problem}; the client throws a `SyntaxError` (as `GenerateExpression`) when the attribute runs\n\nhelp: write the missing operator or operand (`$a + $b`, `@get('/x')`), or split two statements with `;`")),
                    );
                }
                for (_, action) in expressions::actions(&value.decoded) {
                    if let Some(message) = expressions::unknown_action_message(action) {
                        self.error(value.range.clone(), rule::unknown_action.says(message));
                    }
                }
            } else if is_event_handler(name) && !self.source.contains_segment(&value.range) {
                // Plain JavaScript, which the browser compiles when the event first fires.
                let problem = expressions::syntax_problem(&value.decoded, false)
                    .or_else(|| js_grammar::grammar_problem(&value.decoded));
                if let Some(problem) = problem {
                    self.error(
                        value.range.clone(),
                        rule::handler_syntax.says(format!("the value of `{name}` is not JavaScript the browser can compile: {problem}; the browser reports a `SyntaxError` when the event first fires, and the handler never runs\n\nhelp: balance the brackets, close every string, and write the missing operator or operand")),
                    );
                }
            }
            self.whole_document_text(value.range.clone(), &format!("the value of `{name}`"));
            if value.quote.is_none()
                && let Some(next) = attributes.get(index + 1)
            {
                let has_hole = self.source.text[value.range.clone()].contains(HOLE)
                    || next.name.contains(HOLE);
                let looks_like_rest_of_value = next.value.is_none()
                    && !has_hole
                    && !next.name.starts_with("data-")
                    && !is_boolean_attribute(&next.name);
                if looks_like_rest_of_value {
                    let text = self.source.snippet(value.range.clone());
                    let next_name = &next.name;
                    let span = self.source.span(value.range.start..next.name_range.end);
                    self.diagnostics.error(
                        span,
                        rule::unquoted_attribute_value_with_space.says(format!("the unquoted value of `{name}` ends at the space: the browser reads `{name}={text}` and a separate attribute `{next_name}`\n\nhelp: quote the value: `{name}=\"{text} {next_name}\"`")),
                    );
                }
            }
            if name == "id" {
                self.check_id(value.range.clone(), &attribute.name_range);
            }
        }
    }

    fn check_id(&mut self, range: Range<usize>, name_range: &Range<usize>) {
        let value = &self.source.text[range.clone()];
        let is_static = !value.contains(HOLE) && !self.source.contains_segment(&range);
        if !is_static {
            return;
        }
        let span = self.source.span(range.clone());
        if self.source.in_loop(name_range) {
            self.diagnostics.error(
                span,
                rule::static_id_in_loop.says(format!("the static id `{value}` is inside a loop body, so it repeats on every item: the items would share one id, which the Datastar 1.0 morph leaves out of id matching (the elements lose their state) and `#{value}` selects only the first of them\n\nhelp: put a hole in the id, e.g. `\"<li id=\\\"row-\" (n) \"\\\">\"`")),
            );
        } else if self
            .ids
            .get(value)
            .is_some_and(|earlier| !self.source.exclusive(earlier.start, range.start))
        {
            self.diagnostics.warn(
                rule::duplicate_id,
                span,
                format!("the id `{value}` appears twice in one `elements` payload: the Datastar 1.0 morph leaves duplicated ids out of id matching, so these elements lose their state"),
            );
        } else {
            self.ids.insert(value.to_owned(), range);
        }
    }

    pub(super) fn check_top_level_id(
        &mut self,
        name: &str,
        tag_range: &Range<usize>,
        attributes: &[Attribute],
    ) {
        let has_id = attributes
            .iter()
            .any(|attribute| attribute.name == "id" && attribute.value.is_some());
        if has_id || matches!(name, "html" | "head" | "body") {
            return;
        }
        let span = self.source.span(tag_range.clone());
        self.diagnostics.error(
            span,
            rule::top_level_element_without_id.says(format!("top-level `<{name}>` has no `id`: without a `selector`, the Datastar 1.0 client patches top-level elements by their `id` and skips this one (`PatchElementsNoTargetsFound`)\n\nhelp: add `id=\"…\"` to `<{name}>`, or add `selector = \"…\"`")),
        );
    }

    /// SVG and MathML elements written outside `<svg>`/`<math>` without `namespace`.
    pub(super) fn check_foreign_child(&mut self, name: &str, tag_range: &Range<usize>) {
        let (language, option) = if SVG_ONLY.contains(&name) {
            ("an SVG", "svg")
        } else if MATHML_ONLY.contains(&name) {
            ("a MathML", "mathml")
        } else {
            return;
        };
        let wrapper = if option == "svg" { "svg" } else { "math" };
        let span = self.source.span(tag_range.clone());
        self.diagnostics.error(
            span,
            rule::svg_child_without_namespace.says(format!("`<{name}>` is {language} element: outside `<{wrapper}>` the browser creates an unknown HTML element that does not render\n\nhelp: add `namespace = {option}`, or send the whole `<{wrapper}>` element")),
        );
    }
}

/// Why a listener in attribute `name` (`data-on:EVENT` or `onEVENT`) can never run on
/// `element`, if it cannot: the event does not bubble and the browser never fires it at
/// this kind of element, or fires it only at `window`.
fn never_fired(element: &Element, attributes: &[Attribute], name: &str) -> Option<Diagnostic> {
    let (event, on_window, captures) = match datastar::parse(name) {
        Some((attribute, _)) if attribute.plugin == "on" => {
            if attribute.has_modifier("case") {
                return None;
            }
            (
                attribute.key?,
                attribute.has_modifier("window") || attribute.has_modifier("document"),
                attribute.has_modifier("capture") || attribute.has_modifier("outside"),
            )
        }
        Some(_) => return None,
        None => (name.strip_prefix("on")?, false, false),
    };
    if on_window || captures || element.ns != Ns::Html {
        return None;
    }
    let tag = element.name.as_str();
    let is_image_input = tag == "input"
        && attributes.iter().any(|attribute| {
            attribute.name == "type"
                && attribute
                    .value
                    .as_ref()
                    .is_some_and(|value| value.decoded.eq_ignore_ascii_case("image"))
        });
    let media = matches!(tag, "audio" | "video");
    if event == "load" && (!LOAD_ELEMENTS.contains(&tag) || tag == "input" && !is_image_input) {
        return Some(rule::load_on_element_without_load.says(format!(
            "`<{tag}>` never fires `load`, and `load` does not bubble: this listener never runs\n\nhelp: to run code when the element is added to the page, use `data-init`"
        )));
    }
    if MEDIA_EVENTS.contains(&event) && !media {
        return Some(rule::media_event_on_other_element.says(format!(
            "`{event}` is fired only at `<audio>` and `<video>`, and does not bubble: this listener on `<{tag}>` never runs\n\nhelp: put it on the media element"
        )));
    }
    if WINDOW_EVENTS.contains(&event.to_ascii_lowercase().as_str()) {
        let help = if name.starts_with("data-on") {
            format!("write `{name}__window`")
        } else {
            format!("use `data-on:{event}__window`")
        };
        return Some(rule::window_event_on_element.says(format!(
            "`{event}` is fired only at `window` and `document`, not at elements: this listener on `<{tag}>` never runs\n\nhelp: {help}"
        )));
    }
    None
}

/// Whether `name` is an inline event handler (`onclick`), which the browser compiles as a
/// function body.
fn is_event_handler(name: &str) -> bool {
    name.strip_prefix("on").is_some_and(|event| {
        !event.is_empty() && event.bytes().all(|byte| byte.is_ascii_alphabetic())
    })
}
