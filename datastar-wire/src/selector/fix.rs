//! Fixes for selectors the browser cannot parse, when one keeps the meaning.

/// The selector rewritten the way that keeps its meaning and parses: `#1st` as
/// `[id="1st"]`, `.2col` as `[class~="2col"]`, `[data-on:click]` as `[data-on\:click]`.
pub(super) fn fix(selector: &str) -> Option<String> {
    let mut fixed = String::with_capacity(selector.len() + 8);
    let mut chars = selector.char_indices().peekable();
    let mut in_brackets = false;
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii();
    while let Some((at, c)) = chars.next() {
        match c {
            '[' => {
                in_brackets = true;
                fixed.push(c);
            }
            ']' => {
                in_brackets = false;
                fixed.push(c);
            }
            ':' if in_brackets => fixed.push_str("\\:"),
            '#' | '.' if !in_brackets => {
                let rest = &selector[at + 1..];
                let run: String = rest.chars().take_while(|&c| name_char(c)).collect();
                let mut next = rest.chars();
                let (a, b, d) = (next.next(), next.next(), next.next());
                if run.is_empty() || super::tokens::starts_ident(a, b, d) {
                    fixed.push(c);
                    continue;
                }
                if c == '#' {
                    fixed.push_str(&format!("[id=\"{run}\"]"));
                } else {
                    fixed.push_str(&format!("[class~=\"{run}\"]"));
                }
                for _ in 0..run.chars().count() {
                    chars.next();
                }
            }
            c => fixed.push(c),
        }
    }
    (fixed != selector && super::parse(&fixed).is_ok()).then_some(fixed)
}
