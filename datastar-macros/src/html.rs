//! Literal HTML in templates, read with the html5gum tokenizer (the WHATWG tokenizer
//! state machine, so "what the browser would see" is the browser's own algorithm).
//!
//! A template's literals are joined with a placeholder character where each hole sits;
//! the tokenizer's spans then tell which context every hole is in (text, quoted attribute
//! value, script, …), which decides its escaping, and the token sequence is checked for
//! the rules of design.md groups 3, 4 and 10.

use std::collections::HashMap;
use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Error as TokenizerError, Span as HtmlSpan, Tokenizer};
use proc_macro2::Span;
use syn::LitStr;

use crate::diagnostics::Diagnostics;
use crate::model::{HoleEscape, Part, Template};

/// Stands for a hole in the joined source: a private-use character, valid in every
/// tokenizer state and never produced by the tokenizer itself.
const HOLE: char = '\u{E000}';

const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that only make sense inside `<svg>`: without `namespace = svg` the browser
/// creates unknown HTML elements for them. (`a`, `title`, `script`, `style`, `image` also
/// exist in HTML and are left out.)
const SVG_ONLY: [&str; 32] = [
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

const MATHML_ONLY: [&str; 26] = [
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

/// Datastar 1.0 attribute plugins whose key follows a `:` (beta wrote `-`).
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

/// Attributes whose value is a Datastar expression (JavaScript), by plugin name.
const EXPRESSION_PLUGINS: [&str; 16] = [
    "text",
    "show",
    "on",
    "signals",
    "class",
    "attr",
    "style",
    "computed",
    "effect",
    "init",
    "on-intersect",
    "on-interval",
    "on-signal-patch",
    "on-signal-patch-filter",
    "on-raf",
    "on-resize",
];

/// A template's literals joined into one string, holes replaced by [`HOLE`], each loop
/// body written once, inline, where the loop stands.
pub(crate) struct TemplateSource<'a> {
    pub(crate) text: String,
    /// Byte offset and span of every hole, in order.
    holes: Vec<(usize, Span)>,
    /// Byte offset where each literal's value starts, with the literal.
    literals: Vec<(usize, &'a LitStr)>,
    /// Every template loop, in source order.
    loops: Vec<LoopSource>,
    /// Where each loop body starts and ends, in source order (nested and empty bodies
    /// keep the order the tokens came in).
    marks: Vec<(usize, LoopMark)>,
}

/// A template loop's body in the joined text.
struct LoopSource {
    body: Range<usize>,
    /// The `for` keyword.
    keyword: Span,
}

#[derive(Clone, Copy)]
enum LoopMark {
    Start(usize),
    End(usize),
}

impl<'a> TemplateSource<'a> {
    pub(crate) fn new(template: &'a Template) -> Self {
        let mut source = TemplateSource {
            text: String::new(),
            holes: Vec::new(),
            literals: Vec::new(),
            loops: Vec::new(),
            marks: Vec::new(),
        };
        source.push_parts(&template.parts);
        source
    }

    fn push_parts(&mut self, parts: &'a [Part]) {
        for part in parts {
            match part {
                Part::Lit(lit) => {
                    self.literals.push((self.text.len(), lit));
                    self.text.push_str(&lit.value());
                }
                Part::Hole(hole) => {
                    self.holes.push((self.text.len(), hole.span));
                    self.text.push(HOLE);
                }
                Part::Loop(template_loop) => {
                    let index = self.loops.len();
                    let start = self.text.len();
                    self.loops.push(LoopSource {
                        body: start..start,
                        keyword: template_loop.keyword,
                    });
                    self.marks.push((start, LoopMark::Start(index)));
                    self.push_parts(&template_loop.body);
                    let end = self.text.len();
                    self.loops[index].body.end = end;
                    self.marks.push((end, LoopMark::End(index)));
                }
            }
        }
    }

    /// True when `range` lies in the body of some loop: it repeats.
    fn in_loop(&self, range: &Range<usize>) -> bool {
        self.loops
            .iter()
            .any(|l| l.body.start <= range.start && range.end <= l.body.end)
    }

    /// True when a loop body lies inside `range`: its text varies with the items.
    fn contains_loop(&self, range: &Range<usize>) -> bool {
        self.loops
            .iter()
            .any(|l| range.start <= l.body.start && l.body.end <= range.end)
    }

    pub(crate) fn hole_count(&self) -> usize {
        self.holes.len()
    }

    /// The best span for a byte range of the joined text: the sub-span inside the string
    /// literal where the compiler supports it (nightly, unit tests), else the literal.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        if let Some((_, span)) = self.holes.iter().find(|(offset, _)| *offset == range.start) {
            return *span;
        }
        let Some((start, lit)) = self
            .literals
            .iter()
            .rev()
            .find(|(start, _)| *start <= range.start)
        else {
            return self
                .holes
                .first()
                .map_or_else(Span::call_site, |hole| hole.1);
        };
        let token = lit.token();
        let repr = token.to_string();
        let from = value_offset_in_token(&repr, range.start - start);
        let to = value_offset_in_token(&repr, range.end.max(range.start + 1) - start);
        match (from, to) {
            (Some(from), Some(to)) => token.subspan(from..to.max(from + 1)).unwrap_or(lit.span()),
            _ => lit.span(),
        }
    }

    /// Up to 40 characters of the source at `range`, holes shown as `(…)`, for messages.
    pub(crate) fn snippet(&self, range: Range<usize>) -> String {
        let end = range.end.min(self.text.len());
        let text = self.text.get(range.start..end).unwrap_or_default();
        let text = text.replace(HOLE, "(…)");
        let mut chars = text.chars();
        let short: String = chars.by_ref().take(40).collect();
        if chars.next().is_some() {
            format!("{short}…")
        } else {
            short
        }
    }

    fn holes_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        self.holes
            .iter()
            .enumerate()
            .filter(move |(_, (offset, _))| range.contains(offset))
            .map(|(index, _)| index)
    }
}

