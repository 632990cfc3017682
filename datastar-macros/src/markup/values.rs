//! Holes in attribute values, decided by what the browser (and the Datastar client) does
//! with the value: text, a URL, JavaScript, a document, or a place no escaping can make
//! safe. Values are analysed as the browser reads them, character references decoded.

use std::ops::Range;

use datastar_wire::attribute::UrlList;
use datastar_wire::url::UrlPolicy;

use super::datastar;
use super::js::{self, JsContext};
use super::sink::{Sink, sink};
use super::source::HOLE;
use super::tokens::{self, TextState, Token};
use super::tree::Element;
use super::url::{self, Piece, Place};
use super::walker::{Attribute, Walker};
use crate::check::HoleEscape;
use crate::diagnostics::Diagnostic;
use crate::rule;

impl Walker<'_, '_> {
    /// Decides the holes of the value of `attributes[index]` on `element`.
    pub(super) fn attribute_value_holes(
        &mut self,
        element: &Element,
        attributes: &[Attribute],
        index: usize,
    ) {
        let attribute = &attributes[index];
        let Some(value) = &attribute.value else {
            return;
        };
        let holes: Vec<usize> = self.source.holes_in(value.range.clone()).collect();
        if holes.is_empty() {
            return;
        }
        let name = attribute.name.as_str();
        let Some(quote) = value.quote else {
            let message = rule::hole_in_unquoted_attribute_value.says(format!(
                "a hole in the unquoted value of `{name}`: a space in the value would end it and start a new attribute\n\nhelp: quote the value: `{name}=\"` (value) `\"`"
            ));
            self.refuse(&holes, &message);
            return;
        };
        if !self.references_end_before_holes(value.range.clone(), &holes) {
            return;
        }
        match sink(element, name, attributes) {
            Sink::Text => self.decide_all(&holes, HoleEscape::Html),
            Sink::Refused(message) => self.refuse(&holes, &message),
            Sink::Url(place) => {
                let pieces = self.url_pieces(value.range.clone(), quote);
                for (hole, decision) in url::decide(place, &pieces) {
                    self.decide_or_refuse(hole, decision);
                }
            }
            Sink::Document => self.document_holes(&value.decoded, &holes),
            Sink::Script { plugin } => self.script_attribute_holes(
                element,
                attributes,
                name,
                &value.decoded,
                &holes,
                plugin,
            ),
        }
    }

    /// A hole right after an unfinished character reference (`&amp` or `&#x2` without
    /// `;`) would complete it with the first characters of its value.
    fn references_end_before_holes(&mut self, range: Range<usize>, holes: &[usize]) -> bool {
        let mut ok = true;
        for &hole in holes {
            let offset = self.source.holes[hole].offset;
            let before = &self.source.text[range.start..offset];
            if let Some(reference) = tokens::unfinished_reference(before) {
                self.refuse(
                    &[hole],
                    &rule::unfinished_character_reference.says(format!("the literal text before this hole ends in `{reference}`, an unfinished character reference: the browser would complete it with the first characters of the value\n\nhelp: finish the reference with `;`, write `&amp;` for a literal `&`, or put a space before the hole")),
                );
                ok = false;
            }
        }
        ok
    }

    /// The pieces of the URL in `range`: literal text (decoded as the browser decodes it),
    /// holes and loop boundaries, in order.
    fn url_pieces(&self, range: Range<usize>, quote: char) -> Vec<Piece> {
        let mut cuts: Vec<(usize, Option<usize>)> = self
            .source
            .holes_in(range.clone())
            .map(|hole| (self.source.holes[hole].offset, Some(hole)))
            .chain(
                self.source
                    .marks
                    .iter()
                    .filter(|(at, _)| range.start <= *at && *at <= range.end)
                    .map(|(at, _)| (*at, None)),
            )
            .collect();
        cuts.sort_by_key(|(at, hole)| (*at, hole.is_some()));
        let mut pieces = Vec::new();
        let mut at = range.start;
        for (cut, hole) in cuts {
            if cut > at {
                let raw = &self.source.text[at..cut];
                pieces.push(Piece::Text {
                    decoded: tokens::decode_attribute_value(raw, quote),
                    raw: raw.to_owned(),
                });
            }
            match hole {
                Some(hole) => {
                    pieces.push(Piece::Hole(hole));
                    at = cut + HOLE.len_utf8();
                }
                None => {
                    pieces.push(Piece::Boundary);
                    at = cut.max(at);
                }
            }
        }
        if range.end > at {
            let raw = &self.source.text[at..range.end];
            pieces.push(Piece::Text {
                decoded: tokens::decode_attribute_value(raw, quote),
                raw: raw.to_owned(),
            });
        }
        pieces
    }

