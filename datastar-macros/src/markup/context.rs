//! The context at a loop's start and end: a loop body is written once per item, so it
//! must end in the context it started in.

use proc_macro2::Span;

use super::js::JsContext;
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
