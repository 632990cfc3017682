//! The compile-time refusals of design.md groups 2-9 (group 1 is grammar, in `parse`;
//! the literal-HTML rules of groups 3, 4 and 10 are in `html`). The checker never emits
//! tokens: it records errors and warnings, and annotates each template hole with its
//! escaping for `expand`.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;

use crate::diagnostics::Diagnostics;
use crate::html::{self, ElementsRules, TemplateSource};
use crate::model::*;
use crate::wire;

pub(crate) fn check(input: &mut Input, diagnostics: &mut Diagnostics) {
    if input.is_empty {
        diagnostics.error(
            Span::call_site(),
            "`datastar!` is empty: the response would be an event stream that sends nothing\n\nhelp: add a statement such as `elements \"<div id='x'>…</div>\";`",
        );
        return;
    }
    let mut checker = Checker { diagnostics };
    checker.body(&mut input.body);
    if !contains_event(&input.body) && !checker.diagnostics.has_errors() {
        checker.diagnostics.error(
            Span::call_site(),
            "this `datastar!` body sends no events\n\nhelp: add `elements`, `remove`, `signals`, `script` or `redirect`",
        );
    }
    checker.trailing_waits(&input.body);
}

struct Checker<'a> {
    diagnostics: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn body(&mut self, body: &mut Body) {
        let mut redirected = false;
        for stmt in &mut body.stmts {
            if redirected && let Some(keyword) = first_event(stmt) {
                self.diagnostics.error(
                    keyword.span(),
                    format!("`{keyword}` after `redirect` never reaches the page: the redirect navigates the browser away and closes this stream\n\nhelp: send it before the `redirect`, or remove it"),
                );
                redirected = false;
            }
            match stmt {
                Stmt::Event(event) => {
                    self.event(event);
                    redirected |= matches!(event.kind, EventKind::Redirect(_));
                }
                Stmt::Wait(wait) => self.wait(wait),
                Stmt::Rust(_) => {}
                Stmt::If(if_stmt) => self.if_stmt(if_stmt),
                Stmt::Match(match_stmt) => {
                    for arm in &mut match_stmt.arms {
                        if let ArmBody::Block(body) = &mut arm.body {
                            self.body(body);
                        }
                    }
                }
                Stmt::Loop(loop_stmt) => self.loop_stmt(loop_stmt),
                Stmt::Block(block) => self.body(&mut block.body),
            }
        }
    }

    fn if_stmt(&mut self, if_stmt: &mut IfStmt) {
        self.body(&mut if_stmt.then_branch);
        match &mut if_stmt.else_branch {
            Some(Else::If(nested)) => self.if_stmt(nested),
            Some(Else::Block(body)) => self.body(body),
            None => {}
        }
    }

    /// A `loop` or `while` that sends events must pause somewhere, or it floods the client
    /// as fast as the server can write. A `for` ends with its iterator.
    fn loop_stmt(&mut self, loop_stmt: &mut LoopStmt) {
        self.body(&mut loop_stmt.body);
        let condition_awaits = match &loop_stmt.kind {
            LoopKind::While { cond } => has_await(&cond.to_token_stream()),
            LoopKind::For { .. } => return,
            LoopKind::Loop => false,
        };
        if contains_event(&loop_stmt.body) && !condition_awaits && !pauses(&loop_stmt.body) {
            let keyword = match loop_stmt.kind {
                LoopKind::While { .. } => "while",
                _ => "loop",
            };
            self.diagnostics.error(
                loop_stmt.keyword,
                format!("this `{keyword}` sends events without any `wait` or `.await`: it would flood the browser with events as fast as the server can write them\n\nhelp: add `wait 1s;` (or await something, such as a channel) inside the loop"),
            );
        }
    }

    fn wait(&mut self, wait: &Wait) {
        if let DurationArg::Millis(millis) = &wait.duration
            && millis.value == 0
        {
            self.diagnostics.error(
                millis.span,
                "`wait` for zero time does nothing\n\nhelp: remove it, or wait for a positive duration such as `250ms`",
            );
        }
    }

    /// A `wait` that is the last thing the whole stream does only delays its end.
    fn trailing_waits(&mut self, body: &Body) {
        match body.stmts.last() {
            Some(Stmt::Wait(wait)) => self.diagnostics.error(
                wait.keyword.span(),
                "`wait` at the end of the stream sends nothing after it: it only keeps the connection open longer\n\nhelp: remove it, or send an event after it",
            ),
            Some(Stmt::If(if_stmt)) => {
                let mut branch = Some(if_stmt);
                while let Some(if_stmt) = branch {
                    self.trailing_waits(&if_stmt.then_branch);
                    branch = match &if_stmt.else_branch {
                        Some(Else::If(nested)) => Some(nested),
                        Some(Else::Block(body)) => {
                            self.trailing_waits(body);
                            None
                        }
                        None => None,
                    };
                }
            }
            Some(Stmt::Match(match_stmt)) => {
                for arm in &match_stmt.arms {
                    if let ArmBody::Block(body) = &arm.body {
                        self.trailing_waits(body);
                    }
                }
            }
            Some(Stmt::Block(block)) => self.trailing_waits(&block.body),
            _ => {}
        }
    }

    fn event(&mut self, event: &mut Event) {
        if let Some(id) = &event.id {
            self.single_line(&id.value, "id");
        }
        if let Some(retry) = &event.retry
            && let DurationArg::Millis(millis) = &retry.value
            && millis.value == 0
        {
            self.diagnostics.error(
                millis.span,
                "`retry = 0` makes the browser reconnect with no delay after a network error, hammering the server\n\nhelp: use a positive duration such as `retry = 5s`, or leave it out for the default 1s",
            );
        }
        match &mut event.kind {
            EventKind::Elements(elements) => self.elements(elements),
            EventKind::Remove(remove) => {
                self.selector(&remove.selector);
                self.patch_options(&remove.patch, true);
            }
            EventKind::Signals(signals) => match &signals.value {
                SignalsValue::Object(object) => self.signals_object(object),
                SignalsValue::Expr(expr) => {
                    if matches!(
                        **expr,
                        syn::Expr::Array(_) | syn::Expr::Lit(_) | syn::Expr::Tuple(_)
                    ) {
                        self.diagnostics.error(
                            syn::spanned::Spanned::span(&**expr),
                            "signals must be a JSON object: the Datastar 1.0 client merges the value's keys, so an array or a scalar creates signals named `0`, `1`, …\n\nhelp: write an object: `signals { name: value };`",
                        );
                    }
                }
            },
            EventKind::Script(script) => self.script(script),
            EventKind::Redirect(redirect) => {
                if let Text::Lit(url) = &redirect.url
                    && wire::is_javascript_url(&url.value())
                {
                    self.diagnostics.error(
                        url.span(),
                        "a `javascript:` URL does not navigate: the browser would run it as script in the page\n\nhelp: send code with `script \"…\";` and keep `redirect` for real URLs",
                    );
                }
            }
        }
    }

    fn single_line(&mut self, text: &Text, field: &str) {
        if let Text::Lit(lit) = text
            && lit.value().contains(['\r', '\n'])
        {
            self.diagnostics.error(
                lit.span(),
                format!("line break in `{field}`: it is a single-line field, and a line break would end the SSE line and corrupt the event\n\nhelp: remove the line break"),
            );
        }
    }

    fn selector(&mut self, selector: &Text) {
        self.single_line(selector, "selector");
        if let Text::Lit(lit) = selector
            && lit.value().trim().is_empty()
        {
            self.diagnostics.error(
                lit.span(),
                "empty selector: the browser's `querySelectorAll(\"\")` throws a `SyntaxError`\n\nhelp: write a CSS selector such as `\"#id\"`",
            );
        }
    }

    fn patch_options(&mut self, patch: &PatchOptions, has_selector: bool) {
        if let Some(selector) = &patch.selector {
            self.selector(&selector.value);
        }
        if let Some(view_transition_selector) = &patch.view_transition_selector {
            self.single_line(&view_transition_selector.value, "view_transition_selector");
            if patch.view_transition.is_none() {
                self.diagnostics.error(
                    view_transition_selector.name.span(),
                    "`view_transition_selector` without `view_transition` is never used: the client only reads it for a view transition\n\nhelp: add the `view_transition` option",
                );
            }
        }
        if let Some(mode) = &patch.mode
            && !mode.value.value.targets_by_id()
            && !has_selector
            && !patch.selector_misspelt
        {
            let name = mode.value.value.wire_name();
            self.diagnostics.error(
                mode.value.span,
                format!("`mode = {name}` needs a `selector`: without one the Datastar 1.0 client throws `PatchElementsExpectedSelector` and patches nothing\n\nhelp: add `selector = \"#target\"`"),
            );
        }
    }

    fn elements(&mut self, elements: &mut Elements) {
        let patch = &elements.patch;
        self.patch_options(patch, patch.selector.is_some());
        let Content::Template(template) = &mut elements.content else {
            return;
        };
        let mode_targets_by_id = patch
            .mode
            .as_ref()
            .is_none_or(|mode| mode.value.value.targets_by_id());
        let rules = ElementsRules {
            targets_by_id: patch.selector.is_none()
                && !patch.selector_misspelt
                && mode_targets_by_id,
            foreign: patch.namespace.is_some() || patch.namespace_misspelt,
        };
        let escapes = {
            let source = TemplateSource::new(template);
            html::analyze_elements(&source, &rules, self.diagnostics)
        };
        set_escapes(template, escapes);
    }

    fn script(&mut self, script: &mut Script) {
        for attribute in &script.attributes {
            let name = &attribute.name;
            let invalid = name.is_empty()
                || name
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '>' | '<' | '/' | '='));
            if invalid {
                self.diagnostics.error(
                    attribute.name_span,
                    format!("`{name}` is not a valid attribute name: the browser would split or drop it\n\nhelp: use letters, digits, `-`, `_`, `:` and `.`"),
                );
            } else if name == "data-effect"
                && script
                    .auto_remove
                    .as_ref()
                    .is_none_or(|auto| auto.value.value)
            {
                self.diagnostics.error(
                    attribute.name_span,
                    "`data-effect` is the attribute `auto_remove` writes (`data-effect=\"el.remove()\"`); the browser would keep only one of them\n\nhelp: add `auto_remove = false` to write your own `data-effect`",
                );
            }
        }
        let Content::Template(template) = &mut script.content else {
            return;
        };
        let escapes = {
            let source = TemplateSource::new(template);
            for at in html::script_end_tags(&source.text) {
                self.diagnostics.error(
                    source.span(at..at + "</script".len()),
                    format!("`{}` inside a script ends the `<script>` element early: the browser runs the script cut short and shows the rest as HTML\n\nhelp: write `<\\/script` inside the JavaScript string", source.snippet(at..at + "</script".len())),
                );
            }
            html::analyze_script(&source, self.diagnostics)
        };
        set_escapes(template, escapes);
    }

    fn signals_object(&mut self, object: &JsonObject) {
        for (index, entry) in object.entries.iter().enumerate() {
            let key = &entry.key;
            if object.entries[..index]
                .iter()
                .any(|earlier| earlier.key == *key)
            {
                self.diagnostics.error(
                    entry.key_span,
                    format!("the signal `{key}` is given twice: the client would apply only the last value\n\nhelp: remove one of them"),
                );
            }
            if key.contains('.') {
                let (head, tail) = key.split_once('.').unwrap_or((key, ""));
                self.diagnostics.error(
                    entry.key_span,
                    format!("the signal name `{key}` contains `.`: the Datastar 1.0 client patches one signal literally named `{key}`, not a nested path\n\nhelp: nest an object: `{head}: {{ {tail}: … }}`"),
                );
            }
            self.json_value(&entry.value);
        }
    }

    fn json_value(&mut self, value: &JsonValue) {
        match value {
            JsonValue::Literal { negative, lit } => {
                if let Err(message) = wire::json_literal(lit, *negative) {
                    self.diagnostics.error(lit.span(), message);
                }
            }
            JsonValue::Object(object) => self.signals_object(object),
            JsonValue::Array(items) => {
                for item in items {
                    self.json_value(item);
                }
            }
            JsonValue::Null | JsonValue::Expr(_) => {}
        }
    }
}