    /// `srcdoc`: the value is a document. A hole in its text is escaped twice; anywhere
    /// else in it, refused.
    fn document_holes(&mut self, decoded: &str, holes: &[usize]) {
        let mut in_text = vec![false; holes.len()];
        let mut state = TextState::Data;
        let mut last_tag = String::new();
        tokens::tokenize(decoded, |token, range| {
            // The tokenizer can end a token inside a character it rejected (`<é`); holes
            // are whole characters, so counting from the nearest boundaries is exact.
            let start = char_boundary(decoded, range.start, -1);
            let end = char_boundary(decoded, range.end, 1).max(start);
            let before = decoded[..start].matches(HOLE).count();
            let inside = decoded[start..end].matches(HOLE).count();
            match token {
                Token::OpenStartTag { name } => last_tag = name,
                Token::CloseStartTag { .. } => {
                    state = TextState::after_html_start_tag(&last_tag);
                    return state;
                }
                Token::EndTag { .. } => state = TextState::Data,
                Token::Text if matches!(state, TextState::Data | TextState::RcData) => {
                    for slot in in_text.iter_mut().skip(before).take(inside) {
                        *slot = true;
                    }
                }
                _ => {}
            }
            TextState::Data
        });
        for (index, &hole) in holes.iter().enumerate() {
            if in_text[index] {
                self.decide(hole, HoleEscape::HtmlInAttribute);
            } else {
                self.refuse(&[hole], &rule::hole_in_srcdoc_markup.says("a hole in the markup of `srcdoc` outside its text: the value would be parsed as part of a tag of the inner document\n\nhelp: put holes in the text of `srcdoc`'s document, between its tags"));
            }
        }
    }

    /// Event handlers and Datastar expressions: the value is JavaScript.
    fn script_attribute_holes(
        &mut self,
        element: &Element,
        attributes: &[Attribute],
        name: &str,
        decoded: &str,
        holes: &[usize],
        plugin: Option<(String, Option<String>)>,
    ) {
        let contexts = js::hole_contexts(decoded);
        let mut action_strings: Vec<(usize, Vec<usize>)> = Vec::new();
        for (index, context) in contexts.into_iter().enumerate() {
            let Some(&hole) = holes.get(index) else {
                break;
            };
            match context {
                JsContext::Code {
                    action_argument: true,
                } => self.decide(
                    hole,
                    HoleEscape::UrlInScriptAttribute(UrlPolicy::SameOrigin),
                ),
                JsContext::Code { .. } => match &plugin {
                    Some((plugin, key)) if plugin == "attr" => {
                        let decision = datastar::attr_target(
                            element,
                            attributes,
                            decoded,
                            index,
                            key.as_deref(),
                        );
                        self.decide_or_refuse(hole, decision);
                    }
                    _ => self.decide(hole, HoleEscape::ScriptInAttribute),
                },
                JsContext::String {
                    action_url: Some(start),
                    ..
                } => match action_strings.iter_mut().find(|(at, _)| *at == start) {
                    Some((_, group)) => group.push(index),
                    None => action_strings.push((start, vec![index])),
                },
                JsContext::String { quote, .. } => {
                    self.refuse(&[hole], &js_string_message(name, quote));
                }
                other => self.refuse(&[hole], &js_place_message(name, &other)),
            }
        }
        for (start, group) in action_strings {
            let pieces = action_url_pieces(decoded, start, &group);
            let place = Place {
                list: UrlList::One,
                policy: UrlPolicy::SameOrigin,
                fixed_origin: false,
                in_action: true,
            };
            for (index, decision) in url::decide(place, &pieces) {
                self.decide_or_refuse(holes[index], decision);
            }
        }
    }

