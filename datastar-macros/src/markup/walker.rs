//! The walk over an `elements` template's tokens: one method per token kind. It keeps
//! the elements as written, asks `tree` what the browser would build instead, asks
//! `values` how each hole in an attribute is escaped, and decides holes in text itself.

use std::collections::HashMap;
use std::ops::Range;

use html5gum::Error as TokenizerError;

use super::context::{Context, check_loop_balance};
use super::js::JsScanner;
use super::source::{HOLE, LoopMark, TemplateSource};
use super::tokens::{TextState, Token, decode_attribute_value};
use super::tree::{self, Element, Ns, TopLevel};
use super::values::{Sink, js_place_message, js_string_message, sink};
use super::vocabulary;
use super::{ElementsRules, root_element};
use crate::check::HoleEscape;
use crate::diagnostics::Diagnostics;

/// An attribute as read from a start tag.
pub(super) struct Attribute {
    pub(super) name: String,
    pub(super) name_range: Range<usize>,
    pub(super) value: Option<Value>,
}

/// An attribute's value.
pub(super) struct Value {
    /// Where it stands in the joined source, quotes excluded.
    pub(super) range: Range<usize>,
    pub(super) quote: Option<char>,
    /// As the browser reads it: character references decoded, holes as placeholders.
    pub(super) decoded: String,
}

/// The start tag being read.
struct Tag {
    name: String,
    range: Range<usize>,
    attributes: Vec<Attribute>,
}

/// An element as written and still open.
#[derive(Clone)]
struct Open {
    element: Element,
    /// Its start tag.
    range: Range<usize>,
    /// How its text is read, and where that text starts.
    text: TextState,
    text_start: usize,
    /// For a `<template>`: how its content's top level is parsed (content is a fragment
    /// of its own).
    content: TopLevel,
}

/// The state saved where a loop body starts, restored where it ends if the body was not
/// balanced, so that one mistake is reported once.
struct LoopStart {
    context: Context,
    stack: Vec<Open>,
}

/// A top-level node, for the client's namespace quirk (see `finish`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum TopNode {
    Element(usize),
    Whitespace,
    Other,
}

pub(super) struct Walker<'s, 'd> {
    pub(super) source: &'s TemplateSource<'s>,
    rules: &'s ElementsRules,
    pub(super) diagnostics: &'d mut Diagnostics,
    /// Each hole's escaping, by its index in `source.holes`; `None` when undecided or
    /// refused.
    pub(super) escapes: Vec<Option<HoleEscape>>,
    /// Holes already decided or refused, so each is reported at most once.
    classified: Vec<bool>,
    stack: Vec<Open>,
    /// The `<svg>` or `<math>` the client wraps the content in, for `namespace`.
    root: Option<Element>,
    top: TopLevel,
    tag: Option<Tag>,
    /// Static ids seen so far, for the duplicate-id warning.
    pub(super) ids: HashMap<String, Range<usize>>,
    loop_starts: Vec<Option<LoopStart>>,
    next_mark: usize,
    /// The last token's kind and range: a loop mark right after a quoted attribute value
    /// is still inside it.
    previous: Option<(bool, Range<usize>)>,
    top_nodes: Vec<TopNode>,
    /// A `<plaintext>` was reported: unclosed elements after it are its consequence.
    plaintext: bool,
}

impl<'s, 'd> Walker<'s, 'd> {
    pub(super) fn new(
        source: &'s TemplateSource<'s>,
        rules: &'s ElementsRules,
        diagnostics: &'d mut Diagnostics,
    ) -> Self {
        let holes = source.holes.len();
        Walker {
            source,
            rules,
            diagnostics,
            escapes: vec![None; holes],
            classified: vec![false; holes],
            stack: Vec::new(),
            root: root_element(rules),
            top: TopLevel::Undecided,
            tag: None,
            ids: HashMap::new(),
            loop_starts: source.loops.iter().map(|_| None).collect(),
            next_mark: 0,
            previous: None,
            top_nodes: Vec::new(),
            plaintext: false,
        }
    }

    pub(super) fn decide(&mut self, hole: usize, escape: HoleEscape) {
        if !self.classified[hole] {
            self.classified[hole] = true;
            self.escapes[hole] = Some(escape);
        }
    }

