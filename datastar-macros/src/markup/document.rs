//! A whole page (`html!` starting with `<!doctype html>`), read as the browser's tree
//! builder reads a document rather than a fragment: the insertion modes "initial",
//! "before html", "before head", "in head", "after head", "in body", "after body" and
//! "after after body". Where the browser would move something (a `<div>` out of `<head>`
//! into `<body>`, text after `</body>` back into it, the attributes of a second `<body>`
//! onto the first), the template does not compile. Each rule is confirmed in Chromium
//! (`tests/tests/browser/markup.rs`, documents).
//!
//! The page's own structure is written out: `<html>`, `<head>` and `<body>`, each closed.
//! The browser would supply any of them, but a page template that spells them out is one
//! whose structure the reader and the checker agree on.

use std::ops::Range;

use super::tree::{Element, Ns};
use super::walker::Walker;
use crate::diagnostics::Diagnostic;
use crate::rule;

/// Where the tree builder is in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Phase {
    /// Before `<!doctype html>`.
    Initial,
    /// After the doctype, before `<html>`.
    BeforeHtml,
    /// After `<html>`, before `<head>`.
    BeforeHead,
    /// Inside `<head>`.
    InHead,
    /// After `</head>`, before `<body>`.
    AfterHead,
    /// Inside `<body>`.
    InBody,
    /// After `</body>`.
    AfterBody,
    /// After `</html>`.
    AfterHtml,
}

/// What `<head>` may hold: anything else closes it and goes to `<body>`.
const HEAD_ELEMENTS: [&str; 11] = [
    "base", "basefont", "bgsound", "link", "meta", "noframes", "noscript", "script", "style",
    "template", "title",
];

impl Walker<'_, '_> {
    /// The doctype of a page.
    pub(super) fn document_doctype(&mut self, range: Range<usize>) {
        match self.document {
            Some(Phase::Initial) => self.document = Some(Phase::BeforeHtml),
            Some(_) => self.error(
                range,
                rule::html_document_second_doctype
                    .says("a second doctype: the browser ignores it\n\nhelp: remove it"),
            ),
            None => {}
        }
    }

    /// A start tag in a page. `true` when the page structure handled it (`<html>`,
    /// `<head>`, `<body>` where they belong); `false` leaves it to the fragment rules.
    pub(super) fn document_start_tag(&mut self, element: &Element, range: Range<usize>) -> bool {
        if element.ns != Ns::Html {
            return false;
        }
        let Some(phase) = self.document else {
            if self.rules.page
                && self.stack.is_empty()
                && matches!(element.name.as_str(), "html" | "head" | "body")
            {
                let name = &element.name;
                self.error(
                    range.clone(),
                    rule::html_page_without_doctype.says(format!("`<{name}>` without `<!doctype html>` before it: the browser renders such a page in quirks mode (old box sizes, tables and fonts)\n\nhelp: start the page with `<!doctype html>`")),
                );
                // Read the rest as the page it was meant to be.
                self.document = Some(Phase::BeforeHtml);
                return self.document_start_tag(element, range);
            }
            return false;
        };
        // A `<template>`'s content is a fragment of its own, wherever the template is.
        if self
            .stack
            .iter()
            .any(|open| open.element.ns == Ns::Html && open.element.name == "template")
        {
            return false;
        }
        let name = element.name.as_str();
        let expected = |phase: Phase, wanted: &str| -> Option<Diagnostic> {
            (name != wanted).then(|| {
                rule::html_document_missing_head.says(format!("`<{name}>` where the page needs `<{wanted}>`: the browser supplies a `<{wanted}>` itself here ({}), and the page's structure is no longer what the template says\n\nhelp: write `<{wanted}>` first", phase.describe()))
            })
        };
        let (next, error) = match phase {
            Phase::Initial => (phase, None),
            Phase::BeforeHtml => (Phase::BeforeHead, expected(phase, "html")),
            Phase::BeforeHead => (Phase::InHead, expected(phase, "head")),
            Phase::AfterHead => (Phase::InBody, expected(phase, "body")),
            Phase::InHead if HEAD_ELEMENTS.contains(&name) => return false,
            Phase::InHead => (
                phase,
                Some(rule::html_document_element_in_head.says(format!(
                    "`<{name}>` inside `<head>`: the browser closes `<head>` at it and moves it, and everything after it, into `<body>`\n\nhelp: move `<{name}>` into `<body>`; `<head>` holds only `<title>`, `<meta>`, `<link>`, `<style>`, `<script>`, `<base>`, `<noscript>` and `<template>`"
                ))),
            ),
            Phase::InBody if matches!(name, "html" | "body") => (
                phase,
                Some(rule::html_document_second_body.says(format!(
                    "a second `<{name}>`: the browser drops the tag and copies its attributes onto the page's `<{name}>`\n\nhelp: remove it, and put its attributes on the first `<{name}>`"
                ))),
            ),
            Phase::InBody => return false,
            Phase::AfterBody | Phase::AfterHtml => (
                phase,
                Some(rule::html_document_content_after_body.says(format!(
                    "`<{name}>` after `</{}>`: the browser moves it back to the end of `<body>`\n\nhelp: move it before `</body>`",
                    phase.closed()
                ))),
            ),
        };
        if let Some(message) = error {
            self.error(range, message);
            // Carry on where the browser would be after this tag, so that one mistake is
            // reported once.
            let structure = matches!(name, "html" | "head" | "body");
            self.document = Some(match (phase, name) {
                (Phase::BeforeHtml, "html") => Phase::BeforeHead,
                (Phase::BeforeHtml | Phase::BeforeHead, "head") => Phase::InHead,
                (Phase::BeforeHtml | Phase::BeforeHead, _) if HEAD_ELEMENTS.contains(&name) => {
                    Phase::InHead
                }
                (Phase::InHead | Phase::AfterBody | Phase::AfterHtml, _) => phase,
                _ => Phase::InBody,
            });
            return structure;
        }
        self.document = Some(next);
        true
    }

