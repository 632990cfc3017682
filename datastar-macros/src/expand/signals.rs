//! The check of a template's signals against its `#[signals(Type)]`: one constant per
//! signal path used, evaluated by the compiler, which fails at the path with the type's
//! signals listed when the type has no such signal.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

/// The checks of `uses` against `signals`, to put before the expansion (nothing without a
/// `#[signals(Type)]`).
pub(super) fn signal_checks(
    krate: &TokenStream,
    signals: Option<&syn::Type>,
    uses: &[(String, Span)],
) -> TokenStream {
    let Some(ty) = signals else {
        return TokenStream::new();
    };
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
        let segments = path.split('.');
        let before = format!("the signal `{path}` is not in `{type_name}`, whose signals are ");
        let after = format!(
            " [signals_unknown_path]\n\nhelp: use one of them, add a field to `{type_name}`, or (for a signal only this page uses) start its name with `_` or define it here with `data-computed`, `data-ref` or `data-indicator`"
        );
        checks.extend(quote_spanned! {*span=>
            const _: () = {
                const PARTS: [&str; 3] = [#before, <#ty as #krate::Signals>::SIGNAL_LIST, #after];
                const LEN: usize = #krate::__private::total_len(&PARTS);
                const MESSAGE: [u8; LEN] = #krate::__private::concat(&PARTS);
                if !#krate::__private::has_path(
                    <#ty as #krate::Signals>::SIGNAL_TREE,
                    &[#(#segments),*],
                ) {
                    ::core::panic!("{}", #krate::__private::message(&MESSAGE));
                }
            };
        });
    }
    checks
}
