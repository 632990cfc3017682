//! Tokens to the typed model. Grammar errors (unknown statements, options, modes,
//! namespaces, malformed values) are collected, and parsing resumes after the next `;`,
//! so that one compilation reports every independent mistake.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned as _;
use syn::{Expr, Ident, Label, Lit, LitBool, LitStr, Pat, Token, braced, bracketed, parenthesized};

use crate::diagnostics::{Diagnostics, backticked, closest, suggestion};
use crate::model::*;

/// The six statement keywords.
pub(crate) const STATEMENTS: [&str; 6] = [
    "elements", "remove", "signals", "script", "redirect", "wait",
];

const ALL_OPTIONS: [&str; 11] = [
    "selector",
    "mode",
    "view_transition",
    "view_transition_selector",
    "namespace",
    "id",
    "retry",
    "only_if_missing",
    "auto_remove",
    "attributes",
    "attribute",
];

/// The options each event statement accepts, in the order the docs list them.
fn accepted_options(statement: &str) -> &'static [&'static str] {
    match statement {
        "elements" => &[
            "selector",
            "mode",
            "view_transition",
            "view_transition_selector",
            "namespace",
            "id",
            "retry",
        ],
        "remove" => &["view_transition", "view_transition_selector", "id", "retry"],
        "signals" => &["only_if_missing", "id", "retry"],
        "script" => &["auto_remove", "attributes", "id", "retry"],
        _ => &["id", "retry"],
    }
}

/// Parses `($crate_path) body…`. Grammar errors go to `diagnostics`; the returned model
/// holds every statement that parsed.
pub(crate) fn parse_input(
    tokens: TokenStream,
    diagnostics: &mut Diagnostics,
) -> syn::Result<Input> {
    let mut parsed = None;
    let parser = |input: ParseStream<'_>| {
        let crate_path_tokens;
        parenthesized!(crate_path_tokens in input);
        let crate_path: TokenStream = crate_path_tokens.parse()?;
        let is_empty = input.is_empty();
        let body = parse_body(input, diagnostics);
        parsed = Some(Input {
            crate_path,
            body,
            is_empty,
        });
        Ok(())
    };
    let result = parser.parse2(tokens);
    match (result, parsed) {
        (Ok(()), Some(input)) => Ok(input),
        // A statement that failed inside braces leaves tokens behind, which syn reports as
        // "unexpected token" once parsing ends; the real error is already recorded.
        (Err(_), Some(input)) if diagnostics.has_errors() => Ok(input),
        (Err(error), _) => Err(error),
        (Ok(()), None) => unreachable!("the parser stores the input when it succeeds"),
    }
}

/// Statements until the end of `input`, recovering from errors at the next `;`.
pub(crate) fn parse_body(input: ParseStream<'_>, diagnostics: &mut Diagnostics) -> Body {
    let mut body = Body::default();
    while !input.is_empty() {
        match parse_stmt(input, diagnostics) {
            Ok(Some(stmt)) => body.stmts.push(stmt),
            Ok(None) => {}
            Err(error) => {
                diagnostics.push(error);
                skip_past_semicolon(input);
            }
        }
    }
    body
}

/// `(x)` as `x`: the parentheses only delimit the expression in the DSL.
fn unparen(expr: Expr) -> Box<Expr> {
    match expr {
        Expr::Paren(paren) => paren.expr,
        other => Box::new(other),
    }
}

fn skip_past_semicolon(input: ParseStream<'_>) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            rest = next;
            if matches!(&tree, proc_macro2::TokenTree::Punct(punct) if punct.as_char() == ';') {
                break;
            }
        }
        Ok(((), rest))
    });
}

