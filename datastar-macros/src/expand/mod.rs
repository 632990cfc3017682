//! The checked model to Rust. Every path is `#crate_path::__private::…` or `::core::…`,
//! so the expansion works under any imports and a renamed dependency. The expander never
//! reports user errors: `check` has accepted the model before this runs.
//!
//! `events` writes each statement's wire bytes, `template` the holes, `wire` turns them
//! into a buffer sized once.

mod events;
mod helpers;
mod page;
mod signals;
mod template;
mod tries;
mod wire;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::check::Escapes;
use crate::diagnostics::Warning;
use crate::model::*;
use wire::EventCode;

pub(crate) use page::{expand_page, page_fallback};

pub(crate) fn expand(input: &Input, escapes: &Escapes, warnings: &[Warning]) -> TokenStream {
    let checks = signals::signal_checks(&input.crate_path, input.signals.as_ref(), escapes);
    let stream = expand_body(input, escapes, warnings);
    if checks.is_empty() {
        return stream;
    }
    quote!({ #checks #stream })
}

/// The event stream of a body without errors.
fn expand_body(input: &Input, escapes: &Escapes, warnings: &[Warning]) -> TokenStream {
    let expander = Expander {
        krate: &input.crate_path,
        page: false,
        escapes,
        signals: input.signals.as_ref(),
        html_holes: std::cell::Cell::new(false),
    };
    let krate = expander.krate;
    let warnings = warnings.iter().map(warning);
    let generator = match expander.body(&input.body) {
        // A body with no events at all was reported by `check`.
        BodyCode::Static(wire) if wire.is_empty() => {
            return quote!({ #krate::__private::no_event_stream() });
        }
        BodyCode::Static(wire) => {
            let wire = proc_macro2::Literal::byte_string(wire.as_bytes());
            return quote! {
                {
                    #(#warnings)*
                    #krate::__private::static_event_stream(const { #krate::__private::Event::from_static(#wire) })
                }
            };
        }
        BodyCode::Generator(code) => code,
    };
    let body = tries::route_tries(generator, krate);
    let hole_traits = expander.hole_traits();
    quote! {
        {
            #(#warnings)*
            #krate::__private::into_event_stream(#krate::__private::try_stream! {
                #hole_traits
                #body
            })
        }
    }
}

/// What is emitted when the input has errors: every `compile_error!`, then a value of the
/// right type, so that the caller's code type-checks and no follow-on errors appear.
pub(crate) fn fallback(crate_path: &TokenStream, error: &syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote! {
        {
            #errors
            #crate_path::__private::no_event_stream()
        }
    }
}

/// A `#[deprecated]` item used at the warning's span: a real, `allow`-able warning on
/// stable Rust.
fn warning(warning: &Warning) -> TokenStream {
    let name = format_ident!("{}", warning.rule.name(), span = warning.span);
    // The rule's name ends the note's first line, as it ends an error's.
    let note = warning.rule.says(warning.message.as_str()).to_string();
    quote_spanned! {warning.span=>
        {
            #[deprecated(note = #note)]
            fn #name() {}
            #name();
        }
    }
}

/// What a body expands to.
enum BodyCode {
    /// Only static events: their wire bytes, in order.
    Static(String),
    /// Code for the `try_stream!` generator.
    Generator(TokenStream),
}

struct Expander<'a> {
    krate: &'a TokenStream,
    /// Expanding `html!`: the template ends in a `Markup`, not a `yield`.
    page: bool,
    /// How each hole is escaped, as `check` decided.
    escapes: &'a Escapes,
    /// The `#[signals(Type)]` the values of `signals { … }` patches are checked against.
    signals: Option<&'a syn::Type>,
    /// Set when an HTML hole is written, so the hole traits are imported only then.
    html_holes: std::cell::Cell<bool>,
}

impl Expander<'_> {
    /// The hole-writer traits, imported when a template wrote an HTML hole.
    fn hole_traits(&self) -> Option<TokenStream> {
        let krate = self.krate;
        self.html_holes.get().then(|| {
            quote! {
                #[allow(unused_imports)]
                use #krate::__private::{AnyHole as _, ComponentHole as _, IntegerHole as _, TextHole as _};
            }
        })
    }

    /// A body's code, each event expanded once. A body made of static events only (no
    /// waits, no Rust, no holes, no dynamic options) needs no generator: it comes back
    /// as its wire bytes.
    fn body(&self, body: &Body) -> BodyCode {
        let krate = self.krate;
        let mut out = TokenStream::new();
        let mut pending = String::new();
        let mut all_static = true;
        let flush = |out: &mut TokenStream, pending: &mut String| {
            if !pending.is_empty() {
                let wire = proc_macro2::Literal::byte_string(pending.as_bytes());
                out.extend(quote! {
                    yield const { #krate::__private::Event::from_static(#wire) };
                });
                pending.clear();
            }
        };
        for stmt in &body.stmts {
            if let Stmt::Event(event) = stmt {
                match self.event(event) {
                    EventCode::Static(wire) => pending.push_str(&wire),
                    EventCode::Dynamic(code) => {
                        all_static = false;
                        flush(&mut out, &mut pending);
                        out.extend(code);
                    }
                }
                continue;
            }
            all_static = false;
            flush(&mut out, &mut pending);
            out.extend(self.stmt(stmt));
        }
        if all_static {
            return BodyCode::Static(pending);
        }
        flush(&mut out, &mut pending);
        BodyCode::Generator(out)
    }

    /// A nested body (a block, a branch, a loop): always generator code.
    fn nested_body(&self, body: &Body) -> TokenStream {
        match self.body(body) {
            BodyCode::Static(wire) if wire.is_empty() => TokenStream::new(),
            BodyCode::Static(wire) => {
                let krate = self.krate;
                let wire = proc_macro2::Literal::byte_string(wire.as_bytes());
                quote! { yield const { #krate::__private::Event::from_static(#wire) }; }
            }
            BodyCode::Generator(code) => code,
        }
    }

    fn stmt(&self, stmt: &Stmt) -> TokenStream {
        let krate = self.krate;
        match stmt {
            Stmt::Event(_) => unreachable!("events are expanded by `body`"),
            Stmt::Wait(wait) => {
                let duration = match &wait.duration {
                    DurationArg::Millis(millis) => {
                        let millis = proc_macro2::Literal::u64_unsuffixed(millis.value);
                        quote!(#krate::__private::Duration::from_millis(#millis))
                    }
                    DurationArg::Expr(expr) => quote!(#expr),
                };
                quote! { #krate::__private::sleep(#duration).await; }
            }
            Stmt::Rust(stmt) => quote!(#stmt),
            Stmt::Send(send) => {
                let expr = &send.expr;
                let events = syn::Ident::new("__events", Span::mixed_site());
                let event = syn::Ident::new("__event", Span::mixed_site());
                // At the value's span: what cannot be sent is reported there. The value
                // stays outside `pin!`, so that the stream sees a `?` in it.
                quote_spanned! {expr.span()=>
                    {
                        let #events = #krate::__private::Slot::new(#expr);
                        let mut #events = ::core::pin::pin!(#events);
                        while let ::core::option::Option::Some(#event) = #events.as_mut().next().await {
                            yield #event?;
                        }
                    }
                }
            }
            Stmt::If(if_stmt) => self.if_stmt(if_stmt),
            Stmt::Match(match_stmt) => {
                let expr = &match_stmt.expr;
                let arms = match_stmt.arms.iter().map(|arm| {
                    let pat = &arm.pat;
                    let guard = arm.guard.as_ref().map(|guard| quote!(if #guard));
                    let body = match &arm.body {
                        ArmBody::Block(body) => {
                            let body = self.nested_body(body);
                            quote!({ #body })
                        }
                        ArmBody::Expr(expr) => quote!(#expr),
                    };
                    quote!(#pat #guard => #body,)
                });
                quote! { match #expr { #(#arms)* } }
            }
            Stmt::Loop(loop_stmt) => {
                let label = &loop_stmt.label;
                let body = self.nested_body(&loop_stmt.body);
                match &loop_stmt.kind {
                    LoopKind::For { pat, iter } => quote! { #label for #pat in #iter { #body } },
                    LoopKind::While { cond } => quote! { #label while #cond { #body } },
                    LoopKind::Loop => quote! { #label loop { #body } },
                }
            }
            Stmt::Block(block) => {
                let label = &block.label;
                let body = self.nested_body(&block.body);
                quote! { #label { #body } }
            }
        }
    }

    fn if_stmt(&self, if_stmt: &IfStmt) -> TokenStream {
        let cond = &if_stmt.cond;
        let then_branch = self.nested_body(&if_stmt.then_branch);
        let else_branch = match &if_stmt.else_branch {
            Some(Else::If(nested)) => {
                let nested = self.if_stmt(nested);
                quote!(else #nested)
            }
            Some(Else::Block(body)) => {
                let body = self.nested_body(body);
                quote!(else { #body })
            }
            None => TokenStream::new(),
        };
        quote! { if #cond { #then_branch } #else_branch }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_tokens(tokens: TokenStream) -> String {
        crate::pipeline::run(tokens).to_string()
    }

    #[test]
    fn merges_adjacent_static_events() {
        let expanded = expand_tokens(quote! {
            (::ds)
            elements "<p id='a'>1</p>";
            signals { a: 1 };
            wait 1s;
            remove "#a";
        });
        let yields = expanded.matches("from_static").count();
        assert_eq!(yields, 2, "{expanded}");
        assert!(expanded.contains(
            r#"b"event: datastar-patch-elements\ndata: elements <p id='a'>1</p>\n\nevent: datastar-patch-signals\ndata: signals {\"a\":1}\n\n""#
        ));
        assert!(expanded.contains(
            r#"b"event: datastar-patch-elements\ndata: selector #a\ndata: mode remove\n\n""#
        ));
    }

    /// rustc suggests `format!` around any string literal of a function that holds
    /// `{name}` when a variable `name` is unused, pointing wherever the literal's span
    /// leads: for a literal the macro writes, into `datastar-core`. Static text is
    /// therefore written as byte strings, which the lint does not read.
    #[test]
    fn user_text_is_never_a_string_literal() {
        fn string_literals(tokens: TokenStream, found: &mut Vec<String>) {
            for tree in tokens {
                match tree {
                    proc_macro2::TokenTree::Group(group) => string_literals(group.stream(), found),
                    proc_macro2::TokenTree::Literal(literal) => {
                        let text = literal.to_string();
                        if text.starts_with('"') || text.starts_with('r') {
                            found.push(text);
                        }
                    }
                    _ => {}
                }
            }
        }
        let expanded = crate::pipeline::run(quote! {
            (::ds)
            elements "<p id='a' data-signals='{name}'>1</p>";
            elements "<p id='b' data-signals='{name}'>" (x) "</p>";
            signals { name: "{name}" };
        });
        let mut found = Vec::new();
        string_literals(expanded, &mut found);
        assert!(
            found.iter().all(|literal| !literal.contains("{name}")),
            "{found:#?}"
        );
    }
}
