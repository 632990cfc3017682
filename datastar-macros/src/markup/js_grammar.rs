//! The grammar mistakes in a Datastar expression that its tokens alone show: two operands
//! with no operator between them on one line (`$a $b`), an operator with no operand after
//! it (`$a +`, `($a *)`), an operator that only joins two operands where an operand must
//! start (`(* 2)`, `$a + * 2`), and a missing argument (`@get(, 'x')`, `f(a,,b)`). Each is a
//! `SyntaxError` when the client compiles the expression with `new Function`.
//!
//! This is not a JavaScript parser: the expression is read as tokens (after
//! [`syntax_problem`](super::expressions::syntax_problem) found its brackets and literals
//! well formed), and only sequences that no JavaScript program contains are refused.
//! Wherever a keyword could change the meaning (`get x() {}`, `yield* x`, `case 1:}`,
//! `if (a) b`, tagged templates, a line break that ends a statement), nothing is said.

use super::source::HOLE;

/// A token, and whether a line break stands before it.
#[derive(Debug)]
struct Token {
    kind: Kind,
    text: String,
    after_line_break: bool,
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Kind {
    /// An identifier, a keyword, a `$signal` path, an `@action` name.
    Word,
    /// A number, string, regular expression or hole (a JSON literal).
    Literal,
    /// A template literal, which may also tag-follow an operand.
    Template,
    Punct,
}

/// Words after which another word or literal may follow on the same line, or which may
/// follow one: keywords and the contextual words of object literals, loops and functions.
/// (`this` is an operand like any name: nothing valid puts it right after another.)
fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "break"
            | "case"
            | "catch"
            | "class"
            | "const"
            | "continue"
            | "debugger"
            | "default"
            | "delete"
            | "do"
            | "else"
            | "export"
            | "extends"
            | "finally"
            | "for"
            | "from"
            | "function"
            | "get"
            | "if"
            | "import"
            | "in"
            | "instanceof"
            | "let"
            | "new"
            | "of"
            | "return"
            | "set"
            | "static"
            | "super"
            | "switch"
            | "throw"
            | "try"
            | "typeof"
            | "var"
            | "void"
            | "while"
            | "with"
            | "yield"
    )
}

/// Punctuators, longest first.
const PUNCTUATORS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "**", "<<", ">>", "(", ")", "[", "]", "{", "}", ";", ",", "<", ">", "+", "-", "*", "/", "%",
    "&", "|", "^", "!", "~", "?", ":", "=", ".",
];

/// Operators that only join two operands (so cannot start one).
fn joins_only(op: &str) -> bool {
    matches!(
        op,
        "*" | "%"
            | "**"
            | "=="
            | "==="
            | "!="
            | "!=="
            | "<"
            | ">"
            | "<="
            | ">="
            | "&&"
            | "||"
            | "??"
            | "&"
            | "|"
            | "^"
            | "<<"
            | ">>"
            | ">>>"
            | "="
            | "+="
            | "-="
            | "*="
            | "/="
            | "%="
            | "**="
            | "<<="
            | ">>="
            | ">>>="
            | "&="
            | "|="
            | "^="
            | "&&="
            | "||="
            | "??="
            | "?"
            | "?."
            | "=>"
    )
}

/// Operators after which an operand must come (`++`, `--` may end one; `:` may end a
/// `case` before `}`; `,` may end a list).
fn needs_operand_after(op: &str) -> bool {
    joins_only(op) || matches!(op, "+" | "-" | "/" | "!" | "~" | "..." | ":")
}

