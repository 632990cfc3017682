//! `?` in the body. async-stream turns each `?` into a `match` on `Result` written at the
//! macro's own span, so `?` on an `Option`, or on an error that does not convert, would be
//! reported at the whole macro with a type mismatch. Each `?` of the user's code is first
//! routed through `__private::stream_try`, at the operand's span, whose bound says what
//! `?` takes in a stream.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item};

use super::wire::buf;

/// `body` with each `?` of the user's code routed through `stream_try`; `body` as it is
/// if it does not parse as statements (it always does: the fuzz test checks it).
pub(super) fn route_tries(body: TokenStream, krate: &TokenStream) -> TokenStream {
    let Ok(mut block) = syn::parse2::<syn::Block>(quote!({ #body })) else {
        return body;
    };
    Tries { krate }.visit_block_mut(&mut block);
    let stmts = &block.stmts;
    quote!(#(#stmts)*)
}

struct Tries<'a> {
    krate: &'a TokenStream,
}

impl VisitMut for Tries<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        // A `?` in a closure or async block returns from that, not from the stream.
        if matches!(expr, Expr::Closure(_) | Expr::Async(_)) {
            return;
        }
        visit_mut::visit_expr_mut(self, expr);
        if let Expr::Try(try_expr) = expr
            && !is_generated(&try_expr.expr)
        {
            let operand = &try_expr.expr;
            let krate = self.krate;
            let routed = quote_spanned!(operand.span()=> #krate::__private::stream_try(#operand));
            if let Ok(routed) = syn::parse2(routed) {
                *try_expr.expr = routed;
            }
        }
    }

    /// Items (a nested `fn`) have their own `?`.
    fn visit_item_mut(&mut self, _: &mut Item) {}
}

/// The expansion's own `?`s, on the buffer's writes: their errors are `EncodeError`.
fn is_generated(operand: &Expr) -> bool {
    let Expr::MethodCall(call) = operand else {
        return false;
    };
    let is_buf = |expr: &Expr| match expr {
        Expr::Path(path) => path.path.is_ident(&buf()),
        Expr::Reference(reference) => {
            matches!(&*reference.expr, Expr::Path(path) if path.path.is_ident(&buf()))
        }
        _ => false,
    };
    is_buf(&call.receiver) || call.args.iter().any(is_buf)
}
