//! Implementation detail of the `datastar!` macro; use it through `datastar-core`.
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

/// Expands the body of `datastar!`; called by the `macro_rules!` wrapper in `datastar-core`.
#[doc(hidden)]
#[proc_macro]
pub fn datastar_inner(input: TokenStream) -> TokenStream {
    let _ = input;
    quote::quote!(compile_error!("datastar! is not implemented yet")).into()
}
