//! A JavaScript scanner just good enough to tell where a hole sits in code: in a string,
//! a template literal, a regular expression, a comment, or where a value may stand, and
//! whether that value is the URL a Datastar action (`@get(…)`) will fetch.
//!
//! It runs on the text the browser runs: an attribute value after its character
//! references are decoded, or the text of a `<script>`. Holes are the placeholder
//! character of `source`, read as a value.

use super::source::HOLE;

/// The Datastar actions whose first argument is a URL the client fetches, applying the
/// response to the page (1.0.4's backend actions).
pub(super) const ACTION_URL_ACTIONS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// Where a position in the code stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum JsContext {
    /// Where code continues; a hole here is a value.
    Code {
        /// The hole is the whole first argument of a Datastar action:
        /// `@get(` (url) `)`.
        action_argument: bool,
    },
    /// Inside a string literal.
    String {
        quote: char,
        /// The string is the first argument of a Datastar action, and this is where its
        /// text starts in the scanned code.
        action_url: Option<usize>,
    },
    /// Inside the text of a template literal (outside `${…}`).
    Template,
    /// Inside a regular expression literal.
    Regex,
    /// Inside a comment.
    Comment,
}

impl JsContext {
    /// How the context reads in messages.
    pub(super) fn describe(&self) -> String {
        match self {
            JsContext::Code { .. } => "outside any JavaScript string".to_owned(),
            JsContext::String { quote, .. } => {
                format!("inside a JavaScript string `{quote}…{quote}`")
            }
            JsContext::Template => "inside a JavaScript template literal `` `…` ``".to_owned(),
            JsContext::Regex => "inside a JavaScript regular expression `/…/`".to_owned(),
            JsContext::Comment => "inside a JavaScript comment".to_owned(),
        }
    }
}

/// The scanner's state where a loop body or `if` branch starts or ends: where the code
/// stands, and how deep inside template literals' `${…}` and braces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct JsState {
    pub(super) context: JsContext,
    templates: Vec<usize>,
    braces: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Code,
    String(char),
    Template,
    Regex { in_class: bool },
    LineComment,
    BlockComment,
}

/// What the last token in code was: it decides whether `/` starts a regular expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Last {
    /// Nothing yet, an operator or an opening bracket: an expression may start.
    ExpressionStart,
    /// A value (name, number, literal, closing bracket): `/` divides.
    Value,
}

/// Scans code from the start, one character at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct JsScanner {
    state: State,
    last: Last,
    /// The open `${`: the number of `{` open inside each.
    templates: Vec<usize>,
    /// The open `{` of the innermost `${…}` (or of the whole code outside templates).
    braces: usize,
    /// The identifier being read, to recognise keywords and action names.
    word: String,
    /// `@` was just read, or `@name`, or `@name(`: an action's first argument is next.
    action: Action,
    /// For a string that is an action's URL: where its text started.
    string_action_url: Option<usize>,
    at_line_start: bool,
    offset: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Action {
    None,
    At,
    Name(String),
    /// After `@name(`, before the first argument.
    Argument,
}

impl Default for JsScanner {
    fn default() -> Self {
        JsScanner {
            state: State::Code,
            last: Last::ExpressionStart,
            templates: Vec::new(),
            braces: 0,
            word: String::new(),
            action: Action::None,
            string_action_url: None,
            at_line_start: true,
            offset: 0,
        }
    }
}

impl JsScanner {
    /// The context at the current position.
    pub(super) fn context(&self, rest: &str) -> JsContext {
        match self.state {
            State::Code => JsContext::Code {
                action_argument: self.action == Action::Argument && whole_argument(rest),
            },
            State::String(quote) => JsContext::String {
                quote,
                action_url: self.string_action_url,
            },
            State::Template => JsContext::Template,
            State::Regex { .. } => JsContext::Regex,
            State::LineComment | State::BlockComment => JsContext::Comment,
        }
    }

    /// A state to compare across a loop body or `if` branch: the same state at its start
    /// and end means it can repeat or be left out.
    pub(super) fn segment_state(&self) -> JsState {
        JsState {
            context: self.context(""),
            templates: self.templates.clone(),
            braces: self.braces,
        }
    }