    /// An end tag in a page: `</head>`, `</body>` and `</html>` move the phase on.
    pub(super) fn document_end_tag(&mut self, name: &str) {
        let Some(phase) = self.document else {
            return;
        };
        let next = match (phase, name) {
            (Phase::InHead, "head") => Phase::AfterHead,
            (Phase::InBody, "body") => Phase::AfterBody,
            (Phase::AfterBody, "html") => Phase::AfterHtml,
            _ => phase,
        };
        self.document = Some(next);
    }

    /// Text in a page: outside `<body>` (and `<head>`'s elements), anything but
    /// whitespace is moved by the browser.
    pub(super) fn document_text(&mut self, range: Range<usize>, visible: bool) {
        let Some(phase) = self.document else {
            return;
        };
        let inside_head_element = phase == Phase::InHead
            && self
                .stack
                .last()
                .is_some_and(|open| open.element.name != "head");
        if !visible || phase == Phase::InBody || inside_head_element {
            return;
        }
        let snippet = self.source.snippet(range.clone()).trim().to_owned();
        let message = match phase {
            Phase::AfterBody | Phase::AfterHtml => rule::html_document_content_after_body.says(format!(
                "text `{snippet}` after `</{}>`: the browser moves it back to the end of `<body>`\n\nhelp: move it before `</body>`",
                phase.closed()
            )),
            _ => rule::html_document_text_before_body.says(format!(
                "text `{snippet}` {}: the browser starts `<body>` at it (closing `<head>`), so the page's structure is no longer what the template says\n\nhelp: move the text into `<body>`",
                phase.describe()
            )),
        };
        self.error(range, message);
    }

    /// At the end of a page: it must have reached `</html>`.
    pub(super) fn document_finish(&mut self) {
        if let Some(phase) = self.document
            && phase != Phase::AfterHtml
            && self.stack.is_empty()
        {
            let end = self.source.text.len();
            self.error(
                end.saturating_sub(1)..end,
                rule::html_document_unfinished.says(format!("the page ends {}: the browser supplies the rest of `<html>`, `<head>` and `<body>` itself\n\nhelp: write the whole structure: `<!doctype html><html><head>…</head><body>…</body></html>`", phase.describe())),
            );
        }
    }
}

impl Phase {
    fn describe(self) -> &'static str {
        match self {
            Phase::Initial => "before `<!doctype html>`",
            Phase::BeforeHtml => "after the doctype, before `<html>`",
            Phase::BeforeHead => "after `<html>`, before `<head>`",
            Phase::InHead => "inside `<head>`",
            Phase::AfterHead => "after `</head>`, before `<body>`",
            Phase::InBody => "inside `<body>`",
            Phase::AfterBody => "after `</body>`",
            Phase::AfterHtml => "after `</html>`",
        }
    }

    fn closed(self) -> &'static str {
        match self {
            Phase::AfterHtml => "html",
            _ => "body",
        }
    }
}