/// Where byte `value_offset` of a string literal's value sits in the literal's source
/// text (`repr`), walking escapes; `None` if the literal is not a plain string.
fn value_offset_in_token(repr: &str, value_offset: usize) -> Option<usize> {
    if let Some(rest) = repr.strip_prefix('r') {
        let hashes = rest.chars().take_while(|c| *c == '#').count();
        return Some(1 + hashes + 1 + value_offset);
    }
    let body = repr.strip_prefix('"')?;
    let mut value_len = 0;
    let mut chars = body.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if value_len >= value_offset {
            return Some(1 + index);
        }
        if c == '"' {
            break;
        }
        if c != '\\' {
            value_len += c.len_utf8();
            continue;
        }
        match chars.next().map(|(_, escaped)| escaped) {
            Some('x') => {
                chars.next();
                chars.next();
                value_len += 1;
            }
            Some('u') => {
                let mut digits = String::new();
                for (_, digit) in chars.by_ref() {
                    if digit == '}' {
                        break;
                    }
                    if digit != '{' {
                        digits.push(digit);
                    }
                }
                let c = u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)?;
                value_len += c.len_utf8();
            }
            Some('\n') => {
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
            }
            Some(_) => value_len += 1,
            None => return None,
        }
    }
    Some(repr.len().saturating_sub(1))
}

/// One tokenizer event with its byte range in the joined source.
#[derive(Debug)]
enum Token {
    OpenStartTag { name: String },
    AttributeName { name: String },
    AttributeValue,
    CloseStartTag { self_closing: bool },
    EndTag { name: String },
    Text,
    Comment,
    Doctype,
    Error(TokenizerError),
}

fn tokenize(source: &str) -> Vec<(Token, Range<usize>)> {
    let mut tokens = Vec::new();
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: HtmlSpan<usize>| {
        let name = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let token = match event {
            CallbackEvent::OpenStartTag { name: tag } => Token::OpenStartTag { name: name(tag) },
            CallbackEvent::AttributeName { name: attribute } => Token::AttributeName {
                name: name(attribute),
            },
            CallbackEvent::AttributeValue { .. } => Token::AttributeValue,
            CallbackEvent::CloseStartTag { self_closing } => Token::CloseStartTag { self_closing },
            CallbackEvent::EndTag { name: tag } => Token::EndTag { name: name(tag) },
            CallbackEvent::String { .. } => Token::Text,
            CallbackEvent::Comment { .. } => Token::Comment,
            CallbackEvent::Doctype { .. } => Token::Doctype,
            CallbackEvent::Error(error) => Token::Error(error),
        };
        tokens.push((token, span.start..span.end));
        None::<Infallible>
    });
    let mut emitter = emitter;
    // Switch to script/raw-text states after `<script>`, `<style>` … as a browser does.
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(source, emitter);
    match tokenizer.finish() {
        Ok(()) => {}
        Err(never) => match never {},
    }
    tokens
}

/// What an `elements` template is checked against.
pub(crate) struct ElementsRules {
    /// No selector: the client patches top-level elements by their `id`.
    pub(crate) targets_by_id: bool,
    /// A `namespace` is given: the content is SVG or MathML, where `<x/>` is fine.
    pub(crate) foreign: bool,
}

struct Attribute {
    name: String,
    name_range: Range<usize>,
    value: Option<(Range<usize>, bool)>,
}

#[derive(Clone)]
struct OpenElement {
    name: String,
    range: Range<usize>,
}

/// Where the tokenizer stands at a loop's start or end; a loop body must end in the
/// context it started in, since it is written once per item.
#[derive(Clone, PartialEq, Eq)]
enum Context {
    /// HTML text (or the text of a raw-text element such as `<script>`), inside the open
    /// elements given by name and position, with the JavaScript string left open there.
    Text {
        open: Vec<(String, usize)>,
        raw: Option<String>,
        js_string: Option<char>,
    },
    /// Between the attributes of a start tag.
    Tag,
    /// Inside a tag name, an attribute name or an end tag.
    Name,
    /// Inside the quoted attribute value of one token.
    AttributeValue {
        token: usize,
        js_string: Option<char>,
    },
    /// Inside a comment or doctype.
    Comment(usize),
}

impl Context {
    fn describe(&self) -> String {
        match self {
            Context::Text {
                open, raw: None, ..
            } => match open.last() {
                Some((name, _)) => format!("HTML text inside `<{name}>`"),
                None => "top-level HTML text".to_owned(),
            },
            Context::Text { raw: Some(raw), .. } => format!("the text of `<{raw}>`"),
            Context::Tag | Context::Name => "a tag".to_owned(),
            Context::AttributeValue { .. } => "an attribute value".to_owned(),
            Context::Comment(_) => "a comment".to_owned(),
        }
    }

    fn js_string(&self) -> Option<char> {
        match self {
            Context::Text { js_string, .. } | Context::AttributeValue { js_string, .. } => {
                *js_string
            }
            _ => None,
        }
    }
}

/// The tokenizer state saved where a loop body starts, restored where it ends if the
/// body was not balanced, so that one mistake is reported once.
struct LoopStart {
    context: Context,
    stack: Vec<OpenElement>,
    raw_text: Option<(String, usize)>,
    foreign_depth: Option<usize>,
}