    /// Reads `code`; `on_hole` gets the context of each hole placeholder in it.
    pub(super) fn feed(&mut self, code: &str, mut on_hole: impl FnMut(JsContext)) {
        let mut chars = code.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let rest = &code[at + c.len_utf8()..];
            let next = chars.peek().map(|(_, next)| *next);
            if c == HOLE {
                on_hole(self.context(rest));
            }
            self.step(c, next, rest, &mut chars);
            self.offset += c.len_utf8();
        }
    }

    fn step(
        &mut self,
        c: char,
        next: Option<char>,
        rest: &str,
        chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    ) {
        match self.state {
            State::String(quote) => {
                if c == '\\' {
                    if let Some((_, escaped)) = chars.next() {
                        self.offset += escaped.len_utf8();
                    }
                } else if c == quote || c == '\n' || c == '\r' {
                    self.state = State::Code;
                    self.last = Last::Value;
                    self.string_action_url = None;
                }
            }
            State::Template => match c {
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        self.offset += escaped.len_utf8();
                    }
                }
                '`' => {
                    self.state = State::Code;
                    self.last = Last::Value;
                }
                '$' if next == Some('{') => {
                    chars.next();
                    self.offset += 1;
                    self.templates.push(self.braces);
                    self.braces = 0;
                    self.state = State::Code;
                    self.last = Last::ExpressionStart;
                }
                _ => {}
            },
            State::Regex { in_class } => match c {
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        self.offset += escaped.len_utf8();
                    }
                }
                '[' => self.state = State::Regex { in_class: true },
                ']' if in_class => self.state = State::Regex { in_class: false },
                '/' if !in_class => {
                    self.state = State::Code;
                    self.last = Last::Value;
                }
                '\n' | '\r' => self.state = State::Code,
                _ => {}
            },
            State::LineComment => {
                if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                    self.state = State::Code;
                    self.at_line_start = true;
                }
            }
            State::BlockComment => {
                if c == '*' && next == Some('/') {
                    chars.next();
                    self.offset += 1;
                    self.state = State::Code;
                }
            }
            State::Code => self.code(c, next, rest, chars),
        }
    }

    fn code(
        &mut self,
        c: char,
        next: Option<char>,
        rest: &str,
        chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    ) {
        let line_start = std::mem::replace(&mut self.at_line_start, false);
        if is_identifier_char(c) {
            self.word.push(c);
            if !next.is_some_and(is_identifier_char) {
                self.end_word();
            }
            return;
        }
        if c.is_whitespace() {
            self.at_line_start = line_start || matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
            return;
        }
        let action = std::mem::replace(&mut self.action, Action::None);
        match c {
            HOLE => self.last = Last::Value,
            '\'' | '"' => {
                self.state = State::String(c);
                self.string_action_url =
                    (action == Action::Argument).then_some(self.offset + c.len_utf8());
            }
            '`' => self.state = State::Template,
            '/' if next == Some('/') => self.state = State::LineComment,
            '/' if next == Some('*') => {
                chars.next();
                self.offset += 1;
                self.state = State::BlockComment;
            }
            '/' if self.last == Last::ExpressionStart => {
                self.state = State::Regex { in_class: false }
            }
            // Annex B: `<!--` starts a line comment, and so does `-->` at a line's start.
            '<' if rest.starts_with("!--") => self.state = State::LineComment,
            '-' if line_start && rest.starts_with("->") => self.state = State::LineComment,
            '@' => self.action = Action::At,
            '(' => {
                if let Action::Name(name) = action
                    && ACTION_URL_ACTIONS.contains(&name.as_str())
                {
                    self.action = Action::Argument;
                }
                self.last = Last::ExpressionStart;
            }
            '{' => {
                self.braces += 1;
                self.last = Last::ExpressionStart;
            }
            '}' => {
                if self.braces == 0 {
                    if let Some(outer) = self.templates.pop() {
                        self.braces = outer;
                        self.state = State::Template;
                        return;
                    }
                } else {
                    self.braces -= 1;
                }
                self.last = Last::Value;
            }
            ')' | ']' => self.last = Last::Value,
            '+' | '-' if next == Some(c) => {
                // `++` / `--`: postfix after a value, prefix before one.
                chars.next();
                self.offset += 1;
            }
            '.' if next.is_some_and(|next| next.is_ascii_digit()) => self.last = Last::Value,
            _ => self.last = Last::ExpressionStart,
        }
    }

    fn end_word(&mut self) {
        let word = std::mem::take(&mut self.word);
        let action = std::mem::replace(&mut self.action, Action::None);
        if action == Action::At {
            self.action = Action::Name(word);
            self.last = Last::Value;
            return;
        }
        self.last = if is_keyword_before_expression(&word) {
            Last::ExpressionStart
        } else {
            Last::Value
        };
    }
}

