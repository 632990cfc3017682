//! Datastar expressions as the 1.0.4 client compiles them: before `new Function`, it
//! rewrites `$signal` paths and `@action(` calls with one regular expression, which
//! skips string literals and template literals without `${`, and rewrites inside
//! `${…}` (comments and regular expressions are not skipped). The actions found the same
//! way are the ones the client will look up by name.

use datastar_wire::attribute::{ACTIONS, PluginValue};

use super::signal_objects::object_values;
use super::source::HOLE;

/// What the client's rewriting finds in an expression.
#[derive(Default)]
pub(super) struct References<'a> {
    /// `@name(` calls: byte offset and name.
    pub(super) actions: Vec<(usize, &'a str)>,
    /// `$path` signal references: the path (`user.name`; the client splits it on `.`).
    pub(super) signals: Vec<&'a str>,
}

/// The `@name(` calls the client's rewriting finds in `expression`: byte offset and name.
pub(super) fn actions(expression: &str) -> Vec<(usize, &str)> {
    references(expression).actions
}

/// The actions and signals the client's rewriting finds in `expression`.
pub(super) fn references(expression: &str) -> References<'_> {
    let bytes = expression.as_bytes();
    let mut found = References::default();
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
                        let content = &expression[inner..inner + len];
                        for (at, name) in calls(content) {
                            found.actions.push((inner + at, name));
                        }
                        let mut at = 0;
                        while let Some(offset) = content[at..].find('$') {
                            let start = at + offset + 1;
                            let end = path_end(content, start);
                            if end > start {
                                found.signals.push(&content[start..end]);
                            }
                            at = end.max(start);
                        }
                        i = inner + len + 1;
                    }
                    _ => i += 1,
                }
            }
            b'@' => match call_at(expression, i) {
                Some((name, end)) => {
                    found.actions.push((i, name));
                    i = end;
                }
                None => i += 1,
            },
            b'$' => {
                let end = path_end(expression, i + 1);
                if end > i + 1 {
                    found.signals.push(&expression[i + 1..end]);
                }
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    found
}