/// Checks an `elements` template and returns the escaping of each hole (`None` for a
/// hole that was refused).
pub(crate) fn analyze_elements(
    source: &TemplateSource<'_>,
    rules: &ElementsRules,
    diagnostics: &mut Diagnostics,
) -> Vec<Option<HoleEscape>> {
    let mut escapes: Vec<Option<HoleEscape>> = vec![None; source.hole_count()];
    let mut classified = vec![false; source.hole_count()];
    let text = &source.text;
    let mut stack: Vec<OpenElement> = Vec::new();
    let mut tag: Option<(String, Range<usize>, Vec<Attribute>)> = None;
    // The raw-text element we are inside (`script`, `style`, …) and where its text starts.
    let mut raw_text: Option<(String, usize)> = None;
    // Inside `<svg>`/`<math>` (or with a `namespace`), self-closing tags are allowed.
    let mut foreign_depth: Option<usize> = rules.foreign.then_some(0);
    let mut ids: HashMap<String, Range<usize>> = HashMap::new();

    let refuse_holes = |range: Range<usize>,
                        message: &str,
                        classified: &mut Vec<bool>,
                        diagnostics: &mut Diagnostics| {
        for hole in source.holes_in(range) {
            if !classified[hole] {
                classified[hole] = true;
                diagnostics.error(source.holes[hole].1, message);
            }
        }
    };

    let tokens = tokenize(text);
    let mut loop_starts: Vec<Option<LoopStart>> = source.loops.iter().map(|_| None).collect();
    let mut marks = source.marks.iter().peekable();
    for index in 0..=tokens.len() {
        // Loop starts and ends before the end of this token: the context there is the one
        // before the token is processed (or, inside a token, the token's own).
        let limit = tokens
            .get(index)
            .map_or(usize::MAX, |(_, range)| range.end.max(range.start + 1));
        while let Some(&&(at, mark)) = marks.peek() {
            if at >= limit {
                break;
            }
            marks.next();
            let attribute = tag
                .as_ref()
                .and_then(|(_, _, attributes)| attributes.last())
                .map(|attribute| attribute.name.as_str());
            let context = context_at(
                source,
                at,
                &tokens,
                index,
                tag.is_some(),
                attribute,
                &stack,
                &raw_text,
            );
            match mark {
                LoopMark::Start(at_loop) => {
                    loop_starts[at_loop] = Some(LoopStart {
                        context,
                        stack: stack.clone(),
                        raw_text: raw_text.clone(),
                        foreign_depth,
                    });
                }
                LoopMark::End(at_loop) => {
                    let Some(start) = loop_starts[at_loop].take() else {
                        continue;
                    };
                    let keyword = source.loops[at_loop].keyword;
                    if check_loop_balance(keyword, &start.context, &context, diagnostics) {
                        stack = start.stack;
                        raw_text = start.raw_text;
                        foreign_depth = start.foreign_depth;
                    }
                }
            }
        }
        let Some((token, range)) = tokens.get(index) else {
            break;
        };
        let range = range.clone();
        match token {
            Token::OpenStartTag { name } => {
                refuse_holes(
                    range.clone(),
                    "a hole cannot be part of a tag name: the macro could neither check nor escape the tag\n\nhelp: write the tag name in the literal, or build the markup in Rust and insert it with `(Raw(markup))`",
                    &mut classified,
                    diagnostics,
                );
                tag = Some((name.clone(), range, Vec::new()));
            }
            Token::AttributeName { name } => {
                refuse_holes(
                    range.clone(),
                    "a hole cannot stand for an attribute name or a whole attribute: the value could break out of the tag\n\nhelp: write the name in the literal and quote the hole: `name=\"` (value) `\"`",
                    &mut classified,
                    diagnostics,
                );
                if let Some((_, _, attributes)) = &mut tag {
                    attributes.push(Attribute {
                        name: name.clone(),
                        name_range: range,
                        value: None,
                    });
                }
            }
            Token::AttributeValue => {
                let quoted =
                    range.start > 0 && matches!(text.as_bytes()[range.start - 1], b'"' | b'\'');
                let attribute_name = tag
                    .as_mut()
                    .and_then(|(_, _, attributes)| attributes.last_mut())
                    .map(|attribute| {
                        attribute.value = Some((range.clone(), quoted));
                        attribute.name.clone()
                    })
                    .unwrap_or_default();
                for hole in source.holes_in(range.clone()) {
                    if classified[hole] {
                        continue;
                    }
                    classified[hole] = true;
                    let hole_span = source.holes[hole].1;
                    if !quoted {
                        diagnostics.error(
                            hole_span,
                            format!("a hole in the unquoted value of `{attribute_name}`: a space in the value would end it and start a new attribute\n\nhelp: quote the value: `{attribute_name}=\"` (value) `\"`"),
                        );
                    } else if is_expression_attribute(&attribute_name) {
                        let code = decode_quotes(&text[range.start..source.holes[hole].0]);
                        if let Some(quote) = open_js_string(&code) {
                            diagnostics.error(hole_span, js_string_message(&attribute_name, quote));
                        } else {
                            escapes[hole] = Some(HoleEscape::JsAttr);
                        }
                    } else if is_url_attribute(&attribute_name)
                        && text[range.start..source.holes[hole].0].trim().is_empty()
                    {
                        // The hole decides the URL's scheme.
                        escapes[hole] = Some(HoleEscape::UrlAttr);
                    } else {
                        escapes[hole] = Some(HoleEscape::HtmlAttr);
                    }
                }
            }
            &Token::CloseStartTag { self_closing } => {
                let Some((name, open_range, attributes)) = tag.take() else {
                    continue;
                };
                let tag_range = open_range.start..range.end;
                check_attributes(source, &name, &attributes, &mut ids, diagnostics);
                let at_top_level = stack.is_empty();
                if at_top_level && rules.targets_by_id {
                    check_top_level_id(source, &name, &tag_range, &attributes, diagnostics);
                }
                if foreign_depth.is_none() {
                    check_foreign_child(source, &name, &tag_range, diagnostics);
                }
                let is_void = VOID_ELEMENTS.contains(&name.as_str());
                if self_closing && !is_void && foreign_depth.is_none() {
                    diagnostics.error(
                        source.span(tag_range.clone()),
                        format!("`<{name}/>` does not close the element in HTML: the browser opens a `<{name}>` that swallows everything after it\n\nhelp: write `<{name}></{name}>`"),
                    );
                }
                if !is_void && !self_closing {
                    if foreign_depth.is_none() && (name == "svg" || name == "math") {
                        foreign_depth = Some(stack.len());
                    }
                    if matches!(
                        name.as_str(),
                        "script"
                            | "style"
                            | "textarea"
                            | "title"
                            | "iframe"
                            | "xmp"
                            | "noembed"
                            | "noframe"
                            | "noscript"
                            | "plaintext"
                    ) {
                        raw_text = Some((name.clone(), range.end));
                    }
                    stack.push(OpenElement {
                        name,
                        range: tag_range,
                    });
                }
            }
            Token::EndTag { name } => {
                if raw_text.as_ref().is_some_and(|(raw, _)| raw == name) {
                    raw_text = None;
                }
                let next_end_tag = tokens[index + 1..]
                    .iter()
                    .find_map(|(token, _)| match token {
                        Token::EndTag { name } => Some(name.as_str()),
                        _ => None,
                    });
                close_element(source, name, &range, next_end_tag, &mut stack, diagnostics);
                if foreign_depth.is_some_and(|depth| depth >= stack.len()) && !rules.foreign {
                    foreign_depth = None;
                }
            }
            Token::Text => {
                for hole in source.holes_in(range.clone()) {
                    if classified[hole] {
                        continue;
                    }
                    classified[hole] = true;
                    let hole_span = source.holes[hole].1;
                    match raw_text.as_ref().map(|(name, start)| (name.as_str(), *start)) {
                        None | Some(("textarea" | "title", _)) => {
                            escapes[hole] = Some(HoleEscape::HtmlText);
                        }
                        Some(("script", start)) => {
                            let code = &text[start..source.holes[hole].0];
                            if let Some(quote) = open_js_string(code) {
                                diagnostics.error(hole_span, js_string_message("<script>", quote));
                            } else {
                                escapes[hole] = Some(HoleEscape::Js);
                            }
                        }
                        Some((name, _)) => diagnostics.error(
                            hole_span,
                            format!("a hole inside `<{name}>` cannot be escaped: the macro only escapes HTML text, attribute values and scripts\n\nhelp: move the dynamic part into an attribute or a `<script>`, or insert trusted text with `(Raw(text))`"),
                        ),
                    }
                }
                if stack.is_empty() && rules.targets_by_id && raw_text.is_none() {
                    let visible = text[range.clone()]
                        .chars()
                        .any(|c| !c.is_whitespace() && c != HOLE);
                    if visible {
                        diagnostics.error(
                            source.span(range.clone()),
                            format!("top-level text `{}` is dropped: without a `selector`, the Datastar 1.0 client only patches top-level elements, by their `id`\n\nhelp: wrap the text in an element with an `id`, or add `selector = \"…\"`", source.snippet(range.clone()).trim()),
                        );
                    }
                }
            }
            Token::Comment | Token::Doctype => refuse_holes(
                range,
                "a hole inside an HTML comment or doctype cannot be escaped: `-->` in the value would end it\n\nhelp: move the hole out of the comment",
                &mut classified,
                diagnostics,
            ),
            Token::Error(error) => report_tokenizer_error(source, *error, range, diagnostics),
        }
    }
    for open in stack {
        diagnostics.error(
            source.span(open.range.clone()),
            format!(
                "`<{}>` is never closed: the browser closes it wherever it sees fit, which can swallow later content\n\nhelp: add `</{}>`",
                open.name, open.name
            ),
        );
    }
    for (hole, done) in classified.iter().enumerate() {
        if !done {
            diagnostics.error(
                source.holes[hole].1,
                "a hole in a place the macro cannot escape (inside a tag, but not in a quoted attribute value)\n\nhelp: put holes in text or inside quoted attribute values: `name=\"` (value) `\"`",
            );
        }
    }
    escapes
}

