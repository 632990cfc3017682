//! The signals a `data-signals="{…}"` object literal creates: the 1.0.4 client evaluates
//! the expression and merges the object into its signals, so every key is a signal and a
//! nested object's keys are signals under it (`{user: {name: ''}}` makes `user.name`).
//! `tests/markup/signal_objects.txt` holds what Chromium with the real client makes of each
//! literal; the macro reads the same paths, or none where it does not read the literal.

use super::JsonKind;
use super::expressions::{string_end, template_end};

/// The leaf paths the literal `text` creates (sorted, each once), each with the JSON kind
/// of its value where the value is one literal (`'x'`, `3`, `true`, `null`, `[…]`; the
/// last where a key repeats). `None` where the macro does not read the literal: anything
/// but an object literal, a computed key (`[k]: 1`), a spread (`...rest`), a key with a
/// `.` in it or an unquoted one starting with `$` (the client reads `$name` as a signal),
/// comments, or a template literal with `${`.
pub(super) fn object_values(text: &str) -> Option<Vec<(String, Option<JsonKind>)>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut values = Vec::new();
    reader.space();
    reader.object("", &mut values)?;
    reader.space();
    if reader.at != reader.bytes.len() {
        return None;
    }
    // JavaScript keeps the last of a repeated key; a stable sort keeps their order.
    values.reverse();
    values.sort_by(|(a, _), (b, _)| a.cmp(b));
    values.dedup_by(|(later, _), (kept, _)| later == kept);
    Some(values)
}

/// The JSON kind of a value that is one JavaScript literal, as the client stores it.
fn literal_kind(value: &str) -> Option<JsonKind> {
    let bytes = value.as_bytes();
    match *bytes.first()? {
        // One string, template literal or array: its group ends where the value does.
        b'\'' | b'"' | b'`' => (group_end(bytes, 0)? == bytes.len()).then_some(JsonKind::String),
        b'[' => (group_end(bytes, 0)? == bytes.len()).then_some(JsonKind::Array),
        _ => match value {
            "true" | "false" => Some(JsonKind::Bool),
            "null" => Some(JsonKind::Null),
            _ => {
                let digits = value.strip_prefix('-').unwrap_or(value);
                let number = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                    && digits.bytes().any(|byte| byte.is_ascii_digit())
                    && digits.bytes().all(|byte| {
                        byte.is_ascii_digit() || matches!(byte, b'.' | b'_' | b'e' | b'E')
                    });
                number.then_some(JsonKind::Number)
            }
        },
    }
}

