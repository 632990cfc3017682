//! Element and script content: a template (string literals, `(expr)` holes, and `for`
//! loops and `if`s over such parts) or any other expression.

use syn::ext::IdentExt as _;
use syn::parse::ParseStream;
use syn::{Expr, Ident, LitStr, Pat, Token, braced, parenthesized};

use super::{Keyword, Parser, at_statement_end, unparen};
use crate::model::{Content, Hole, Part, Template, TemplateBranch, TemplateIf, TemplateLoop, Text};
use crate::rule;

/// A template (it starts with a string literal) or any other expression.
pub(super) fn parse_content(
    input: ParseStream<'_>,
    keyword: &Ident,
    cx: &mut Parser<'_>,
) -> syn::Result<Content> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            rule::template_without_content.says(format!(
                "`{keyword}` needs content\n\nhelp: write a template such as `{keyword} \"<div id='x'>\" (value) \"</div>\";` or an expression"
            )),
        ));
    }
    if !input.peek(LitStr) && !input.peek(Token![for]) && !input.peek(Token![if]) {
        return Ok(Content::Expr(unparen(input.parse()?)));
    }
    let parts = parse_parts(input, None, cx)?;
    Ok(Content::Template(Template { parts }))
}

/// The parts of an `html!` template: everything up to the end of the input.
pub(super) fn parse_page_parts(
    input: ParseStream<'_>,
    cx: &mut Parser<'_>,
) -> syn::Result<Vec<Part>> {
    let parts = parse_parts(input, None, cx)?;
    if !input.is_empty() {
        return Err(syn::Error::new(
            input.span(),
            rule::html_statement_separator.says("`html!` takes template parts only: string literals, `(expr)` holes, `for` and `if`\n\nhelp: remove the `;`, or write Rust in a hole: `(value)`"),
        ));
    }
    Ok(parts)
}

/// The construct whose braces hold template parts.
#[derive(Clone, Copy)]
enum Braces {
    Loop,
    If,
}

impl Braces {
    fn name(self) -> &'static str {
        match self {
            Braces::Loop => "for",
            Braces::If => "if",
        }
    }
}

/// Template parts up to the end of the statement (or, inside `braces`, of the braces).
fn parse_parts(
    input: ParseStream<'_>,
    braces: Option<Braces>,
    cx: &mut Parser<'_>,
) -> syn::Result<Vec<Part>> {
    let mut parts = Vec::new();
    loop {
        let at_end = if braces.is_some() {
            input.is_empty()
        } else {
            at_statement_end(input)
        };
        if input.peek(LitStr) {
            parts.push(Part::Lit(input.parse()?));
        } else if input.peek(syn::token::Paren) {
            parts.push(Part::Hole(parse_hole(input, cx)?));
        } else if input.peek(Token![for]) {
            parts.push(Part::Loop(parse_template_loop(input, cx)?));
        } else if input.peek(Token![if]) {
            parts.push(Part::If(parse_template_if(input, cx)?));
        } else if at_end {
            return Ok(parts);
        } else if input.peek(syn::token::Brace) {
            return Err(input.error(
                rule::brace_interpolation.says("`{…}` is not interpolation in a template: Datastar attributes use braces themselves\n\nhelp: write the hole as `(expr)`"),
            ));
        } else if let Some(braces) = braces {
            return Err(unexpected_in_braces(input, braces));
        } else if input.peek(Ident::peek_any) && !parts.is_empty() {
            // The next statement, after a missing `;`: the statement reports it.
            return Ok(parts);
        } else {
            return Err(input.error(
                "expected a string literal, a `(expr)` hole, a `for` loop, an `if`, `,` or `;` in the template",
            ));
        }
    }
}