fn parse_stmt(input: ParseStream<'_>, diagnostics: &mut Diagnostics) -> syn::Result<Option<Stmt>> {
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
        return Ok(None);
    }
    let label: Option<Label> = if input.peek(syn::Lifetime) && input.peek2(Token![:]) {
        Some(input.parse()?)
    } else {
        None
    };
    if input.peek(Token![for]) || input.peek(Token![while]) || input.peek(Token![loop]) {
        return parse_loop(input, label, diagnostics).map(|stmt| Some(Stmt::Loop(stmt)));
    }
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        let body = parse_body(&content, diagnostics);
        return Ok(Some(Stmt::Block(BlockStmt { label, body })));
    }
    if let Some(label) = label {
        return Err(syn::Error::new(
            label.span(),
            "a label must be followed by `for`, `while`, `loop` or a block",
        ));
    }
    if input.peek(Token![if]) {
        return parse_if(input, diagnostics).map(|stmt| Some(Stmt::If(stmt)));
    }
    if input.peek(Token![match]) {
        return parse_match(input, diagnostics).map(|stmt| Some(Stmt::Match(stmt)));
    }
    if starts_dsl_statement(input) {
        return parse_dsl_statement(input, diagnostics).map(Some);
    }
    reject_unknown_statement(input)?;
    let stmt: syn::Stmt = input.parse()?;
    Ok(Some(Stmt::Rust(Box::new(stmt))))
}

/// A statement is DSL when it starts with one of the six keywords, unless the keyword is
/// plainly used as a Rust variable (`signals.push(x)`, `wait = 3`, `remove::<T>()`).
fn starts_dsl_statement(input: ParseStream<'_>) -> bool {
    let fork = input.fork();
    let Ok(ident) = fork.parse::<Ident>() else {
        return false;
    };
    if !STATEMENTS.contains(&ident.to_string().as_str()) {
        return false;
    }
    let used_as_variable = fork.peek(Token![.])
        || fork.peek(Token![::])
        || fork.peek(Token![!])
        || fork.peek(Token![?])
        || (fork.peek(Token![=]) && !fork.peek(Token![==]) && !fork.peek(Token![=>]))
        || fork.peek(Token![+=])
        || fork.peek(Token![-=])
        || fork.peek(Token![*=])
        || fork.peek(Token![/=])
        || fork.peek(Token![%=])
        || fork.peek(Token![|=])
        || fork.peek(Token![&=])
        || fork.peek(Token![^=]);
    !used_as_variable
}

/// `element "<div>";` or `signal { a: 1 };` is a misspelt statement, not Rust: a lowercase
/// identifier followed by a literal or a brace is not a Rust statement anyone writes.
fn reject_unknown_statement(input: ParseStream<'_>) -> syn::Result<()> {
    let fork = input.fork();
    let Ok(ident) = fork.parse::<Ident>() else {
        return Ok(());
    };
    let name = ident.to_string();
    let lowercase = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let looks_like_dsl = fork.peek(Lit) || (fork.peek(syn::token::Brace) && lowercase);
    if !lowercase || !looks_like_dsl {
        return Ok(());
    }
    Err(syn::Error::new(
        ident.span(),
        format!(
            "unknown statement `{name}`\n\nhelp: {}",
            suggestion(&name, &STATEMENTS)
        ),
    ))
}

fn parse_if(input: ParseStream<'_>, diagnostics: &mut Diagnostics) -> syn::Result<IfStmt> {
    input.parse::<Token![if]>()?;
    let cond = Expr::parse_without_eager_brace(input)?;
    let content;
    braced!(content in input);
    let then_branch = parse_body(&content, diagnostics);
    let else_branch = if input.peek(Token![else]) {
        input.parse::<Token![else]>()?;
        if input.peek(Token![if]) {
            Some(Else::If(Box::new(parse_if(input, diagnostics)?)))
        } else {
            let content;
            braced!(content in input);
            Some(Else::Block(parse_body(&content, diagnostics)))
        }
    } else {
        None
    };
    Ok(IfStmt {
        cond: Box::new(cond),
        then_branch,
        else_branch,
    })
}

