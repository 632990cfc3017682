//! Tokens to the typed model. Grammar errors (unknown statements, options, modes,
//! namespaces, malformed values) are collected, and parsing resumes after the next `;`,
//! so that one compilation reports every independent mistake.
//!
//! Statements and control flow are read here; `template` reads element and script
//! content, `options` the options after a statement, `signals` signal objects.

mod keyword;
mod literal;
mod options;
mod script;
mod signals;
mod signals_header;
mod template;

use proc_macro2::TokenStream;
use syn::ext::IdentExt as _;
use syn::parse::{ParseStream, Parser as _};
use syn::spanned::Spanned as _;
use syn::{Expr, Ident, Label, Lit, Pat, Token, braced, parenthesized};

pub(crate) use keyword::Keyword;

use crate::diagnostics::{Diagnostics, suggestion};
use crate::model::*;
use crate::rule;
use options::{parse_duration, parse_options};
use signals_header::signals_header;
use template::{parse_content, parse_text_argument};

/// What parsing carries along: the errors found so far, and the next hole's number.
pub(crate) struct Parser<'a> {
    pub(crate) diagnostics: &'a mut Diagnostics,
    next_hole: usize,
}

impl Parser<'_> {
    fn hole_id(&mut self) -> HoleId {
        self.next_hole += 1;
        HoleId(self.next_hole - 1)
    }
}

/// Parses `($crate_path) body…`. Grammar errors go to `diagnostics`; the returned model
/// holds every statement that parsed.
pub(crate) fn parse_input(
    tokens: TokenStream,
    diagnostics: &mut Diagnostics,
) -> syn::Result<Input> {
    let mut cx = Parser {
        diagnostics,
        next_hole: 0,
    };
    let mut parsed = None;
    let parser = |input: ParseStream<'_>| {
        let crate_path_tokens;
        parenthesized!(crate_path_tokens in input);
        let crate_path: TokenStream = crate_path_tokens.parse()?;
        let signals = signals_header(input)?;
        let is_empty = input.is_empty();
        let body = parse_body(input, &mut cx);
        parsed = Some(Input {
            crate_path,
            body,
            signals,
            is_empty,
            hole_count: cx.next_hole,
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

/// Parses `($crate_path) template parts…`, the input of `html!`.
pub(crate) fn parse_page(
    tokens: TokenStream,
    diagnostics: &mut Diagnostics,
) -> syn::Result<PageInput> {
    let mut cx = Parser {
        diagnostics,
        next_hole: 0,
    };
    let parser = |input: ParseStream<'_>| {
        let crate_path_tokens;
        parenthesized!(crate_path_tokens in input);
        let crate_path: TokenStream = crate_path_tokens.parse()?;
        let signals = signals_header(input)?;
        if input.is_empty() {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                rule::html_empty.says("`html!` is empty: it would render nothing\n\nhelp: write a template such as `html! { \"<p>\" (text) \"</p>\" }`"),
            ));
        }
        let parts = template::parse_page_parts(input, &mut cx)?;
        Ok(PageInput {
            crate_path,
            template: Template { parts },
            signals,
            hole_count: cx.next_hole,
        })
    };
    parser.parse2(tokens)
}

