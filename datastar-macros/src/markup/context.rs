//! The context at a position of a template: where the tokenizer (and, in code, the
//! JavaScript scanner) stands where a loop body or `if` branch starts or ends.

use std::ops::Range;

use super::js::{JsScanner, JsState};
use super::sink::{Sink, sink};
use super::tokens::{TextState, Token, decode_attribute_value};
use super::tree::{self, Ns};
use super::walker::Walker;

/// Where the tokenizer stands at a loop body's or `if` branch's start or end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Context {
    /// HTML text (or the text of a raw-text element such as `<script>`), inside the open
    /// elements given by name and position, with the JavaScript state there.
    Text {
        open: Vec<(String, usize)>,
        raw: Option<String>,
        js: Option<JsState>,
    },
    /// Between the attributes of a start tag.
    Tag,
    /// Inside a tag name, an attribute name or an end tag.
    Name,
    /// Inside the quoted attribute value that starts at `start`.
    AttributeValue { start: usize, js: Option<JsState> },
    /// Inside a comment or doctype.
    Comment(usize),
}

impl Context {
    pub(super) fn describe(&self) -> String {
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

    pub(super) fn js(&self) -> Option<&JsState> {
        match self {
            Context::Text { js, .. } | Context::AttributeValue { js, .. } => js.as_ref(),
            _ => None,
        }
    }
}

impl Walker<'_, '_> {
    /// The context at byte `at`, given the token being handled.
    pub(super) fn context_at(&self, at: usize, token: Option<(&Token, &Range<usize>)>) -> Context {
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
                scanner.segment_state()
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
                scanner.segment_state()
            })
        });
        Context::AttributeValue { start, js }
    }
}