/// The context at byte `at` of the joined source, given the state before token `next`.
#[allow(clippy::too_many_arguments)]
fn context_at(
    source: &TemplateSource<'_>,
    at: usize,
    tokens: &[(Token, Range<usize>)],
    next: usize,
    in_tag: bool,
    attribute: Option<&str>,
    stack: &[OpenElement],
    raw_text: &Option<(String, usize)>,
) -> Context {
    let text = &source.text;
    let quoted_value = |index: usize| {
        let (token, range) = &tokens[index];
        matches!(token, Token::AttributeValue)
            && range.start > 0
            && matches!(text.as_bytes()[range.start - 1], b'"' | b'\'')
    };
    let attribute_value = |index: usize| {
        let start = tokens[index].1.start;
        let js_string = attribute
            .filter(|name| is_expression_attribute(name))
            .and_then(|_| open_js_string(&decode_quotes(&text[start..at])));
        Context::AttributeValue {
            token: index,
            js_string,
        }
    };
    if let Some((token, range)) = tokens.get(next) {
        if range.start < at && at < range.end {
            return match token {
                Token::Text => text_context(text, at, stack, raw_text),
                Token::AttributeValue if quoted_value(next) => attribute_value(next),
                Token::Comment | Token::Doctype => Context::Comment(next),
                _ => Context::Name,
            };
        }
        if range.start == at && quoted_value(next) {
            return attribute_value(next);
        }
    }
    if let Some(previous) = next.checked_sub(1)
        && tokens[previous].1.end == at
        && quoted_value(previous)
        && in_tag
    {
        return attribute_value(previous);
    }
    if in_tag {
        return Context::Tag;
    }
    text_context(text, at, stack, raw_text)
}

