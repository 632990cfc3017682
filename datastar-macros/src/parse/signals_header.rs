//! `#[signals(Type)]` at the start of a `datastar!` body or an `html!` template.

use syn::parse::ParseStream;

/// `#[signals(Type)]` before the body or template: the type its signals are checked
/// against. Other attributes are left to the body (a Rust statement may start with one).
pub(super) fn signals_header(input: ParseStream<'_>) -> syn::Result<Option<syn::Type>> {
    let fork = input.fork();
    let is_signals = fork.parse::<syn::Token![#]>().is_ok() && fork.peek(syn::token::Bracket) && {
        let content;
        syn::bracketed!(content in fork);
        content.peek(syn::Ident) && content.parse::<syn::Ident>()? == "signals"
    };
    if !is_signals {
        return Ok(None);
    }
    input.parse::<syn::Token![#]>()?;
    let content;
    syn::bracketed!(content in input);
    content.parse::<syn::Ident>()?;
    let arguments;
    syn::parenthesized!(arguments in content);
    let signals = arguments.parse::<syn::Type>()?;
    if !arguments.is_empty() || !content.is_empty() {
        return Err(content.error("expected `#[signals(Type)]`"));
    }
    Ok(Some(signals))
}
