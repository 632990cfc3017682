//! The walk over an `elements` template's tokens: one method per token kind. It keeps
//! the elements as written, asks `tree` what the browser would build instead, asks
//! `values` how each hole in an attribute is escaped, and decides holes in text itself.

use std::collections::HashMap;
use std::ops::Range;

use html5gum::Error as TokenizerError;

use super::document::Phase;
use super::source::{HOLE, TemplateSource};
use super::tokens::{TextState, Token};
use super::tree::{self, Element, Ns, TopLevel};
use super::vocabulary;
use super::{ElementsRules, root_element};
use crate::check::HoleEscape;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::rule;

pub(super) use super::read::{Attribute, Open, SegmentStart, Tag, TopNode, Value};

/// Each hole's escaping, by its index in `source.holes` (`None` when undecided or
/// refused), and which holes were decided or refused already, so that each is reported at
/// most once.
struct HoleDecisions {
    escapes: Vec<Option<HoleEscape>>,
    classified: Vec<bool>,
}

impl HoleDecisions {
    /// Marks `hole` classified; false if it already was.
    fn classify(&mut self, hole: usize) -> bool {
        !std::mem::replace(&mut self.classified[hole], true)
    }
}

pub(super) struct Walker<'s, 'd> {
    pub(super) source: &'s TemplateSource<'s>,
    pub(super) rules: &'s ElementsRules,
    pub(super) diagnostics: &'d mut Diagnostics,
    /// What was decided for each hole; only [`decide`](Self::decide),
    /// [`refuse`](Self::refuse) and `finish` touch it.
    holes: HoleDecisions,
    pub(super) stack: Vec<Open>,
    /// The `<svg>` or `<math>` the client wraps the content in, for `namespace`.
    pub(super) root: Option<Element>,
    top: TopLevel,
    pub(super) tag: Option<Tag>,
    /// Static ids seen so far, for the duplicate-id warning.
    pub(super) ids: HashMap<String, Range<usize>>,
    pub(super) segment_starts: Vec<Option<SegmentStart>>,
    pub(super) next_mark: usize,
    /// The last token's kind and range: a mark right after a quoted attribute value is
    /// still inside it.
    pub(super) previous: Option<(bool, Range<usize>)>,
    pub(super) top_nodes: Vec<TopNode>,
    /// A `<plaintext>` was reported: unclosed elements after it are its consequence.
    plaintext: bool,
    /// For a page, where the document's tree builder is (see `document`).
    pub(super) document: Option<Phase>,
    /// The signals the Datastar attributes use and define.
    pub(super) signal_refs: super::SignalRefs,
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
            holes: HoleDecisions {
                escapes: vec![None; holes],
                classified: vec![false; holes],
            },
            stack: Vec::new(),
            root: root_element(rules),
            top: TopLevel::Undecided,
            tag: None,
            ids: HashMap::new(),
            segment_starts: source.segments.iter().map(|_| None).collect(),
            next_mark: 0,
            previous: None,
            top_nodes: Vec::new(),
            plaintext: false,
            document: rules.document.then_some(Phase::Initial),
            signal_refs: super::SignalRefs::default(),
        }
    }

    pub(super) fn decide(&mut self, hole: usize, escape: HoleEscape) {
        if self.holes.classify(hole) {
            self.holes.escapes[hole] = Some(escape);
        }
    }

    /// Reports `message` at each hole not reported yet.
    pub(super) fn refuse(&mut self, holes: &[usize], message: &Diagnostic) {
        for &hole in holes {
            if self.holes.classify(hole) {
                self.diagnostics
                    .error(self.source.holes[hole].span, message.clone());
            }
        }
    }

    fn refuse_in(&mut self, range: Range<usize>, message: &Diagnostic) {
        let holes: Vec<usize> = self.source.holes_in(range).collect();
        self.refuse(&holes, message);
    }

    pub(super) fn error(&mut self, range: Range<usize>, message: Diagnostic) {
        let span = self.source.span(range);
        self.diagnostics.error(span, message);
    }

    /// Handles one token; after a start tag, returns the state its text is read in.
    pub(super) fn token(&mut self, token: Token, range: Range<usize>) -> TextState {
        self.marks_before(&token, &range);
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
            token @ (Token::Comment | Token::Doctype) => {
                if matches!(token, Token::Doctype) {
                    self.document_doctype(range.clone());
                }
                self.refuse_in(range.clone(), &rule::hole_in_comment.says("a hole inside an HTML comment or doctype cannot be escaped: `-->` in the value would end it\n\nhelp: move the hole out of the comment"));
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

    pub(super) fn is_quoted(&self, range: &Range<usize>) -> bool {
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
        self.refuse_in(tag.range.clone(), &rule::hole_in_tag_name.says("a hole cannot be part of a tag name: the macro could neither check nor escape the tag\n\nhelp: write the tag name in the literal, or build the markup in Rust and insert it with `(Raw(markup))`"));
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
            self.refuse_in(
                attribute.name_range.clone(),
                &rule::hole_in_attribute_name.says(ATTRIBUTE_NAME_HOLE),
            );
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
        let scope: Vec<Element> = match template {
            Some(at) => self.stack[at + 1..]
                .iter()
                .map(|open| open.element.clone())
                .collect(),
            None => self
                .root
                .iter()
                .cloned()
                .chain(self.stack.iter().map(|open| open.element.clone()))
                .collect(),
        };
        let page_structure = self.document_start_tag(&element, tag_range.clone());
        let top = match template {
            Some(at) => &mut self.stack[at].content,
            None => &mut self.top,
        };
        if !page_structure
            && let Some(restructure) = tree::start_tag(&scope, top, &element, font_attributes)
        {
            self.error(tag_range.clone(), restructure.message(&tag.name));
        }
        // `<image>` becomes the void `<img>` (reported above).
        let is_void = tree::is_void_html(&element) || element.ns == Ns::Html && tag.name == "image";
        if self_closing && !is_void && element.ns == Ns::Html {
            let name = &tag.name;
            self.error(
                tag_range.clone(),
                rule::self_closing_html_element.says(format!("`<{name}/>` does not close the element in HTML: the browser opens a `<{name}>` that swallows everything after it\n\nhelp: write `<{name}></{name}>`")),
            );
        }
        if element.ns == Ns::Html && tag.name == "plaintext" {
            self.error(
                tag_range.clone(),
                rule::plaintext_element.says("`<plaintext>` never ends: the browser shows everything after it, to the end of the page, as text\n\nhelp: use `<pre>` and escape the text".to_owned()),
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
        self.document_end_tag(name);
        self.refuse_in(
            range.clone(),
            &rule::hole_in_tag_name.says(
                "a hole cannot be part of an end tag\n\nhelp: write the tag name in the literal",
            ),
        );
        if vocabulary::is_void(name) {
            self.error(
                range,
                rule::void_element_end_tag.says(format!("`</{name}>`: `<{name}>` is a void element and has no end tag; the browser reads `</{name}>` as another `<{name}>` or drops it\n\nhelp: remove `</{name}>`")),
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
                    rule::mismatched_closing_tag.says(format!("`</{name}>` closes `<{name}>` while `<{innermost}>` inside it is still open: the browser closes `<{innermost}>` implicitly\n\nhelp: add `</{innermost}>` before `</{name}>`")),
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
                        rule::mismatched_closing_tag.says(format!("`</{name}>` does not match the open `<{open_name}>`: there is no open `<{name}>`, so the browser ignores it and `<{open_name}>` stays open\n\nhelp: write `</{open_name}>`")),
                    );
                }
                _ => self.error(
                    range,
                    rule::stray_closing_tag.says(format!("stray `</{name}>`: there is no open `<{name}>`, so the browser ignores it\n\nhelp: remove `</{name}>`")),
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

    /// Reports what is left: unclosed elements, marks at the very end, undecided holes;
    /// returns the escapes.
    pub(super) fn finish(mut self) -> Vec<Option<HoleEscape>> {
        let end = self.source.text.len();
        while let Some(&(at, mark)) = self.source.marks.get(self.next_mark) {
            self.next_mark += 1;
            let context = self.context_at(end, None);
            self.mark(at, mark, context);
        }
        self.document_finish();
        let open_elements = std::mem::take(&mut self.stack);
        let unclosed = if self.plaintext {
            &[][..]
        } else if self.rules.start_tag_only {
            open_elements.split_last().map_or(&[][..], |(_, rest)| rest)
        } else {
            &open_elements[..]
        };
        for open in unclosed {
            let name = &open.element.name;
            self.error(
                open.range.clone(),
                rule::unclosed_tag.says(format!("`<{name}>` is never closed: the browser closes it wherever it sees fit, which can swallow later content\n\nhelp: add `</{name}>`")),
            );
        }
        if let Some(root) = self.root.clone() {
            self.namespace_top_level(&root.name);
        }
        for hole in 0..self.source.holes.len() {
            self.refuse(&[hole], &rule::hole_inside_tag.says("a hole in a place the macro cannot escape (inside a tag, but not in a quoted attribute value)\n\nhelp: put holes in text or inside quoted attribute values: `name=\"` (value) `\"`"));
        }
        self.holes.escapes
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
                rule::namespace_skips_every_second_node.says(format!("this element would be lost: with a `namespace`, the Datastar 1.0.4 client moves the top-level nodes out of its `<{root}>` wrapper in a loop that skips every second node\n\nhelp: wrap the elements in one element such as `<g>`, or separate them with a space")),
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
            rule::malformed_tag.says(format!(
                "this HTML is not well formed near `{}`: the browser's tokenizer reports `{}`\n\nhelp: {help}",
                context.trim(),
                error.as_str()
            )),
        );
    }
}

/// A hole where an attribute name stands: usually an attempt at an optional attribute
/// such as `checked`.
const ATTRIBUTE_NAME_HOLE: &str = "a hole cannot stand for an attribute name or a whole attribute: the value could break out of the tag\n\nhelp: for an optional attribute, write it in a template `if`: `\"<input type=\\\"checkbox\\\"\" if done { \" checked\" } \">\"`; for a value, write the name in the literal and quote the hole: `title=\"` (value) `\"`";
