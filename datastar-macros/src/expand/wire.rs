//! An event's wire bytes as the expander builds them: compile-time text, run-time writes
//! and loops, turned into one buffer sized once.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned as _;

/// Bytes reserved in a template's buffer for each dynamic value, on top of the static
/// parts; the buffer grows if a value is longer.
const HOLE_ALLOWANCE: usize = 32;

/// An event's wire bytes as a sequence of compile-time text, run-time writes and loops.
#[derive(Default)]
pub(super) struct Wire {
    pub(super) chunks: Vec<Chunk>,
}

pub(super) enum Chunk {
    Static(String),
    Write(Write),
    Loop(LoopWire),
    If(IfWire),
}

/// One run-time value written into `__buf`.
pub(super) struct Write {
    /// The value's expression, evaluated once, where the write stands (or, before the
    /// buffer is allocated, in the same order, when a loop follows: see `finish`).
    pub(super) expr: TokenStream,
    /// The write takes the value by reference (`&(expr)`), else by value.
    pub(super) by_ref: bool,
    /// The value's span: the reference to it is written there, so that a value of the
    /// wrong type is reported at the value, not at the whole macro.
    pub(super) span: Span,
    /// The statement writing the value, given the tokens that stand for it.
    pub(super) statement: Box<dyn Fn(&TokenStream) -> TokenStream>,
}

