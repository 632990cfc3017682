//! The one pipeline, `parse → check → expand`, that the entry points and the tests run:
//! `run` for `datastar!`, `run_page` for `html!`.

use proc_macro2::TokenStream;

use crate::diagnostics::Diagnostics;
use crate::{check, expand, parse};

/// Expands `($crate) body…` to the event stream, or to every error found and a
/// placeholder stream of the right type.
pub(crate) fn run(tokens: TokenStream) -> TokenStream {
    let mut diagnostics = Diagnostics::default();
    let input = match parse::parse_input(tokens, &mut diagnostics) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let decisions = check::check(&input, &mut diagnostics);
    if let Some(error) = diagnostics.combined_error() {
        return expand::fallback(&input.crate_path, &error);
    }
    match decisions.complete() {
        Some(escapes) => expand::expand(&input, &escapes, diagnostics.warnings()),
        // Every hole is decided or has an error; reaching this is a bug in the checker.
        None => syn::Error::new(
            proc_macro2::Span::call_site(),
            "internal error in `datastar!`: a template hole has no escaping; please report this",
        )
        .to_compile_error(),
    }
}

/// Expands `($crate) template…` (`html!`) to its `Markup`, or to every error found and an
/// empty `Markup`.
pub(crate) fn run_page(tokens: TokenStream) -> TokenStream {
    let mut diagnostics = Diagnostics::default();
    let input = match parse::parse_page(tokens, &mut diagnostics) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let decisions = check::check_page(&input, &mut diagnostics);
    if let Some(error) = diagnostics.combined_error() {
        return expand::page_fallback(&input.crate_path, &error);
    }
    match decisions.complete() {
        Some(escapes) => expand::expand_page(&input, &escapes),
        None => syn::Error::new(
            proc_macro2::Span::call_site(),
            "internal error in `html!`: a template hole has no escaping; please report this",
        )
        .to_compile_error(),
    }
}
