//! CSS selectors as the browser's `querySelectorAll` parses them. The Datastar client hands
//! every patch `selector`, `viewTransitionSelector` and dispatch selector to
//! `querySelector(All)`; a selector the browser cannot parse makes it throw a
//! `SyntaxError` inside the client, which then drops the rest of what it was reading.
//!
//! [`check`] follows Selectors Level 4 as Chromium implements it (the pseudo-classes and
//! pseudo-elements it knows, forgiving `:is()`/`:where()`, unforgiving `:not()`/`:has()`,
//! `An+B [of S]`, the nesting selector `&`). `tests/markup/selectors.txt` in the repository
//! is judged by Chromium and by this function, and a test keeps them in agreement.

use std::fmt;

mod fix;
mod grammar;
mod names;
mod tokens;

/// Why a selector does not parse, and the fix when there is an obvious one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    /// Byte offset in the selector where reading failed.
    pub at: usize,
    /// What is wrong there.
    pub reason: String,
    /// A selector that means what was probably meant, if one can be written.
    pub fix: Option<String>,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Checks `selector` as Chromium's `querySelectorAll` would parse it.
///
/// ```
/// use datastar_wire::selector::check;
///
/// assert!(check("#todo-list > li.done:not(:first-child)").is_ok());
/// let error = check("#1st").unwrap_err();
/// assert_eq!(error.fix.as_deref(), Some("[id=\"1st\"]"));
/// ```
pub fn check(selector: &str) -> Result<(), SelectorError> {
    if is_plain(selector) {
        return Ok(());
    }
    parse(selector).map_err(|mut error| {
        error.fix = fix::fix(selector);
        error
    })
}

/// [`check`] without looking for a fix.
fn parse(selector: &str) -> Result<(), SelectorError> {
    let tokens = tokens::tokenize(selector).map_err(|(at, reason)| SelectorError {
        at,
        reason: reason.to_owned(),
        fix: None,
    })?;
    grammar::Parser::new(selector, &tokens).selector_list_to_end()
}

/// The selectors most patches use, read without allocating: compounds of ASCII `tag`,
/// `*`, `#id`, `.class` and `[attr]`/`[attr op value]` (an identifier or a quoted value
/// without escapes), joined by descendant, `>`, `+`, `~` combinators and commas. Every
/// one of them parses in the browser; anything else goes to the full parser.
fn is_plain(selector: &str) -> bool {
    let bytes = selector.as_bytes();
    let mut i = 0;
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
    let skip_space = |i: &mut usize| {
        while *i < bytes.len() && space(bytes[*i]) {
            *i += 1;
        }
    };
    let ident = |i: &mut usize| -> bool {
        let start = *i;
        let name = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        let first = bytes.get(*i).copied();
        let second = bytes.get(*i + 1).copied();
        let starts = match first {
            Some(b'-') => second.is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-'),
            Some(b) => b.is_ascii_alphabetic() || b == b'_',
            None => false,
        };
        if !starts {
            return false;
        }
        while *i < bytes.len() && name(bytes[*i]) {
            *i += 1;
        }
        *i > start
    };
    loop {
        // One complex selector: compounds and combinators.
        skip_space(&mut i);
        loop {
            let start = i;
            if bytes.get(i) == Some(&b'*') {
                i += 1;
            } else if bytes.get(i).is_some_and(u8::is_ascii_alphabetic) && !ident(&mut i) {
                return false;
            }
            loop {
                match bytes.get(i) {
                    Some(b'#' | b'.') => {
                        i += 1;
                        if !ident(&mut i) {
                            return false;
                        }
                    }
                    Some(b'[') => {
                        i += 1;
                        skip_space(&mut i);
                        if !ident(&mut i) {
                            return false;
                        }
                        skip_space(&mut i);
                        if matches!(bytes.get(i), Some(b'~' | b'|' | b'^' | b'$' | b'*'))
                            && bytes.get(i + 1) == Some(&b'=')
                        {
                            i += 1;
                        }
                        if bytes.get(i) == Some(&b'=') {
                            i += 1;
                            skip_space(&mut i);
                            match bytes.get(i) {
                                Some(&quote @ (b'"' | b'\'')) => {
                                    i += 1;
                                    while i < bytes.len() && bytes[i] != quote {
                                        if matches!(bytes[i], b'\\' | b'\n' | b'\r' | 0x0c) {
                                            return false;
                                        }
                                        i += 1;
                                    }
                                    if i == bytes.len() {
                                        return false;
                                    }
                                    i += 1;
                                }
                                _ if ident(&mut i) => {}
                                _ => return false,
                            }
                            skip_space(&mut i);
                        }
                        if bytes.get(i) != Some(&b']') {
                            return false;
                        }
                        i += 1;
                    }
                    _ => break,
                }
            }
            if i == start {
                return false;
            }
            let before_space = i;
            skip_space(&mut i);
            match bytes.get(i) {
                None => return true,
                Some(b',') => {
                    i += 1;
                    break;
                }
                Some(b'>' | b'+' | b'~') => {
                    i += 1;
                    skip_space(&mut i);
                }
                Some(_) if i > before_space => {}
                Some(_) => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{check, is_plain, parse};

    #[test]
    fn plain_selectors_are_valid_ones() {
        for selector in [
            "#a",
            "div",
            "*",
            "#todo-list > li.done",
            "a b , c+d~e",
            "[data-context=dispatch-detail]",
            "[href^='https://x' ]",
            "input[type=\"checkbox\"]:checked",
            "#1st",
            ".2col",
            "a,",
            "a >",
            "[a=b c]",
            "",
        ] {
            if is_plain(selector) {
                assert_eq!(
                    parse(selector),
                    Ok(()),
                    "{selector:?} is plain but does not parse"
                );
            }
        }
        assert!(is_plain("#todo-list > li.done, [data-x=\"y\"]"));
        assert!(!is_plain("a:hover"));
        assert!(!is_plain("#1st"));
        assert!(!is_plain("a,"));
        assert!(!is_plain(""));
    }

    #[test]
    fn valid() {
        for selector in [
            "#a",
            "div",
            "*",
            "#a > .b + c ~ d e",
            "a:hover",
            "li:nth-child(2n + 1 of .x)",
            "li:nth-last-child(-n+3)",
            "p:nth-of-type(odd)",
            "p:not(.a, .b)",
            "div:has(> img)",
            "div:is(, .x)",
            "[data-x]",
            "[data-on\\:click]",
            "[href^='https://' i]",
            "#\\31 st",
            "a::before",
            "a:before",
            "& > p",
            "*|div",
            "div /* comment */ p",
            "input:checked, select:focus-visible",
            ":lang(de-DE)",
            ":dir(rtl)",
            "::part(label)",
        ] {
            assert_eq!(check(selector), Ok(()), "{selector}");
        }
    }

    #[test]
    fn invalid() {
        for (selector, fix) in [
            ("#1st", Some("[id=\"1st\"]")),
            (".2col", Some("[class~=\"2col\"]")),
            ("", None),
            ("div >", None),
            ("> div", None),
            ("a,", None),
            ("[data-on:click]", Some("[data-on\\:click]")),
            ("a:hovr", None),
            ("a::befor", None),
            ("p:not()", None),
            ("div:has()", None),
            ("li:nth-child(2 n)", None),
            ("[x=a b]", None),
            ("svg|rect", None),
            ("a ||  b", None),
            ("#a {", None),
            ("'x'", None),
        ] {
            let error = check(selector).expect_err(selector);
            assert_eq!(error.fix.as_deref(), fix, "{selector}: {error}");
        }
    }
}