/// Where the token starting at `at` ends: past a string, a template literal without `${`,
/// or a bracket with everything inside it (nested brackets, strings); one byte further for
/// anything else. `None` at a comment, or at a literal or bracket that does not close.
fn group_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes[at] {
        quote @ (b'\'' | b'"') => string_end(bytes, at, quote),
        b'`' => template_end(bytes, at),
        b'/' if matches!(bytes.get(at + 1), Some(b'/' | b'*')) => None,
        open @ (b'(' | b'[' | b'{') => {
            let close = match open {
                b'(' => b')',
                b'[' => b']',
                _ => b'}',
            };
            let mut inner = at + 1;
            loop {
                match *bytes.get(inner)? {
                    byte if byte == close => return Some(inner + 1),
                    b')' | b']' | b'}' => return None,
                    _ => inner = group_end(bytes, inner)?,
                }
            }
        }
        _ => Some(at + 1),
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while self.peek().is_some_and(|byte| byte.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// `{ key: value, … }` from here, its paths under `prefix` added to `paths`.
    fn object(&mut self, prefix: &str, paths: &mut Vec<(String, Option<JsonKind>)>) -> Option<()> {
        if self.peek()? != b'{' {
            return None;
        }
        self.at += 1;
        loop {
            self.space();
            // An empty object adds no signal (the client merges nothing).
            if self.peek()? == b'}' {
                self.at += 1;
                return Some(());
            }
            let (key, shorthand_allowed) = self.key()?;
            // The client rewrites `$name` everywhere, a key included.
            if key.contains('.') || shorthand_allowed && key.starts_with('$') {
                return None;
            }
            let path = if prefix.is_empty() {
                key
            } else {
                format!("{prefix}.{key}")
            };
            self.space();
            match self.peek()? {
                b',' | b'}' if shorthand_allowed => paths.push((path, None)),
                b':' => {
                    self.at += 1;
                    self.space();
                    if self.peek()? == b'{' {
                        self.object(&path, paths)?;
                    } else {
                        let start = self.at;
                        self.value()?;
                        let kind = literal_kind(self.text[start..self.at].trim_end());
                        paths.push((path, kind));
                    }
                }
                _ => return None,
            }
            self.space();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {}
                _ => return None,
            }
        }
    }

    /// A property name: an identifier (which may also stand alone, `{name}`), a quoted
    /// string or a number.
    fn key(&mut self) -> Option<(String, bool)> {
        let start = self.at;
        match self.peek()? {
            quote @ (b'\'' | b'"') => {
                let end = string_end(self.bytes, start, quote)?;
                self.at = end;
                let inner = &self.text[start + 1..end - 1];
                // Escapes would need decoding as JavaScript does: not read.
                (!inner.contains('\\')).then(|| (inner.to_owned(), false))
            }
            byte if byte.is_ascii_digit() => {
                while self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                    self.at += 1;
                }
                Some((self.text[start..self.at].to_owned(), false))
            }
            byte if byte.is_ascii_alphabetic() || matches!(byte, b'_' | b'$') => {
                while self
                    .peek()
                    .is_some_and(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'$'))
                {
                    self.at += 1;
                }
                Some((self.text[start..self.at].to_owned(), true))
            }
            _ => None,
        }
    }

    /// Skips a value up to the `,` or `}` that ends it (not consumed).
    fn value(&mut self) -> Option<()> {
        let start = self.at;
        while let Some(byte) = self.peek() {
            match byte {
                b',' | b'}' => break,
                b')' | b']' => return None,
                _ => self.at = group_end(self.bytes, self.at)?,
            }
        }
        (self.at > start && self.peek().is_some()).then_some(())
    }
}

/// The paths alone, as the corpus lists them.
#[cfg(test)]
pub(super) fn object_paths(text: &str) -> Option<Vec<String>> {
    let values = object_values(text)?;
    Some(values.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::object_paths;

    #[test]
    fn reads_the_kinds_of_literal_values() {
        use super::{JsonKind, object_values};
        let values = object_values(
            "{s: 'a', t: `b`, n: -1.5e3, b: false, z: null, a: [1, [2]], x: [1] + [2], e: f(1), v: e1, c: 'a' + 'b', r: 1, r: 'x'}",
        )
        .unwrap();
        let kinds: Vec<(&str, Option<JsonKind>)> = values
            .iter()
            .map(|(path, kind)| (path.as_str(), *kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("a", Some(JsonKind::Array)),
                ("b", Some(JsonKind::Bool)),
                ("c", None),
                ("e", None),
                ("n", Some(JsonKind::Number)),
                ("r", Some(JsonKind::String)),
                ("s", Some(JsonKind::String)),
                ("t", Some(JsonKind::String)),
                ("v", None),
                ("x", None),
                ("z", Some(JsonKind::Null)),
            ]
        );
    }

    #[test]
    fn reads_keys_and_nested_objects() {
        let paths = |text| object_paths(text).map(|paths| paths.join(","));
        assert_eq!(
            paths("{a: 1, b: {c: 'x', d: [1, {e: 2}]}}").as_deref(),
            Some("a,b.c,b.d")
        );
        assert_eq!(
            paths("{'first-name': \"a,}\", n}").as_deref(),
            Some("first-name,n")
        );
        assert_eq!(paths(" { x : f(1, {y: 2}) , } ").as_deref(), Some("x"));
        assert_eq!(paths("{a: {}, b: {c: {}}}").as_deref(), Some(""));
        assert_eq!(paths("{}").as_deref(), Some(""));
        for unread in [
            "{[k]: 1}",
            "{...rest}",
            "{'a.b': 1}",
            "{$a: 1}",
            "x",
            "{a: 1",
            "{a: `${b}`}",
        ] {
            assert_eq!(object_paths(unread), None, "{unread}");
        }
    }
}