fn text_context(
    text: &str,
    at: usize,
    stack: &[OpenElement],
    raw_text: &Option<(String, usize)>,
) -> Context {
    let js_string = raw_text
        .as_ref()
        .filter(|(name, _)| name == "script")
        .and_then(|(_, start)| open_js_string(&text[*start..at]));
    Context::Text {
        open: stack
            .iter()
            .map(|open| (open.name.clone(), open.range.start))
            .collect(),
        raw: raw_text.as_ref().map(|(name, _)| name.clone()),
        js_string,
    }
}

/// Reports a loop body that does not end in the context it started in. True when the
/// body only left elements open: the caller then carries on as if it had closed them,
/// so that the end tags after the loop are not reported too.
fn check_loop_balance(
    keyword: Span,
    start: &Context,
    end: &Context,
    diagnostics: &mut Diagnostics,
) -> bool {
    const BALANCED: &str = "a loop body must be balanced: it is written once per item, so it must end in the context it started in";
    if matches!(start, Context::Tag | Context::Name) {
        diagnostics.error(
            keyword,
            "a `for` loop inside a tag writes its attributes once per item: the browser keeps only the first of each duplicated attribute\n\nhelp: loop around whole elements, or inside a quoted attribute value: `class=\"` for c in classes { (c) \" \" } `\"`",
        );
        return false;
    }
    if start == end {
        return false;
    }
    let mut only_opened = false;
    let message = match (start, end) {
        (Context::Text { open: before, .. }, Context::Text { open: after, .. })
            if before != after =>
        {
            let common = before.iter().zip(after).take_while(|(a, b)| a == b).count();
            if let Some((closed, _)) = before.get(common) {
                format!(
                    "this loop's body closes `<{closed}>`, which was opened before the loop: the browser would close it after the first item and put the other items outside it\n\nhelp: {BALANCED}; move `</{closed}>` after the loop"
                )
            } else {
                let opened = &after[common].0;
                only_opened = true;
                format!(
                    "this loop's body opens `<{opened}>` and does not close it: the browser would nest each item inside the previous one\n\nhelp: {BALANCED}; add `</{opened}>` at the end of the loop body"
                )
            }
        }
        _ if start.js_string() != end.js_string() => {
            let state = |quote: Option<char>| match quote {
                Some(quote) => format!("inside a JavaScript string `{quote}…{quote}`"),
                None => "outside any JavaScript string".to_owned(),
            };
            format!(
                "this loop's body starts {} and ends {}: every other item would be read as the inside of a string\n\nhelp: {BALANCED}; close the string inside the loop body",
                state(start.js_string()),
                state(end.js_string())
            )
        }
        _ => format!(
            "this loop's body starts in {} and ends in {}: the items after the first would be read in the wrong context\n\nhelp: {BALANCED}; close inside the body every tag, quote and element it opens",
            start.describe(),
            end.describe()
        ),
    };
    diagnostics.error(keyword, message);
    only_opened
}

fn close_element(
    source: &TemplateSource<'_>,
    name: &str,
    range: &Range<usize>,
    next_end_tag: Option<&str>,
    stack: &mut Vec<OpenElement>,
    diagnostics: &mut Diagnostics,
) {
    let span = source.span(range.clone());
    if VOID_ELEMENTS.contains(&name) {
        diagnostics.error(
            span,
            format!("`</{name}>`: `<{name}>` is a void element and has no end tag; the browser reads `</{name}>` as another `<{name}>` or drops it\n\nhelp: remove `</{name}>`"),
        );
        return;
    }
    // A tag name with a hole in it (already refused) matches any end tag.
    match stack
        .iter()
        .rposition(|open| open.name == name || open.name.contains(HOLE))
    {
        Some(position) if position + 1 == stack.len() => {
            stack.pop();
        }
        Some(position) => {
            let innermost = &stack[stack.len() - 1].name;
            diagnostics.error(
                span,
                format!("`</{name}>` closes `<{name}>` while `<{innermost}>` inside it is still open: the browser closes `<{innermost}>` implicitly\n\nhelp: add `</{innermost}>` before `</{name}>`"),
            );
            stack.truncate(position);
        }
        None => match stack.last() {
            // A typo for the innermost open element, unless the next end tag closes it:
            // report it once and carry on as if it closed that element.
            Some(open) if next_end_tag != Some(open.name.as_str()) => {
                let open = stack.pop().expect("the stack has a last element");
                diagnostics.error(
                span,
                format!("`</{name}>` does not match the open `<{}>`: there is no open `<{name}>`, so the browser ignores it and `<{}>` stays open\n\nhelp: write `</{}>`", open.name, open.name, open.name),
                );
            }
            _ => diagnostics.error(
                span,
                format!("stray `</{name}>`: there is no open `<{name}>`, so the browser ignores it\n\nhelp: remove `</{name}>`"),
            ),
        },
    }
}

