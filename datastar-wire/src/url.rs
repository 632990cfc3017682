//! URLs: which ones a value may turn into, and how a value is percent-encoded so that it
//! cannot change the structure of the URL it is written into.
//!
//! The scheme is read as the WHATWG URL parser reads it (what every browser runs): leading
//! C0 controls and spaces are stripped, ASCII tabs and newlines are removed anywhere, the
//! scheme is an ASCII letter followed by letters, digits, `+`, `-` or `.`, ended by `:`,
//! and compared without regard to case. Anything else is a relative reference.

/// The schemes a URL built from a template value may have. Relative references are
/// always allowed. `http` and `https` are the web; `mailto` and `tel` only hand the URL
/// to another application. Everything else is refused: `javascript:` and `vbscript:` run
/// code, `data:` can carry a document, and a scheme nobody listed is a surprise.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What a refused URL is replaced by: it navigates nowhere, loads nothing, and says
/// what happened to whoever reads the page's HTML.
pub const REFUSED_URL: &str = "about:invalid#refused-url";

/// Which URLs a place accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlPolicy {
    /// Links, images, forms, redirects: relative references and the
    /// [`ALLOWED_SCHEMES`].
    Navigate,
    /// Datastar actions (`@get(…)`, whose response is applied to the page) and
    /// `history.replaceState`: relative references that keep the page's origin, so no
    /// scheme and no `//host` (nor `\\host`, which browsers read the same way).
    SameOrigin,
}

/// How a value written into a URL is percent-encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlEncoding {
    /// The value is a whole URL (or its start): what is not valid in a URL is encoded
    /// (spaces, quotes, `<`, `>`, backslash, braces, controls, non-ASCII), the
    /// structure (`:`, `/`, `?`, `#`, `&`, `=`, …) and existing `%XX` escapes are kept.
    /// The value still has its scheme checked.
    Whole,
    /// The value is one candidate URL of a list (`srcset`, `ping`): as [`Whole`](Self::Whole),
    /// and `,` too, so the value cannot start another candidate.
    Candidate,
    /// The value is a part of a URL (a path segment, a query value, a fragment): every
    /// byte but the unreserved `A-Z a-z 0-9 - . _ ~` is encoded, `%` included, so the
    /// value can add no segment, parameter or fragment and cannot end the URL's string.
    Component,
}

impl UrlEncoding {
    /// True when `byte` is written as it is.
    const fn keeps(self, byte: u8) -> bool {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            return true;
        }
        let structural = matches!(
            byte,
            b'!' | b'#'
                | b'$'
                | b'&'
                | b'*'
                | b'+'
                | b'/'
                | b':'
                | b';'
                | b'='
                | b'?'
                | b'@'
                | b'['
                | b']'
                | b'%'
        );
        match self {
            UrlEncoding::Whole => structural || byte == b',',
            UrlEncoding::Candidate => structural,
            UrlEncoding::Component => false,
        }
    }
}

