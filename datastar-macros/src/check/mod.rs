//! The compile-time refusals (grammar is in `parse`; the rules about literal HTML and
//! script text are in `markup`). The checker never emits tokens: it records errors and
//! warnings, and returns its [`Decisions`] about how each template hole is escaped.
//!
//! `events` holds the rules of each statement, `sequence` the rules about order and pace,
//! `rust` the rules about the Rust between statements, `literal` the JSON of signal
//! literals.

mod decisions;
mod events;
mod helpers;
mod rust;
mod sequence;

use proc_macro2::Span;

pub(crate) use decisions::{Decisions, Escapes, HoleEscape, SharedCheck, UrlCheckPlan, UrlHole};

use crate::diagnostics::Diagnostics;
use crate::model::*;
use crate::rule;

/// Checks the whole input; `diagnostics` gets every error and warning.
pub(crate) fn check(input: &Input, diagnostics: &mut Diagnostics) -> Decisions {
    let mut checker = Checker {
        diagnostics,
        decisions: Decisions::new(input.hole_count),
    };
    if input.is_empty {
        checker.diagnostics.error(
            Span::call_site(),
            rule::empty_body.says("`datastar!` is empty: the response would be an event stream that sends nothing\n\nhelp: add a statement such as `elements \"<div id='x'>…</div>\";`"),
        );
        return checker.decisions;
    }
    checker.body(&input.body);
    if !sequence::contains_event(&input.body) && !checker.diagnostics.has_errors() {
        checker.diagnostics.error(
            Span::call_site(),
            rule::no_events.says("this `datastar!` body sends no events\n\nhelp: add `elements`, `remove`, `signals`, `script` or `redirect`"),
        );
    }
    checker.trailing_waits(&input.body);
    checker.decisions
}

/// Checks an `html!` template; `diagnostics` gets every error.
pub(crate) fn check_page(input: &PageInput, diagnostics: &mut Diagnostics) -> Decisions {
    let (escapes, signals) = crate::markup::check_page(&input.template, diagnostics);
    let mut checker = Checker {
        diagnostics,
        decisions: Decisions::new(input.hole_count),
    };
    checker.decide(escapes);
    checker.decisions.signals(signals);
    checker.decisions
}

struct Checker<'a> {
    diagnostics: &'a mut Diagnostics,
    decisions: Decisions,
}