fn check_top_level_id(
    source: &TemplateSource<'_>,
    name: &str,
    tag_range: &Range<usize>,
    attributes: &[Attribute],
    diagnostics: &mut Diagnostics,
) {
    let has_id = attributes
        .iter()
        .any(|attribute| attribute.name == "id" && attribute.value.is_some());
    if has_id || matches!(name, "html" | "head" | "body") {
        return;
    }
    diagnostics.error(
        source.span(tag_range.clone()),
        format!("top-level `<{name}>` has no `id`: without a `selector`, the Datastar 1.0 client patches top-level elements by their `id` and skips this one (`PatchElementsNoTargetsFound`)\n\nhelp: add `id=\"…\"` to `<{name}>`, or add `selector = \"…\"`"),
    );
}

fn check_foreign_child(
    source: &TemplateSource<'_>,
    name: &str,
    tag_range: &Range<usize>,
    diagnostics: &mut Diagnostics,
) {
    let (language, option) = if SVG_ONLY.contains(&name) {
        ("an SVG", "svg")
    } else if MATHML_ONLY.contains(&name) {
        ("a MathML", "mathml")
    } else {
        return;
    };
    let wrapper = if option == "svg" { "svg" } else { "math" };
    diagnostics.error(
        source.span(tag_range.clone()),
        format!("`<{name}>` is {language} element: outside `<{wrapper}>` the browser creates an unknown HTML element that does not render\n\nhelp: add `namespace = {option}`, or send the whole `<{wrapper}>` element"),
    );
}

fn check_attributes(
    source: &TemplateSource<'_>,
    tag_name: &str,
    attributes: &[Attribute],
    ids: &mut HashMap<String, Range<usize>>,
    diagnostics: &mut Diagnostics,
) {
    for (index, attribute) in attributes.iter().enumerate() {
        let name = &attribute.name;
        let name_span = source.span(attribute.name_range.clone());
        if attributes[..index]
            .iter()
            .any(|earlier| earlier.name == *name)
        {
            diagnostics.error(
                name_span,
                format!("the attribute `{name}` is given twice on `<{tag_name}>`: the browser keeps the first and drops this one\n\nhelp: remove one of them"),
            );
        }
        if let Some(message) = beta_attribute_message(name) {
            diagnostics.error(name_span, message);
        }
        if let Some((value_range, quoted)) = &attribute.value {
            if !quoted && let Some(next) = attributes.get(index + 1) {
                let has_hole =
                    source.text[value_range.clone()].contains(HOLE) || next.name.contains(HOLE);
                let looks_like_rest_of_value = next.value.is_none()
                    && !has_hole
                    && !next.name.starts_with("data-")
                    && !is_boolean_attribute(&next.name);
                if looks_like_rest_of_value {
                    let value = source.snippet(value_range.clone());
                    let next_name = &next.name;
                    diagnostics.error(
                        source.span(value_range.start..next.name_range.end),
                        format!("the unquoted value of `{name}` ends at the space: the browser reads `{name}={value}` and a separate attribute `{next_name}`\n\nhelp: quote the value: `{name}=\"{value} {next_name}\"`"),
                    );
                }
            }
            if name == "id" {
                let value = &source.text[value_range.clone()];
                let is_static = !value.contains(HOLE) && !source.contains_loop(value_range);
                if is_static && source.in_loop(&attribute.name_range) {
                    diagnostics.error(
                        source.span(value_range.clone()),
                        format!("the static id `{value}` is inside a loop body, so it repeats on every item: the items would share one id, which the Datastar 1.0 morph leaves out of id matching (the elements lose their state) and `#{value}` selects only the first of them\n\nhelp: put a hole in the id, e.g. `\"<li id=\\\"row-\" (n) \"\\\">\"`"),
                    );
                } else if is_static {
                    if ids.contains_key(value) {
                        diagnostics.warn(
                            "duplicate_id",
                            source.span(value_range.clone()),
                            format!("the id `{value}` appears twice in one `elements` payload: the Datastar 1.0 morph leaves duplicated ids out of id matching, so these elements lose their state"),
                        );
                    } else {
                        ids.insert(value.to_owned(), value_range.clone());
                    }
                }
            }
        }
    }
}

/// The HTML boolean attributes, which are legitimately written without a value.
fn is_boolean_attribute(name: &str) -> bool {
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
    )
}