/// Appends `value` to `out`, percent-encoded (`%XX`, upper case) as `encoding` says. The
/// result is ASCII. A whole URL loses its leading and trailing C0 controls and spaces
/// first, as the URL parser would strip them.
pub fn encode_url(out: &mut Vec<u8>, value: &[u8], encoding: UrlEncoding) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let value = match encoding {
        UrlEncoding::Component => value,
        UrlEncoding::Whole | UrlEncoding::Candidate => {
            let start = value
                .iter()
                .position(|&byte| byte > b' ')
                .unwrap_or(value.len());
            let end = value
                .iter()
                .rposition(|&byte| byte > b' ')
                .map_or(start, |at| at + 1);
            &value[start..end]
        }
    };
    for &byte in value {
        if encoding.keeps(byte) {
            out.push(byte);
        } else {
            out.extend_from_slice(&[
                b'%',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        }
    }
}

/// [`encode_url`] for a quoted attribute value: `&`, the one character the encodings
/// keep that an attribute gives a meaning to, is written `&amp;`, so the value cannot
/// complete a character reference (`&#106;` is `j`).
pub fn encode_url_in_attribute(out: &mut Vec<u8>, value: &[u8], encoding: UrlEncoding) {
    let mut rest = value;
    while let Some(at) = rest.iter().position(|&byte| byte == b'&') {
        encode_url(out, &rest[..at], encoding);
        match encoding {
            UrlEncoding::Component => out.extend_from_slice(b"%26"),
            UrlEncoding::Whole | UrlEncoding::Candidate => out.extend_from_slice(b"&amp;"),
        }
        rest = &rest[at + 1..];
    }
    encode_url(out, rest, encoding);
}

/// Reads a URL, given in pieces, far enough to know whether `policy` accepts it: its
/// scheme (or that it has none) and, for [`UrlPolicy::SameOrigin`], whether it names
/// another host. Feed it the text the browser will see, character references decoded.
///
/// ```
/// use datastar_wire::url::{SchemeCheck, UrlPolicy};
///
/// let mut check = SchemeCheck::new(UrlPolicy::Navigate);
/// check.feed(b" java");
/// check.feed(b"\tscript:alert(1)");
/// assert!(check.is_refused());
/// ```
#[derive(Clone, Debug)]
pub struct SchemeCheck {
    policy: UrlPolicy,
    state: ScanState,
    /// The scheme's first bytes, lower-cased; the allowed ones are short.
    scheme: [u8; 6],
    scheme_len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScanState {
    /// Before the first character that is not a C0 control or space.
    Leading,
    /// After a leading `/` or `\`.
    Slash,
    /// Inside what may be a scheme.
    Scheme,
    Allowed,
    Refused,
}

impl SchemeCheck {
    /// A check that has seen nothing yet.
    pub const fn new(policy: UrlPolicy) -> Self {
        SchemeCheck {
            policy,
            state: ScanState::Leading,
            scheme: [0; 6],
            scheme_len: 0,
        }
    }

    /// Reads the next piece of the URL.
    pub fn feed(&mut self, piece: &[u8]) {
        for &byte in piece {
            self.state = match self.state {
                ScanState::Allowed | ScanState::Refused => return,
                // The URL parser removes tabs and newlines anywhere.
                _ if matches!(byte, b'\t' | b'\n' | b'\r') => continue,
                ScanState::Leading if byte <= b' ' => continue,
                ScanState::Leading if byte.is_ascii_alphabetic() => {
                    self.push_scheme_byte(byte);
                    ScanState::Scheme
                }
                ScanState::Leading if matches!(byte, b'/' | b'\\') => ScanState::Slash,
                ScanState::Leading => ScanState::Allowed,
                ScanState::Slash if matches!(byte, b'/' | b'\\') => match self.policy {
                    UrlPolicy::Navigate => ScanState::Allowed,
                    UrlPolicy::SameOrigin => ScanState::Refused,
                },
                ScanState::Slash => ScanState::Allowed,
                ScanState::Scheme
                    if byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.') =>
                {
                    self.push_scheme_byte(byte);
                    ScanState::Scheme
                }
                ScanState::Scheme if byte == b':' => match self.scheme_allowed() {
                    true => ScanState::Allowed,
                    false => ScanState::Refused,
                },
                // Not a scheme after all: a relative path.
                ScanState::Scheme => ScanState::Allowed,
            };
        }
    }

    /// True once the URL is known to be refused; more pieces cannot change that.
    pub fn is_refused(&self) -> bool {
        self.state == ScanState::Refused
    }

    /// True once the verdict is known, either way.
    pub fn is_decided(&self) -> bool {
        matches!(self.state, ScanState::Allowed | ScanState::Refused)
    }

    fn push_scheme_byte(&mut self, byte: u8) {
        if let Some(slot) = self.scheme.get_mut(self.scheme_len) {
            *slot = byte.to_ascii_lowercase();
        }
        self.scheme_len += 1;
    }

    fn scheme_allowed(&self) -> bool {
        self.policy == UrlPolicy::Navigate
            && self.scheme_len <= self.scheme.len()
            && ALLOWED_SCHEMES
                .contains(&std::str::from_utf8(&self.scheme[..self.scheme_len]).unwrap_or_default())
    }
}

/// True when `policy` accepts the whole URL `url`.
pub fn is_allowed(url: &str, policy: UrlPolicy) -> bool {
    let mut check = SchemeCheck::new(policy);
    check.feed(url.as_bytes());
    !check.is_refused()
}

/// True when a browser would treat `url` as a `javascript:` URL.
pub fn is_javascript_url(url: &str) -> bool {
    let mut scheme = url
        .trim_start_matches(|c: char| c <= ' ')
        .bytes()
        .filter(|byte| !matches!(byte, b'\t' | b'\n' | b'\r'));
    b"javascript:".iter().all(|expected| {
        scheme
            .next()
            .is_some_and(|byte| byte.to_ascii_lowercase() == *expected)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(value: &str, encoding: UrlEncoding) -> String {
        let mut out = Vec::new();
        encode_url(&mut out, value.as_bytes(), encoding);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn navigate_allows_relative_and_listed_schemes() {
        for url in [
            "",
            "/a",
            "a/b",
            "?q",
            "#f",
            "//cdn.example/x",
            "https://example.com",
            "HTTP://x",
            "mailto:a@b",
            "tel:+1",
            "item42",
            "java script:x",
            "\u{a0}javascript:x",
            "javascript%3Ax",
            "./javascript:x",
        ] {
            assert!(is_allowed(url, UrlPolicy::Navigate), "{url:?}");
        }
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "\u{1}\u{20}java\tscr\nipt:x",
            "vbscript:x",
            "data:text/html,<script>",
            "ftp://x",
            "mailtox:a",
            "c:\\x",
            "x:",
        ] {
            assert!(!is_allowed(url, UrlPolicy::Navigate), "{url:?}");
        }
    }

    #[test]
    fn same_origin_allows_relative_references_only() {
        for url in [
            "", "/todos/1", "todos", "?page=2", "#x", "./a", "../a", "/%2F%2Fx",
        ] {
            assert!(is_allowed(url, UrlPolicy::SameOrigin), "{url:?}");
        }
        for url in [
            "https://example.com/x",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            " /\t/evil.example",
            "javascript:x",
        ] {
            assert!(!is_allowed(url, UrlPolicy::SameOrigin), "{url:?}");
        }
    }

    #[test]
    fn pieces_are_read_as_one_url() {
        let mut check = SchemeCheck::new(UrlPolicy::Navigate);
        for piece in ["", "ja", "vasc", "ript", ":x"] {
            check.feed(piece.as_bytes());
        }
        assert!(check.is_refused());
        let mut check = SchemeCheck::new(UrlPolicy::Navigate);
        check.feed(b"item");
        assert!(!check.is_decided());
        check.feed(b"42");
        check.feed(b"");
        assert!(!check.is_refused());
    }

    #[test]
    fn encodings() {
        let hostile = "a b/c?d=e&f#g'\"<>\\`{}|^%2F,é";
        assert_eq!(
            encoded(hostile, UrlEncoding::Whole),
            "a%20b/c?d=e&f#g%27%22%3C%3E%5C%60%7B%7D%7C%5E%2F,%C3%A9"
        );
        assert_eq!(
            encoded("a.png 2x,b", UrlEncoding::Candidate),
            "a.png%202x%2Cb"
        );
        assert_eq!(
            encoded(hostile, UrlEncoding::Component),
            "a%20b%2Fc%3Fd%3De%26f%23g%27%22%3C%3E%5C%60%7B%7D%7C%5E%252F%2C%C3%A9"
        );
        assert_eq!(encoded("Az09-._~", UrlEncoding::Component), "Az09-._~");
        assert_eq!(encoded("\u{1} /a b\t ", UrlEncoding::Whole), "/a%20b");
        let mut out = Vec::new();
        encode_url_in_attribute(&mut out, b"jav&#97;script:x?a=1&b", UrlEncoding::Whole);
        assert_eq!(out, b"jav&amp;#97;script:x?a=1&amp;b");
    }

    #[test]
    fn javascript_urls_are_recognised_as_browsers_do() {
        for url in [
            "javascript:x",
            " JAVASCRIPT:x",
            "java\tscript:x",
            "\u{1}javascript:x",
        ] {
            assert!(is_javascript_url(url), "{url:?}");
        }
        for url in ["/javascript:x", "https://x/javascript:", "javascrip", ""] {
            assert!(!is_javascript_url(url), "{url:?}");
        }
    }
}