    /// Reports `message` at each hole not reported yet.
    pub(super) fn refuse(&mut self, holes: &[usize], message: &str) {
        for &hole in holes {
            if !self.classified[hole] {
                self.classified[hole] = true;
                self.diagnostics
                    .error(self.source.holes[hole].span, message.to_owned());
            }
        }
    }

    fn refuse_in(&mut self, range: Range<usize>, message: &str) {
        let holes: Vec<usize> = self.source.holes_in(range).collect();
        self.refuse(&holes, message);
    }

    fn error(&mut self, range: Range<usize>, message: String) {
        let span = self.source.span(range);
        self.diagnostics.error(span, message);
    }

    /// Handles one token; after a start tag, returns the state its text is read in.
    pub(super) fn token(&mut self, token: Token, range: Range<usize>) -> TextState {
        self.loop_marks_before(&token, &range);
        let quoted_value = matches!(token, Token::AttributeValue { .. }) && self.is_quoted(&range);
        let state = match token {
            Token::OpenStartTag { name } => {
                self.tag = Some(Tag {
                    name,
                    range: range.clone(),
                    attributes: Vec::new(),
                });
                TextState::Data
            }
            Token::AttributeName { name } => {
                self.attribute_name(name, range.clone());
                TextState::Data
            }
            Token::AttributeValue { value } => {
                let quote = self
                    .is_quoted(&range)
                    .then(|| char::from(self.source.text.as_bytes()[range.start - 1]));
                if let Some(attribute) = self.tag.as_mut().and_then(|tag| tag.attributes.last_mut())
                {
                    attribute.value = Some(Value {
                        range: range.clone(),
                        quote,
                        decoded: value,
                    });
                }
                TextState::Data
            }
            Token::CloseStartTag { self_closing } => {
                self.close_start_tag(self_closing, range.clone())
            }
            Token::EndTag { name } => {
                self.end_tag(&name, range.clone());
                TextState::Data
            }
            Token::Text => {
                self.text(range.clone());
                TextState::Data
            }
            Token::Comment | Token::Doctype => {
                self.refuse_in(range.clone(), "a hole inside an HTML comment or doctype cannot be escaped: `-->` in the value would end it\n\nhelp: move the hole out of the comment");
                self.whole_document_text(range.clone(), "a comment");
                if self.stack.is_empty() {
                    self.top_nodes.push(TopNode::Other);
                }
                TextState::Data
            }
            Token::Error(error) => {
                self.tokenizer_error(error, range.clone());
                TextState::Data
            }
        };
        self.previous = Some((quoted_value, range));
        state
    }

    fn is_quoted(&self, range: &Range<usize>) -> bool {
        range.start > 0 && matches!(self.source.text.as_bytes()[range.start - 1], b'"' | b'\'')
    }

    fn attribute_name(&mut self, name: String, range: Range<usize>) {
        if let Some(tag) = &mut self.tag {
            tag.attributes.push(Attribute {
                name,
                name_range: range,
                value: None,
            });
        }
    }

