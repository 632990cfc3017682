//! `html!`: a template into one `Markup` buffer, written as an `elements` template is
//! (the same hole writers), with `\n` between lines instead of SSE data lines.

use proc_macro2::TokenStream;
use quote::quote;

use super::Expander;
use super::wire::{End, EventCode, Wire};
use crate::check::Escapes;
use crate::model::PageInput;

/// What a line break in a page is written as: itself (`\r\n` and `\r` become `\n`, as the
/// HTML parser would make them).
const PAGE_LINE_BREAK: &str = "\n";

/// The expansion of an `html!` without errors.
pub(crate) fn expand_page(input: &PageInput, escapes: &Escapes) -> TokenStream {
    let checks = super::signals::signal_checks(&input.crate_path, input.signals.as_ref(), escapes);
    let markup = markup(input, escapes);
    if checks.is_empty() {
        return markup;
    }
    quote!({ #checks #markup })
}

/// The `Markup` of a template without errors.
fn markup(input: &PageInput, escapes: &Escapes) -> TokenStream {
    let expander = Expander {
        krate: &input.crate_path,
        page: true,
        escapes,
        signals: input.signals.as_ref(),
        html_holes: std::cell::Cell::new(false),
    };
    let krate = expander.krate;
    let mut wire = Wire::default();
    expander.template_parts(&mut wire, &input.template.parts, PAGE_LINE_BREAK);
    match wire.finish_with(krate, End::Markup) {
        EventCode::Static(html) => quote! {
            #krate::__private::Markup::from_static(#html)
        },
        EventCode::Dynamic(code) => {
            let hole_traits = expander.hole_traits();
            quote! {
                {
                    #hole_traits
                    #code
                }
            }
        }
    }
}

/// What an `html!` with errors expands to, after its `compile_error!`s: an empty
/// `Markup`, so that the caller's code type-checks without follow-on errors.
pub(crate) fn page_fallback(crate_path: &TokenStream, error: &syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote! {
        {
            #errors
            #crate_path::__private::Markup::from_static("")
        }
    }
}