fn parse_match(input: ParseStream<'_>, diagnostics: &mut Diagnostics) -> syn::Result<MatchStmt> {
    input.parse::<Token![match]>()?;
    let expr = Expr::parse_without_eager_brace(input)?;
    let content;
    braced!(content in input);
    let mut arms = Vec::new();
    while !content.is_empty() {
        let pat = Pat::parse_multi_with_leading_vert(&content)?;
        let guard = if content.peek(Token![if]) {
            content.parse::<Token![if]>()?;
            Some(Box::new(content.parse::<Expr>()?))
        } else {
            None
        };
        content.parse::<Token![=>]>()?;
        let body = if content.peek(syn::token::Brace) {
            let arm_content;
            braced!(arm_content in content);
            let body = parse_body(&arm_content, diagnostics);
            if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
            }
            ArmBody::Block(body)
        } else {
            if starts_dsl_statement(&content) {
                return Err(content.error(
                    "a DSL statement in a `match` arm needs braces\n\nhelp: write `pattern => { elements …; }`",
                ));
            }
            let expr: Expr = content.parse()?;
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
            ArmBody::Expr(Box::new(expr))
        };
        arms.push(Arm { pat, guard, body });
    }
    Ok(MatchStmt {
        expr: Box::new(expr),
        arms,
    })
}

fn parse_loop(
    input: ParseStream<'_>,
    label: Option<Label>,
    diagnostics: &mut Diagnostics,
) -> syn::Result<LoopStmt> {
    let keyword = input.span();
    let kind = if input.peek(Token![for]) {
        input.parse::<Token![for]>()?;
        let pat = Pat::parse_multi_with_leading_vert(input)?;
        input.parse::<Token![in]>()?;
        let iter = Expr::parse_without_eager_brace(input)?;
        LoopKind::For {
            pat: Box::new(pat),
            iter: Box::new(iter),
        }
    } else if input.peek(Token![while]) {
        input.parse::<Token![while]>()?;
        let cond = Expr::parse_without_eager_brace(input)?;
        LoopKind::While {
            cond: Box::new(cond),
        }
    } else {
        input.parse::<Token![loop]>()?;
        LoopKind::Loop
    };
    let content;
    braced!(content in input);
    let body = parse_body(&content, diagnostics);
    Ok(LoopStmt {
        label,
        keyword,
        kind,
        body,
    })
}

fn parse_dsl_statement(input: ParseStream<'_>, diagnostics: &mut Diagnostics) -> syn::Result<Stmt> {
    let keyword: Ident = input.parse()?;
    let statement = keyword.to_string();
    if statement == "wait" {
        let duration = parse_duration(input, &keyword)?;
        expect_semicolon(input, &statement)?;
        return Ok(Stmt::Wait(Wait { keyword, duration }));
    }
    let kind = match statement.as_str() {
        "elements" => EventKind::Elements(Elements {
            content: parse_content(input, &keyword)?,
            patch: PatchOptions::default(),
        }),
        "remove" => EventKind::Remove(Remove {
            selector: parse_text_argument(input, &keyword, "a selector")?,
            patch: PatchOptions::default(),
        }),
        "signals" => EventKind::Signals(Signals {
            value: parse_signals_value(input, &keyword)?,
            only_if_missing: None,
        }),
        "script" => EventKind::Script(Script {
            content: parse_content(input, &keyword)?,
            auto_remove: None,
            attributes: Vec::new(),
        }),
        _ => EventKind::Redirect(Redirect {
            url: parse_text_argument(input, &keyword, "a URL")?,
        }),
    };
    let options = parse_options(input, &statement, diagnostics)?;
    expect_semicolon(input, &statement)?;
    let mut event = Event {
        keyword,
        kind,
        id: options.id,
        retry: options.retry,
    };
    match &mut event.kind {
        EventKind::Elements(elements) => elements.patch = options.patch,
        EventKind::Remove(remove) => remove.patch = options.patch,
        EventKind::Signals(signals) => signals.only_if_missing = options.only_if_missing,
        EventKind::Script(script) => {
            script.auto_remove = options.auto_remove;
            script.attributes = options.attributes;
        }
        EventKind::Redirect(_) => {}
    }
    Ok(Stmt::Event(Box::new(event)))
}

fn expect_semicolon(input: ParseStream<'_>, statement: &str) -> syn::Result<()> {
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
        Ok(())
    } else if input.is_empty() {
        Err(input.error(format!("expected `;` after the `{statement}` statement")))
    } else {
        Err(input.error(format!(
            "expected `,` or `;` after the `{statement}` statement, found this token"
        )))
    }
}

fn at_statement_end(input: ParseStream<'_>) -> bool {
    input.is_empty() || input.peek(Token![;]) || input.peek(Token![,])
}