/// Reads `expression` into tokens; `None` where it cannot (left to `syntax_problem`).
fn tokens(expression: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = expression.chars().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut line_break = false;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let kind = if c == '\n' || c == '\r' {
            line_break = true;
            i += 1;
            continue;
        } else if c.is_whitespace() {
            i += 1;
            continue;
        } else if c == '/' && matches!(chars.get(i + 1), Some('/')) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        } else if c == '/' && matches!(chars.get(i + 1), Some('*')) {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                line_break |= chars[i] == '\n';
                i += 1;
            }
            i += 2;
            continue;
        } else if c == HOLE {
            i += 1;
            Kind::Literal
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            i += 1;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '_'
                    || chars[i] == '.'
                    || (matches!(chars[i], '+' | '-') && matches!(chars[i - 1], 'e' | 'E')))
            {
                i += 1;
            }
            Kind::Literal
        } else if c.is_alphabetic() || matches!(c, '_' | '$' | '@' | '#') {
            i += 1;
            // A `$signal` path goes on over `.` and `-`, as the client's rewriting reads it.
            let path = c == '$';
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || matches!(chars[i], '_' | '$')
                    || (path && matches!(chars[i], '.' | '-')))
            {
                i += 1;
            }
            Kind::Word
        } else if matches!(c, '\'' | '"') {
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            Kind::Literal
        } else if c == '`' {
            i = template_end(&chars, i)?;
            Kind::Template
        } else if c == '/' && regex_may_start(out.last()) {
            i += 1;
            let mut in_class = false;
            while i < chars.len() && (chars[i] != '/' || in_class) {
                match chars[i] {
                    '\\' => i += 1,
                    '[' => in_class = true,
                    ']' => in_class = false,
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            Kind::Literal
        } else {
            let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
            let op = PUNCTUATORS.iter().find(|op| rest.starts_with(**op))?;
            // `?.5` is `?` then `.5`.
            let op = if *op == "?." && chars.get(i + 2).is_some_and(char::is_ascii_digit) {
                "?"
            } else {
                op
            };
            i += op.chars().count();
            Kind::Punct
        };
        let end = i.min(chars.len());
        out.push(Token {
            kind,
            text: chars[start..end].iter().collect(),
            after_line_break: std::mem::take(&mut line_break),
        });
    }
    Some(out)
}