/// The error for Datastar beta attribute spellings (`data-on-click`, `data-on-load`).
fn beta_attribute_message(name: &str) -> Option<String> {
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

/// Attributes whose value the browser runs as JavaScript: Datastar expression attributes
/// and HTML event handlers (`onclick`, `onload`, …). Entity decoding happens before the
/// code runs, so HTML escaping alone would not keep a hole inside a string.
fn is_expression_attribute(name: &str) -> bool {
    if let Some(event) = name.strip_prefix("on") {
        return !event.is_empty() && event.bytes().all(|byte| byte.is_ascii_alphabetic());
    }
    let Some(rest) = name.strip_prefix("data-") else {
        return false;
    };
    let base = rest.split("__").next().unwrap_or_default();
    let plugin = base.split(':').next().unwrap_or_default();
    EXPRESSION_PLUGINS.contains(&plugin)
}

/// Attributes whose value is a URL that the browser may follow or load: a
/// `javascript:` URL there runs code.
fn is_url_attribute(name: &str) -> bool {
    const URL_ATTRIBUTES: [&str; 16] = [
        "action",
        "background",
        "cite",
        "codebase",
        "data",
        "formaction",
        "href",
        "icon",
        "longdesc",
        "manifest",
        "ping",
        "poster",
        "profile",
        "src",
        "srcset",
        "xlink:href",
    ];
    URL_ATTRIBUTES.contains(&name)
}

/// Attribute values reach JavaScript after entity decoding; only the quote entities
/// matter for finding string literals.
fn decode_quotes(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&#96;", "`")
}

/// The quote of the JavaScript string (or template literal) still open at the end of
/// `code`, if any. Comments are skipped; regular expression literals are not recognised.
pub(crate) fn open_js_string(code: &str) -> Option<char> {
    #[derive(Clone, Copy)]
    enum State {
        Code,
        String(char),
        LineComment,
        BlockComment,
    }
    let mut state = State::Code;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        state = match state {
            State::Code => match c {
                '\'' | '"' | '`' => State::String(c),
                '/' if chars.peek() == Some(&'/') => State::LineComment,
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    State::BlockComment
                }
                _ => State::Code,
            },
            State::String(quote) => {
                if c == '\\' {
                    chars.next();
                    State::String(quote)
                } else if c == quote {
                    State::Code
                } else {
                    State::String(quote)
                }
            }
            State::LineComment if c == '\n' || c == '\r' => State::Code,
            State::BlockComment if c == '*' && chars.peek() == Some(&'/') => {
                chars.next();
                State::Code
            }
            other => other,
        };
    }
    match state {
        State::String(quote) => Some(quote),
        _ => None,
    }
}

pub(crate) fn js_string_message(place: &str, quote: char) -> String {
    format!(
        "this hole sits inside a JavaScript string `{quote}…{quote}` in `{place}`: holes there are written as JSON literals with their own quotes, so the string would end early\n\nhelp: close the string and concatenate, e.g. `\"{quote}Hello, {quote} + \" (name) \" + {quote}!{quote}\"`"
    )
}

fn report_tokenizer_error(
    source: &TemplateSource<'_>,
    error: TokenizerError,
    range: Range<usize>,
    diagnostics: &mut Diagnostics,
) {
    use TokenizerError as E;
    let help = match error {
        E::EofInTag | E::EofBeforeTagName => "the last tag is not finished; add the closing `>`",
        E::EofInComment | E::EofInScriptHtmlCommentLikeText => {
            "the comment is not finished; add `-->`"
        }
        E::EofInDoctype | E::EofInCdata => "finish the declaration with `>`",
        E::InvalidFirstCharacterOfTagName | E::UnexpectedQuestionMarkInsteadOfTagName => {
            "the browser shows this `<` as text; write `&lt;` for a literal `<`, or start a tag name right after `<`"
        }
        E::MissingEndTagName => "`</>` is ignored by the browser; remove it or name the tag",
        E::MissingAttributeValue => "write a value after `=`, or remove the `=`",
        E::MissingWhitespaceBetweenAttributes => "put a space between the attributes",
        E::UnexpectedCharacterInAttributeName => {
            "attribute names cannot contain quotes or `<`; check for a missing `=` or space"
        }
        E::UnexpectedCharacterInUnquotedAttributeValue => "quote the attribute value",
        E::UnexpectedEqualsSignBeforeAttributeName => "remove the `=` or add the attribute name",
        E::UnexpectedSolidusInTag => "`/` is only allowed right before `>`",
        E::EndTagWithAttributes => "end tags cannot have attributes; remove them",
        E::AbruptClosingOfEmptyComment
        | E::IncorrectlyClosedComment
        | E::IncorrectlyOpenedComment
        | E::NestedComment => "write comments as `<!-- … -->`",
        E::CdataInHtmlContent => "CDATA sections only exist inside SVG and MathML",
        // Character references, control characters and other recoverable details.
        _ => return,
    };
    let at = range.start.min(source.text.len().saturating_sub(1));
    let context = source.snippet(at.saturating_sub(10)..at + 10);
    diagnostics.error(
        source.span(at..at + 1),
        format!(
            "this HTML is not well formed near `{}`: the browser's tokenizer reports `{}`\n\nhelp: {help}",
            context.trim(),
            error.as_str()
        ),
    );
}