    fn close_start_tag(&mut self, self_closing: bool, range: Range<usize>) -> TextState {
        let Some(tag) = self.tag.take() else {
            return TextState::Data;
        };
        let tag_range = tag.range.start..range.end;
        // Every hole of the tag, in source order: its name, then each attribute's.
        self.refuse_in(tag.range.clone(), "a hole cannot be part of a tag name: the macro could neither check nor escape the tag\n\nhelp: write the tag name in the literal, or build the markup in Rust and insert it with `(Raw(markup))`");
        let encoding = tag
            .attributes
            .iter()
            .find(|attribute| attribute.name == "encoding")
            .and_then(|attribute| attribute.value.as_ref())
            .map(|value| value.decoded.as_str());
        let parent = self
            .stack
            .last()
            .map(|open| &open.element)
            .or(self.root.as_ref());
        let element = tree::new_element(parent, Ns::Html, &tag.name, encoding);
        self.check_attributes(&element, &tag.attributes);
        for (index, attribute) in tag.attributes.iter().enumerate() {
            if self
                .source
                .holes_in(attribute.name_range.clone())
                .next()
                .is_some()
            {
                let name = &self.source.text[attribute.name_range.clone()];
                self.refuse_in(attribute.name_range.clone(), &boolean_attribute_help(name));
            }
            self.attribute_value_holes(&element, &tag.attributes, index);
        }
        let at_top_level = self.stack.is_empty();
        if at_top_level {
            self.top_nodes.push(TopNode::Element(tag_range.start));
            if self.rules.targets_by_id {
                self.check_top_level_id(&tag.name, &tag_range, &tag.attributes);
            }
        }
        if element.ns == Ns::Html && self.root.is_none() {
            self.check_foreign_child(&tag.name, &tag_range);
        }
        let font_attributes = tag
            .attributes
            .iter()
            .any(|attribute| matches!(attribute.name.as_str(), "color" | "face" | "size"));
        // Inside a `<template>`, its content is the fragment the rules see.
        let template = self
            .stack
            .iter()
            .rposition(|open| open.element.ns == Ns::Html && open.element.name == "template");
        let (scope, top): (Vec<Element>, &mut TopLevel) = match template {
            Some(at) => (
                self.stack[at + 1..]
                    .iter()
                    .map(|open| open.element.clone())
                    .collect(),
                &mut self.stack[at].content,
            ),
            None => (
                self.root
                    .iter()
                    .cloned()
                    .chain(self.stack.iter().map(|open| open.element.clone()))
                    .collect(),
                &mut self.top,
            ),
        };
        if let Some(restructure) = tree::start_tag(&scope, top, &element, font_attributes) {
            self.error(tag_range.clone(), restructure.message(&tag.name));
        }
        // `<image>` becomes the void `<img>` (reported above).
        let is_void = tree::is_void_html(&element) || element.ns == Ns::Html && tag.name == "image";
        if self_closing && !is_void && element.ns == Ns::Html {
            let name = &tag.name;
            self.error(
                tag_range.clone(),
                format!("`<{name}/>` does not close the element in HTML: the browser opens a `<{name}>` that swallows everything after it\n\nhelp: write `<{name}></{name}>`"),
            );
        }
        if element.ns == Ns::Html && tag.name == "plaintext" {
            self.error(
                tag_range.clone(),
                "`<plaintext>` never ends: the browser shows everything after it, to the end of the page, as text\n\nhelp: use `<pre>` and escape the text".to_owned(),
            );
            // Everything after it is text: the elements open now are closed by nothing.
            self.plaintext = true;
        }
        if is_void || self_closing {
            return TextState::Data;
        }
        let text = match element.ns {
            Ns::Html => TextState::after_html_start_tag(&element.name),
            Ns::Svg | Ns::MathMl => TextState::Data,
        };
        self.stack.push(Open {
            element,
            range: tag_range,
            text,
            text_start: range.end,
            content: TopLevel::Undecided,
        });
        text
    }

    fn end_tag(&mut self, name: &str, range: Range<usize>) {
        self.refuse_in(
            range.clone(),
            "a hole cannot be part of an end tag\n\nhelp: write the tag name in the literal",
        );
        if vocabulary::is_void(name) {
            self.error(
                range,
                format!("`</{name}>`: `<{name}>` is a void element and has no end tag; the browser reads `</{name}>` as another `<{name}>` or drops it\n\nhelp: remove `</{name}>`"),
            );
            return;
        }
        // A tag name with a hole in it (already refused) matches any end tag.
        let position = self
            .stack
            .iter()
            .rposition(|open| open.element.name == name || open.element.name.contains(HOLE));
        match position {
            Some(position) if position + 1 == self.stack.len() => {
                self.stack.pop();
            }
            Some(position) => {
                let innermost = self.stack[self.stack.len() - 1].element.name.clone();
                self.error(
                    range,
                    format!("`</{name}>` closes `<{name}>` while `<{innermost}>` inside it is still open: the browser closes `<{innermost}>` implicitly\n\nhelp: add `</{innermost}>` before `</{name}>`"),
                );
                self.stack.truncate(position);
            }
            None => match self.stack.last() {
                // A typo for the innermost open element, unless the next end tag closes
                // it: report it once and carry on as if it closed that element.
                Some(open) if self.next_end_tag(range.end) != Some(open.element.name.as_str()) => {
                    let open_name = open.element.name.clone();
                    self.stack.pop();
                    self.error(
                        range,
                        format!("`</{name}>` does not match the open `<{open_name}>`: there is no open `<{name}>`, so the browser ignores it and `<{open_name}>` stays open\n\nhelp: write `</{open_name}>`"),
                    );
                }
                _ => self.error(
                    range,
                    format!("stray `</{name}>`: there is no open `<{name}>`, so the browser ignores it\n\nhelp: remove `</{name}>`"),
                ),
            },
        }
    }

