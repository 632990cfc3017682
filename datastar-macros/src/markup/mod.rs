//! Literal HTML and script text in templates: read as the browser and the Datastar 1.0.4
//! client read them, checked, and each hole's escaping decided from where it stands.
//!
//! - `source`: the template joined into one text, holes as placeholders, and spans back.
//! - `tokens`: html5gum, driven with the tree builder's state switches.
//! - `walker`: the walk over the tokens, one method per token kind.
//! - `tree`: what the browser's tree builder builds instead of what was written.
//! - `attributes`: rules about a tag's attributes (duplicates, ids, events, beta names).
//! - `values`: holes in attribute values, by what the value becomes (text, URL, code).
//! - `text`: holes and rules in text. `url`: holes inside URLs. `js`: the JavaScript
//!   scanner. `context`: the context at a position. `segments`: loop bodies and `if`
//!   branches.
//! - `datastar`, `vocabulary`: the names the rules look up.

mod attributes;
mod context;
mod datastar;
mod document;
mod expressions;
mod js;
mod js_grammar;
mod read;
mod segments;
mod signal_objects;
mod sink;
mod source;
mod text;
mod tokens;
mod tree;
mod url;
mod values;
mod vocabulary;
mod walker;

use datastar_wire::Namespace;
use datastar_wire::escape::script_end_tags;

use crate::check::HoleEscape;
use crate::diagnostics::Diagnostics;
use crate::model::{HoleId, Template};
use crate::rule;
use context::Context;
use js::{JsContext, JsScanner};
use segments::check_balance;
use source::TemplateSource;
use tree::{Element, Ns};
use values::{js_place_message, js_string_message};
use walker::Walker;

/// The signals a template uses and defines, as the client names them, for the check
/// against a `#[signals(Type)]`.
#[derive(Default)]
pub(crate) struct SignalRefs {
    /// Paths read or set (`$user.name`, `data-bind:first-name`), with where they stand.
    pub(crate) uses: Vec<(String, proc_macro2::Span)>,
    /// Signals the template defines for itself (`data-computed`, `data-ref`,
    /// `data-indicator`).
    pub(crate) locals: Vec<String>,
    /// Paths a `signals { … }` patch sets to a literal, with the literal's JSON kind.
    pub(crate) values: Vec<(String, JsonKind, proc_macro2::Span)>,
}

/// A kind of JSON value: the name of its `json_kind` bit in the runtime, and how messages
/// say it. (A literal in a patch is never an object: a nested object sets nested paths.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonKind {
    /// Every kind, in the order of the runtime's `Kinds` flags.
    pub(crate) const ALL: [JsonKind; 6] = [
        JsonKind::Null,
        JsonKind::Bool,
        JsonKind::Number,
        JsonKind::String,
        JsonKind::Array,
        JsonKind::Object,
    ];

    /// The kind of a JSON text.
    pub(crate) fn of_json(json: &str) -> JsonKind {
        match json.as_bytes().first() {
            Some(b'"') => JsonKind::String,
            Some(b't' | b'f') => JsonKind::Bool,
            Some(b'n') => JsonKind::Null,
            Some(b'[') => JsonKind::Array,
            _ => JsonKind::Number,
        }
    }

    /// The runtime's `json_kind` constant.
    pub(crate) fn bit(self) -> &'static str {
        match self {
            JsonKind::Null => "NULL",
            JsonKind::Bool => "BOOL",
            JsonKind::Number => "NUMBER",
            JsonKind::String => "STRING",
            JsonKind::Array => "ARRAY",
            JsonKind::Object => "OBJECT",
        }
    }

    /// How messages name the kind: "a string".
    pub(crate) fn described(self) -> &'static str {
        match self {
            JsonKind::Null => "`null`",
            JsonKind::Bool => "a boolean",
            JsonKind::Number => "a number",
            JsonKind::String => "a string",
            JsonKind::Array => "an array",
            JsonKind::Object => "an object",
        }
    }
}

/// What an `elements` template is checked against.
pub(crate) struct ElementsRules {
    /// No selector: the client patches top-level elements by their `id`.
    pub(crate) targets_by_id: bool,
    /// The `namespace` option: the client wraps the content in `<svg>` or `<math>`.
    pub(crate) namespace: Option<Namespace>,
    /// The template is one start tag whose element the writer closes itself (the
    /// `script` statement's `<script …>`): that element is open at the end.
    pub(crate) start_tag_only: bool,
    /// An `html!` template (a page or a component), not a patch.
    pub(crate) page: bool,
    /// An `html!` page that starts with `<!doctype html>`: read as a whole document.
    pub(crate) document: bool,
}

impl ElementsRules {
    /// The rules of an `elements` patch.
    pub(crate) fn patch(targets_by_id: bool, namespace: Option<Namespace>) -> Self {
        ElementsRules {
            targets_by_id,
            namespace,
            start_tag_only: false,
            page: false,
            document: false,
        }
    }
}

