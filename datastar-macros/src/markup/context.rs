//! The context at a loop's start and end: a loop body is written once per item, so it
//! must end in the context it started in.

use std::ops::Range;

use proc_macro2::Span;

use super::js::{JsContext, JsScanner};
use super::source::LoopMark;
use super::tokens::{TextState, Token, decode_attribute_value};
use super::tree::{self, Ns};
use super::values::{Sink, sink};
use super::walker::{LoopStart, Walker};
use crate::diagnostics::Diagnostics;

/// Where the tokenizer stands at a loop's start or end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Context {
    /// HTML text (or the text of a raw-text element such as `<script>`), inside the open
    /// elements given by name and position, with the JavaScript state there.
    Text {
        open: Vec<(String, usize)>,
        raw: Option<String>,
        js: Option<JsContext>,
    },
    /// Between the attributes of a start tag.
    Tag,
    /// Inside a tag name, an attribute name or an end tag.
    Name,
    /// Inside the quoted attribute value that starts at `start`.
    AttributeValue { start: usize, js: Option<JsContext> },
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

    fn js(&self) -> Option<&JsContext> {
        match self {
            Context::Text { js, .. } | Context::AttributeValue { js, .. } => js.as_ref(),
            _ => None,
        }
    }
}

/// Reports a loop body that does not end in the context it started in. True when the
/// body only left elements open: the caller then carries on as if it had closed them,
/// so that the end tags after the loop are not reported too.
pub(super) fn check_loop_balance(
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
        _ if start.js() != end.js() => {
            let state = |js: Option<&JsContext>| {
                js.map_or_else(
                    || "outside any JavaScript string".to_owned(),
                    JsContext::describe,
                )
            };
            format!(
                "this loop's body starts {} and ends {}: every other item would be read in the wrong part of the code\n\nhelp: {BALANCED}; close the string, comment or expression inside the loop body",
                state(start.js()),
                state(end.js())
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

/// The context at loop marks, as the walk reaches them.
impl Walker<'_, '_> {
    /// Loop starts and ends before the end of this token: the context there is the one
    /// before the token is processed (or, inside a token, the token's own).
    pub(super) fn loop_marks_before(&mut self, token: &Token, range: &Range<usize>) {
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

    pub(super) fn loop_mark(&mut self, mark: LoopMark, context: Context) {
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
}