    /// The name of the next end tag in the source after `from`.
    fn next_end_tag(&self, from: usize) -> Option<&str> {
        let rest = &self.source.text[from..];
        let start = rest.find("</")? + 2;
        let name = &rest[start..];
        let end = name
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(name.len());
        Some(&name[..end])
    }

    fn text(&mut self, range: Range<usize>) {
        let text = &self.source.text[range.clone()];
        let visible = text.chars().any(|c| !c.is_whitespace() && c != HOLE);
        let holes: Vec<usize> = self.source.holes_in(range.clone()).collect();
        let current = self.stack.last().cloned();
        let state = current.as_ref().map_or(TextState::Data, |open| open.text);
        if self.stack.is_empty() {
            let node = if visible || !holes.is_empty() {
                TopNode::Other
            } else {
                TopNode::Whitespace
            };
            self.top_nodes.push(node);
        }
        if state != TextState::Data {
            let name = current
                .as_ref()
                .map_or("", |open| open.element.name.as_str())
                .to_owned();
            self.whole_document_text(range.clone(), &format!("the text of `<{name}>`"));
        }
        match (state, current) {
            (_, Some(open))
                if open.element.ns != Ns::Html
                    && matches!(open.element.name.as_str(), "script" | "style") =>
            {
                let name = &open.element.name;
                self.refuse(&holes, &format!("a hole inside an SVG or MathML `<{name}>`: there the browser decodes character references and reads tags in the text, so no escaping keeps a value inert\n\nhelp: put the `<{name}>` outside the `<svg>`, or pass the value as a signal"));
            }
            (TextState::Data | TextState::RcData, _) => self.decide_all(&holes, HoleEscape::Html),
            (TextState::ScriptData, Some(open)) => {
                for hole in holes {
                    let code = &self.source.text[open.text_start..self.source.holes[hole].offset];
                    let mut scanner = JsScanner::default();
                    scanner.feed(code, |_| {});
                    match scanner.loop_state() {
                        super::js::JsContext::Code { .. } => self.decide(hole, HoleEscape::Script),
                        super::js::JsContext::String { quote, .. } => {
                            self.refuse(&[hole], &js_string_message("<script>", quote))
                        }
                        other => self.refuse(&[hole], &js_place_message("<script>", &other)),
                    }
                }
            }
            (_, open) => {
                let name = open.map_or_else(String::new, |open| open.element.name);
                self.refuse(&holes, &format!("a hole inside `<{name}>` cannot be escaped: the browser reads its text as it is, up to `</{name}>`\n\nhelp: move the dynamic part into an attribute or a `<script>`, or insert trusted text with `(Raw(text))`"));
            }
        }
        if !visible || state != TextState::Data {
            return;
        }
        let template = self
            .stack
            .iter()
            .rposition(|open| open.element.ns == Ns::Html && open.element.name == "template");
        let scope: Vec<Element> = self.stack[template.map_or(0, |at| at + 1)..]
            .iter()
            .map(|open| open.element.clone())
            .collect();
        if let Some(restructure) = tree::text(&scope) {
            let snippet = self.source.snippet(range.clone());
            self.error(range.clone(), restructure.text_message(snippet.trim()));
        }
        if self.stack.is_empty() && self.rules.targets_by_id {
            let snippet = self.source.snippet(range.clone());
            self.error(
                range,
                format!("top-level text `{}` is dropped: without a `selector`, the Datastar 1.0 client only patches top-level elements, by their `id`\n\nhelp: wrap the text in an element with an `id`, or add `selector = \"…\"`", snippet.trim()),
            );
        }
    }