/// Statements until the end of `input`, recovering from errors at the next `;`.
fn parse_body(input: ParseStream<'_>, cx: &mut Parser<'_>) -> Body {
    let mut body = Body::default();
    while !input.is_empty() {
        match parse_stmt(input, cx) {
            Ok(Some(stmt)) => body.stmts.push(stmt),
            Ok(None) => {}
            Err(error) => {
                cx.diagnostics.push(error);
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

fn parse_stmt(input: ParseStream<'_>, cx: &mut Parser<'_>) -> syn::Result<Option<Stmt>> {
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
        return parse_loop(input, label, cx).map(|stmt| Some(Stmt::Loop(stmt)));
    }
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        let body = parse_body(&content, cx);
        return Ok(Some(Stmt::Block(BlockStmt { label, body })));
    }
    if let Some(label) = label {
        return Err(syn::Error::new(
            label.span(),
            rule::label_without_loop
                .says("a label must be followed by `for`, `while`, `loop` or a block"),
        ));
    }
    if input.peek(Token![if]) {
        return parse_if(input, cx).map(|stmt| Some(Stmt::If(stmt)));
    }
    if input.peek(Token![match]) {
        return parse_match(input, cx).map(|stmt| Some(Stmt::Match(stmt)));
    }
    if let Some(keyword) = dsl_keyword(input) {
        return parse_dsl_statement(input, keyword, cx).map(Some);
    }
    reject_unknown_statement(input)?;
    let stmt: syn::Stmt = input.parse()?;
    Ok(Some(Stmt::Rust(Box::new(stmt))))
}

/// The keyword when the statement is DSL: it starts with one of the keywords, unless the
/// keyword is plainly used as a Rust variable (`signals.push(x)`, `wait = 3`,
/// `remove::<T>()`).
fn dsl_keyword(input: ParseStream<'_>) -> Option<Keyword> {
    let fork = input.fork();
    let keyword = Keyword::from_name(&fork.parse::<Ident>().ok()?.to_string())?;
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
    (!used_as_variable).then_some(keyword)
}

/// `element "<div>";` or `signal { a: 1 };` is a misspelt statement, not Rust: a lowercase
/// identifier followed by a literal or a brace is not a Rust statement anyone writes.
/// Names of earlier Datastar versions get their 1.0 replacement.
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
    if let Some(replacement) = keyword::legacy_statement(&name) {
        return Err(syn::Error::new(
            ident.span(),
            rule::legacy_statement_names.says(format!(
                "`{name}` is a statement of an earlier Datastar version: {replacement}"
            )),
        ));
    }
    Err(syn::Error::new(
        ident.span(),
        rule::unknown_statement.says(format!(
            "unknown statement `{name}`\n\nhelp: {}",
            suggestion(&name, &Keyword::names())
        )),
    ))
}

fn parse_if(input: ParseStream<'_>, cx: &mut Parser<'_>) -> syn::Result<IfStmt> {
    input.parse::<Token![if]>()?;
    let cond = Expr::parse_without_eager_brace(input)?;
    let content;
    braced!(content in input);
    let then_branch = parse_body(&content, cx);
    let else_branch = if input.peek(Token![else]) {
        input.parse::<Token![else]>()?;
        if input.peek(Token![if]) {
            Some(Else::If(Box::new(parse_if(input, cx)?)))
        } else {
            let content;
            braced!(content in input);
            Some(Else::Block(parse_body(&content, cx)))
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

fn parse_match(input: ParseStream<'_>, cx: &mut Parser<'_>) -> syn::Result<MatchStmt> {
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
            let body = parse_body(&arm_content, cx);
            if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
            }
            ArmBody::Block(body)
        } else {
            if dsl_keyword(&content).is_some() {
                return Err(content.error(
                    rule::dsl_in_match_arm_without_braces.says("a DSL statement in a `match` arm needs braces\n\nhelp: write `pattern => { elements …; }`"),
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
    cx: &mut Parser<'_>,
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
    let body = parse_body(&content, cx);
    Ok(LoopStmt {
        label,
        keyword,
        kind,
        body,
    })
}

fn parse_dsl_statement(
    input: ParseStream<'_>,
    statement: Keyword,
    cx: &mut Parser<'_>,
) -> syn::Result<Stmt> {
    let keyword: Ident = input.parse()?;
    let kind = match statement {
        Keyword::Wait => {
            let duration = parse_duration(input, &keyword)?;
            expect_semicolon(input, statement)?;
            return Ok(Stmt::Wait(Wait { keyword, duration }));
        }
        Keyword::Send => {
            if at_statement_end(input) {
                return Err(syn::Error::new(
                    keyword.span(),
                    rule::send_without_value.says("`send` needs something to send\n\nhelp: write an `Event`, a builder such as `PatchElements::new(html)`, or a stream of events: `send render(&state);`"),
                ));
            }
            let expr = unparen(input.parse()?);
            expect_semicolon(input, statement)?;
            return Ok(Stmt::Send(SendStmt { keyword, expr }));
        }
        Keyword::Elements => EventKind::Elements(Elements {
            content: parse_content(input, &keyword, cx)?,
            patch: PatchOptions::default(),
        }),
        Keyword::Remove => EventKind::Remove(Remove {
            selector: parse_text_argument(input, &keyword, "a selector")?,
            patch: PatchOptions::default(),
        }),
        Keyword::Signals => EventKind::Signals(Signals {
            value: signals::parse_signals_value(input, &keyword)?,
            only_if_missing: None,
        }),
        Keyword::Script => EventKind::Script(Script {
            content: parse_content(input, &keyword, cx)?,
            auto_remove: None,
            attributes: Vec::new(),
            start_tag: Template { parts: Vec::new() },
        }),
        Keyword::Redirect => EventKind::Redirect(Redirect {
            url: parse_text_argument(input, &keyword, "a URL")?,
        }),
        Keyword::ConsoleLog | Keyword::ConsoleError => EventKind::Console(Console {
            method: if statement == Keyword::ConsoleLog {
                datastar_wire::script::ConsoleMethod::Log
            } else {
                datastar_wire::script::ConsoleMethod::Error
            },
            message: parse_content(input, &keyword, cx)?,
        }),
        Keyword::Dispatch => EventKind::Dispatch(Dispatch {
            name: parse_text_argument(input, &keyword, "an event name")?,
            detail: None,
            selector: None,
            bubbles: None,
            cancelable: None,
            composed: None,
        }),
        Keyword::ReplaceUrl => EventKind::ReplaceUrl(ReplaceUrl {
            url: parse_text_argument(input, &keyword, "a URL")?,
        }),
        Keyword::Prefetch => EventKind::Prefetch(parse_prefetch(input, &keyword)?),
    };
    let options = parse_options(input, statement, cx.diagnostics)?;
    expect_semicolon(input, statement)?;
    let mut event = Event {
        keyword,
        kind,
        id: options.id,
        retry: options.retry,
    };
    let keyword_span = event.keyword.span();
    match &mut event.kind {
        EventKind::Elements(elements) => elements.patch = options.patch,
        EventKind::Remove(remove) => remove.patch = options.patch,
        EventKind::Signals(signals) => signals.only_if_missing = options.only_if_missing,
        EventKind::Script(script) => {
            let auto_remove = options
                .auto_remove
                .as_ref()
                .is_none_or(|auto_remove| auto_remove.value.value);
            (script.attributes, script.start_tag) =
                script::start_tag(options.attributes, auto_remove, keyword_span, cx);
            script.auto_remove = options.auto_remove;
        }
        EventKind::Dispatch(dispatch) => {
            dispatch.detail = options.detail;
            dispatch.selector = options.patch.selector;
            dispatch.bubbles = options.bubbles;
            dispatch.cancelable = options.cancelable;
            dispatch.composed = options.composed;
        }
        EventKind::Redirect(_)
        | EventKind::Console(_)
        | EventKind::ReplaceUrl(_)
        | EventKind::Prefetch(_) => {}
    }
    Ok(Stmt::Event(Box::new(event)))
}

/// `[URL, (expr), …]` after `prefetch`.
fn parse_prefetch(input: ParseStream<'_>, keyword: &Ident) -> syn::Result<Prefetch> {
    if !input.peek(syn::token::Bracket) {
        return Err(syn::Error::new(
            keyword.span(),
            rule::prefetch_without_list.says(
                "`prefetch` takes a list of URLs\n\nhelp: write `prefetch [\"/next\", (url)];`",
            ),
        ));
    }
    let content;
    let bracket = syn::bracketed!(content in input).span.join();
    let mut urls = Vec::new();
    while !content.is_empty() {
        urls.push(if content.peek(syn::LitStr) {
            Text::Lit(content.parse()?)
        } else {
            Text::Expr(unparen(content.parse()?))
        });
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(Prefetch { bracket, urls })
}

fn expect_semicolon(input: ParseStream<'_>, statement: Keyword) -> syn::Result<()> {
    let statement = statement.name();
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
        Ok(())
    } else if input.is_empty() {
        Err(input.error(
            rule::missing_semicolon.says(format!("expected `;` after the `{statement}` statement")),
        ))
    } else if let Ok(next) = input.fork().call(Ident::parse_any) {
        Err(input.error(rule::missing_semicolon.says(format!(
            "missing `;` after the `{statement}` statement: `{next}` starts the next statement\n\nhelp: add `;` at the end of the `{statement}` statement"
        ))))
    } else {
        Err(input.error(rule::missing_semicolon.says(format!(
            "expected `,` or `;` after the `{statement}` statement, found this token"
        ))))
    }
}

fn at_statement_end(input: ParseStream<'_>) -> bool {
    input.is_empty() || input.peek(Token![;]) || input.peek(Token![,])
}

#[cfg(test)]
mod tests;
