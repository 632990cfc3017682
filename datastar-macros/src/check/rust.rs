//! Rules about the ordinary Rust between statements: what means something else inside a
//! stream than in a function.

use syn::visit::Visit;

use super::Checker;
use crate::rule;

impl Checker<'_> {
    /// `return VALUE;`: the body is a stream, and `return` only ends it.
    pub(super) fn rust_stmt(&mut self, stmt: &syn::Stmt) {
        let mut returns = Returns::default();
        returns.visit_stmt(stmt);
        self.report_returns(returns);
    }

    pub(super) fn rust_expr(&mut self, expr: &syn::Expr) {
        let mut returns = Returns::default();
        returns.visit_expr(expr);
        self.report_returns(returns);
    }

    fn report_returns(&mut self, returns: Returns) {
        for span in returns.with_value {
            self.diagnostics.error(
                span,
                rule::return_a_value.says("`return` in `datastar!` ends the stream and takes no value: the body is a stream of events, not a function\n\nhelp: write `return;`; to end the stream with an error, write `Err(error)?;`"),
            );
        }
    }
}

/// Every `return VALUE` that returns from the stream: not one inside a closure, an
/// `async` block or a nested item.
#[derive(Default)]
struct Returns {
    with_value: Vec<proc_macro2::Span>,
}

impl<'ast> Visit<'ast> for Returns {
    fn visit_expr_return(&mut self, expr: &'ast syn::ExprReturn) {
        if expr.expr.is_some() {
            self.with_value.push(expr.return_token.span);
        }
        syn::visit::visit_expr_return(self, expr);
    }

    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}

    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