/// Checks a `script` template (its literals are JavaScript) and returns the escaping of
/// each hole: `push_js`, unless the hole sits inside a JavaScript string.
pub(crate) fn analyze_script(
    source: &TemplateSource<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Option<HoleEscape>> {
    for template_loop in &source.loops {
        let text = &source.text;
        let js = |at: usize| Context::Text {
            open: Vec::new(),
            raw: Some("script".to_owned()),
            js_string: open_js_string(&text[..at]),
        };
        check_loop_balance(
            template_loop.keyword,
            &js(template_loop.body.start),
            &js(template_loop.body.end),
            diagnostics,
        );
    }
    source
        .holes
        .iter()
        .map(
            |(offset, span)| match open_js_string(&source.text[..*offset]) {
                Some(quote) => {
                    diagnostics.error(*span, js_string_message("script", quote));
                    None
                }
                None => Some(HoleEscape::Js),
            },
        )
        .collect()
}

/// Byte offsets of `</script` (any case) in `text`.
pub(crate) fn script_end_tags(text: &str) -> Vec<usize> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("</script").map(|(at, _)| at).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Hole;

    fn template(tokens: proc_macro2::TokenStream) -> Template {
        let mut parts = Vec::new();
        for tree in tokens {
            match tree {
                proc_macro2::TokenTree::Literal(lit) => {
                    parts.push(Part::Lit(syn::parse2(lit.into_token_stream()).unwrap()))
                }
                proc_macro2::TokenTree::Group(group) => parts.push(Part::Hole(Hole {
                    expr: Box::new(syn::parse2(group.stream()).unwrap()),
                    span: group.span(),
                    escape: None,
                })),
                other => panic!("unexpected {other}"),
            }
        }
        Template { parts }
    }

    use quote::{ToTokens, quote};

    fn elements(
        tokens: proc_macro2::TokenStream,
        targets_by_id: bool,
    ) -> (Vec<Option<HoleEscape>>, Vec<String>) {
        let template = template(tokens);
        let source = TemplateSource::new(&template);
        let mut diagnostics = Diagnostics::default();
        let rules = ElementsRules {
            targets_by_id,
            foreign: false,
        };
        let escapes = analyze_elements(&source, &rules, &mut diagnostics);
        let messages = diagnostics
            .errors()
            .iter()
            .map(ToString::to_string)
            .collect();
        (escapes, messages)
    }

    #[test]
    fn holes_are_classified_by_context() {
        let (escapes, messages) = elements(
            quote! {
                "<div id=\"item-" (id) "\" title='" (title) "' data-text=\"$x + " (n) "\">" (text)
                "<script>let x = " (value) ";</script><textarea>" (draft) "</textarea></div>"
            },
            true,
        );
        assert!(messages.is_empty(), "{messages:#?}");
        use HoleEscape::*;
        assert_eq!(
            escapes,
            [
                Some(HtmlAttr),
                Some(HtmlAttr),
                Some(JsAttr),
                Some(HtmlText),
                Some(Js),
                Some(HtmlText)
            ]
        );
    }

    #[test]
    fn urls_and_event_handlers_get_their_own_contexts() {
        let (escapes, messages) = elements(
            quote! {
                "<div id=\"d\"><a href=\"" (url) "\" data-x=\"" (data) "\">a</a>"
                "<a href=\" " (spaced) "\">b</a><a href=\"/items/" (id) "\">c</a>"
                "<img src='" (src) "' alt='" (alt) "'><form action=\"" (action) "\"></form>"
                "<button onclick=\"go(" (arg) ")\" onmouseover='f(" (a) ", " (b) ")'>d</button></div>"
            },
            true,
        );
        assert!(messages.is_empty(), "{messages:#?}");
        use HoleEscape::*;
        assert_eq!(
            escapes,
            [
                Some(UrlAttr),
                Some(HtmlAttr),
                Some(UrlAttr),
                Some(HtmlAttr),
                Some(UrlAttr),
                Some(HtmlAttr),
                Some(UrlAttr),
                Some(JsAttr),
                Some(JsAttr),
                Some(JsAttr),
            ]
        );
        let (_, messages) = elements(
            quote! { "<button id=\"b\" onclick=\"alert('" (name) "')\">x</button>" },
            true,
        );
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert!(messages[0].contains("in `onclick`"), "{messages:#?}");
    }

    #[test]
    fn refuses_holes_that_cannot_be_escaped() {
        let (escapes, messages) = elements(
            quote! {
                "<div id=a" (x) " " (attr) "><!-- " (c) " --><style>" (css) "</style>"
                "<p data-text=\"'hi ' + " (ok) " + ' " (bad) "'\"></p></div>"
            },
            true,
        );
        assert_eq!(
            escapes,
            [None, None, None, None, Some(HoleEscape::JsAttr), None]
        );
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(
            messages[0].contains("unquoted value of `id`"),
            "{}",
            messages[0]
        );
        assert!(messages[1].contains("attribute name"), "{}", messages[1]);
        assert!(messages[2].contains("comment"), "{}", messages[2]);
        assert!(messages[3].contains("<style>"), "{}", messages[3]);
        assert!(
            messages[4].contains("JavaScript string `'…'`"),
            "{}",
            messages[4]
        );
    }

    #[test]
    fn checks_structure_and_ids() {
        let (_, messages) = elements(
            quote! { "<div id='a'><span></div> <p>text</p> loose <b id='b'></i></b></br><div/>" },
            true,
        );
        assert_eq!(messages.len(), 7, "{messages:#?}");
        assert!(messages[0].starts_with("`</div>` closes `<div>` while `<span>`"));
        assert!(messages[1].starts_with("top-level `<p>` has no `id`"));
        assert!(messages[2].starts_with("top-level text `loose` is dropped"));
        assert!(messages[3].starts_with("stray `</i>`"));
        assert!(messages[4].starts_with("`</br>`"));
        assert!(messages[5].starts_with("top-level `<div>` has no `id`"));
        assert!(messages[6].starts_with("`<div/>` does not close"));
    }

    #[test]
    fn checks_datastar_attributes() {
        let (_, messages) = elements(
            quote! { "<button id='b' data-on-click__once='go()' data-on-load='x()' data-on-intersect='y()' data-on:click='z()'></button>" },
            true,
        );
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert!(messages[0].ends_with("help: write `data-on:click__once`"));
        assert!(messages[1].ends_with("help: write `data-init`"));
    }

    #[test]
    fn finds_open_js_strings() {
        assert_eq!(open_js_string("let a = 'x"), Some('\''));
        assert_eq!(open_js_string("let a = 'x\\'y"), Some('\''));
        assert_eq!(open_js_string("let a = \"x\" + "), None);
        assert_eq!(open_js_string("// don't\nlet a = "), None);
        assert_eq!(open_js_string("/* it's */ f(`a"), Some('`'));
    }

    #[test]
    fn maps_value_offsets_into_literal_source() {
        assert_eq!(value_offset_in_token("r#\"<p>\"#", 1), Some(4));
        assert_eq!(value_offset_in_token("\"a\\\"b\"", 2), Some(4));
        assert_eq!(value_offset_in_token("\"\\u{e9}x\"", 2), Some(7));
    }
}
