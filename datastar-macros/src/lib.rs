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

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;

    /// The whole pipeline on `proc_macro2` tokens, as `datastar_inner` runs it.
    fn run(body: &str) -> TokenStream {
        let tokens: TokenStream = format!("(crate) {body}").parse().expect("valid tokens");
        crate::pipeline::run(tokens)
    }

    #[test]
    fn odd_input_never_panics() {
        let bodies = [
            "",
            ";",
            ";;;",
            "elements;",
            "elements",
            "elements ,;",
            "elements \"\";",
            "elements \"<\";",
            "elements \"</\";",
            "elements \"<div id=\";",
            "elements \"<div id='a'\" (x);",
            "elements (x) (y);",
            "elements \"a\" \"b\";",
            "elements for;",
            "elements for x in {};",
            "elements for x in y { for z in x { } };",
            "elements \"<ul id='u'>\" for x in y { \"<li>\" } ;",
            "remove;",
            "remove \"\";",
            "remove \"#a\", mode = ;",
            "signals;",
            "signals {};",
            "signals { a: };",
            "signals { : 1 };",
            "signals { a: { b: { c: [1, [2, {}]] } } };",
            "signals { \"\": 1 };",
            "signals [];",
            "script;",
            "script \"\", attributes = {};",
            "script \"x\", attributes = { : \"v\" };",
            "redirect;",
            "redirect \"\";",
            "wait;",
            "wait 3;",
            "wait 3x;",
            "wait -1s;",
            "wait 99999999999999999999999s;",
            "wait 0.0001ms; elements \"<p id='p'></p>\";",
            "elements \"<p id='p'></p>\", retry = 18446744073709551616ms;",
            "elements \"<p id='p'></p>\", id = ;",
            "elements \"<p id='p'></p>\", selector = \"\\r\";",
            "if { elements \"<p id='p'></p>\"; }",
            "match x { }",
            "match x { _ => elements \"<p id='p'></p>\"; }",
            "loop {}",
            "while {}",
            "for in {}",
            "let x = ; elements \"<p id='p'></p>\";",
            "'a: { break 'a; } elements \"<p id='p'></p>\";",
            "elements \"\u{0}\";",
            "elements \"<p id='p'>\u{feff}\u{202e}</p>\";",
        ];
        for body in bodies {
            let result = std::panic::catch_unwind(|| run(body).to_string());
            assert!(result.is_ok(), "the macro panicked on `{body}`");
        }
    }
}
