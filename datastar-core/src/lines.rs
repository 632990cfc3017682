//! Data-line splitting and context escaping: the two things every dynamic value goes
//! through on its way into an SSE frame.
//!
//! A value is written after its first `data: KEY ` prefix has been written; every line
//! break in it (`\r\n`, `\r` or `\n`: all three end an SSE line in the browser) is replaced
//! by `line_prefix`, which is `"\ndata: KEY "`. Blank source lines therefore keep the space
//! after the key, which the client needs to see them at all (protocol.md §2.2).

use std::io;

/// How a value is escaped before it is split into data lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// Written as it is (raw HTML, JSON produced by serde).
    None,
    /// HTML text: `&`, `<`, `>`.
    Text,
    /// A quoted HTML attribute value: `&`, `<`, `>`, `"`, `'`.
    Attribute,
    /// JavaScript inside a `<script>` element: `<` becomes `\u003c`, so neither
    /// `</script` nor `<!--` can appear. Only valid for JSON output, where `<` can only
    /// occur inside string literals.
    Script,
    /// JSON placed inside a quoted attribute (a Datastar expression attribute).
    ScriptAttribute,
}

impl Escape {
    fn replacement(self, byte: u8) -> Option<&'static [u8]> {
        match (self, byte) {
            (_, b'\n' | b'\r') => None,
            (Escape::None, _) => None,
            (Escape::Script, b'<') => Some(b"\\u003c"),
            (Escape::Script, _) => None,
            (_, b'&') => Some(b"&amp;"),
            (_, b'<') => Some(b"&lt;"),
            (_, b'>') => Some(b"&gt;"),
            (Escape::Attribute | Escape::ScriptAttribute, b'"') => Some(b"&quot;"),
            (Escape::Attribute | Escape::ScriptAttribute, b'\'') => Some(b"&#39;"),
            _ => None,
        }
    }

    fn needs_work(self, byte: u8) -> bool {
        byte == b'\n' || byte == b'\r' || self.replacement(byte).is_some()
    }
}

/// The line breaks of a value: how many, and whether any is a `\r` (if not, every
/// break is a lone `\n`, the common case, which has a faster path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Breaks {
    pub(crate) count: usize,
    /// The bytes the breaks take up (a `\r\n` is two); `push_split` replaces them.
    bytes: usize,
    has_cr: bool,
}

impl Breaks {
    /// One vectorised pass for a single line (short values, minified HTML); otherwise,
    /// from the first break on, one looking for `\r` and one counting `\n`.
    pub(crate) fn of(value: &[u8]) -> Breaks {
        let Some(first) = memchr::memchr2(b'\n', b'\r', value) else {
            return Breaks {
                count: 0,
                bytes: 0,
                has_cr: false,
            };
        };
        let value = &value[first..];
        if memchr::memchr(b'\r', value).is_none() {
            let count = memchr::memchr_iter(b'\n', value).count();
            return Breaks {
                count,
                bytes: count,
                has_cr: false,
            };
        }
        let (mut count, mut bytes) = (0, 0);
        let mut rest = value;
        while let Some(at) = memchr::memchr2(b'\n', b'\r', rest) {
            let width = break_width(rest, at);
            count += 1;
            bytes += width;
            rest = &rest[at + width..];
        }
        Breaks {
            count,
            bytes,
            has_cr: true,
        }
    }

    /// Bytes `push_split` writes for a value of `len` bytes with these breaks.
    pub(crate) fn split_len(self, len: usize, line_prefix: &[u8]) -> usize {
        len - self.bytes + self.count * line_prefix.len()
    }
}

/// 2 for a `\r\n` at `at`, else 1.
fn break_width(value: &[u8], at: usize) -> usize {
    if value[at] == b'\r' && value.get(at + 1) == Some(&b'\n') {
        2
    } else {
        1
    }
}

/// Appends `value`, replacing each line break by `line_prefix`.
pub(crate) fn push_split(out: &mut Vec<u8>, line_prefix: &[u8], value: &[u8]) {
    push_split_known(out, line_prefix, value, Breaks::of(value));
}

/// [`push_split`] for a caller that has already counted the breaks (to size its buffer).
///
/// This is the hot path for large content: the breaks are found by one vectorised
/// iterator and everything between them is copied in one piece. If the buffer is too
/// small it grows once, to the exact size plus the spare room the caller had planned for
/// what follows, instead of doubling several times.
pub(crate) fn push_split_known(
    out: &mut Vec<u8>,
    line_prefix: &[u8],
    value: &[u8],
    breaks: Breaks,
) {
    let needed = breaks.split_len(value.len(), line_prefix);
    let spare = out.capacity() - out.len();
    if spare < needed {
        out.reserve(needed + spare);
    }
    if breaks.count == 0 {
        out.extend_from_slice(value);
        return;
    }
    let mut start = 0;
    if !breaks.has_cr {
        for at in memchr::memchr_iter(b'\n', value) {
            out.extend_from_slice(&value[start..at]);
            out.extend_from_slice(line_prefix);
            start = at + 1;
        }
    } else {
        for at in memchr::memchr2_iter(b'\n', b'\r', value) {
            // The `\n` of a `\r\n` was consumed with its `\r`.
            if at < start {
                continue;
            }
            out.extend_from_slice(&value[start..at]);
            out.extend_from_slice(line_prefix);
            start = at + break_width(value, at);
        }
    }
    out.extend_from_slice(&value[start..]);
}

/// Number of line breaks `push_split` will replace, for sizing buffers exactly.
pub(crate) fn count_breaks(value: &[u8]) -> usize {
    Breaks::of(value).count
}

/// True when `value` contains a byte that ends an SSE line.
pub(crate) fn has_line_break(value: &str) -> bool {
    memchr::memchr2(b'\n', b'\r', value.as_bytes()).is_some()
}