/// A template (it starts with a string literal) or any other expression.
fn parse_content(input: ParseStream<'_>, keyword: &Ident) -> syn::Result<Content> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            format!(
                "`{keyword}` needs content\n\nhelp: write a template such as `{keyword} \"<div id='x'>\" (value) \"</div>\";` or an expression"
            ),
        ));
    }
    if !input.peek(LitStr) && !input.peek(Token![for]) {
        return Ok(Content::Expr(unparen(input.parse()?)));
    }
    let parts = parse_parts(input, false)?;
    Ok(Content::Template(Template { parts }))
}

/// Template parts up to the end of the statement (or, in a loop body, of the braces).
fn parse_parts(input: ParseStream<'_>, in_loop: bool) -> syn::Result<Vec<Part>> {
    let mut parts = Vec::new();
    loop {
        let at_end = if in_loop {
            input.is_empty()
        } else {
            at_statement_end(input)
        };
        if input.peek(LitStr) {
            parts.push(Part::Lit(input.parse()?));
        } else if input.peek(syn::token::Paren) {
            let hole_content;
            let paren = parenthesized!(hole_content in input);
            let span = paren.span.join();
            if hole_content.is_empty() {
                return Err(syn::Error::new(
                    span,
                    "empty hole `()`\n\nhelp: put the value to insert inside the parentheses: `(value)`",
                ));
            }
            let expr: Expr = hole_content.parse()?;
            if !hole_content.is_empty() {
                return Err(hole_content.error("expected `)` after the hole's expression"));
            }
            parts.push(Part::Hole(Hole {
                expr: Box::new(expr),
                span,
                escape: None,
            }));
        } else if input.peek(Token![for]) {
            parts.push(Part::Loop(parse_template_loop(input)?));
        } else if at_end {
            return Ok(parts);
        } else if input.peek(syn::token::Brace) {
            return Err(input.error(
                "`{…}` is not interpolation in a template: Datastar attributes use braces themselves\n\nhelp: write the hole as `(expr)`",
            ));
        } else if in_loop {
            return Err(input.error(
                "expected a string literal, a `(expr)` hole or a `for` loop in the loop body",
            ));
        } else {
            return Err(input.error(
                "expected a string literal, a `(expr)` hole, a `for` loop, `,` or `;` in the template",
            ));
        }
    }
}

/// `for PAT in EXPR { parts }` inside a template.
fn parse_template_loop(input: ParseStream<'_>) -> syn::Result<TemplateLoop> {
    let keyword = input.parse::<Token![for]>()?.span;
    let pat = Pat::parse_multi_with_leading_vert(input)?;
    input.parse::<Token![in]>()?;
    let iter = Expr::parse_without_eager_brace(input)?;
    let content;
    braced!(content in input);
    let body = parse_parts(&content, true)?;
    Ok(TemplateLoop {
        keyword,
        pat: Box::new(pat),
        iter: Box::new(iter),
        body,
    })
}

/// The argument of `remove` and `redirect`: a string literal or an expression.
fn parse_text_argument(input: ParseStream<'_>, keyword: &Ident, what: &str) -> syn::Result<Text> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            format!("`{keyword}` needs {what}: a string literal or an expression"),
        ));
    }
    if input.peek(LitStr) && {
        let fork = input.fork();
        fork.parse::<LitStr>().is_ok() && at_statement_end(&fork)
    } {
        return Ok(Text::Lit(input.parse()?));
    }
    Ok(Text::Expr(unparen(input.parse()?)))
}

/// An option value that is text: `"literal"` or `(expr)`.
fn parse_text_option(input: ParseStream<'_>, name: &Ident) -> syn::Result<Text> {
    input.parse::<Token![=]>()?;
    if input.peek(LitStr) {
        return Ok(Text::Lit(input.parse()?));
    }
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        let expr: Expr = content.parse()?;
        if !content.is_empty() {
            return Err(content.error("expected `)`"));
        }
        return Ok(Text::Expr(Box::new(expr)));
    }
    Err(input.error(format!(
        "`{name}` takes a string literal or a `(expr)` giving a `&str`"
    )))
}