/// The end of the client's `\w+(?:[.-]\w+)*` from `start` (`start` when there is none).
fn path_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let mut end = start;
    while bytes.get(end).is_some_and(word) {
        end += 1;
    }
    if end == start {
        return start;
    }
    while matches!(bytes.get(end), Some(b'.' | b'-')) && bytes.get(end + 1).is_some_and(word) {
        end += 1;
        while bytes.get(end).is_some_and(word) {
            end += 1;
        }
    }
    end
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
pub(super) fn string_end(bytes: &[u8], start: usize, quote: u8) -> Option<usize> {
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
pub(super) fn template_end(bytes: &[u8], start: usize) -> Option<usize> {
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

/// What in `expression` keeps the client's `new Function` from compiling it, as far as
/// brackets, strings, template literals, regular expressions and comments tell: an
/// unclosed or unmatched bracket, an unterminated literal or comment, a signal path that
/// ends in `.` (`rewritten`: a Datastar expression, whose `$paths` the client rewrites).
/// (A full JavaScript parse is not done: see the DSL reference.)
pub(super) fn syntax_problem(expression: &str, rewritten: bool) -> Option<String> {
    let chars: Vec<char> = expression.chars().collect();
    // Expected closers; `None` marks a template literal's `${`, whose `}` resumes it.
    let mut stack: Vec<Option<char>> = Vec::new();
    let mut regex_allowed = true;
    let mut word = String::new();
    let mut i = 0;
    let mut in_template = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if in_template {
            match c {
                '\\' => i += 1,
                '`' => {
                    in_template = false;
                    regex_allowed = false;
                }
                '$' if next == Some('{') => {
                    stack.push(None);
                    in_template = false;
                    regex_allowed = true;
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == '$' || c == super::source::HOLE {
            word.push(c);
            if rewritten && c == '$' && word.len() == 1 {
                // A signal path: `$name(.name)*`, which must not end in `.`.
                let mut end = i + 1;
                while end < chars.len()
                    && (chars[end].is_ascii_alphanumeric() || matches!(chars[end], '_' | '.' | '-'))
                {
                    end += 1;
                }
                let path: String = chars[i + 1..end].iter().collect();
                if path.ends_with('.')
                    && !chars
                        .get(end)
                        .is_some_and(|c| c.is_alphabetic() || *c == '_' || *c == '$')
                {
                    return Some(format!(
                        "the signal path `${path}` ends in `.`: the client makes it `$[…].`, a syntax error"
                    ));
                }
            }
            i += 1;
            if !chars
                .get(i)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            {
                regex_allowed = super::js::is_keyword_before_expression(&word);
                word.clear();
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None | Some('\n' | '\r') => {
                            return Some(format!("a string opened with `{c}` is not closed"));
                        }
                        Some('\\') => j += 2,
                        Some(&q) if q == c => break,
                        Some(_) => j += 1,
                    }
                }
                i = j;
                regex_allowed = false;
            }
            '`' => in_template = true,
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if next == Some('*') => {
                let rest: String = chars[i + 2..].iter().collect();
                match rest.find("*/") {
                    Some(at) => i += 2 + rest[..at].chars().count() + 1,
                    None => return Some("a comment opened with `/*` is not closed".to_owned()),
                }
            }
            '/' if regex_allowed => {
                let mut j = i + 1;
                let mut in_class = false;
                loop {
                    match chars.get(j) {
                        None | Some('\n' | '\r') => {
                            return Some(
                                "a regular expression opened with `/` is not closed".to_owned(),
                            );
                        }
                        Some('\\') => j += 1,
                        Some('[') => in_class = true,
                        Some(']') => in_class = false,
                        Some('/') if !in_class => break,
                        Some(_) => {}
                    }
                    j += 1;
                }
                i = j;
                regex_allowed = false;
            }
            '(' => {
                stack.push(Some(')'));
                regex_allowed = true;
            }
            '[' => {
                stack.push(Some(']'));
                regex_allowed = true;
            }
            '{' => {
                stack.push(Some('}'));
                regex_allowed = true;
            }
            ')' | ']' | '}' => match stack.pop() {
                Some(Some(expected)) if expected == c => regex_allowed = c == '}',
                Some(None) if c == '}' => in_template = true,
                Some(Some(expected)) => {
                    return Some(format!("`{c}` where `{expected}` was expected"));
                }
                Some(None) | None => return Some(format!("`{c}` closes nothing")),
            },
            c if c.is_whitespace() => {}
            '.' if next.is_some_and(|n| n.is_ascii_digit()) => regex_allowed = false,
            '+' | '-' if next == Some(c) => {
                i += 1;
            }
            _ => regex_allowed = true,
        }
        i += 1;
    }
    if in_template {
        return Some("a template literal opened with `` ` `` is not closed".to_owned());
    }
    match stack.last() {
        Some(Some(closer)) => {
            let opener = match closer {
                ')' => '(',
                ']' => '[',
                _ => '{',
            };
            Some(format!("a `{opener}` is not closed"))
        }
        Some(None) => Some("a template literal's `${` is not closed".to_owned()),
        None => None,
    }
}

impl super::walker::Walker<'_, '_> {
    /// Records the signals a Datastar attribute uses or defines (see [`SignalRefs`]).
    ///
    /// [`SignalRefs`]: super::SignalRefs
    pub(super) fn collect_signal_refs(&mut self, attribute: &super::walker::Attribute) {
        let raw_name = &self.source.text[attribute.name_range.clone()];
        let Some((parsed, kind)) = super::datastar::parse(raw_name) else {
            return;
        };
        let name_span = self.source.span(attribute.name_range.clone());
        let value = attribute.value.as_ref();
        let key = parsed
            .key
            .map(|key| super::datastar::client_case(key, parsed.modifiers, "camel"));
        let value_text = value.map(|value| value.decoded.trim().to_owned());
        match parsed.plugin {
            "computed" | "ref" | "indicator" => {
                if let Some(name) = key.or(value_text.filter(|_| kind != PluginValue::Expression)) {
                    self.signal_refs.locals.push(name);
                }
            }
            "bind" => {
                if let Some(path) = key.or(value_text) {
                    self.signal_refs.uses.push((path, name_span));
                }
            }
            "signals" => match (key, value) {
                (Some(path), _) => self.signal_refs.uses.push((path, name_span)),
                // The object form: each key it sets is a signal too.
                (None, Some(value)) if !value.decoded.contains(HOLE) => {
                    let span = self.source.span(value.range.clone());
                    for (path, kind) in object_values(&value.decoded).unwrap_or_default() {
                        if let Some(kind) = kind {
                            self.signal_refs.values.push((path.clone(), kind, span));
                        }
                        self.signal_refs.uses.push((path, span));
                    }
                }
                (None, _) => {}
            },
            _ => {}
        }
        if kind == PluginValue::Expression
            && let Some(value) = value
        {
            let span = self.source.span(value.range.clone());
            for path in references(&value.decoded).signals {
                self.signal_refs.uses.push((path.to_owned(), span));
            }
        }
    }
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
    fn finds_signals_as_the_client_rewrites_them() {
        fn signals(expression: &str) -> Vec<&str> {
            super::references(expression).signals
        }
        assert_eq!(
            signals("$a + $user.homeCity - $b-c"),
            ["a", "user.homeCity", "b-c"]
        );
        assert_eq!(signals("'$no' + `$no` + `${$yes}`"), ["yes"]);
        assert_eq!(signals("$ + $$"), Vec::<&str>::new());
        assert_eq!(signals("$a. b"), ["a"]);
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