/// True when the code after a hole ends the argument it starts: only whitespace, then
/// `)` or `,`.
fn whole_argument(rest: &str) -> bool {
    matches!(rest.trim_start().chars().next(), Some(')' | ','))
}

fn is_identifier_char(c: char) -> bool {
    c != HOLE && (c.is_alphanumeric() || c == '_' || c == '$')
}

/// Keywords after which an expression (so a regular expression) may start.
pub(super) fn is_keyword_before_expression(word: &str) -> bool {
    matches!(
        word,
        "return"
            | "typeof"
            | "instanceof"
            | "in"
            | "of"
            | "new"
            | "delete"
            | "void"
            | "throw"
            | "case"
            | "do"
            | "else"
            | "yield"
            | "await"
    )
}

/// The context of each hole placeholder in `code`, in order, scanned from the start.
pub(super) fn hole_contexts(code: &str) -> Vec<JsContext> {
    let mut contexts = Vec::new();
    JsScanner::default().feed(code, |context| contexts.push(context));
    contexts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contexts(code: &str) -> Vec<JsContext> {
        hole_contexts(&code.replace('#', &HOLE.to_string()))
    }

    fn code(action_argument: bool) -> JsContext {
        JsContext::Code { action_argument }
    }

    fn string(quote: char) -> JsContext {
        JsContext::String {
            quote,
            action_url: None,
        }
    }

    #[test]
    fn strings_and_code() {
        assert_eq!(
            contexts("f(#, '#', \"a\\\"#\")"),
            [code(false), string('\''), string('"')]
        );
        assert_eq!(contexts("'a' + # + 'b'"), [code(false)]);
        assert_eq!(contexts("`a ${#} b #`"), [code(false), JsContext::Template]);
        assert_eq!(
            contexts("`a ${ {x: `c ${#}`}[#] } #`"),
            [code(false), code(false), JsContext::Template]
        );
    }

    #[test]
    fn comments() {
        assert_eq!(
            contexts("x // don't #\n#"),
            [JsContext::Comment, code(false)]
        );
        assert_eq!(
            contexts("/* it's # */ #"),
            [JsContext::Comment, code(false)]
        );
        assert_eq!(contexts("x <!-- #\n#"), [JsContext::Comment, code(false)]);
        assert_eq!(contexts("x\n --> #\n#"), [JsContext::Comment, code(false)]);
        assert_eq!(contexts("a-->#"), [code(false)]);
    }

    #[test]
    fn regular_expressions_and_division() {
        assert_eq!(contexts("x.match(/'#/)"), [JsContext::Regex]);
        assert_eq!(contexts("a / # / 2"), [code(false)]);
        assert_eq!(contexts("(a) / #"), [code(false)]);
        assert_eq!(contexts("return /#/"), [JsContext::Regex]);
        assert_eq!(contexts("x = /[/']/ ; #"), [code(false)]);
        assert_eq!(contexts("# / 2"), [code(false)]);
        assert_eq!(contexts("$count / #"), [code(false)]);
    }

    #[test]
    fn action_urls() {
        assert_eq!(
            contexts("@get('/todos/#')"),
            [JsContext::String {
                quote: '\'',
                action_url: Some(6)
            }]
        );
        assert_eq!(contexts("@delete( # , {x: 1})"), [code(true)]);
        assert_eq!(contexts("@post(# + '/x')"), [code(false)]);
        assert_eq!(contexts("@setAll('#')"), [string('\'')]);
        assert_eq!(
            contexts("x@get('#')"),
            [JsContext::String {
                quote: '\'',
                action_url: Some(7)
            }]
        );
        assert_eq!(contexts("@get('/a', {x: '#'})"), [string('\'')]);
    }

    #[test]
    fn loop_states_compare() {
        let mut scanner = JsScanner::default();
        let start = scanner.segment_state();
        scanner.feed("a.push(1);", |_| {});
        assert_eq!(scanner.segment_state(), start);
        scanner.feed("'", |_| {});
        assert_ne!(scanner.segment_state(), start);
        // Inside `${…}` is code too, but not the same place.
        let mut scanner = JsScanner::default();
        scanner.feed("`a${", |_| {});
        assert_eq!(scanner.segment_state().context, start.context);
        assert_ne!(scanner.segment_state(), start);
    }
}
