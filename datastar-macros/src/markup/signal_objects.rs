//! The signals a `data-signals="{…}"` object literal creates: the 1.0.4 client evaluates
//! the expression and merges the object into its signals, so every key is a signal and a
//! nested object's keys are signals under it (`{user: {name: ''}}` makes `user.name`).
//! `tests/markup/signal_objects.txt` holds what Chromium with the real client makes of each
//! literal; the macro reads the same paths, or none where it does not read the literal.

use super::expressions::{string_end, template_end};

/// The leaf paths the literal `text` creates (sorted, each once), or `None` where the macro
/// does not read it: anything but an object literal, a computed key (`[k]: 1`), a spread
/// (`...rest`), a key with a `.` in it or an unquoted one starting with `$` (the client
/// reads `$name` as a signal), comments, or a template literal with `${`.
pub(super) fn object_paths(text: &str) -> Option<Vec<String>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut paths = Vec::new();
    reader.space();
    reader.object("", &mut paths)?;
    reader.space();
    if reader.at != reader.bytes.len() {
        return None;
    }
    paths.sort();
    paths.dedup();
    Some(paths)
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
    fn object(&mut self, prefix: &str, paths: &mut Vec<String>) -> Option<()> {
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
                b',' | b'}' if shorthand_allowed => paths.push(path),
                b':' => {
                    self.at += 1;
                    self.space();
                    if self.peek()? == b'{' {
                        self.object(&path, paths)?;
                    } else {
                        self.value()?;
                        paths.push(path);
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
        let mut depth = 0usize;
        while let Some(byte) = self.peek() {
            match byte {
                b'\'' | b'"' => {
                    self.at = string_end(self.bytes, self.at, byte)?;
                    continue;
                }
                b'`' => {
                    self.at = template_end(self.bytes, self.at)?;
                    continue;
                }
                b'/' if matches!(self.bytes.get(self.at + 1), Some(b'/' | b'*')) => return None,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.checked_sub(1)?,
                b'}' if depth == 0 => break,
                b'}' => depth -= 1,
                b',' if depth == 0 => break,
                _ => {}
            }
            self.at += 1;
        }
        (self.at > start && self.peek().is_some()).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::object_paths;

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