fn set_escapes(template: &mut Template, escapes: Vec<Option<HoleEscape>>) {
    for (hole, escape) in template.holes_mut().into_iter().zip(escapes) {
        hole.escape = escape;
    }
}

/// The keyword of the first event statement in `stmt`, looking into nested blocks.
fn first_event(stmt: &Stmt) -> Option<&syn::Ident> {
    match stmt {
        Stmt::Event(event) => Some(&event.keyword),
        Stmt::Wait(_) | Stmt::Rust(_) => None,
        Stmt::If(if_stmt) => first_event_in_if(if_stmt),
        Stmt::Match(match_stmt) => match_stmt.arms.iter().find_map(|arm| match &arm.body {
            ArmBody::Block(body) => first_event_in(body),
            ArmBody::Expr(_) => None,
        }),
        Stmt::Loop(loop_stmt) => first_event_in(&loop_stmt.body),
        Stmt::Block(block) => first_event_in(&block.body),
    }
}

fn first_event_in_if(if_stmt: &IfStmt) -> Option<&syn::Ident> {
    first_event_in(&if_stmt.then_branch).or_else(|| match &if_stmt.else_branch {
        Some(Else::If(nested)) => first_event_in_if(nested),
        Some(Else::Block(body)) => first_event_in(body),
        None => None,
    })
}

