//! Literal HTML to tokens, with html5gum (the WHATWG tokenizer state machine, so what
//! the macro reads is what the browser reads).
//!
//! A tokenizer alone cannot know which text is raw: a browser switches to the raw-text,
//! RCDATA or script states after `<style>`, `<textarea>`, `<script>` … only for HTML
//! elements, not inside `<svg>` or `<math>`, and the Datastar client parses patches with
//! `DOMParser`, where scripting is off, so `<noscript>` holds markup. The caller tells the
//! tokenizer which state follows each start tag, as the browser's tree builder does.

use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{
    Emitter, Error as TokenizerError, ForwardingEmitter, Span as HtmlSpan, State, Tokenizer,
};

/// One tokenizer event with its byte range in the joined source.
#[derive(Debug)]
pub(super) enum Token {
    OpenStartTag {
        name: String,
    },
    AttributeName {
        name: String,
    },
    /// An attribute's value as the browser sees it: character references decoded.
    AttributeValue {
        value: String,
    },
    CloseStartTag {
        self_closing: bool,
    },
    EndTag {
        name: String,
    },
    Text,
    Comment,
    Doctype,
    Error(TokenizerError),
}

/// The text state that follows a start tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TextState {
    /// Markup: tags and character references are read.
    Data,
    /// Character references but no tags (`<textarea>`, `<title>`).
    RcData,
    /// Nothing but the end tag (`<style>`, `<iframe>`, `<xmp>`, …).
    RawText,
    /// A script, up to `</script`.
    ScriptData,
    /// Everything to the end (`<plaintext>`).
    PlainText,
}

impl TextState {
    /// The state after the start tag of an HTML element `name` (not SVG or MathML), in a
    /// document parsed with scripting off.
    pub(super) fn after_html_start_tag(name: &str) -> TextState {
        match name {
            "textarea" | "title" => TextState::RcData,
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => TextState::RawText,
            "script" => TextState::ScriptData,
            "plaintext" => TextState::PlainText,
            _ => TextState::Data,
        }
    }

    fn html5gum(self) -> State {
        match self {
            TextState::Data => State::Data,
            TextState::RcData => State::RcData,
            TextState::RawText => State::RawText,
            TextState::ScriptData => State::ScriptData,
            TextState::PlainText => State::PlainText,
        }
    }
}

/// Tokenizes `source`, calling `on_token` for each token in order; after a start tag,
/// `on_token` returns the state its text is read in.
pub(super) fn tokenize(source: &str, on_token: impl FnMut(Token, Range<usize>) -> TextState) {
    let sink = Sink {
        on_token,
        next_state: None,
    };
    let emitter = SwitchingEmitter {
        inner: CallbackEmitter::new(sink),
    };
    match Tokenizer::new_with_emitter(source, emitter).finish() {
        Ok(()) => {}
        Err(never) => match never {},
    }
}

/// Hands each event to the caller as a [`Token`], and keeps the state it chose after a
/// start tag for [`SwitchingEmitter`].
struct Sink<F> {
    on_token: F,
    next_state: Option<State>,
}

impl<F: FnMut(Token, Range<usize>) -> TextState> Callback<Infallible, usize> for Sink<F> {
    fn handle_event(
        &mut self,
        event: CallbackEvent<'_>,
        span: HtmlSpan<usize>,
    ) -> Option<Infallible> {
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let token = match event {
            CallbackEvent::OpenStartTag { name } => Token::OpenStartTag { name: text(name) },
            CallbackEvent::AttributeName { name } => Token::AttributeName { name: text(name) },
            CallbackEvent::AttributeValue { value } => Token::AttributeValue { value: text(value) },
            CallbackEvent::CloseStartTag { self_closing } => Token::CloseStartTag { self_closing },
            CallbackEvent::EndTag { name } => Token::EndTag { name: text(name) },
            CallbackEvent::String { .. } => Token::Text,
            CallbackEvent::Comment { .. } => Token::Comment,
            CallbackEvent::Doctype { .. } => Token::Doctype,
            CallbackEvent::Error(error) => Token::Error(error),
        };
        let closes_start_tag = matches!(token, Token::CloseStartTag { .. });
        let state = (self.on_token)(token, span.start..span.end);
        if closes_start_tag && state != TextState::Data {
            self.next_state = Some(state.html5gum());
        }
        None
    }
}

/// The callback emitter, with the state after each start tag chosen by the caller (as
/// html5gum's own html5ever bridge does) instead of by tag name alone.
struct SwitchingEmitter<F: FnMut(Token, Range<usize>) -> TextState> {
    inner: CallbackEmitter<Sink<F>, Infallible, usize>,
}

impl<F: FnMut(Token, Range<usize>) -> TextState> ForwardingEmitter for SwitchingEmitter<F> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        // Never a state: the callback emitter only switches states naively, which is off.
        let _ = self.inner.emit_current_tag();
        let next_state = self.inner.callback_mut().next_state.take();
        if next_state.is_some() {
            // The text that follows starts here (the callback emitter does this itself
            // when it switches states).
            self.inner.init_string();
        }
        next_state
    }
}

/// The value of an attribute whose source text is `raw` (between its quotes), as the
/// browser decodes it: named and numeric character references, with and without `;`,
/// by the tokenizer's own rules.
pub(super) fn decode_attribute_value(raw: &str, quote: char) -> String {
    let mut value = String::new();
    let source = format!("<a b={quote}{raw}{quote}>");
    tokenize(&source, |token, _| {
        if let Token::AttributeValue { value: decoded } = token {
            value = decoded;
        }
        TextState::Data
    });
    value
}

/// The unfinished character reference that `before` ends in (`&amp`, `&#x2`, `&`), if
/// any: text written right after it would complete it.
pub(super) fn unfinished_reference(before: &str) -> Option<&str> {
    let tail = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '#');
    tail.ends_with('&').then(|| &before[tail.len() - 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(source: &str, raw_after: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut name = String::new();
        tokenize(source, |token, range| {
            out.push(format!("{token:?}@{}", &source[range]));
            if let Token::OpenStartTag { name: tag } = &token {
                name = tag.clone();
            }
            match token {
                Token::CloseStartTag { .. } if name == raw_after => TextState::RawText,
                _ => TextState::Data,
            }
        });
        out
    }

    #[test]
    fn the_caller_decides_raw_text() {
        let raw = tokens("<noscript><b>x</b></noscript>", "noscript");
        assert!(raw.contains(&"Text@<b>x</b>".to_owned()), "{raw:#?}");
        let markup = tokens("<noscript><b>x</b></noscript>", "none");
        assert!(
            markup
                .iter()
                .any(|t| t.starts_with("OpenStartTag { name: \"b\" }")),
            "{markup:#?}"
        );
    }

    #[test]
    fn attribute_values_are_decoded() {
        assert_eq!(
            decode_attribute_value("f(&#x27;a&#039;&apos;&quot", '"'),
            "f('a''\""
        );
        assert_eq!(
            decode_attribute_value("&#106;ava&Tab;script&colon;", '\''),
            "java\tscript:"
        );
        assert_eq!(decode_attribute_value("a&ampb&amp;c", '"'), "a&ampb&c");
        assert_eq!(decode_attribute_value("x\u{E000}y", '"'), "x\u{E000}y");
    }
}