impl Write {
    /// The tokens of the value written in place: `&(expr)` or `expr`.
    fn inline_value(&self) -> TokenStream {
        let expr = &self.expr;
        if self.by_ref {
            quote_spanned!(self.span=> &(#expr))
        } else {
            quote!(#expr)
        }
    }
}

/// `for PAT in ITER { body }` inside a template.
pub(super) struct LoopWire {
    pub(super) pat: TokenStream,
    pub(super) iter: TokenStream,
    pub(super) body: Wire,
}

/// `if COND { body } else if … else { body }` inside a template: each branch with its
/// condition, `None` for the final `else`.
pub(super) struct IfWire {
    pub(super) branches: Vec<(Option<TokenStream>, Wire)>,
}

impl Wire {
    pub(super) fn text(&mut self, text: &str) {
        match self.chunks.last_mut() {
            Some(Chunk::Static(last)) => last.push_str(text),
            _ => self.chunks.push(Chunk::Static(text.to_owned())),
        }
    }

    /// A write of `&(expr)` by `statement`.
    pub(super) fn write(
        &mut self,
        expr: impl ToTokens,
        statement: impl Fn(&TokenStream) -> TokenStream + 'static,
    ) {
        self.chunks.push(Chunk::Write(Write {
            span: expr.span(),
            expr: expr.to_token_stream(),
            by_ref: true,
            statement: Box::new(statement),
        }));
    }

    /// A write of `expr` by value.
    pub(super) fn write_by_value(
        &mut self,
        expr: impl ToTokens,
        statement: impl Fn(&TokenStream) -> TokenStream + 'static,
    ) {
        self.chunks.push(Chunk::Write(Write {
            span: expr.span(),
            expr: expr.to_token_stream(),
            by_ref: false,
            statement: Box::new(statement),
        }));
    }

    /// Bytes to reserve for these chunks, loops left out (each reserves for itself):
    /// the static text plus an allowance for each value.
    fn estimate(&self) -> usize {
        self.chunks
            .iter()
            .map(|chunk| match chunk {
                Chunk::Static(text) => text.len(),
                Chunk::Write(_) => HOLE_ALLOWANCE,
                Chunk::Loop(_) => 0,
                // The largest branch, so that the buffer need not grow whichever is taken.
                Chunk::If(IfWire { branches }) => branches
                    .iter()
                    .map(|(_, body)| body.estimate())
                    .max()
                    .unwrap_or(0),
            })
            .sum()
    }

    /// The event's code: a buffer sized once, the writes, `yield`. When the event has a
    /// loop before any `if`, the values before the first loop and the loop's iterator are
    /// evaluated (in their order) before the buffer is allocated, so that its size can
    /// count the iterator's `size_hint`; later loops reserve for themselves.
    pub(super) fn finish(self, krate: &TokenStream) -> EventCode {
        self.finish_with(krate, End::Yield)
    }

    /// As [`finish`](Self::finish), ending as `end` says.
    pub(super) fn finish_with(self, krate: &TokenStream, end: End) -> EventCode {
        let wire = self;
        let buf = buf();
        let end = match end {
            End::Yield => quote!(yield #buf.finish();),
            End::Markup => quote!(#buf.finish_markup()),
        };
        if let [Chunk::Static(text)] = wire.chunks.as_slice() {
            return EventCode::Static(text.clone());
        }
        let estimate = wire.estimate();
        let first_loop = wire
            .chunks
            .iter()
            .position(|chunk| matches!(chunk, Chunk::Loop(_) | Chunk::If(_)))
            .filter(|&at| matches!(wire.chunks[at], Chunk::Loop(_)));
        let Some(first_loop) = first_loop else {
            let capacity = proc_macro2::Literal::usize_unsuffixed(estimate);
            let writes = chunks(&wire.chunks);
            return EventCode::Dynamic(quote! {
                {
                    let mut #buf = #krate::__private::Buf::with_capacity(#capacity);
                    #writes
                    #end
                }
            });
        };
        let mut values = TokenStream::new();
        let mut writes = TokenStream::new();
        let mut count = 0;
        for chunk in &wire.chunks[..first_loop] {
            match chunk {
                Chunk::Static(text) => {
                    let text = proc_macro2::Literal::byte_string(text.as_bytes());
                    writes.extend(quote!(#buf.push_static(#text);));
                }
                Chunk::Write(write) => {
                    let value = syn::Ident::new(&format!("__v{count}"), Span::mixed_site());
                    count += 1;
                    let inline = write.inline_value();
                    values.extend(quote!(let #value = #inline;));
                    writes.extend((write.statement)(&quote!(#value)));
                }
                Chunk::Loop(_) | Chunk::If(_) => {
                    unreachable!("the first loop or `if` comes after these chunks")
                }
            }
        }
        let Chunk::Loop(LoopWire { pat, iter, body }) = &wire.chunks[first_loop] else {
            unreachable!("`first_loop` is the position of a loop");
        };
        let iterator = iterator();
        let per_item = proc_macro2::Literal::usize_suffixed(body.estimate());
        let estimate = proc_macro2::Literal::usize_suffixed(estimate);
        let body = chunks(&body.chunks);
        writes.extend(quote!(for #pat in #iterator { #body }));
        writes.extend(chunks(&wire.chunks[first_loop + 1..]));
        // A `match` rather than a `let`, as `for` desugars: temporaries of the iterator
        // expression (`[a, b].iter()`) live until the loop is done.
        EventCode::Dynamic(quote! {
            {
                #values
                match ::core::iter::IntoIterator::into_iter(#iter) {
                    #iterator => {
                        let mut #buf = #krate::__private::Buf::with_capacity(#estimate.saturating_add(
                            ::core::iter::Iterator::size_hint(&#iterator).0.saturating_mul(#per_item),
                        ));
                        #writes
                        #end
                    }
                }
            }
        })
    }
}

/// How a template's code ends.
pub(super) enum End {
    /// `yield` the event (`datastar!`).
    Yield,
    /// Evaluate to the `Markup` (`html!`).
    Markup,
}

/// Event code: pre-rendered bytes, or statements ending in `yield`.
pub(super) enum EventCode {
    Static(String),
    Dynamic(TokenStream),
}

pub(super) fn buf() -> syn::Ident {
    // Mixed-site hygiene: user code in holes cannot see or shadow the buffer.
    syn::Ident::new("__buf", Span::mixed_site())
}

pub(super) fn iterator() -> syn::Ident {
    syn::Ident::new("__iter", Span::mixed_site())
}

/// The writes of `chunks` into an allocated buffer.
fn chunks(all: &[Chunk]) -> TokenStream {
    let buf = buf();
    let iterator = iterator();
    all.iter()
        .map(|chunk| match chunk {
            Chunk::Static(text) => {
                let text = proc_macro2::Literal::byte_string(text.as_bytes());
                quote!(#buf.push_static(#text);)
            }
            Chunk::Write(write) => (write.statement)(&write.inline_value()),
            Chunk::Loop(LoopWire { pat, iter, body }) => {
                let per_item = proc_macro2::Literal::usize_suffixed(body.estimate());
                let body = chunks(&body.chunks);
                quote! {
                    match ::core::iter::IntoIterator::into_iter(#iter) {
                        #iterator => {
                            #buf.reserve(
                                ::core::iter::Iterator::size_hint(&#iterator).0.saturating_mul(#per_item),
                            );
                            for #pat in #iterator { #body }
                        }
                    }
                }
            }
            Chunk::If(IfWire { branches }) => {
                let mut code = TokenStream::new();
                for (index, (cond, body)) in branches.iter().enumerate() {
                    let body = chunks(&body.chunks);
                    let keyword = (index > 0).then(|| quote!(else));
                    code.extend(match cond {
                        Some(cond) => quote!(#keyword if #cond { #body }),
                        None => quote!(#keyword { #body }),
                    });
                }
                code
            }
        })
        .collect()
}