impl Checker<'_> {
    fn body(&mut self, body: &Body) {
        let mut redirected = false;
        for stmt in &body.stmts {
            redirected = self.after_redirect(stmt, redirected);
            match stmt {
                Stmt::Event(event) => self.event(event),
                Stmt::Wait(wait) => self.wait(wait),
                Stmt::Rust(stmt) => self.rust_stmt(stmt),
                Stmt::Send(send) => self.rust_expr(&send.expr),
                Stmt::If(if_stmt) => self.if_stmt(if_stmt),
                Stmt::Match(match_stmt) => {
                    for arm in &match_stmt.arms {
                        match &arm.body {
                            ArmBody::Block(body) => self.body(body),
                            ArmBody::Expr(expr) => self.rust_expr(expr),
                        }
                    }
                }
                Stmt::Loop(loop_stmt) => {
                    self.body(&loop_stmt.body);
                    self.loop_pace(loop_stmt);
                }
                Stmt::Block(block) => self.body(&block.body),
            }
        }
    }

    fn if_stmt(&mut self, if_stmt: &IfStmt) {
        self.body(&if_stmt.then_branch);
        match &if_stmt.else_branch {
            Some(Else::If(nested)) => self.if_stmt(nested),
            Some(Else::Block(body)) => self.body(body),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::quote;

    fn check_tokens(tokens: TokenStream) -> (Input, Vec<String>, Vec<String>) {
        let (input, _, errors, warnings) = check_with_decisions(tokens);
        (input, errors, warnings)
    }

    /// Parses and checks; the decisions are complete only when there are no errors.
    fn check_with_decisions(
        tokens: TokenStream,
    ) -> (Input, Option<Escapes>, Vec<String>, Vec<String>) {
        let mut diagnostics = Diagnostics::default();
        let input = crate::parse::parse_input(tokens, &mut diagnostics).unwrap();
        let decisions = check(&input, &mut diagnostics);
        let errors = diagnostics
            .errors()
            .iter()
            .map(ToString::to_string)
            .collect();
        let warnings = diagnostics
            .warnings()
            .iter()
            .map(|warning| warning.message.clone())
            .collect();
        (input, decisions.complete(), errors, warnings)
    }

    #[test]
    fn accepts_the_redirect_example() {
        let (_, errors, warnings) = check_tokens(quote! {
            (crate)
            elements r#"<div id="indicator">Redirecting in 3 seconds...</div>"#;
            wait 3s;
            redirect "/guide";
        });
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(warnings.is_empty());
    }

    #[test]
    fn reports_independent_errors_together() {
        let (_, errors, _) = check_tokens(quote! {
            (crate)
            elements "<li id='a'></li>", mode = append;
            elements "<div id='a'></div>", selector = "#a\n";
            elements "<div id='a'></div>", selector = "#a", view_transition_selector = "#m";
            remove "#x", retry = 0ms;
            signals { a: 1, a: 2, "b.c": 'x' };
            script "document.write('</script>')";
            redirect "javascript:alert(1)";
            wait 0s;
            elements "<div id='late'></div>";
        });
        let expected = [
            "`mode = append` needs a `selector`",
            "line break in `selector`",
            "`view_transition_selector` without `view_transition`",
            "`retry = 0`",
            "the signal `a` is given twice",
            "the signal name `b.c` contains `.`",
            "`'x'` is a Rust `char`",
            "`</script` inside a script",
            "a `javascript:` URL",
            "`wait` for zero time",
            "`elements` after `redirect`",
        ];
        assert_errors_start_with(&errors, &expected);
    }

    /// One error per expected message, in order, each starting with its message.
    fn assert_errors_start_with(errors: &[String], expected: &[&str]) {
        assert_eq!(errors.len(), expected.len(), "{errors:#?}");
        for (error, start) in errors.iter().zip(expected) {
            assert!(
                error.starts_with(start),
                "{error:?} should start with {start:?}"
            );
        }
    }

    #[test]
    fn sequence_rules() {
        let (_, errors, _) = check_tokens(quote! {
            (crate)
            loop { elements "<p id='a'></p>"; }
            while running { signals { a: 1 }; }
            while let Some(x) = rx.recv().await { signals { a: (x) }; }
            loop { signals { a: 1 }; tick().await; }
            for i in 0..3 { signals { i: (i) }; }
            if done { wait 1s; } else { elements "<p id='b'></p>"; wait 1s; }
        });
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].starts_with("this `loop` sends events without any `wait`"));
        assert!(errors[1].starts_with("this `while` sends events"));
        assert!(errors[2].starts_with("`wait` at the end of the stream"));
        assert!(errors[3].starts_with("`wait` at the end of the stream"));
    }

    #[test]
    fn empty_and_eventless_bodies() {
        let (_, errors, _) = check_tokens(quote! { (crate) });
        assert!(errors[0].starts_with("`datastar!` is empty"));
        let (_, errors, _) = check_tokens(quote! { (crate) let x = 1; });
        assert!(errors[0].starts_with("this `datastar!` body sends no events"));
    }

    #[test]
    fn duplicate_ids_are_a_warning() {
        let (_, errors, warnings) = check_tokens(quote! {
            (crate)
            elements "<div id='a'><p id='a'></p></div>";
        });
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("the id `a` appears twice"));
    }

    /// Every hole's escaping, in hole order.
    fn escapes(tokens: TokenStream) -> Vec<HoleEscape> {
        let (input, escapes, errors, warnings) = check_with_decisions(tokens);
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(warnings.is_empty(), "{warnings:#?}");
        let escapes = escapes.expect("every hole is decided");
        (0..input.hole_count)
            .map(|hole| escapes.of(HoleId(hole)).clone())
            .collect()
    }

    #[test]
    fn template_loops_are_checked_as_one_inline_body() {
        let escapes = escapes(quote! {
            (crate)
            elements "<div id='w'><ul class='" for c in cs { (c) " " } "'>"
                for (n, x) in xs { "<li id='r-" (n) "' data-text='$x + " (x) "'>" (x)
                    for y in ys { "<b>" (y) "</b>" } "</li>" }
                "</ul><script>let a = [];" for z in zs { "a.push(" (z) ");" } "</script></div>";
            elements for n in ns { "<li id='" (n) "'></li><li id='x-" (n) "'></li>" };
        });
        use HoleEscape::*;
        assert_eq!(
            escapes,
            [
                Html,
                Html,
                ScriptInAttribute,
                HtmlText,
                HtmlText,
                Script,
                Html,
                Html
            ]
        );
    }

    #[test]
    fn template_loop_refusals() {
        let (_, errors, _) = check_tokens(quote! {
            (crate)
            elements "<ul id='a'>" for x in xs { "<li>" (x) } "</ul>";
            elements "<ul id='b'>" for x in xs { "<li id='same'>" (x) "</li>" } "</ul>";
            elements "<p id='c'" for x in xs { " title='" (x) "'" } "></p>";
            elements for x in xs { "<li>" (x) "</li>" };
            elements "<p id='d' data-text=\"" for x in xs { "'" (x) } "\"></p>";
            script "f(" for x in xs { "'" } ")";
        });
        let expected = [
            "this loop's body opens `<li>` and does not close it",
            "the static id `same` is inside a loop body",
            "a `for` loop inside a tag",
            "top-level `<li>` has no `id`",
            "this loop's body starts outside any JavaScript string and ends inside",
            "this hole sits inside a JavaScript string",
            "this loop's body starts outside any JavaScript string and ends inside",
        ];
        assert_errors_start_with(&errors, &expected);
    }

    #[test]
    fn template_ifs_are_checked_branch_by_branch() {
        let (_, errors, warnings) = check_tokens(quote! {
            (crate)
            elements "<ul id='todos'>" for t in todos {
                "<li id='t-" (t.id) "'" if t.done { " class=\"done\"" } else { " class=\"open\"" } ">"
                "<input type='checkbox'" if t.done { " checked" } " data-on:change=\"@post('/todos/" (t.id) "/toggle')\">"
                if t.done { "<s>" (t.title) "</s>" } else if t.urgent { "<b>" (t.title) "</b>" } else { (t.title) }
                "<p id='same'></p>"
                "</li>"
            } "</ul>";
            elements "<p id='a'>" if a { "<b id='x'>1</b>" } else { "<i id='x'>2</i>" } "</p>";
            elements "<a id='b' href='/items/" if all { "all" } else { (id) } "'>x</a>";
            script "let x = " if a { (v) } else { "null" } ";";
        });
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].starts_with("the static id `same` is inside a loop body"));
        assert!(warnings.is_empty(), "{warnings:#?}");
    }

    #[test]
    fn template_if_refusals() {
        let (_, errors, _) = check_tokens(quote! {
            (crate)
            elements "<p id='a'>" if x { "<b>" } "</p>";
            elements "<div id='b'>" if x { "</div><div id='b2'>" } "</div>";
            elements "<input id='c'" if x { "checked" } ">";
            elements "<input id='d' value=" if x { " checked" } ">";
            elements "<input id='e'" if x { " data-x" } "=\"1\">";
            elements "<input id='f'" if x { " title='a" } "'>";
            elements "<p id='g' data-text=\"" if x { "'" } "\"></p>";
            elements "<a id='h' href='" if x { "/a" } else { "https://b" } (u) "'>x</a>";
            elements "<p id='i' title='&amp" if x { ";" } "'></p>";
            elements "<img id='j' srcset='" if x { "/a.png 1x, /b" } (u) " 2x'>";
            elements "<input id='k' checked='" (done) "'>";
            elements "<p id='l'>Hello, {name}!</p>";
            elements "<g id='m'></g> " if x { "<g id='n'></g>" }, namespace = svg;
        });
        let expected = [
            "this `if` branch opens `<b>` and does not close it",
            "this `if` branch closes `<div>`, which was opened before the `if`",
            "this HTML is not well formed near `ut id='c'checked>`",
            "an `if` branch inside a tag must start with a space",
            "an `if` right after `=`",
            "the text after this `if` starts with `=`",
            "the text after this `if` starts with `'`",
            "this `if` branch starts between the attributes of a tag and ends in an attribute value",
            "this `if` branch starts outside any JavaScript string and ends inside",
            "a `for` loop or `if` inside a URL whose literal start does not decide its scheme",
            "an `if` branch starts or ends right after `&amp`",
            "a hole after a `for` loop or `if` that does not end at a URL's boundary",
            "a hole in the value of `checked`",
            "`{name}` is sent as it is",
            "an `if` at the top level of an SVG or MathML patch",
        ];
        assert_errors_start_with(&errors, &expected);
    }

    #[test]
    fn script_attributes_are_read_as_a_script_start_tag() {
        let escapes = escapes(quote! {
            (crate)
            script "f()", attributes = { onerror: (b), title: (c), nonce: (d), "data-on:load": (e) };
        });
        use HoleEscape::*;
        assert_eq!(escapes, [ScriptInAttribute, Html, Html, ScriptInAttribute]);
        let (_, errors, _) = check_tokens(quote! {
            (crate)
            script "f()", attributes = { src: (v) };
            script "f()", attributes = { type: (t) };
            script "f()", attributes = { style: (s), "data-bind": (b) };
            script "f()", attributes = { onerror: "f('" };
            script "f()", attributes = { src: "/static/app.js", async: "" };
        });
        let expected = [
            "this URL decides where the page loads code from",
            "a hole in the `type` of `<script>`",
            "a hole inside `style` cannot be escaped",
            "`data-bind` takes a signal name",
            // The attributes of a `script` statement go through the handler check too.
            "the value of `onerror` is not JavaScript the browser can compile",
        ];
        assert_errors_start_with(&errors, &expected);
    }

    #[test]
    fn resolves_hole_escapes() {
        let escapes = escapes(quote! {
            (crate)
            elements "<p id='x' title='" (t) "'>" (text) "</p>";
            script "f(" (v) ")";
        });
        assert_eq!(
            escapes,
            [HoleEscape::Html, HoleEscape::HtmlText, HoleEscape::Script]
        );
    }
}