fn parse_duration(input: ParseStream<'_>, keyword: &Ident) -> syn::Result<DurationArg> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            format!(
                "`{keyword}` needs a duration\n\nhelp: write `3s`, `250ms`, `1.5s` or a `Duration` expression"
            ),
        ));
    }
    if !(input.peek(syn::LitInt) || input.peek(syn::LitFloat)) {
        return Ok(DurationArg::Expr(unparen(input.parse()?)));
    }
    let lit: Lit = input.parse()?;
    let (digits, suffix) = match &lit {
        Lit::Int(int) => (int.base10_digits().to_owned(), int.suffix().to_owned()),
        Lit::Float(float) => (float.base10_digits().to_owned(), float.suffix().to_owned()),
        _ => unreachable!("peeked an integer or float literal"),
    };
    let span = lit.span();
    let millis_per_unit = match suffix.as_str() {
        "s" => 1000.0,
        "ms" => 1.0,
        "" => {
            return Err(syn::Error::new(
                span,
                format!(
                    "the duration `{digits}` has no unit\n\nhelp: write `{digits}s` or `{digits}ms`"
                ),
            ));
        }
        other => {
            return Err(syn::Error::new(
                span,
                format!(
                    "unknown duration unit `{other}`\n\nhelp: {}",
                    suggestion(other, &["s", "ms"])
                ),
            ));
        }
    };
    let value: f64 = digits
        .parse()
        .map_err(|_| syn::Error::new(span, "this duration is not a number"))?;
    let millis = value * millis_per_unit;
    if millis.fract() != 0.0 || millis > 1.0e15 {
        return Err(syn::Error::new(
            span,
            format!("`{digits}{suffix}` is not a whole number of milliseconds"),
        ));
    }
    // Exact: `millis` is a whole number below 2^53.
    let millis = millis as u64;
    Ok(DurationArg::Millis(Spanned {
        value: millis,
        span,
    }))
}

/// Everything `parse_options` can read; each statement keeps the part it accepts.
#[derive(Default)]
struct Options {
    patch: PatchOptions,
    id: Option<Named<Text>>,
    retry: Option<Named<DurationArg>>,
    only_if_missing: Option<Ident>,
    auto_remove: Option<Named<LitBool>>,
    attributes: Vec<ScriptAttribute>,
    attributes_given: bool,
}

fn parse_options(
    input: ParseStream<'_>,
    statement: &str,
    diagnostics: &mut Diagnostics,
) -> syn::Result<Options> {
    let accepted = accepted_options(statement);
    let mut options = Options::default();
    while input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
        if input.is_empty() || input.peek(Token![;]) {
            break;
        }
        let name = Ident::parse_any(input)?;
        let key = name.to_string();
        if !ALL_OPTIONS.contains(&key.as_str()) || key == "attribute" {
            // Rules that depend on the selector would only repeat this mistake.
            options.patch.selector_misspelt |= closest(&key, accepted) == Some("selector");
            diagnostics.error(
                name.span(),
                format!(
                    "unknown option `{key}` for `{statement}`\n\nhelp: {}",
                    suggestion(&key, accepted)
                ),
            );
            skip_option_value(input);
            continue;
        }
        if !accepted.contains(&key.as_str()) {
            diagnostics.error(
                name.span(),
                format!(
                    "`{key}` is not an option of `{statement}`\n\nhelp: `{statement}` takes {}",
                    backticked(accepted)
                ),
            );
            skip_option_value(input);
            continue;
        }
        let duplicate = match key.as_str() {
            "selector" | "view_transition_selector" | "id" => {
                let value = parse_text_option(input, &name)?;
                let slot = match key.as_str() {
                    "selector" => &mut options.patch.selector,
                    "view_transition_selector" => &mut options.patch.view_transition_selector,
                    _ => &mut options.id,
                };
                set_named(slot, &name, value)
            }
            "mode" => match parse_mode(input, &name) {
                Ok(value) => set_named(&mut options.patch.mode, &name, value),
                Err(error) => {
                    diagnostics.push(error);
                    false
                }
            },
            "namespace" => match parse_namespace(input, &name) {
                Ok(value) => set_named(&mut options.patch.namespace, &name, value),
                Err(error) => {
                    options.patch.namespace_misspelt = true;
                    diagnostics.push(error);
                    false
                }
            },
            "view_transition" => {
                reject_flag_value(input, &name)?;
                set(&mut options.patch.view_transition, name.clone())
            }
            "only_if_missing" => {
                reject_flag_value(input, &name)?;
                set(&mut options.only_if_missing, name.clone())
            }
            "retry" => {
                input.parse::<Token![=]>()?;
                let value = if input.peek(syn::token::Paren) {
                    let content;
                    parenthesized!(content in input);
                    DurationArg::Expr(Box::new(content.parse()?))
                } else {
                    parse_duration(input, &name)?
                };
                set_named(&mut options.retry, &name, value)
            }
            "auto_remove" => {
                input.parse::<Token![=]>()?;
                let value: LitBool = input.parse().map_err(|error| {
                    syn::Error::new(error.span(), "`auto_remove` takes `true` or `false`")
                })?;
                set_named(&mut options.auto_remove, &name, value)
            }
            _ => {
                input.parse::<Token![=]>()?;
                let attributes = parse_script_attributes(input, diagnostics)?;
                let duplicate = options.attributes_given;
                options.attributes_given = true;
                options.attributes = attributes;
                duplicate
            }
        };
        if duplicate {
            diagnostics.error(
                name.span(),
                format!("`{key}` is given twice\n\nhelp: remove one of them"),
            );
        }
    }
    Ok(options)
}

