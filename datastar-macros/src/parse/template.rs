//! Element and script content: a template (string literals, `(expr)` holes and `for`
//! loops over such parts) or any other expression.

use syn::parse::ParseStream;
use syn::{Expr, Ident, LitStr, Pat, Token, braced, parenthesized};

use super::{Parser, at_statement_end, unparen};
use crate::model::{Content, Hole, Part, Template, TemplateLoop, Text};

/// A template (it starts with a string literal) or any other expression.
pub(super) fn parse_content(
    input: ParseStream<'_>,
    keyword: &Ident,
    cx: &mut Parser<'_>,
) -> syn::Result<Content> {
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
    let parts = parse_parts(input, false, cx)?;
    Ok(Content::Template(Template { parts }))
}

/// Template parts up to the end of the statement (or, in a loop body, of the braces).
fn parse_parts(
    input: ParseStream<'_>,
    in_loop: bool,
    cx: &mut Parser<'_>,
) -> syn::Result<Vec<Part>> {
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
                id: cx.hole_id(),
                expr: Box::new(expr),
                span,
            }));
        } else if input.peek(Token![for]) {
            parts.push(Part::Loop(parse_template_loop(input, cx)?));
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
fn parse_template_loop(input: ParseStream<'_>, cx: &mut Parser<'_>) -> syn::Result<TemplateLoop> {
    let keyword = input.parse::<Token![for]>()?.span;
    let pat = Pat::parse_multi_with_leading_vert(input)?;
    input.parse::<Token![in]>()?;
    let iter = Expr::parse_without_eager_brace(input)?;
    let content;
    braced!(content in input);
    let body = parse_parts(&content, true, cx)?;
    Ok(TemplateLoop {
        keyword,
        pat: Box::new(pat),
        iter: Box::new(iter),
        body,
    })
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
