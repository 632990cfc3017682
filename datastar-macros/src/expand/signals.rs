//! The check of a template's signals against its `#[signals(Type)]`: one constant per
//! signal path used, evaluated by the compiler, which fails at the path with the type's
//! signals listed when the type has no such signal; and one per literal a patch sets,
//! which fails when the field's type does not serialize to that kind of JSON.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::check::Escapes;
use crate::rule;

/// The checks of the signals `escapes` lists against `signals`, to put before the
/// expansion (nothing without a `#[signals(Type)]`).
pub(super) fn signal_checks(
    krate: &TokenStream,
    signals: Option<&syn::Type>,
    escapes: &Escapes,
) -> TokenStream {
    let Some(ty) = signals else {
        return TokenStream::new();
    };
    let uses = escapes.signal_uses();
    let type_name = quote!(#ty).to_string().replace(' ', "");
    let mut seen: Vec<(&str, String)> = Vec::new();
    let mut checks = TokenStream::new();
    for (path, span) in uses {
        let place = format!("{span:?}");
        if seen
            .iter()
            .any(|(seen_path, seen_place)| seen_path == path && *seen_place == place)
        {
            continue;
        }
        seen.push((path, place));
        let segments: Vec<&str> = path.split('.').collect();
        // Where the path goes missing is known when the constant is evaluated: one wording
        // per depth ("", " under `user`", …), picked there.
        let unders: Vec<String> = (0..segments.len())
            .map(|depth| match depth {
                0 => String::new(),
                _ => format!(" under `{}`", segments[..depth].join(".")),
            })
            .collect();
        let before = format!("the signal `{path}` is not in `{type_name}`, whose signals");
        // The first line ends with the list, known only to the compiler: the rule's name
        // goes after it by hand.
        let after = format!(
            " [{}]\n\nhelp: use one of them, add a field to `{type_name}`, or (for a signal only this page uses) start its name with `_` or define it here with `data-computed`, `data-ref` or `data-indicator`",
            rule::signals_unknown_path.name()
        );
        checks.extend(quote_spanned! {*span=>
            const _: () = {
                const TREE: &[#krate::__private::SignalField] =
                    <#ty as #krate::Signals>::SIGNAL_TREE;
                const PATH: &[&str] = &[#(#segments),*];
                const UNDERS: &[&str] = &[#(#unders),*];
                const NAMES_LEN: usize = #krate::__private::sibling_names_len(TREE, PATH);
                const NAMES: [u8; NAMES_LEN] = #krate::__private::sibling_names(TREE, PATH);
                const PARTS: [&str; 5] = [
                    #before,
                    UNDERS[#krate::__private::missing_depth(TREE, PATH)],
                    " are ",
                    #krate::__private::message(&NAMES),
                    #after,
                ];
                const LEN: usize = #krate::__private::total_len(&PARTS);
                const MESSAGE: [u8; LEN] = #krate::__private::concat(&PARTS);
                if !#krate::__private::has_path(TREE, PATH) {
                    ::core::panic!("{}", #krate::__private::message(&MESSAGE));
                }
            };
        });
    }
    for (path, kind, span) in escapes.signal_values() {
        let segments = path.split('.');
        let bit = format_ident!("{}", kind.bit());
        let message = rule::signal_value_kind
            .says(format!(
                "the signal `{path}` of `{type_name}` cannot hold {}: the field's type does not serialize to one, so `ReadSignals<{type_name}>` would fail on what the page sends back\n\nhelp: write a value of the field's type, or change the field's type",
                kind.described()
            ))
            .to_string();
        checks.extend(quote_spanned! {*span=>
            const _: () = {
                if #krate::__private::path_kinds(
                    <#ty as #krate::Signals>::SIGNAL_TREE,
                    &[#(#segments),*],
                ) & #krate::__private::json_kind::#bit == 0 {
                    ::core::panic!("{}", #message);
                }
            };
        });
    }
    checks
}
