//! The CSS Syntax Level 3 tokens a selector is made of (comments dropped).

/// One token and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) at: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    Ident(String),
    /// `name(`: the name, lowercased.
    Function(String),
    /// `#value`; `is_id` when the value would start an identifier (only then is it an id
    /// selector).
    Hash {
        is_id: bool,
    },
    Str,
    /// A number, percentage or dimension.
    Numeric,
    Whitespace,
    Colon,
    Comma,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    /// `{`, `}`, `;`, `@keyword`, `url(…)` and the like: never part of a selector.
    Foreign,
    Delim(char),
}

/// Splits `text` into tokens; an error is a byte offset and what is wrong there.
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, (usize, &'static str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = offset(i);
        let c = chars[i].1;
        let kind = if c == '/' && at(i + 1) == Some('*') {
            // A comment, to its end or to the end of the text.
            i += 2;
            while i < chars.len() && !(at(i) == Some('*') && at(i + 1) == Some('/')) {
                i += 1;
            }
            i = (i + 2).min(chars.len());
            continue;
        } else if is_whitespace(c) {
            while at(i).is_some_and(is_whitespace) {
                i += 1;
            }
            Kind::Whitespace
        } else if c == '"' || c == '\'' {
            i += 1;
            loop {
                match at(i) {
                    None => break,
                    Some(q) if q == c => {
                        i += 1;
                        break;
                    }
                    Some('\n' | '\r' | '\u{c}') => {
                        return Err((offset(i), "a line break inside a string"));
                    }
                    Some('\\') => i += 2,
                    Some(_) => i += 1,
                }
            }
            Kind::Str
        } else if c == '#' {
            if at(i + 1).is_some_and(is_name) || is_escape(at(i + 1), at(i + 2)) {
                let is_id = starts_ident(at(i + 1), at(i + 2), at(i + 3));
                i = name_end(&chars, i + 1);
                Kind::Hash { is_id }
            } else {
                i += 1;
                Kind::Delim('#')
            }
        } else if starts_number(c, at(i + 1), at(i + 2)) {
            i = number_end(&chars, i);
            if starts_ident(at(i), at(i + 1), at(i + 2)) {
                i = name_end(&chars, i);
            } else if at(i) == Some('%') {
                i += 1;
            }
            Kind::Numeric
        } else if starts_ident(Some(c), at(i + 1), at(i + 2)) {
            let end = name_end(&chars, i);
            let name = text[start..offset(end)].to_owned();
            i = end;
            if at(i) == Some('(') {
                i += 1;
                if name.eq_ignore_ascii_case("url") {
                    Kind::Foreign
                } else {
                    Kind::Function(name.to_ascii_lowercase())
                }
            } else {
                Kind::Ident(name)
            }
        } else {
            i += 1;
            match c {
                ':' => Kind::Colon,
                ',' => Kind::Comma,
                '[' => Kind::OpenBracket,
                ']' => Kind::CloseBracket,
                '(' => Kind::OpenParen,
                ')' => Kind::CloseParen,
                '{' | '}' | ';' => Kind::Foreign,
                '@' if starts_ident(at(i), at(i + 1), at(i + 2)) => {
                    i = name_end(&chars, i);
                    Kind::Foreign
                }
                '\\' => return Err((start, "a backslash that escapes nothing")),
                other => Kind::Delim(other),
            }
        };
        tokens.push(Token { kind, at: start });
    }
    Ok(tokens)
}

fn is_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

fn is_name(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-'
}

/// `\` followed by anything but a line break.
fn is_escape(first: Option<char>, second: Option<char>) -> bool {
    first == Some('\\') && !matches!(second, Some('\n' | '\r' | '\u{c}'))
}

/// CSS Syntax §4.3.9: would these three code points start an identifier?
pub(super) fn starts_ident(a: Option<char>, b: Option<char>, c: Option<char>) -> bool {
    match a {
        Some('-') => b.is_some_and(|b| is_name_start(b) || b == '-') || is_escape(b, c),
        Some('\\') => is_escape(a, b),
        Some(a) => is_name_start(a),
        None => false,
    }
}

fn starts_number(a: char, b: Option<char>, c: Option<char>) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    match a {
        '+' | '-' => digit(b) || (b == Some('.') && digit(c)),
        '.' => digit(b),
        a => a.is_ascii_digit(),
    }
}

/// The end of a name (identifier characters and escapes) starting at `i`.
fn name_end(chars: &[(usize, char)], mut i: usize) -> usize {
    loop {
        match chars.get(i).map(|&(_, c)| c) {
            Some(c) if is_name(c) => i += 1,
            Some('\\') if is_escape(Some('\\'), chars.get(i + 1).map(|&(_, c)| c)) => {
                i += 1;
                let hex_start = i;
                while i < chars.len() && i - hex_start < 6 && chars[i].1.is_ascii_hexdigit() {
                    i += 1;
                }
                // One escaped character, or hex digits and one whitespace after them.
                let escaped_char = i == hex_start;
                if escaped_char || chars.get(i).is_some_and(|&(_, c)| is_whitespace(c)) {
                    i += 1;
                }
            }
            _ => return i,
        }
    }
}

fn number_end(chars: &[(usize, char)], mut i: usize) -> usize {
    let digit = |i: usize| chars.get(i).is_some_and(|&(_, c)| c.is_ascii_digit());
    if matches!(chars.get(i).map(|&(_, c)| c), Some('+' | '-')) {
        i += 1;
    }
    while digit(i) {
        i += 1;
    }
    if chars.get(i).map(|&(_, c)| c) == Some('.') && digit(i + 1) {
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    if matches!(chars.get(i).map(|&(_, c)| c), Some('e' | 'E')) {
        let sign = matches!(chars.get(i + 1).map(|&(_, c)| c), Some('+' | '-'));
        if digit(i + 1) || (sign && digit(i + 2)) {
            i += if sign { 2 } else { 1 };
            while digit(i) {
                i += 1;
            }
        }
    }
    i
}
