//! Selectors Level 4 over the tokens, as Chromium accepts it in `querySelectorAll`.

use super::SelectorError;
use super::names::{PSEUDO_CLASSES, PSEUDO_ELEMENT_FUNCTIONS, PSEUDO_ELEMENTS};
use super::tokens::{Kind, Token};

pub(super) struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// Where the tokens end in `source` (the closing parenthesis of a function).
    end: usize,
}

type Parse<T = ()> = Result<T, SelectorError>;

impl<'a> Parser<'a> {
    pub(super) fn new(source: &'a str, tokens: &'a [Token]) -> Parser<'a> {
        Parser {
            source,
            tokens,
            pos: 0,
            end: source.len(),
        }
    }

    fn peek(&self) -> Option<&'a Kind> {
        self.tokens.get(self.pos).map(|token| &token.kind)
    }

    fn at(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |token| token.at)
    }

    fn error<T>(&self, reason: impl Into<String>) -> Parse<T> {
        Err(SelectorError {
            at: self.at(),
            reason: reason.into(),
            fix: None,
        })
    }

    fn found(&self) -> String {
        match self.tokens.get(self.pos) {
            None => "the end".to_owned(),
            Some(token) => {
                let end = self
                    .tokens
                    .get(self.pos + 1)
                    .map_or(self.end, |next| next.at);
                format!("`{}`", &self.source[token.at..end])
            }
        }
    }

    fn skip_whitespace(&mut self) -> bool {
        let start = self.pos;
        while self.peek() == Some(&Kind::Whitespace) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// A whole selector list, then nothing.
    pub(super) fn selector_list_to_end(&mut self) -> Parse {
        self.selector_list(false)?;
        self.skip_whitespace();
        if self.peek().is_some() {
            return self.error(format!("{} cannot follow a selector", self.found()));
        }
        Ok(())
    }

    fn selector_list(&mut self, relative: bool) -> Parse {
        loop {
            self.complex(relative)?;
            self.skip_whitespace();
            if self.peek() != Some(&Kind::Comma) {
                return Ok(());
            }
            self.pos += 1;
        }
    }

    fn combinator(&self) -> bool {
        matches!(self.peek(), Some(Kind::Delim('>' | '+' | '~')))
    }

    fn complex(&mut self, relative: bool) -> Parse {
        self.skip_whitespace();
        if relative && self.combinator() {
            self.pos += 1;
            self.skip_whitespace();
        }
        self.compound()?;
        loop {
            let spaced = self.skip_whitespace();
            if self.combinator() {
                self.pos += 1;
                self.skip_whitespace();
                self.compound()?;
            } else if spaced && self.starts_compound() {
                self.compound()?;
            } else {
                return Ok(());
            }
        }
    }

    fn starts_compound(&self) -> bool {
        matches!(
            self.peek(),
            Some(
                Kind::Ident(_)
                    | Kind::Hash { .. }
                    | Kind::Colon
                    | Kind::OpenBracket
                    | Kind::Delim('*' | '.' | '|' | '&')
            )
        )
    }

    fn compound(&mut self) -> Parse {
        let start = self.pos;
        self.type_selector()?;
        loop {
            match self.peek() {
                Some(Kind::Hash { is_id: true }) => self.pos += 1,
                Some(Kind::Hash { is_id: false }) => {
                    return self.error(format!(
                        "{} is not an id selector: after `#` the browser needs an identifier, which cannot start with a digit (or `-` and a digit)",
                        self.found()
                    ));
                }
                Some(Kind::Delim('.')) => {
                    self.pos += 1;
                    match self.peek() {
                        Some(Kind::Ident(_)) => self.pos += 1,
                        _ => {
                            return self.error(format!(
                                "`.` must be followed by a class name (an identifier), not {}",
                                self.found()
                            ));
                        }
                    }
                }
                Some(Kind::Delim('&')) => self.pos += 1,
                Some(Kind::OpenBracket) => self.attribute()?,
                Some(Kind::Colon) => self.pseudo()?,
                _ => break,
            }
        }
        if self.pos == start {
            return self.error(format!("expected a selector, found {}", self.found()));
        }
        Ok(())
    }

    /// `div`, `*`, `*|div`, `|div`; a declared namespace prefix (`svg|rect`) cannot be
    /// given to `querySelectorAll`.
    fn type_selector(&mut self) -> Parse {
        let name = matches!(self.peek(), Some(Kind::Ident(_) | Kind::Delim('*')));
        let next = self.tokens.get(self.pos + 1).map(|token| &token.kind);
        if name && next == Some(&Kind::Delim('|')) {
            if let Some(Kind::Ident(prefix)) = self.peek() {
                return self.error(format!(
                    "the namespace prefix `{prefix}|` is not declared: `querySelectorAll` knows no namespace prefixes"
                ));
            }
            self.pos += 2;
            return self.name_after_bar();
        }
        if self.peek() == Some(&Kind::Delim('|')) {
            self.pos += 1;
            return self.name_after_bar();
        }
        if name {
            self.pos += 1;
        }
        Ok(())
    }

    fn name_after_bar(&mut self) -> Parse {
        match self.peek() {
            Some(Kind::Ident(_) | Kind::Delim('*')) => {
                self.pos += 1;
                Ok(())
            }
            _ => self.error(format!(
                "expected an element name after `|`, found {}",
                self.found()
            )),
        }
    }

    fn attribute(&mut self) -> Parse {
        self.pos += 1;
        self.skip_whitespace();
        if matches!(self.peek(), Some(Kind::Delim('*' | '|')))
            || matches!(
                (self.peek(), self.tokens.get(self.pos + 1).map(|t| &t.kind)),
                (Some(Kind::Ident(_)), Some(Kind::Delim('|')))
            ) && !matches!(
                self.tokens.get(self.pos + 2).map(|t| &t.kind),
                Some(Kind::Delim('='))
            )
        {
            self.type_selector()?;
        } else if let Some(Kind::Ident(_)) = self.peek() {
            self.pos += 1;
        } else {
            return self.error(format!(
                "expected an attribute name after `[`, found {}",
                self.found()
            ));
        }
        self.skip_whitespace();
        match self.peek() {
            None => return Ok(()),
            Some(Kind::CloseBracket) => {
                self.pos += 1;
                return Ok(());
            }
            Some(Kind::Delim('=')) => self.pos += 1,
            Some(Kind::Delim('~' | '|' | '^' | '$' | '*'))
                if self.tokens.get(self.pos + 1).map(|t| &t.kind) == Some(&Kind::Delim('=')) =>
            {
                self.pos += 2;
            }
            Some(Kind::Colon) => {
                return self.error(
                    "`:` cannot stand in an attribute name unescaped: the browser reads a pseudo-class there",
                );
            }
            _ => {
                return self.error(format!(
                    "expected `]` or a matcher (`=`, `~=`, `|=`, `^=`, `$=`, `*=`), found {}",
                    self.found()
                ));
            }
        }
        self.skip_whitespace();
        match self.peek() {
            Some(Kind::Ident(_) | Kind::Str) => self.pos += 1,
            _ => {
                return self.error(format!(
                    "an attribute value must be an identifier or a quoted string, not {}",
                    self.found()
                ));
            }
        }
        self.skip_whitespace();
        if let Some(Kind::Ident(flag)) = self.peek()
            // Chromium knows `i` (ASCII case-insensitive), not `s`.
            && flag.eq_ignore_ascii_case("i")
        {
            self.pos += 1;
            self.skip_whitespace();
        }
        match self.peek() {
            None => Ok(()),
            Some(Kind::CloseBracket) => {
                self.pos += 1;
                Ok(())
            }
            _ => self.error(format!(
                "expected `]` after the attribute value, found {} (quote a value with spaces)",
                self.found()
            )),
        }
    }

    fn pseudo(&mut self) -> Parse {
        self.pos += 1;
        let element = self.peek() == Some(&Kind::Colon);
        if element {
            self.pos += 1;
        }
        match self.peek() {
            Some(Kind::Ident(name)) => {
                let name = name.to_ascii_lowercase();
                let known = if element {
                    PSEUDO_ELEMENTS.contains(&name.as_str()) || name.starts_with("-webkit-")
                } else {
                    PSEUDO_CLASSES.contains(&name.as_str())
                };
                if !known {
                    let kind = if element {
                        "pseudo-element `::"
                    } else {
                        "pseudo-class `:"
                    };
                    return self.error(format!("the browser knows no {kind}{name}`"));
                }
                self.pos += 1;
                Ok(())
            }
            Some(Kind::Function(name)) => {
                let (inner, after) = self.arguments()?;
                let arguments = &self.tokens[self.pos + 1..inner];
                let close = self.tokens.get(inner).map_or(self.end, |token| token.at);
                let name = name.clone();
                let result = if element {
                    if PSEUDO_ELEMENT_FUNCTIONS.contains(&name.as_str()) {
                        Ok(())
                    } else {
                        self.error(format!("the browser knows no pseudo-element `::{name}()`"))
                    }
                } else {
                    self.pseudo_class_function(&name, arguments, close)
                };
                self.pos = after;
                result
            }
            _ => self.error(format!(
                "expected a pseudo-class name after `:`, found {}",
                self.found()
            )),
        }
    }

    /// The index of the function's closing parenthesis (or the end) and the index after
    /// it.
    fn arguments(&self) -> Parse<(usize, usize)> {
        let mut depth = 0usize;
        for (index, token) in self.tokens.iter().enumerate().skip(self.pos + 1) {
            match token.kind {
                Kind::Function(_) | Kind::OpenParen => depth += 1,
                Kind::CloseParen if depth == 0 => return Ok((index, index + 1)),
                Kind::CloseParen => depth -= 1,
                _ => {}
            }
        }
        Ok((self.tokens.len(), self.tokens.len()))
    }

    fn pseudo_class_function(&self, name: &str, arguments: &'a [Token], close: usize) -> Parse {
        let mut inner = Parser {
            source: self.source,
            tokens: arguments,
            pos: 0,
            end: close,
        };
        match name {
            "not" | "has" => {
                inner.skip_whitespace();
                if inner.peek().is_none() {
                    return inner.error(format!("`:{name}()` needs a selector inside"));
                }
                inner.selector_list(name == "has")?;
                inner.finish()
            }
            // Forgiving: what does not parse inside is dropped, not an error.
            "is" | "where" | "-webkit-any" => Ok(()),
            "nth-child" | "nth-last-child" | "nth-of-type" | "nth-last-of-type" => {
                let of = arguments.iter().position(
                    |token| matches!(&token.kind, Kind::Ident(word) if word.eq_ignore_ascii_case("of")),
                );
                let formula_end = match of {
                    Some(index) if name.ends_with("child") => arguments[index].at,
                    _ => close,
                };
                let start = arguments.first().map_or(close, |token| token.at);
                if !is_an_plus_b(&self.source[start..formula_end]) {
                    return inner.error(format!(
                        "`:{name}()` needs `odd`, `even`, a number or a formula such as `2n+1`, not `{}`",
                        self.source[start..formula_end].trim()
                    ));
                }
                if let Some(index) = of.filter(|_| name.ends_with("child")) {
                    inner.pos = index + 1;
                    inner.selector_list(false)?;
                    return inner.finish();
                }
                Ok(())
            }
            // Chromium takes one language tag, as an identifier.
            "lang" | "dir" | "state" => {
                let words: Vec<&Kind> = arguments
                    .iter()
                    .map(|token| &token.kind)
                    .filter(|kind| **kind != Kind::Whitespace)
                    .collect();
                match words.as_slice() {
                    [Kind::Ident(_)] => Ok(()),
                    _ => inner.error(format!("`:{name}()` takes one identifier")),
                }
            }
            "host" | "host-context" => {
                inner.skip_whitespace();
                inner.compound()?;
                inner.finish()
            }
            _ => self.error(format!("the browser knows no pseudo-class `:{name}()`")),
        }
    }

    fn finish(&mut self) -> Parse {
        self.skip_whitespace();
        match self.peek() {
            None => Ok(()),
            Some(_) => self.error(format!("{} cannot follow a selector here", self.found())),
        }
    }
}

/// `An+B` as CSS Syntax §6 reads it: `odd`, `even`, an integer, or `[+-]?[digits]n` with an
/// optional signed integer (whitespace around the sign, none inside a number).
fn is_an_plus_b(text: &str) -> bool {
    let text = text.trim_matches([' ', '\t', '\n', '\r', '\u{c}']);
    let lower = text.to_ascii_lowercase();
    if lower == "odd" || lower == "even" {
        return true;
    }
    let signed_integer = |s: &str| {
        let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if signed_integer(&lower) {
        return true;
    }
    let Some(n) = lower.find('n') else {
        return false;
    };
    let (a, rest) = (&lower[..n], &lower[n + 1..]);
    let a_ok = a.is_empty() || a == "+" || a == "-" || signed_integer(a);
    if !a_ok {
        return false;
    }
    let rest = rest.trim_start_matches([' ', '\t', '\n', '\r', '\u{c}']);
    if rest.is_empty() {
        return true;
    }
    let Some(b) = rest.strip_prefix(['+', '-']) else {
        return false;
    };
    let b = b.trim_start_matches([' ', '\t', '\n', '\r', '\u{c}']);
    !b.is_empty() && b.bytes().all(|b| b.is_ascii_digit())
}
