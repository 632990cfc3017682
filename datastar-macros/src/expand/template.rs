//! Template parts into an event's wire: literals pre-split into data lines, each hole
//! written by the runtime writer for the context `check` decided.

use datastar_wire::lines::split_lines;
use datastar_wire::url::{UrlEncoding, UrlPolicy};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use super::Expander;
use super::wire::{Chunk, IfWire, LoopWire, Wire, buf};
use crate::check::{HoleEscape, UrlCheckPlan, UrlHole};
use crate::model::Part;

impl Expander<'_> {
    /// Template parts into `wire`; a loop body or `if` branch becomes a nested wire, so
    /// that static text never merges across its boundary.
    ///
    /// Holes in HTML and URLs call `(&&&Hole(value)).write_*` with the hole traits in
    /// scope: autoref specialisation picks a writer for the value's type.
    pub(super) fn template_parts(
        &self,
        wire: &mut Wire,
        parts: &[Part],
        line_prefix: &'static str,
    ) {
        for part in parts {
            match part {
                Part::Lit(lit) => wire.text(&split_lines(&lit.value(), line_prefix)),
                Part::Hole(hole) => {
                    let escape = self.escapes.of(hole.id).clone();
                    let writer = self.hole_writer(escape, hole.span, line_prefix);
                    wire.write(&hole.expr, writer);
                }
                Part::Loop(template_loop) => {
                    let mut body = Wire::default();
                    self.template_parts(&mut body, &template_loop.body, line_prefix);
                    let pat = &template_loop.pat;
                    let iter = &template_loop.iter;
                    wire.chunks.push(Chunk::Loop(LoopWire {
                        pat: quote!(#pat),
                        iter: quote!(#iter),
                        body,
                    }));
                }
                Part::If(template_if) => {
                    let branches = template_if
                        .branches
                        .iter()
                        .map(|branch| {
                            let mut body = Wire::default();
                            self.template_parts(&mut body, &branch.body, line_prefix);
                            (branch.cond.as_ref().map(|cond| quote!(#cond)), body)
                        })
                        .collect();
                    wire.chunks.push(Chunk::If(IfWire { branches }));
                }
            }
        }
    }

    /// The statement that writes a hole's value (given as tokens) for `escape`. It stands
    /// at the hole's span, so a value of the wrong type is reported there.
    fn hole_writer(
        &self,
        escape: HoleEscape,
        span: Span,
        line_prefix: &'static str,
    ) -> impl Fn(&TokenStream) -> TokenStream + 'static {
        if !matches!(
            escape,
            HoleEscape::Script | HoleEscape::ScriptInAttribute | HoleEscape::ScriptString
        ) {
            self.html_holes.set(true);
        }
        let krate = self.krate.clone();
        let buf = buf();
        let page = self.page;
        move |value| {
            let private = quote!(#krate::__private);
            // A write that can fail (a value that does not serialize), given the value and
            // a `&mut Buf` expression: in a stream `?` ends it; `html!` has no stream, so
            // there the value is written as `null` (and logged) instead.
            let fallible = |call: &dyn Fn(&TokenStream, &TokenStream) -> TokenStream| {
                if page {
                    // The closure's `&mut Buf` shadows the buffer, so method calls are
                    // written the same way in both places.
                    let hole = syn::Ident::new("__hole", Span::mixed_site());
                    let call = call(&quote!(#hole), &quote!(#buf));
                    quote_spanned! {span=>
                        { let #hole = #value; #buf.js_or_null(|#buf| #call); }
                    }
                } else {
                    let call = call(value, &quote!(&mut #buf));
                    quote_spanned!(span=> #call?;)
                }
            };
            match &escape {
                HoleEscape::Html => quote_spanned! {span=>
                    (&&&#private::Hole(#value)).write_html(&mut #buf, #line_prefix);
                },
                HoleEscape::HtmlText => quote_spanned! {span=>
                    (&&&#private::Hole(#value)).write_html_text(&mut #buf, #line_prefix);
                },
                HoleEscape::HtmlInAttribute => quote_spanned! {span=>
                    (&&&#private::Hole(#value)).write_html_in_attribute(&mut #buf, #line_prefix);
                },
                HoleEscape::Script => {
                    fallible(&|value, _| quote_spanned!(span=> #buf.push_js(#line_prefix, #value)))
                }
                HoleEscape::ScriptString => {
                    quote_spanned!(span=> #buf.push_script_string(#line_prefix, #value);)
                }
                HoleEscape::ScriptInAttribute => fallible(
                    &|value, _| quote_spanned!(span=> #buf.push_js_attr(#line_prefix, #value)),
                ),
                HoleEscape::UrlInScriptAttribute(policy) => {
                    let policy = policy_tokens(&private, *policy);
                    fallible(&|value, buf| {
                        quote_spanned! {span=>
                            (&&&#private::Hole(#value)).write_url_in_js(#buf, #line_prefix, #policy)
                        }
                    })
                }
                HoleEscape::Url(url) => url_hole(&private, url, span, value, line_prefix),
            }
        }
    }
}

/// A hole inside a URL; the URL's first hole of a shared check starts the check.
fn url_hole(
    private: &TokenStream,
    url: &UrlHole,
    span: Span,
    value: &TokenStream,
    line_prefix: &'static str,
) -> TokenStream {
    let buf = buf();
    let check = syn::Ident::new("__url", Span::mixed_site());
    let encoding = match url.encoding {
        UrlEncoding::Whole => quote!(#private::UrlEncoding::Whole),
        UrlEncoding::Candidate => quote!(#private::UrlEncoding::Candidate),
        UrlEncoding::Component => quote!(#private::UrlEncoding::Component),
    };
    let (start, write) = match &url.check {
        UrlCheckPlan::Static => (None, quote!(#private::UrlWrite::Static(#encoding))),
        UrlCheckPlan::Alone(policy) => {
            let policy = policy_tokens(private, *policy);
            (None, quote!(#private::UrlWrite::Alone(#encoding, #policy)))
        }
        UrlCheckPlan::Shared(shared) => {
            let start = shared.first.as_ref().map(|raw| {
                let policy = policy_tokens(private, shared.policy);
                let written =
                    proc_macro2::Literal::usize_unsuffixed(split_lines(raw, line_prefix).len());
                quote!(let mut #check = #buf.url_check(#policy, #written);)
            });
            let (before, after) = (&shared.before, &shared.after);
            let write = quote! {
                #private::UrlWrite::Shared {
                    encoding: #encoding,
                    check: &mut #check,
                    before: #before,
                    after: #after,
                }
            };
            (start, write)
        }
    };
    quote_spanned! {span=>
        #start
        (&&&#private::Hole(#value)).write_url(&mut #buf, #line_prefix, #write);
    }
}

fn policy_tokens(private: &TokenStream, policy: UrlPolicy) -> TokenStream {
    match policy {
        UrlPolicy::Navigate => quote!(#private::UrlPolicy::Navigate),
        UrlPolicy::SameOrigin => quote!(#private::UrlPolicy::SameOrigin),
    }
}
