//! Datastar expressions as the 1.0.4 client compiles them: before `new Function`, it
//! rewrites `$signal` paths and `@action(` calls with one regular expression, which
//! skips string literals and template literals without `${`, and rewrites inside
//! `${…}` (comments and regular expressions are not skipped). The actions found the same
//! way are the ones the client will look up by name.

use datastar_wire::attribute::ACTIONS;

/// The `@name(` calls the client's rewriting finds in `expression`: byte offset and name.
pub(super) fn actions(expression: &str) -> Vec<(usize, &str)> {
    let bytes = expression.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'"' | b'\'') => match string_end(bytes, i, quote) {
                Some(end) => i = end,
                None => i += 1,
            },
            b'`' => match template_end(bytes, i) {
                Some(end) => i = end,
                None => i += 1,
            },
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                // `${…}` without braces inside: the client rewrites actions in it.
                let inner = i + 2;
                match bytes[inner..].iter().position(|&b| b == b'{' || b == b'}') {
                    Some(len) if bytes[inner + len] == b'}' => {
                        for (at, name) in calls(&expression[inner..inner + len]) {
                            found.push((inner + at, name));
                        }
                        i = inner + len + 1;
                    }
                    _ => i += 1,
                }
            }
            b'@' => match call_at(expression, i) {
                Some((name, end)) => {
                    found.push((i, name));
                    i = end;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    found
}

/// The error for an action the client does not have, with the likely fix.
pub(super) fn unknown_action_message(name: &str) -> Option<String> {
    if ACTIONS.contains(&name) {
        return None;
    }
    let help = match ACTIONS
        .iter()
        .find(|action| action.eq_ignore_ascii_case(name))
    {
        Some(action) => format!("action names are case-sensitive: write `@{action}(`"),
        None => format!(
            "the actions are {}",
            ACTIONS
                .iter()
                .map(|action| format!("`@{action}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some(format!(
        "`@{name}(` calls an action the Datastar 1.0.4 client does not have: it throws `UndefinedAction` when the expression runs\n\nhelp: {help}"
    ))
}

/// `@name(` at `at` (the client's `@([A-Za-z_$][\w$]*)\(`): the name and the end.
fn call_at(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let start = at + 1;
    let first = *bytes.get(start)?;
    if !(first.is_ascii_alphabetic() || first == b'_' || first == b'$') {
        return None;
    }
    let mut end = start + 1;
    while bytes
        .get(end)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
    {
        end += 1;
    }
    (bytes.get(end) == Some(&b'(')).then(|| (&text[start..end], end + 1))
}

/// Every `@name(` in `text`, strings not skipped (inside `${…}` the client does not).
fn calls(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(offset) = text[i..].find('@') {
        let at = i + offset;
        match call_at(text, at) {
            Some((name, end)) => {
                found.push((at, name));
                i = end;
            }
            None => i = at + 1,
        }
    }
    found
}

/// `"[^"\\]*(?:\\.[^"\\]*)*"` from `start`: the index after the closing quote.
fn string_end(bytes: &[u8], start: usize, quote: u8) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A template literal without `${`: the index after the closing backtick.
fn template_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'$' if bytes.get(i + 1) == Some(&b'{') => return None,
            b'`' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{actions, unknown_action_message};

    #[test]
    fn finds_actions_as_the_client_rewrites_them() {
        fn names(expression: &str) -> Vec<&str> {
            actions(expression)
                .into_iter()
                .map(|(_, name)| name)
                .collect()
        }
        assert_eq!(names("@get('/a'); @setAll('x', 1)"), ["get", "setAll"]);
        assert_eq!(names("'@nope(' + \"@no(\" + `@no(`"), Vec::<&str>::new());
        assert_eq!(names("`${@post('/x')}`"), ["post"]);
        assert_eq!(names("a@b.c"), Vec::<&str>::new());
        assert_eq!(names("x // @put("), ["put"]);
        assert_eq!(names("'unclosed @get("), ["get"]);
    }

    #[test]
    fn unknown_actions() {
        assert!(unknown_action_message("get").is_none());
        assert!(
            unknown_action_message("setall")
                .unwrap()
                .ends_with("help: action names are case-sensitive: write `@setAll(`")
        );
        assert!(
            unknown_action_message("fetch")
                .unwrap()
                .contains("`@get`, ")
        );
    }
}