/// Stores `value`; true when the slot was already taken (a duplicate option).
/// Stores an option's value; true when the option was already given.
fn set<T>(slot: &mut Option<T>, value: T) -> bool {
    let duplicate = slot.is_some();
    *slot = Some(value);
    duplicate
}

fn set_named<T>(slot: &mut Option<Named<T>>, name: &Ident, value: T) -> bool {
    set(
        slot,
        Named {
            name: name.clone(),
            value,
        },
    )
}

fn skip_option_value(input: ParseStream<'_>) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, proc_macro2::TokenTree::Punct(punct) if matches!(punct.as_char(), ',' | ';'))
            {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

fn reject_flag_value(input: ParseStream<'_>, name: &Ident) -> syn::Result<()> {
    if input.peek(Token![=]) {
        return Err(syn::Error::new(
            input.span(),
            format!(
                "`{name}` is a flag and takes no value\n\nhelp: write `{name}` to turn it on, leave it out to keep it off"
            ),
        ));
    }
    Ok(())
}

fn parse_mode(input: ParseStream<'_>, name: &Ident) -> syn::Result<Spanned<Mode>> {
    input.parse::<Token![=]>()?;
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "`{name}` takes a bare identifier\n\nhelp: write `mode = {}` without quotes",
                lit.value()
            ),
        ));
    }
    let value = Ident::parse_any(input)?;
    let text = value.to_string();
    let names: Vec<&str> = Mode::ALL.iter().map(|(name, _)| *name).collect();
    if let Some((_, mode)) = Mode::ALL.iter().find(|(name, _)| *name == text) {
        return Ok(Spanned {
            value: *mode,
            span: value.span(),
        });
    }
    let message = if text == "remove" {
        "`mode = remove` is written as its own statement\n\nhelp: write `remove \"#selector\";`"
            .to_owned()
    } else {
        format!(
            "unknown mode `{text}`: the Datastar 1.0 client throws `PatchElementsInvalidMode`\n\nhelp: {}",
            suggestion(&text, &names)
        )
    };
    Err(syn::Error::new(value.span(), message))
}

fn parse_namespace(input: ParseStream<'_>, name: &Ident) -> syn::Result<Spanned<Namespace>> {
    input.parse::<Token![=]>()?;
    let value = Ident::parse_any(input)?;
    let text = value.to_string();
    let namespace = match text.as_str() {
        "svg" => Namespace::Svg,
        "mathml" => Namespace::MathMl,
        "html" => {
            return Err(syn::Error::new(
                value.span(),
                format!("`{name} = html` is the default\n\nhelp: remove the option"),
            ));
        }
        _ => {
            return Err(syn::Error::new(
                value.span(),
                format!(
                    "unknown namespace `{text}`: the Datastar 1.0 client throws `PatchElementsInvalidNamespace`\n\nhelp: {}",
                    suggestion(&text, &["svg", "mathml"])
                ),
            ));
        }
    };
    Ok(Spanned {
        value: namespace,
        span: value.span(),
    })
}

