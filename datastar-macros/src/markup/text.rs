//! Holes and rules in text: HTML text, raw text, scripts, and text the client would take
//! for a whole document.

use std::ops::Range;

use super::js::{JsContext, JsScanner};
use super::source::HOLE;
use super::tokens::TextState;
use super::tree::{self, Element, Ns};
use super::values::{js_place_message, js_string_message};
use super::walker::{TopNode, Walker};
use crate::check::HoleEscape;
use crate::rule;

impl Walker<'_, '_> {
    pub(super) fn text(&mut self, range: Range<usize>) {
        let text = &self.source.text[range.clone()];
        let visible = text.chars().any(|c| !c.is_whitespace() && c != HOLE);
        let holes: Vec<usize> = self.source.holes_in(range.clone()).collect();
        let current = self.stack.last().cloned();
        let state = current.as_ref().map_or(TextState::Data, |open| open.text);
        self.document_text(range.clone(), visible);
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
                self.refuse(&holes, &rule::hole_in_svg_script.says(format!("a hole inside an SVG or MathML `<{name}>`: there the browser decodes character references and reads tags in the text, so no escaping keeps a value inert\n\nhelp: put the `<{name}>` outside the `<svg>`, or pass the value as a signal")));
            }
            // HTML text, where a component (`Markup`) may also stand: not in RCDATA
            // (`<textarea>`, `<title>`), where it would be shown as text, nor in SVG or
            // MathML, where its HTML would be read as foreign elements.
            (TextState::Data, ref open)
                if open.as_ref().map_or(self.root.is_none(), |open| {
                    open.element.ns == Ns::Html || open.element.html_inside
                }) =>
            {
                self.decide_all(&holes, HoleEscape::HtmlText)
            }
            (TextState::Data | TextState::RcData, _) => self.decide_all(&holes, HoleEscape::Html),
            (TextState::ScriptData, Some(open)) => {
                for hole in holes {
                    let code = &self.source.text[open.text_start..self.source.holes[hole].offset];
                    let mut scanner = JsScanner::default();
                    scanner.feed(code, |_| {});
                    match scanner.context("") {
                        JsContext::Code { .. } => self.decide(hole, HoleEscape::Script),
                        JsContext::String { quote, .. } => {
                            self.refuse(&[hole], &js_string_message("<script>", quote))
                        }
                        other => self.refuse(&[hole], &js_place_message("<script>", &other)),
                    }
                }
            }
            (_, open) => {
                let name = open.map_or_else(String::new, |open| open.element.name);
                self.refuse(&holes, &rule::hole_in_style.says(format!("a hole inside `<{name}>` cannot be escaped: the browser reads its text as it is, up to `</{name}>`\n\nhelp: move the dynamic part into an attribute or a `<script>`, or insert trusted text with `(Raw(text))`")));
            }
        }
        if matches!(state, TextState::Data | TextState::RcData) {
            self.format_placeholders(range.clone());
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
                rule::top_level_text.says(format!("top-level text `{}` is dropped: without a `selector`, the Datastar 1.0 client only patches top-level elements, by their `id`\n\nhelp: wrap the text in an element with an `id`, or add `selector = \"…\"`", snippet.trim())),
            );
        }
    }

    /// `{name}` in text is sent as it is: templates are not format strings, and someone
    /// who writes it meant a hole.
    fn format_placeholders(&mut self, range: Range<usize>) {
        let text = &self.source.text[range.clone()];
        for (start, placeholder) in format_placeholders(text) {
            let at = range.start + start;
            let name = &placeholder[1..placeholder.len() - 1];
            self.error(
                at..at + placeholder.len(),
                rule::format_placeholder_in_text.says(format!("`{placeholder}` is sent as it is: a `datastar!` template is not a format string\n\nhelp: write a hole: `\"…\" ({name}) \"…\"`; to show the braces, write `&#123;` for `{{`")),
            );
        }
    }

    /// The 1.0.4 client parses a patch as a whole document, replacing the page's
    /// `<body>`, when its text contains `</body>`, `</head>` or `</html>` anywhere outside
    /// an `<svg>`: in an attribute, a script, a comment.
    pub(super) fn whole_document_text(&mut self, range: Range<usize>, place: &str) {
        // A page is a whole document: it is meant to hold these.
        if self.document.is_some() {
            return;
        }
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
                    rule::whole_document_end_tag.says(format!("`{end_tag}` in {place}: the Datastar 1.0.4 client looks for this text anywhere in a patch and, finding it, treats the patch as a whole document and replaces the page's `<body>`\n\nhelp: write `<\\/{}` in a script, or `&lt;` for `<` elsewhere", &end_tag[2..])),
                );
            }
        }
    }
}

/// `{name}` and `{name.field}` in `text`, with their offsets: what a format string or
/// another template language would replace.
fn format_placeholders(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(after.len());
        let name = &after[..name_end];
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && !name.ends_with('.')
            && !name.contains("..");
        if is_name && after[name_end..].starts_with('}') {
            let offset = text.len() - rest.len() + open;
            found.push((offset, &text[offset..offset + name.len() + 2]));
        }
        rest = after;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::format_placeholders;

    #[test]
    fn finds_format_placeholders() {
        assert_eq!(
            format_placeholders("Hello, {name}! {{user.name}} { x } {1} {a..b} {_x}"),
            [(7, "{name}"), (16, "{user.name}"), (46, "{_x}")]
        );
    }
}