fn first_event_in(body: &Body) -> Option<&syn::Ident> {
    body.stmts.iter().find_map(first_event)
}

pub(crate) fn contains_event(body: &Body) -> bool {
    first_event_in(body).is_some()
}

/// True when `body` contains a `wait` or an `.await` anywhere.
fn pauses(body: &Body) -> bool {
    body.stmts.iter().any(|stmt| match stmt {
        Stmt::Wait(_) => true,
        Stmt::Event(_) => false,
        Stmt::Rust(stmt) => has_await(&stmt.to_token_stream()),
        Stmt::If(if_stmt) => if_pauses(if_stmt),
        Stmt::Match(match_stmt) => {
            has_await(&match_stmt.expr.to_token_stream())
                || match_stmt.arms.iter().any(|arm| match &arm.body {
                    ArmBody::Block(body) => pauses(body),
                    ArmBody::Expr(expr) => has_await(&expr.to_token_stream()),
                })
        }
        Stmt::Loop(loop_stmt) => pauses(&loop_stmt.body),
        Stmt::Block(block) => pauses(&block.body),
    })
}

fn if_pauses(if_stmt: &IfStmt) -> bool {
    has_await(&if_stmt.cond.to_token_stream())
        || pauses(&if_stmt.then_branch)
        || match &if_stmt.else_branch {
            Some(Else::If(nested)) => if_pauses(nested),
            Some(Else::Block(body)) => pauses(body),
            None => false,
        }
}

