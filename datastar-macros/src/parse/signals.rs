//! Signal objects: `{ name: value, … }` with JSON-like values and Rust expressions.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, Lit, LitStr, Token, braced, bracketed};

use super::{at_statement_end, literal, unparen};
use crate::model::{JsonEntry, JsonObject, JsonValue, SignalsValue};
use crate::rule;

pub(super) fn parse_signals_value(
    input: ParseStream<'_>,
    keyword: &Ident,
) -> syn::Result<SignalsValue> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            rule::signals_without_value.says("`signals` needs an object `{ name: value, … }` or an expression that serializes to one"),
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
        let lit: Lit = input.parse()?;
        let json = literal::json_literal(&lit, false);
        return Ok(JsonValue::Literal { lit, json });
    }
    let fork = input.fork();
    if fork.parse::<Token![-]>().is_ok()
        && fork
            .parse::<Lit>()
            .is_ok_and(|lit| matches!(lit, Lit::Int(_) | Lit::Float(_)))
        && at_value_end(&fork)
    {
        input.parse::<Token![-]>()?;
        let lit: Lit = input.parse()?;
        let json = literal::json_literal(&lit, true);
        return Ok(JsonValue::Literal { lit, json });
    }
    Ok(JsonValue::Expr(unparen(input.parse()?)))
}