    /// The 1.0.4 client parses a patch as a whole document, replacing the page's
    /// `<body>`, when its text contains `</body>`, `</head>` or `</html>` anywhere outside
    /// an `<svg>`: in an attribute, a script, a comment.
    pub(super) fn whole_document_text(&mut self, range: Range<usize>, place: &str) {
        let in_svg = self
            .stack
            .iter()
            .map(|open| &open.element)
            .chain(self.root.as_ref())
            .any(|element| element.ns == Ns::Svg);
        if in_svg {
            return;
        }
        let text = &self.source.text[range.clone()];
        for end_tag in ["</body>", "</head>", "</html>"] {
            if let Some(at) = text.find(end_tag) {
                let at = range.start + at;
                self.error(
                    at..at + end_tag.len(),
                    format!("`{end_tag}` in {place}: the Datastar 1.0.4 client looks for this text anywhere in a patch and, finding it, treats the patch as a whole document and replaces the page's `<body>`\n\nhelp: write `<\\/{}` in a script, or `&lt;` for `<` elsewhere", &end_tag[2..]),
                );
            }
        }
    }

    /// Loop starts and ends before the end of this token: the context there is the one
    /// before the token is processed (or, inside a token, the token's own).
    fn loop_marks_before(&mut self, token: &Token, range: &Range<usize>) {
        let limit = range.end.max(range.start + 1);
        while let Some(&(at, mark)) = self.source.marks.get(self.next_mark) {
            if at >= limit {
                break;
            }
            self.next_mark += 1;
            let context = self.context_at(at, Some((token, range)));
            self.loop_mark(mark, context);
        }
    }

    fn loop_mark(&mut self, mark: LoopMark, context: Context) {
        match mark {
            LoopMark::Start(index) => {
                self.loop_starts[index] = Some(LoopStart {
                    context,
                    stack: self.stack.clone(),
                });
            }
            LoopMark::End(index) => {
                let Some(start) = self.loop_starts[index].take() else {
                    return;
                };
                let keyword = self.source.loops[index].keyword;
                if check_loop_balance(keyword, &start.context, &context, self.diagnostics) {
                    self.stack = start.stack;
                }
                if self.root.is_some()
                    && matches!(start.context, Context::Text { ref open, .. } if open.is_empty())
                {
                    self.diagnostics.error(keyword, "a `for` loop at the top level of an SVG or MathML patch: the Datastar 1.0.4 client moves the top-level nodes out of its wrapper in a loop that skips every second one, so items can be lost\n\nhelp: put the loop inside one element, such as `<g>` (SVG) or `<mrow>` (MathML)");
                }
            }
        }
    }

    /// The context at byte `at`, given the token being handled.
    fn context_at(&self, at: usize, token: Option<(&Token, &Range<usize>)>) -> Context {
        if let Some((token, range)) = token {
            let quoted_value =
                matches!(token, Token::AttributeValue { .. }) && self.is_quoted(range);
            if range.start < at && at < range.end {
                return match token {
                    Token::Text => self.text_context(at),
                    Token::AttributeValue { .. } if quoted_value => {
                        self.value_context(range.start, at)
                    }
                    Token::Comment | Token::Doctype => Context::Comment(range.start),
                    _ => Context::Name,
                };
            }
            if range.start == at && quoted_value {
                return self.value_context(range.start, at);
            }
        }
        if let Some((true, previous)) = &self.previous
            && previous.end == at
            && self.tag.is_some()
        {
            return self.value_context(previous.start, at);
        }
        if self.tag.is_some() {
            return Context::Tag;
        }
        self.text_context(at)
    }

    fn text_context(&self, at: usize) -> Context {
        let current = self.stack.last();
        let raw = current.filter(|open| open.text != TextState::Data);
        let js = raw
            .filter(|open| open.text == TextState::ScriptData)
            .map(|open| {
                let mut scanner = JsScanner::default();
                scanner.feed(&self.source.text[open.text_start..at], |_| {});
                scanner.loop_state()
            });
        Context::Text {
            open: self
                .stack
                .iter()
                .map(|open| (open.element.name.clone(), open.range.start))
                .collect(),
            raw: raw.map(|open| open.element.name.clone()),
            js,
        }
    }