/// Appends text in pieces (as `fmt::Display` and serde produce it), escaping it and
/// splitting it into data lines. Remembers a trailing `\r` so that a `\r\n` split across
/// two pieces is still one line break.
pub(crate) struct LineWriter<'a> {
    out: &'a mut Vec<u8>,
    line_prefix: &'a [u8],
    escape: Escape,
    after_cr: bool,
}

impl<'a> LineWriter<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>, line_prefix: &'a [u8], escape: Escape) -> Self {
        LineWriter {
            out,
            line_prefix,
            escape,
            after_cr: false,
        }
    }

    pub(crate) fn push(&mut self, mut piece: &[u8]) {
        if piece.is_empty() {
            return;
        }
        if self.after_cr && piece[0] == b'\n' {
            piece = &piece[1..];
        }
        self.after_cr = piece.last() == Some(&b'\r');
        if self.escape == Escape::None {
            push_split(self.out, self.line_prefix, piece);
            return;
        }
        let mut start = 0;
        let mut at = 0;
        while at < piece.len() {
            let byte = piece[at];
            if !self.escape.needs_work(byte) {
                at += 1;
                continue;
            }
            self.out.extend_from_slice(&piece[start..at]);
            if let Some(replacement) = self.escape.replacement(byte) {
                self.out.extend_from_slice(replacement);
                at += 1;
            } else {
                self.out.extend_from_slice(self.line_prefix);
                at += if byte == b'\r' && piece.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            start = at;
        }
        self.out.extend_from_slice(&piece[start..]);
    }
}

impl LineWriter<'_> {
    /// Writes trusted text: no escaping except that script contexts still break up
    /// `</script`, because that would end the element (and everything after it would be
    /// parsed as HTML).
    pub(crate) fn push_raw(&mut self, text: &[u8]) {
        self.after_cr = false;
        match self.escape {
            Escape::Script | Escape::ScriptAttribute => {
                push_script(self.out, self.line_prefix, text)
            }
            _ => push_split(self.out, self.line_prefix, text),
        }
    }
}

impl std::fmt::Write for LineWriter<'_> {
    fn write_str(&mut self, piece: &str) -> std::fmt::Result {
        self.push(piece.as_bytes());
        Ok(())
    }
}

impl io::Write for LineWriter<'_> {
    fn write(&mut self, piece: &[u8]) -> io::Result<usize> {
        self.push(piece);
        Ok(piece.len())
    }

    fn write_all(&mut self, piece: &[u8]) -> io::Result<()> {
        self.push(piece);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Appends script text, splitting lines and writing every `</script` (any case) as
/// `<\/script`, so the text cannot end the `<script>` element it is sent in.
pub(crate) fn push_script(out: &mut Vec<u8>, line_prefix: &[u8], script: &[u8]) {
    let mut rest = script;
    let mut searched = 0;
    while let Some(found) = memchr::memchr(b'<', &rest[searched..]) {
        let at = searched + found;
        let closes_script =
            rest.len() >= at + 8 && rest[at + 1..at + 8].eq_ignore_ascii_case(b"/script");
        if closes_script {
            push_split(out, line_prefix, &rest[..at]);
            out.extend_from_slice(b"<\\/");
            rest = &rest[at + 2..];
            searched = 0;
        } else {
            searched = at + 1;
        }
    }
    push_split(out, line_prefix, rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(value: &str) -> String {
        let mut out = Vec::new();
        push_split(&mut out, b"\ndata: x ", value.as_bytes());
        String::from_utf8(out).unwrap()
    }

    fn escaped(escape: Escape, pieces: &[&str]) -> String {
        let mut out = Vec::new();
        let mut writer = LineWriter::new(&mut out, b"\ndata: x ", escape);
        for piece in pieces {
            writer.push(piece.as_bytes());
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn splits_on_every_line_terminator() {
        assert_eq!(split("a\nb\r\nc\rd"), "a\ndata: x b\ndata: x c\ndata: x d");
        assert_eq!(split("a\n\nb"), "a\ndata: x \ndata: x b");
        assert_eq!(split("\r\r\n"), "\ndata: x \ndata: x ");
        assert_eq!(count_breaks(b"a\nb\r\nc\rd\n"), 4);
        for value in ["", "a", "a\nb", "a\r\nb\rc\n\n", "\r\r\n\n"] {
            let breaks = Breaks::of(value.as_bytes());
            assert_eq!(
                breaks.split_len(value.len(), b"\ndata: x "),
                split(value).len(),
                "{value:?}"
            );
        }
    }

    #[test]
    fn escapes_by_context() {
        let hostile = r#"<img src=x onerror="alert('1')">&"#;
        assert_eq!(
            escaped(Escape::Text, &[hostile]),
            r#"&lt;img src=x onerror="alert('1')"&gt;&amp;"#
        );
        assert_eq!(
            escaped(Escape::Attribute, &[hostile]),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(
            escaped(Escape::Script, &["\"</script>\""]),
            "\"\\u003c/script>\""
        );
    }

    #[test]
    fn crlf_split_across_pieces_is_one_break() {
        assert_eq!(escaped(Escape::Text, &["a\r", "\nb"]), "a\ndata: x b");
        assert_eq!(escaped(Escape::Text, &["a\r", "b"]), "a\ndata: x b");
        assert_eq!(
            escaped(Escape::None, &["a\r", "\n", "\nb"]),
            "a\ndata: x \ndata: x b"
        );
    }

    #[test]
    fn script_close_tags_are_broken_up() {
        let mut out = Vec::new();
        push_script(&mut out, b"\ndata: x ", b"a</script>b</SCRIPT >c</scrip<");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a<\\/script>b<\\/SCRIPT >c</scrip<"
        );
    }
}