/// The wrapper element the client puts around the content for `namespace`.
fn root_element(rules: &ElementsRules) -> Option<Element> {
    let (name, ns) = match rules.namespace? {
        Namespace::Svg => ("svg", Ns::Svg),
        Namespace::MathMl => ("math", Ns::MathMl),
        Namespace::Html => return None,
    };
    Some(Element {
        name: name.to_owned(),
        ns,
        html_inside: false,
    })
}

/// Checks an `elements` template; returns each hole's escaping (`None` for a refused
/// hole, whose error is reported).
pub(crate) fn check_elements(
    template: &Template,
    rules: &ElementsRules,
    diagnostics: &mut Diagnostics,
) -> (Vec<(HoleId, Option<HoleEscape>)>, SignalRefs) {
    let source = TemplateSource::new(template);
    let mut walker = Walker::new(&source, rules, diagnostics);
    tokens::tokenize(&source.text, |token, range| walker.token(token, range));
    let signals = std::mem::take(&mut walker.signal_refs);
    let escapes = walker.finish();
    let escapes = source
        .holes
        .iter()
        .map(|hole| hole.id)
        .zip(escapes)
        .collect();
    (escapes, signals)
}

/// Checks the `<script …>` start tag of a `script` statement (see `parse::script`) as
/// the same tag written in an `elements` template; returns each hole's escaping.
pub(crate) fn check_script_start_tag(
    start_tag: &Template,
    diagnostics: &mut Diagnostics,
) -> Vec<(HoleId, Option<HoleEscape>)> {
    let rules = ElementsRules {
        start_tag_only: true,
        ..ElementsRules::patch(false, None)
    };
    check_elements(start_tag, &rules, diagnostics).0
}

/// Checks an `html!` template: a whole document when it starts with `<!doctype html>`,
/// else a fragment (a component); returns each hole's escaping.
pub(crate) fn check_page(
    template: &Template,
    diagnostics: &mut Diagnostics,
) -> (Vec<(HoleId, Option<HoleEscape>)>, SignalRefs) {
    let source = TemplateSource::new(template);
    let start = source.text.trim_start().as_bytes();
    let document = start.len() >= 9 && start[..9].eq_ignore_ascii_case(b"<!doctype");
    let rules = ElementsRules {
        page: true,
        document,
        ..ElementsRules::patch(false, None)
    };
    check_elements(template, &rules, diagnostics)
}

/// Checks a `script` template (its literals are JavaScript); returns each hole's
/// escaping: a JSON literal where a value may stand, refused inside strings, template
/// literals, regular expressions and comments.
pub(crate) fn check_script(
    template: &Template,
    diagnostics: &mut Diagnostics,
) -> Vec<(HoleId, Option<HoleEscape>)> {
    let source = TemplateSource::new(template);
    for at in script_end_tags(&source.text) {
        let end = at + "</script".len();
        diagnostics.error(
            source.span(at..end),
            rule::script_end_tag_in_script.says(format!("`{}` inside a script ends the `<script>` element early: the browser runs the script cut short and shows the rest as HTML\n\nhelp: write `<\\/script` inside the JavaScript string", source.snippet(at..end))),
        );
    }
    for end_tag in ["</body>", "</head>", "</html>"] {
        if let Some(at) = source.text.find(end_tag) {
            diagnostics.error(
                source.span(at..at + end_tag.len()),
                rule::whole_document_end_tag_in_script.says(format!("`{end_tag}` in a script: the Datastar 1.0.4 client looks for this text anywhere in a patch and, finding it, treats the patch as a whole document and replaces the page's `<body>`\n\nhelp: write `<\\/{}`", &end_tag[2..])),
            );
        }
    }
    let state_at = |at: usize| {
        let mut scanner = JsScanner::default();
        scanner.feed(&source.text[..at], |_| {});
        Context::Text {
            open: Vec::new(),
            raw: Some("script".to_owned()),
            js: Some(scanner.segment_state()),
        }
    };
    for segment in &source.segments {
        check_balance(
            segment.kind,
            segment.keyword,
            &state_at(segment.body.start),
            &state_at(segment.body.end),
            diagnostics,
        );
    }
    let contexts = js::hole_contexts(&source.text);
    source
        .holes
        .iter()
        .zip(contexts)
        .map(|(hole, context)| {
            let escape = match context {
                JsContext::Code { .. } => Some(HoleEscape::Script),
                JsContext::String { quote, .. } => {
                    diagnostics.error(hole.span, js_string_message("script", quote));
                    None
                }
                other => {
                    diagnostics.error(hole.span, js_place_message("script", &other));
                    None
                }
            };
            (hole.id, escape)
        })
        .collect()
}

#[cfg(test)]
mod tests;