    /// The context inside the quoted attribute value starting at `start`.
    fn value_context(&self, start: usize, at: usize) -> Context {
        let attribute = self.tag.as_ref().and_then(|tag| tag.attributes.last());
        let js = attribute.and_then(|attribute| {
            let element = tree::new_element(None, Ns::Html, &self.tag.as_ref()?.name, None);
            let is_script = matches!(sink(&element, &attribute.name, &[]), Sink::Script { .. });
            is_script.then(|| {
                let quote = char::from(self.source.text.as_bytes()[start - 1]);
                let code = decode_attribute_value(&self.source.text[start..at], quote);
                let mut scanner = JsScanner::default();
                scanner.feed(&code, |_| {});
                scanner.loop_state()
            })
        });
        Context::AttributeValue { start, js }
    }

    /// Reports what is left: unclosed elements, loop marks at the very end, undecided
    /// holes; returns the escapes.
    pub(super) fn finish(mut self) -> Vec<Option<HoleEscape>> {
        let end = self.source.text.len();
        while let Some(&(_, mark)) = self.source.marks.get(self.next_mark) {
            self.next_mark += 1;
            let context = self.context_at(end, None);
            self.loop_mark(mark, context);
        }
        let open_elements = std::mem::take(&mut self.stack);
        let unclosed = if self.plaintext {
            &[][..]
        } else {
            &open_elements[..]
        };
        for open in unclosed {
            let name = &open.element.name;
            self.error(
                open.range.clone(),
                format!("`<{name}>` is never closed: the browser closes it wherever it sees fit, which can swallow later content\n\nhelp: add `</{name}>`"),
            );
        }
        if let Some(root) = self.root.clone() {
            self.namespace_top_level(&root.name);
        }
        for hole in 0..self.source.holes.len() {
            if !self.classified[hole] {
                self.refuse(&[hole], "a hole in a place the macro cannot escape (inside a tag, but not in a quoted attribute value)\n\nhelp: put holes in text or inside quoted attribute values: `name=\"` (value) `\"`");
            }
        }
        self.escapes
    }

    /// With `namespace`, the 1.0.4 client moves the parsed nodes out of its `<svg>` (or
    /// `<math>`) wrapper with `for (node of wrapper.childNodes) target.appendChild(node)`:
    /// the list is live, so every node at an odd position is skipped.
    fn namespace_top_level(&mut self, root: &str) {
        let lost: Vec<usize> = self
            .top_nodes
            .iter()
            .enumerate()
            .filter_map(|(index, node)| match node {
                TopNode::Element(at) if index % 2 == 1 => Some(*at),
                _ => None,
            })
            .collect();
        for at in lost {
            self.error(
                at..at + 1,
                format!("this element would be lost: with a `namespace`, the Datastar 1.0.4 client moves the top-level nodes out of its `<{root}>` wrapper in a loop that skips every second node\n\nhelp: wrap the elements in one element such as `<g>`, or separate them with a space"),
            );
        }
    }

    fn tokenizer_error(&mut self, error: TokenizerError, range: Range<usize>) {
        use TokenizerError as E;
        let help = match error {
            E::EofInTag | E::EofBeforeTagName => {
                "the last tag is not finished; add the closing `>`"
            }
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
            E::UnexpectedEqualsSignBeforeAttributeName => {
                "remove the `=` or add the attribute name"
            }
            E::UnexpectedSolidusInTag => "`/` is only allowed right before `>`",
            E::EndTagWithAttributes => "end tags cannot have attributes; remove them",
            E::AbruptClosingOfEmptyComment
            | E::IncorrectlyClosedComment
            | E::IncorrectlyOpenedComment
            | E::NestedComment => "write comments as `<!-- … -->`",
            E::CdataInHtmlContent => {
                "write the text with character references instead: the macro does not read CDATA sections, which only SVG and MathML understand"
            }
            // Character references, control characters and other recoverable details.
            _ => return,
        };
        let at = range.start.min(self.source.text.len().saturating_sub(1));
        let context = self.source.snippet(at.saturating_sub(10)..at + 10);
        self.error(
            at..at + 1,
            format!(
                "this HTML is not well formed near `{}`: the browser's tokenizer reports `{}`\n\nhelp: {help}",
                context.trim(),
                error.as_str()
            ),
        );
    }
}

/// The help for a hole where an attribute name stands: usually an attempt at an optional
/// attribute such as `checked`.
fn boolean_attribute_help(_name_source: &str) -> String {
    "a hole cannot stand for an attribute name or a whole attribute: the value could break out of the tag\n\nhelp: write the name in the literal and quote the hole: `name=\"` (value) `\"`".to_owned()
}
