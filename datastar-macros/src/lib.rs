//! Implementation detail of the `datastar!` macro in `datastar-core`; use it through
//! `datastar-core`, which pins this crate to its own exact version.
//!
//! The flow goes one way (`pipeline`): `parse` turns tokens into a typed model (`model`),
//! `check` refuses at compile time what the Datastar 1.0 browser client would reject or
//! silently ignore and decides how each template hole is escaped (with `markup` for
//! literal HTML and script text), and `expand` writes the event stream.
//! `datastar-wire` holds the protocol and escaping knowledge shared with the runtime.
#![forbid(unsafe_code)]

mod check;
mod derive;
mod diagnostics;
mod expand;
#[cfg(test)]
mod fuzz_tests;
mod markup;
mod model;
mod parse;
mod pipeline;
mod rule;
#[cfg(test)]
mod snapshot_tests;

use proc_macro::TokenStream;

/// Expands the body of `datastar!`. The `macro_rules!` wrapper in `datastar-core` calls it
/// as `datastar_inner!(($crate) body…)`, so the expansion can name `$crate::__private`.
#[doc(hidden)]
#[proc_macro]
pub fn datastar_inner(input: TokenStream) -> TokenStream {
    pipeline::run(input.into()).into()
}

/// Expands the body of `html!`, called as `html_inner!(($crate) template…)`.
#[doc(hidden)]
#[proc_macro]
pub fn html_inner(input: TokenStream) -> TokenStream {
    pipeline::run_page(input.into()).into()
}

/// `#[derive(Signals)]`: see `datastar_core::Signals`.
#[proc_macro_derive(Signals, attributes(signals))]
pub fn derive_signals(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    derive::derive_signals(input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
