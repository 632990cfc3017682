//! Compile-time rendering of wire bytes (protocol.md §2-5): data-line splitting, JSON
//! literals, attribute escaping. Pure string functions shared by `check` (to validate)
//! and `expand` (to pre-render).

use syn::Lit;

/// Replaces every line break (`\r\n`, `\r`, `\n`: all three end an SSE line) with
/// `line_prefix`, e.g. `"\ndata: elements "`, so each source line is one data line and a
/// blank line keeps the space after the key.
pub(crate) fn split_lines(text: &str, line_prefix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(line_prefix);
            }
            '\n' => out.push_str(line_prefix),
            other => out.push(other),
        }
    }
    out
}

/// A quoted HTML attribute value.
pub(crate) fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A JSON string literal, escaped exactly as `serde_json` (used by the runtime for dynamic
/// values) escapes it. Written here rather than depending on `serde_json`: a proc-macro
/// dependency is compiled a second time for the host, which measured ~10 s of CPU time
/// (`serde_core`, `serde_json`, `memchr`) in a clean build.
pub(crate) fn json_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// True for text matching the JSON number grammar (RFC 8259 §6):
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    fn digits(bytes: &[u8]) -> usize {
        bytes.iter().take_while(|b| b.is_ascii_digit()).count()
    }
    let bytes = text.as_bytes();
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at += digits(&bytes[at..]),
        _ => return false,
    }
    if bytes.get(at) == Some(&b'.') {
        let fraction = digits(&bytes[at + 1..]);
        if fraction == 0 {
            return false;
        }
        at += 1 + fraction;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits(&bytes[at..]);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == bytes.len()
}

/// The redirect script for a literal URL: the URL as a JSON string with `<` written
/// `\u003c`, so that `</script>` in it cannot end the element (protocol.md §5.2).
pub(crate) fn redirect_script(url: &str) -> String {
    format!(
        "setTimeout(() => window.location.href = {})",
        json_string(url).replace('<', "\\u003c")
    )
}

/// True for URLs the browser would run as script (`javascript:`), after the URL parser's
/// own clean-up: leading C0 controls and spaces are stripped, tabs and newlines removed.
pub(crate) fn is_javascript_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take("javascript:".len())
        .collect();
    cleaned.eq_ignore_ascii_case("javascript:")
}

/// A signal value literal as JSON text, or why it is not JSON.
pub(crate) fn json_literal(lit: &Lit, negative: bool) -> Result<String, String> {
    let sign = if negative { "-" } else { "" };
    match lit {
        Lit::Int(int) if !int.suffix().is_empty() => Err(format!(
            "`{sign}{int}` has a Rust type suffix, which JSON numbers do not have\n\nhelp: write `{sign}{}`",
            int.base10_digits()
        )),
        Lit::Float(float) if !float.suffix().is_empty() => Err(format!(
            "`{sign}{float}` has a Rust type suffix, which JSON numbers do not have\n\nhelp: write `{sign}{}`",
            float.base10_digits()
        )),
        Lit::Int(int) => json_number(&format!("{sign}{}", int.base10_digits())),
        Lit::Float(float) => json_number(&format!("{sign}{}", float.base10_digits())),
        Lit::Str(_) | Lit::Bool(_) if negative => {
            Err("`-` only applies to numbers in JSON".to_owned())
        }
        Lit::Str(string) => Ok(json_string(&string.value())),
        Lit::Bool(boolean) => Ok(boolean.value.to_string()),
        Lit::Char(character) => Err(format!(
            "`{}` is a Rust `char`, which JSON does not have\n\nhelp: write the string `{}`",
            quote::ToTokens::to_token_stream(character),
            json_string(&character.value().to_string())
        )),
        other => Err(format!(
            "`{}` is not a JSON value\n\nhelp: write a string, a number, `true`, `false`, `null`, an object or an array",
            quote::ToTokens::to_token_stream(other)
        )),
    }
}

fn json_number(text: &str) -> Result<String, String> {
    match is_json_number(text) {
        true => Ok(text.to_owned()),
        false => Err(format!(
            "`{text}` is not a valid JSON number\n\nhelp: JSON numbers have digits on both sides of the `.` and no leading zeros, e.g. `1.0`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_line_break_and_keeps_blank_lines() {
        let prefix = "\ndata: elements ";
        assert_eq!(
            split_lines("a\r\nb\rc\n\nd", prefix),
            "a\ndata: elements b\ndata: elements c\ndata: elements \ndata: elements d"
        );
    }

    #[test]
    fn renders_redirects_safely() {
        assert_eq!(
            redirect_script("/a\"</script>"),
            "setTimeout(() => window.location.href = \"/a\\\"\\u003c/script>\")"
        );
        assert!(is_javascript_url(" \tJava\nScript:alert(1)"));
        assert!(!is_javascript_url("/javascript:"));
    }

    #[test]
    fn json_strings_match_serde_json() {
        // serde_json's output for the same input, written out.
        assert_eq!(
            json_string("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{7f}é</"),
            "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\u{7f}é</\""
        );
    }

    #[test]
    fn json_number_grammar() {
        for good in ["0", "-0", "12", "1.5", "1e5", "1E+5", "-2.5e-3"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "1_0", "0x10"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn json_literals() {
        let lit = |text: &str| syn::parse_str::<Lit>(text).unwrap();
        assert_eq!(json_literal(&lit("1_000"), true), Ok("-1000".to_owned()));
        assert_eq!(json_literal(&lit("0x10"), false), Ok("16".to_owned()));
        assert_eq!(json_literal(&lit("1.5e3"), false), Ok("1.5e3".to_owned()));
        assert_eq!(
            json_literal(&lit("\"a\\\"b\""), false),
            Ok("\"a\\\"b\"".to_owned())
        );
        assert!(json_literal(&lit("1u8"), false).is_err());
        assert!(json_literal(&lit("1."), false).is_err());
        assert!(
            json_literal(&lit("'a'"), false)
                .unwrap_err()
                .contains("write the string `\"a\"`")
        );
    }
}