/// The end of the template literal at `start`, skipping `${…}` with nested braces,
/// strings and templates.
fn template_end(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '`' => return Some(i + 1),
            '$' if chars.get(i + 1) == Some(&'{') => {
                let mut depth = 1;
                i += 2;
                while depth > 0 {
                    match chars.get(i)? {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        '`' => i = template_end(chars, i)? - 1,
                        q @ ('\'' | '"') => {
                            i += 1;
                            while chars.get(i)? != q {
                                i += if chars[i] == '\\' { 2 } else { 1 };
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Whether a `/` after `previous` starts a regular expression (not a division).
fn regex_may_start(previous: Option<&Token>) -> bool {
    match previous {
        None => true,
        Some(token) => match token.kind {
            Kind::Word => super::js::is_keyword_before_expression(&token.text),
            Kind::Literal | Kind::Template => false,
            Kind::Punct => !matches!(token.text.as_str(), ")" | "]" | "}" | "++" | "--"),
        },
    }
}

/// Whether `token` is an operand that no other operand may follow on its line.
fn is_plain_operand(token: &Token) -> bool {
    match token.kind {
        Kind::Word => !is_keyword(&token.text),
        Kind::Literal | Kind::Template => true,
        Kind::Punct => false,
    }
}

/// The first grammar mistake the tokens of `expression` show, described.
pub(super) fn grammar_problem(expression: &str) -> Option<String> {
    let tokens = tokens(expression)?;
    let mut open: Vec<&str> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let previous = index.checked_sub(1).map(|at| &tokens[at]);
        let next = tokens.get(index + 1);
        let text = token.text.as_str();
        if token.kind == Kind::Punct {
            match text {
                "(" | "[" | "{" => open.push(text),
                ")" | "]" | "}" => {
                    open.pop();
                }
                _ => {}
            }
        }
        // Two operands on one line: `$a $b`, `'a' 'b'`, `1 2`. A template after an
        // operand is a tagged template, which is fine.
        if let Some(previous) = previous
            && is_plain_operand(previous)
            && is_plain_operand(token)
            && token.kind != Kind::Template
            && !token.after_line_break
        {
            return Some(format!(
                "`{text}` follows `{}` with no operator between them",
                previous.text
            ));
        }
        if token.kind != Kind::Punct {
            continue;
        }
        // An operator with nothing after it, or a closer after it: `$a +`, `($a *)`.
        let ends = match next {
            None => true,
            Some(next) => {
                next.kind == Kind::Punct
                    && matches!(next.text.as_str(), ")" | "]" | "}" | "," | ";")
                    && !(text == ":" && next.text == "}")
            }
        };
        if needs_operand_after(text) && ends {
            return Some(match next {
                None => format!("the expression ends after `{text}`, which needs an operand"),
                Some(next) => format!("`{}` follows `{text}`, which needs an operand", next.text),
            });
        }
        // An operator that joins two operands where one must start: `(* 2)`, `a + * b`.
        let operand_expected = match previous {
            None => true,
            Some(previous) => {
                previous.kind == Kind::Punct
                    && (matches!(previous.text.as_str(), "(" | "[" | "," | "...")
                        || joins_only(&previous.text)
                        || matches!(previous.text.as_str(), "+" | "-" | "!" | "~"))
            }
        };
        // (`*` opens a generator method in an object: `{a, *g() {}}`.)
        let generator = text == "*" && open.last() == Some(&"{");
        if operand_expected && joins_only(text) && !generator {
            return Some(match previous {
                None => format!("the expression starts with `{text}`, which joins two operands"),
                Some(previous) => format!(
                    "`{text}` follows `{}` where an operand must start",
                    previous.text
                ),
            });
        }
        // A missing argument: `f(, a)`, `f(a,, b)` (an array may have holes).
        if text == ","
            && open.last() == Some(&"(")
            && previous.is_some_and(|previous| matches!(previous.text.as_str(), "(" | ","))
        {
            return Some("a `,` with no argument before it".to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::grammar_problem;

    #[test]
    fn refuses_what_no_program_contains() {
        for expression in [
            "$a $b",
            "$a = 'x' 'y'",
            "el.dataset.note = 'a' 'b'",
            "1 2",
            "$a +",
            "($a *)",
            "[1, 2 +]",
            "* 2",
            "$a + * 2",
            "(= 1)",
            "@get(, '/x')",
            "f(a,, b)",
            "$a = !",
            "x => ",
            "$a ? 1 :",
        ] {
            assert!(
                grammar_problem(expression).is_some(),
                "{expression:?} passed"
            );
        }
    }

    #[test]
    fn leaves_valid_javascript_alone() {
        for expression in [
            "$a = $b + 1",
            "$a++; $b--",
            "el.value = $a ?? 'x'",
            "if ($a) $b = 1",
            "if ($a) { $b = 1 } else $c = 2",
            "$a = {get x() { return 1 }, set x(v) {}, *g() {}, async f() {}}",
            "for (const x of $list) console.log(x)",
            "for (;;) break",
            "$a = [1, , 3,]",
            "@post('/x', {headers: {a: 1},})",
            "$a = x => x * 2",
            "$a = async () => await fetch('/x')",
            "$a = tag`x${1}`",
            "$a = typeof $b === 'string'",
            "$a = 'x' in $b",
            "$a = 1\n$b = 2",
            "$a = $b ? 1 : 2",
            "$a = $b?.c?.[0]?.(1)",
            "$a = $b ?.5 : 1",
            "$a = /x/g.test($b) / 2",
            "switch ($a) { case 1: }",
            "$a = -1 * +2 - -3",
            "$a = !!$b && !$c",
            "$a = [...$b, ...[1]]",
            "f(...args)",
            "$a = 1e-3 + 0x1f + 1_000 + .5 + 10n",
            "$a = new Date().getTime()",
            "$a = void 0",
            "$count-1",
            "label: for (;;) { break label }",
        ] {
            assert_eq!(
                grammar_problem(expression),
                None,
                "{expression:?} was refused"
            );
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("DATASTAR_FUZZ_CASES")
                .ok()
                .and_then(|cases| cases.parse().ok())
                .unwrap_or(2_000),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Any text made of the characters expressions are made of: both readers answer
        /// (brackets and literals first, then the grammar), neither panics.
        #[test]
        fn any_expression_gets_an_answer(
            expression in "[a$@.1e_ \n'\"`{}()\\[\\],;:?+*/=<>!&|\\\\~\u{E000}-]{0,32}"
        ) {
            let _ = super::super::expressions::syntax_problem(&expression, true);
            let _ = super::grammar_problem(&expression);
        }
    }
}
