//! Data-line splitting: every value written into an SSE frame goes through it.
//!
//! A value is written after its first `data: KEY ` prefix; every line break in it
//! (`\r\n`, `\r` or `\n`: all three end an SSE line in the browser) is replaced by
//! `line_prefix`, which is `"\ndata: KEY "`. Blank source lines therefore keep the space
//! after the key, which the client needs to see them at all (Datastar 1.0 client).

/// The byte searches splitting needs: `memchr` when the feature is on (the runtime),
/// plain loops otherwise (the macro, at compile time), with the same results.
mod find {
    #[cfg(feature = "memchr")]
    pub(super) use memchr::{memchr, memchr_iter, memchr2, memchr2_iter};

    #[cfg(not(feature = "memchr"))]
    pub(super) fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
        haystack.iter().position(|&byte| byte == needle)
    }

    #[cfg(not(feature = "memchr"))]
    pub(super) fn memchr2(a: u8, b: u8, haystack: &[u8]) -> Option<usize> {
        haystack.iter().position(|&byte| byte == a || byte == b)
    }

    #[cfg(not(feature = "memchr"))]
    pub(super) fn memchr_iter(needle: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
        haystack
            .iter()
            .enumerate()
            .filter(move |(_, byte)| **byte == needle)
            .map(|(at, _)| at)
    }

    #[cfg(not(feature = "memchr"))]
    pub(super) fn memchr2_iter(a: u8, b: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
        haystack
            .iter()
            .enumerate()
            .filter(move |(_, byte)| **byte == a || **byte == b)
            .map(|(at, _)| at)
    }
}

/// The line breaks of a value: how many, and whether any is a `\r` (if not, every
/// break is a lone `\n`, the common case, which has a faster path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Breaks {
    /// How many line breaks (a `\r\n` is one).
    pub count: usize,
    /// The bytes the breaks take up (a `\r\n` is two); splitting replaces them.
    bytes: usize,
    has_cr: bool,
}

impl Breaks {
    /// One pass for a single line (short values, minified HTML); otherwise, from the
    /// first break on, one looking for `\r` and one counting `\n`.
    pub fn of(value: &[u8]) -> Breaks {
        let Some(first) = find::memchr2(b'\n', b'\r', value) else {
            return Breaks {
                count: 0,
                bytes: 0,
                has_cr: false,
            };
        };
        let value = &value[first..];
        if find::memchr(b'\r', value).is_none() {
            let count = find::memchr_iter(b'\n', value).count();
            return Breaks {
                count,
                bytes: count,
                has_cr: false,
            };
        }
        let (mut count, mut bytes) = (0, 0);
        let mut rest = value;
        while let Some(at) = find::memchr2(b'\n', b'\r', rest) {
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

    /// Bytes [`push_split`] writes for a value of `len` bytes with these breaks.
    pub fn split_len(self, len: usize, line_prefix: &[u8]) -> usize {
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

/// True for the bytes that end an SSE line.
pub const fn is_line_break(byte: u8) -> bool {
    matches!(byte, b'\n' | b'\r')
}

/// True when `value` contains a byte that ends an SSE line.
pub fn has_line_break(value: &str) -> bool {
    find::memchr2(b'\n', b'\r', value.as_bytes()).is_some()
}

/// Appends `value`, replacing each line break by `line_prefix`.
pub fn push_split(out: &mut Vec<u8>, line_prefix: &[u8], value: &[u8]) {
    push_split_known(out, line_prefix, value, Breaks::of(value));
}

/// [`push_split`] for a caller that has already counted the breaks (to size its buffer).
///
/// This is the hot path for large content: the breaks are found by one search and
/// everything between them is copied in one piece. If the buffer is too small it grows
/// once, to the exact size plus the spare room the caller had planned for what follows,
/// instead of doubling several times.
pub fn push_split_known(out: &mut Vec<u8>, line_prefix: &[u8], value: &[u8], breaks: Breaks) {
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
        for at in find::memchr_iter(b'\n', value) {
            out.extend_from_slice(&value[start..at]);
            out.extend_from_slice(line_prefix);
            start = at + 1;
        }
    } else {
        for at in find::memchr2_iter(b'\n', b'\r', value) {
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

/// `text` with each line break replaced by `line_prefix`, for text known at compile time.
pub fn split_lines(text: &str, line_prefix: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    push_split(&mut out, line_prefix.as_bytes(), text.as_bytes());
    // Only ASCII line breaks were replaced, by UTF-8 text.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(value: &str) -> String {
        split_lines(value, "\ndata: x ")
    }

    #[test]
    fn splits_on_every_line_terminator() {
        assert_eq!(split("a\nb\r\nc\rd"), "a\ndata: x b\ndata: x c\ndata: x d");
        assert_eq!(split("a\n\nb"), "a\ndata: x \ndata: x b");
        assert_eq!(split("\r\r\n"), "\ndata: x \ndata: x ");
        assert_eq!(Breaks::of(b"a\nb\r\nc\rd\n").count, 4);
        for value in ["", "a", "a\nb", "a\r\nb\rc\n\n", "\r\r\n\n"] {
            let breaks = Breaks::of(value.as_bytes());
            assert_eq!(
                breaks.split_len(value.len(), b"\ndata: x "),
                split(value).len(),
                "{value:?}"
            );
        }
    }
}
