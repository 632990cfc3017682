//! Implementation detail of the `datastar!` macro in `datastar-core`; use it through
//! `datastar-core`, which pins this crate to its own exact version.
//!
//! The flow goes one way: [`parse`] turns tokens into a typed model, [`check`] refuses at
//! compile time what the Datastar 1.0 browser client would reject or silently ignore (and
//! decides how each template hole is escaped), [`expand`] writes the event stream.
#![forbid(unsafe_code)]

mod check;
mod diagnostics;
mod expand;
mod html;
mod model;
mod parse;
#[cfg(test)]
mod snapshot_tests;
mod wire;

use proc_macro::TokenStream;

/// Expands the body of `datastar!`. The `macro_rules!` wrapper in `datastar-core` calls it
/// as `datastar_inner!(($crate) body…)`, so the expansion can name `$crate::__private`.
#[doc(hidden)]
#[proc_macro]
pub fn datastar_inner(input: TokenStream) -> TokenStream {
    let mut diagnostics = diagnostics::Diagnostics::default();
    let mut input = match parse::parse_input(input.into(), &mut diagnostics) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error().into(),
    };
    check::check(&mut input, &mut diagnostics);
    match diagnostics.combined_error() {
        Some(error) => expand::fallback(&input.crate_path, &error),
        None => expand::expand(&input, diagnostics.warnings()),
    }
    .into()
}