    pub(super) fn decide_all(&mut self, holes: &[usize], escape: HoleEscape) {
        for &hole in holes {
            self.decide(hole, escape.clone());
        }
    }

    fn decide_or_refuse(&mut self, hole: usize, decision: Result<HoleEscape, Diagnostic>) {
        match decision {
            Ok(escape) => self.decide(hole, escape),
            Err(message) => self.refuse(&[hole], &message),
        }
    }
}

/// The nearest char boundary of `text` at or before (`step` -1) or after (1) `at`.
fn char_boundary(text: &str, at: usize, step: isize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at = at.saturating_add_signed(step);
    }
    at
}

/// The pieces of the action URL string whose text starts at `start` in `code`, with the
/// holes (their indexes among the value's holes) in `group`.
fn action_url_pieces(code: &str, start: usize, group: &[usize]) -> Vec<Piece> {
    let quote = code[..start].chars().last().unwrap_or('\'');
    let first_hole = code[..start].matches(HOLE).count();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut hole = first_hole;
    let mut chars = code[start..].chars();
    let mut raw = String::new();
    while let Some(c) = chars.next() {
        match c {
            c if c == quote => break,
            HOLE => {
                if !text.is_empty() {
                    pieces.push(Piece::Text {
                        decoded: js_unescape(&text),
                        raw: std::mem::take(&mut raw),
                    });
                    text.clear();
                }
                if group.contains(&hole) {
                    pieces.push(Piece::Hole(hole));
                }
                hole += 1;
            }
            '\\' => {
                text.push(c);
                raw.push(c);
                if let Some(escaped) = chars.next() {
                    text.push(escaped);
                    raw.push(escaped);
                }
            }
            c => {
                text.push(c);
                raw.push(c);
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text {
            decoded: js_unescape(&text),
            raw,
        });
    }
    pieces
}

/// A JavaScript string literal's text as the string's value: escapes resolved.
fn js_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(escaped) = chars.next() else {
            break;
        };
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, count: usize| {
            let digits: String = chars.by_ref().take(count).collect();
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
        };
        match escaped {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '0' => out.push('\0'),
            'x' => out.extend(hex(&mut chars, 2)),
            'u' if chars.peek() == Some(&'{') => {
                chars.next();
                let digits: String = chars.by_ref().take_while(|c| *c != '}').collect();
                out.extend(
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32),
                );
            }
            'u' => out.extend(hex(&mut chars, 4)),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => {}
            other => out.push(other),
        }
    }
    out
}

pub(super) fn js_string_message(place: &str, quote: char) -> Diagnostic {
    rule::hole_in_js_string.says(format!(
        "this hole sits inside a JavaScript string `{quote}…{quote}` in `{place}`: holes there are written as JSON literals with their own quotes, so the string would end early\n\nhelp: close the string and concatenate, e.g. `\"{quote}Hello, {quote} + \" (name) \" + {quote}!{quote}\"`"
    ))
}

pub(super) fn js_place_message(place: &str, context: &JsContext) -> Diagnostic {
    let (rule, help) = match context {
        JsContext::Template => (
            rule::hole_in_js_template_literal,
            "put the hole inside `${…}`, where a value stands: `\"`Hello, ${\" (name) \"}`\"`",
        ),
        JsContext::Regex => (
            rule::hole_in_js_regex,
            "build the pattern from a value: `new RegExp(` (pattern) `)`",
        ),
        // The callers handle code and strings; a comment is what is left.
        _ => (rule::hole_in_js_comment, "move the hole out of the comment"),
    };
    rule.says(format!(
        "this hole sits {} in `{place}`: a value there would be read as part of it, and no escaping can keep it a plain value\n\nhelp: {help}",
        context.describe()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_js_strings() {
        assert_eq!(js_unescape("/a\\x2f\\u0062\\u{63}\\'"), "/a/bc'");
        assert_eq!(js_unescape("ht\\\ntp"), "http");
    }
}