/// Looks for `. await` in tokens, including inside groups.
fn has_await(tokens: &TokenStream) -> bool {
    let mut previous_was_dot = false;
    for tree in tokens.clone() {
        match &tree {
            TokenTree::Ident(ident) if previous_was_dot && ident == "await" => return true,
            TokenTree::Group(group) if has_await(&group.stream()) => return true,
            _ => {}
        }
        previous_was_dot = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '.');
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn check_tokens(tokens: TokenStream) -> (Option<Input>, Vec<String>, Vec<String>) {
        let mut diagnostics = Diagnostics::default();
        let mut input = crate::parse::parse_input(tokens, &mut diagnostics).unwrap();
        check(&mut input, &mut diagnostics);
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
        (Some(input), errors, warnings)
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

    #[test]
    fn template_loops_are_checked_as_one_inline_body() {
        let (input, errors, warnings) = check_tokens(quote! {
            (crate)
            elements "<div id='w'><ul class='" for c in cs { (c) " " } "'>"
                for (n, x) in xs { "<li id='r-" (n) "' data-text='$x + " (x) "'>" (x)
                    for y in ys { "<b>" (y) "</b>" } "</li>" }
                "</ul><script>let a = [];" for z in zs { "a.push(" (z) ");" } "</script></div>";
            elements for n in ns { "<li id='" (n) "'></li><li id='x-" (n) "'></li>" };
        });
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(warnings.is_empty(), "{warnings:#?}");
        let Stmt::Event(event) = &mut input.unwrap().body.stmts[0] else {
            panic!("expected an event");
        };
        let EventKind::Elements(Elements {
            content: Content::Template(template),
            ..
        }) = &mut event.kind
        else {
            panic!("expected a template");
        };
        let escapes: Vec<_> = template
            .holes_mut()
            .iter()
            .map(|hole| hole.escape)
            .collect();
        use HoleEscape::*;
        assert_eq!(
            escapes,
            [
                Some(HtmlAttr),
                Some(HtmlAttr),
                Some(JsAttr),
                Some(HtmlText),
                Some(HtmlText),
                Some(Js)
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
            "this hole sits inside a JavaScript string",
            "this loop's body starts outside any JavaScript string and ends inside",
            "this loop's body starts outside any JavaScript string and ends inside",
        ];
        assert_errors_start_with(&errors, &expected);
    }

    #[test]
    fn resolves_hole_escapes() {
        let (input, errors, _) = check_tokens(quote! {
            (crate)
            elements "<p id='x' title='" (t) "'>" (text) "</p>";
            script "f(" (v) ")";
        });
        assert!(errors.is_empty(), "{errors:#?}");
        let input = input.unwrap();
        let escapes: Vec<_> = input
            .body
            .stmts
            .iter()
            .flat_map(|stmt| {
                let Stmt::Event(event) = stmt else {
                    return Vec::new();
                };
                let (EventKind::Elements(Elements {
                    content: Content::Template(template),
                    ..
                })
                | EventKind::Script(Script {
                    content: Content::Template(template),
                    ..
                })) = &event.kind
                else {
                    return Vec::new();
                };
                template
                    .parts
                    .iter()
                    .filter_map(|part| match part {
                        Part::Hole(hole) => Some(hole.escape),
                        Part::Lit(_) | Part::Loop(_) => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            escapes,
            [
                Some(HoleEscape::HtmlAttr),
                Some(HoleEscape::HtmlText),
                Some(HoleEscape::Js)
            ]
        );
    }
}