/// `(expr)` inside a template.
fn parse_hole(input: ParseStream<'_>, cx: &mut Parser<'_>) -> syn::Result<Hole> {
    let hole_content;
    let paren = parenthesized!(hole_content in input);
    let span = paren.span.join();
    if hole_content.is_empty() {
        return Err(syn::Error::new(
            span,
            rule::empty_hole.says("empty hole `()`\n\nhelp: put the value to insert inside the parentheses: `(value)`"),
        ));
    }
    let expr: Expr = hole_content.parse()?;
    if !hole_content.is_empty() {
        return Err(hole_content.error("expected `)` after the hole's expression"));
    }
    Ok(Hole {
        id: cx.hole_id(),
        expr: Box::new(expr),
        span,
    })
}

/// What else may stand in a loop body or an `if` branch. A statement keyword there
/// usually means the `for`/`if` was meant as a statement and the template before it
/// lacks its `;`.
fn unexpected_in_braces(input: ParseStream<'_>, braces: Braces) -> syn::Error {
    let construct = braces.name();
    let statement = input
        .fork()
        .parse::<Ident>()
        .ok()
        .filter(|ident| Keyword::from_name(&ident.to_string()).is_some());
    if let Some(statement) = statement {
        return syn::Error::new(
            statement.span(),
            rule::missing_semicolon_before_if.says(format!(
                "a `{statement}` statement inside a template's `{construct}`: this `{construct}` was read as part of the template before it, whose statement has no `;`\n\nhelp: add `;` at the end of the statement before the `{construct}`"
            )),
        );
    }
    let what = match braces {
        Braces::Loop => "the loop body",
        Braces::If => "the branch",
    };
    input.error(format!(
        "expected a string literal, a `(expr)` hole, a `for` loop or an `if` in {what}\n\nhelp: write a value as a hole: `(value)`"
    ))
}

/// The parts between braces.
fn parse_braced_parts(
    input: ParseStream<'_>,
    braces: Braces,
    cx: &mut Parser<'_>,
) -> syn::Result<Vec<Part>> {
    let content;
    braced!(content in input);
    parse_parts(&content, Some(braces), cx)
}

/// `for PAT in EXPR { parts }` inside a template.
fn parse_template_loop(input: ParseStream<'_>, cx: &mut Parser<'_>) -> syn::Result<TemplateLoop> {
    let keyword = input.parse::<Token![for]>()?.span;
    let pat = Pat::parse_multi_with_leading_vert(input)?;
    input.parse::<Token![in]>()?;
    let iter = Expr::parse_without_eager_brace(input)?;
    let body = parse_braced_parts(input, Braces::Loop, cx)?;
    Ok(TemplateLoop {
        keyword,
        pat: Box::new(pat),
        iter: Box::new(iter),
        body,
    })
}

/// `if COND { parts } [else if COND { parts }]* [else { parts }]` inside a template.
fn parse_template_if(input: ParseStream<'_>, cx: &mut Parser<'_>) -> syn::Result<TemplateIf> {
    let keyword = input.parse::<Token![if]>()?.span;
    let mut branches = Vec::new();
    loop {
        let cond = Expr::parse_without_eager_brace(input)?;
        let body = parse_braced_parts(input, Braces::If, cx)?;
        branches.push(TemplateBranch {
            cond: Some(Box::new(cond)),
            body,
        });
        if !input.peek(Token![else]) {
            break;
        }
        input.parse::<Token![else]>()?;
        if input.peek(Token![if]) {
            input.parse::<Token![if]>()?;
            continue;
        }
        let body = parse_braced_parts(input, Braces::If, cx)?;
        branches.push(TemplateBranch { cond: None, body });
        break;
    }
    Ok(TemplateIf { keyword, branches })
}

/// The argument of `remove` and `redirect`: a string literal or an expression.
pub(super) fn parse_text_argument(
    input: ParseStream<'_>,
    keyword: &Ident,
    what: &str,
) -> syn::Result<Text> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            rule::statement_without_argument.says(format!(
                "`{keyword}` needs {what}: a string literal or an expression"
            )),
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