/// `{ name: "value", "data-x": (expr), … }`; names may be dashed identifiers.
fn parse_script_attributes(
    input: ParseStream<'_>,
    diagnostics: &mut Diagnostics,
) -> syn::Result<Vec<ScriptAttribute>> {
    let content;
    braced!(content in input);
    let mut attributes: Vec<ScriptAttribute> = Vec::new();
    while !content.is_empty() {
        let (name, name_span) = if content.peek(LitStr) {
            let lit: LitStr = content.parse()?;
            (lit.value(), lit.span())
        } else {
            let first = Ident::parse_any(&content)?;
            let mut name = first.unraw().to_string();
            let mut span = first.span();
            while content.peek(Token![-]) {
                content.parse::<Token![-]>()?;
                let next = Ident::parse_any(&content)?;
                name.push('-');
                name.push_str(&next.unraw().to_string());
                span = span.join(next.span()).unwrap_or(span);
            }
            (name, span)
        };
        content.parse::<Token![:]>()?;
        let value = if content.peek(LitStr) {
            Text::Lit(content.parse()?)
        } else {
            Text::Expr(unparen(content.parse()?))
        };
        if attributes.iter().any(|attribute| attribute.name == name) {
            diagnostics.error(
                name_span,
                format!("the attribute `{name}` is given twice: the browser keeps only the first\n\nhelp: remove one of them"),
            );
        }
        attributes.push(ScriptAttribute {
            name,
            name_span,
            value,
        });
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(attributes)
}

fn parse_signals_value(input: ParseStream<'_>, keyword: &Ident) -> syn::Result<SignalsValue> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            "`signals` needs an object `{ name: value, … }` or an expression that serializes to one",
        ));
    }
    if input.peek(syn::token::Brace) {
        return Ok(SignalsValue::Object(parse_object(input)?));
    }
    Ok(SignalsValue::Expr(unparen(input.parse()?)))
}

