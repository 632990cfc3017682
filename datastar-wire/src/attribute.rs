//! HTML attribute names.

/// True for a name that can be written as `name="value"` and is read back as one
/// attribute of that name: not empty, no whitespace, controls, quotes, `=`, `<`, `>`, `/`
/// or backtick.
pub fn is_attribute_name(name: &str) -> bool {
    !name.is_empty()
        && !name.bytes().any(|byte| {
            byte.is_ascii_whitespace()
                || byte.is_ascii_control()
                || matches!(byte, b'"' | b'\'' | b'=' | b'<' | b'>' | b'/' | b'`')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names() {
        for good in ["type", "data-on:click__once", "aria-label", "x.y"] {
            assert!(is_attribute_name(good), "{good}");
        }
        for bad in ["", "on click", "a\"", "a=b", "a/b", "<a", "a`", "a\u{1}"] {
            assert!(!is_attribute_name(bad), "{bad:?}");
        }
    }
}