fn parse_object(input: ParseStream<'_>) -> syn::Result<JsonObject> {
    let content;
    braced!(content in input);
    let mut entries = Vec::new();
    while !content.is_empty() {
        let (key, key_span) = if content.peek(LitStr) {
            let lit: LitStr = content.parse()?;
            (lit.value(), lit.span())
        } else if content.peek(Ident::peek_any) {
            let ident = Ident::parse_any(&content)?;
            (ident.unraw().to_string(), ident.span())
        } else {
            return Err(content.error("expected a signal name: an identifier or a string literal"));
        };
        content.parse::<Token![:]>()?;
        let value = parse_json_value(&content)?;
        entries.push(JsonEntry {
            key,
            key_span,
            value,
        });
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(JsonObject { entries })
}

/// True when the value ends here (`,` or the end of the object/array).
fn at_value_end(input: ParseStream<'_>) -> bool {
    input.is_empty() || input.peek(Token![,])
}

fn parse_json_value(input: ParseStream<'_>) -> syn::Result<JsonValue> {
    if input.peek(syn::token::Brace) {
        return Ok(JsonValue::Object(parse_object(input)?));
    }
    if input.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let mut items = Vec::new();
        while !content.is_empty() {
            items.push(parse_json_value(&content)?);
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        return Ok(JsonValue::Array(items));
    }
    let fork = input.fork();
    if fork.parse::<Ident>().is_ok_and(|ident| ident == "null") && at_value_end(&fork) {
        input.parse::<Ident>()?;
        return Ok(JsonValue::Null);
    }
    let fork = input.fork();
    if fork.parse::<Lit>().is_ok() && at_value_end(&fork) {
        return Ok(JsonValue::Literal {
            negative: false,
            lit: input.parse()?,
        });
    }
    let fork = input.fork();
    if fork.parse::<Token![-]>().is_ok()
        && fork
            .parse::<Lit>()
            .is_ok_and(|lit| matches!(lit, Lit::Int(_) | Lit::Float(_)))
        && at_value_end(&fork)
    {
        input.parse::<Token![-]>()?;
        return Ok(JsonValue::Literal {
            negative: true,
            lit: input.parse()?,
        });
    }
    Ok(JsonValue::Expr(unparen(input.parse()?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> (Option<Input>, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let input = match parse_input(tokens, &mut diagnostics) {
            Ok(input) => Some(input),
            Err(error) => {
                diagnostics.push(error);
                None
            }
        };
        (input, diagnostics)
    }

    fn messages(diagnostics: &Diagnostics) -> Vec<String> {
        diagnostics
            .errors()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn parses_every_statement() {
        let (input, diagnostics) = parse(quote! {
            (crate)
            elements "<div id='a'>" (x) "</div>", selector = "#a", mode = inner, view_transition,
                view_transition_selector = "#main", namespace = svg, id = "e1", retry = 2s;
            remove "#b", id = ("x");
            signals { a: 1, "b": [true, null, -2.5], c: { d: x + 1 } }, only_if_missing;
            signals state;
            script "console.log(" (n) ")", auto_remove = false, attributes = { type: "module", data-x: (y) };
            redirect "/guide";
            wait 1.5s;
            wait 250ms;
            wait std::time::Duration::from_secs(1);
        });
        assert!(
            messages(&diagnostics).is_empty(),
            "{:?}",
            messages(&diagnostics)
        );
        let input = input.unwrap();
        assert_eq!(input.body.stmts.len(), 9);
        let Stmt::Wait(Wait {
            duration: DurationArg::Millis(millis),
            ..
        }) = &input.body.stmts[6]
        else {
            panic!("expected a literal wait");
        };
        assert_eq!(millis.value, 1500);
        let Stmt::Event(event) = &input.body.stmts[4] else {
            panic!("expected an event");
        };
        let EventKind::Script(script) = &event.kind else {
            panic!("expected a script");
        };
        assert_eq!(script.attributes[1].name, "data-x");
    }

    #[test]
    fn parses_rust_control_flow_with_nested_statements() {
        let (input, diagnostics) = parse(quote! {
            (crate)
            let items = vec![1, 2];
            'outer: for item in items.iter() {
                if let Some(x) = item.checked_add(1) && x > 1 {
                    elements "<li id='i'>" (x) "</li>", selector = "#list", mode = append;
                } else if true {
                    wait 1s;
                } else {
                    break 'outer;
                }
            }
            match items.len() {
                0 => { signals { empty: true }; }
                n if n > 3 => {}
                _ => (),
            }
            while let Some(x) = next().await { elements (x); wait 1s; }
            loop { break; }
            { redirect "/"; }
            helper(&mut signals_vec)?;
            elements.push(1);
        });
        assert!(
            messages(&diagnostics).is_empty(),
            "{:?}",
            messages(&diagnostics)
        );
        assert_eq!(input.unwrap().body.stmts.len(), 8);
    }

    #[test]
    fn recovers_at_semicolons_and_reports_every_error() {
        let (_, diagnostics) = parse(quote! {
            (crate)
            element "<div id='a'></div>";
            elements "<div id='a'></div>", mode = apend, selectr = "#x";
            wait 3;
            signal { a: 1 };
            elements "<p>" {x} "</p>";
        });
        let messages = messages(&diagnostics);
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(messages[0].starts_with("unknown statement `element`"));
        assert!(messages[0].ends_with("did you mean `elements`?"));
        assert!(messages[1].contains("did you mean `append`?"));
        assert!(messages[2].contains("did you mean `selector`?"));
        assert!(messages[3].starts_with("the duration `3` has no unit"));
        assert!(messages[4].contains("did you mean `signals`?"));
        assert!(messages[5].contains("is not interpolation"));
    }

    #[test]
    fn errors_point_at_the_offending_token() {
        let tokens: TokenStream = "(crate)\nelements \"<p id='a'></p>\",\n    mode = sideways;"
            .parse()
            .unwrap();
        let (_, diagnostics) = parse(tokens);
        let error = &diagnostics.errors()[0];
        let start = error.span().start();
        assert_eq!((start.line, start.column), (3, 11));
    }
}
