//! Rules about the order and pace of events: nothing after a redirect, no trailing wait,
//! and no loop that sends events without pausing.

use syn::visit_mut::VisitMut;

use super::Checker;
use crate::model::*;
use crate::rule;

impl Checker<'_> {
    /// A `loop` or `while` that sends events must pause somewhere, or it floods the client
    /// as fast as the server can write; so must a `for` over an endless iterator.
    pub(super) fn loop_pace(&mut self, loop_stmt: &LoopStmt) {
        if !contains_event(&loop_stmt.body) || pauses(&loop_stmt.body) {
            return;
        }
        let message = match &loop_stmt.kind {
            LoopKind::While { cond } if !awaits_expr(cond) => {
                rule::while_without_wait.says("this `while` sends events without any `wait` or `.await`: it would flood the browser with events as fast as the server can write them\n\nhelp: add `wait 1s;` (or await something, such as a channel) inside the loop")
            }
            LoopKind::Loop => rule::loop_without_wait.says("this `loop` sends events without any `wait` or `.await`: it would flood the browser with events as fast as the server can write them\n\nhelp: add `wait 1s;` (or await something, such as a channel) inside the loop"),
            LoopKind::For { iter, .. } => match endless(iter) {
                Some(why) => rule::endless_for_without_wait.says(format!(
                    "this `for` runs over an endless iterator ({why}) and sends events without any `wait` or `.await`: it would flood the browser with events as fast as the server can write them\n\nhelp: add `wait 1s;` (or await something) inside the loop, or bound the iterator with `.take(n)`"
                )),
                None => return,
            },
            LoopKind::While { .. } => return,
        };
        self.diagnostics.error(loop_stmt.keyword, message);
    }

    /// An event after `redirect` in the same block never reaches the page. Called for
    /// each statement of a block in turn; returns whether a redirect came before the next.
    pub(super) fn after_redirect(&mut self, stmt: &Stmt, redirected: bool) -> bool {
        if redirected && let Some(keyword) = first_event(stmt) {
            self.diagnostics.error(
                keyword.span(),
                rule::event_after_redirect.says(format!("`{keyword}` after `redirect` never reaches the page: the redirect navigates the browser away and closes this stream\n\nhelp: send it before the `redirect`, or remove it")),
            );
            return false;
        }
        redirected
            || matches!(stmt, Stmt::Event(event) if matches!(event.kind, EventKind::Redirect(_)))
    }

    pub(super) fn wait(&mut self, wait: &Wait) {
        if let DurationArg::Millis(millis) = &wait.duration
            && millis.value == 0
        {
            self.diagnostics.error(
                millis.span,
                rule::zero_wait.says("`wait` for zero time does nothing\n\nhelp: remove it, or wait for a positive duration such as `250ms`"),
            );
        }
    }

    /// A `wait` that is the last thing the whole stream does only delays its end.
    pub(super) fn trailing_waits(&mut self, body: &Body) {
        match body.stmts.last() {
            Some(Stmt::Wait(wait)) => self.diagnostics.error(
                wait.keyword.span(),
                rule::trailing_wait.says("`wait` at the end of the stream sends nothing after it: it only keeps the connection open longer\n\nhelp: remove it, or send an event after it"),
            ),
            Some(Stmt::If(if_stmt)) => {
                let mut branch = Some(if_stmt);
                while let Some(if_stmt) = branch {
                    self.trailing_waits(&if_stmt.then_branch);
                    branch = match &if_stmt.else_branch {
                        Some(Else::If(nested)) => Some(nested),
                        Some(Else::Block(body)) => {
                            self.trailing_waits(body);
                            None
                        }
                        None => None,
                    };
                }
            }
            Some(Stmt::Match(match_stmt)) => {
                for arm in &match_stmt.arms {
                    if let ArmBody::Block(body) = &arm.body {
                        self.trailing_waits(body);
                    }
                }
            }
            Some(Stmt::Block(block)) => self.trailing_waits(&block.body),
            _ => {}
        }
    }
}

/// Why `iter` never ends, judged from its syntax alone: `a..`, `repeat(…)`,
/// `repeat_with(…)`, `.cycle()`, and adapters over those that do not bound them.
fn endless(iter: &syn::Expr) -> Option<String> {
    use syn::Expr;
    match iter {
        Expr::Range(range) if range.end.is_none() => Some(format!(
            "`{}..`",
            range
                .start
                .as_ref()
                .map(|start| quote::ToTokens::to_token_stream(start).to_string())
                .unwrap_or_default()
        )),
        Expr::Paren(inner) => endless(&inner.expr),
        Expr::Group(inner) => endless(&inner.expr),
        Expr::Reference(inner) => endless(&inner.expr),
        Expr::Call(call) => {
            let Expr::Path(path) = &*call.func else {
                return None;
            };
            let name = path.path.segments.last()?.ident.to_string();
            matches!(name.as_str(), "repeat" | "repeat_with").then(|| format!("`{name}(…)`"))
        }
        Expr::MethodCall(call) => match call.method.to_string().as_str() {
            "cycle" => Some("`.cycle()`".to_owned()),
            "take" | "take_while" | "map_while" => None,
            "zip" => endless(&call.receiver).and(call.args.first().and_then(endless)),
            "chain" => endless(&call.receiver).or_else(|| call.args.first().and_then(endless)),
            _ => endless(&call.receiver),
        },
        _ => None,
    }
}

/// The keyword of the first event statement in `stmt`, looking into nested blocks.
fn first_event(stmt: &Stmt) -> Option<&syn::Ident> {
    match stmt {
        Stmt::Event(event) => Some(&event.keyword),
        Stmt::Send(send) => Some(&send.keyword),
        Stmt::Wait(_) | Stmt::Rust(_) => None,
        Stmt::If(if_stmt) => first_event_in_if(if_stmt),
        Stmt::Match(match_stmt) => match_stmt.arms.iter().find_map(|arm| match &arm.body {
            ArmBody::Block(body) => first_event_in(body),
            ArmBody::Expr(_) => None,
        }),
        Stmt::Loop(loop_stmt) => first_event_in(&loop_stmt.body),
        Stmt::Block(block) => first_event_in(&block.body),
    }
}

fn first_event_in_if(if_stmt: &IfStmt) -> Option<&syn::Ident> {
    first_event_in(&if_stmt.then_branch).or_else(|| match &if_stmt.else_branch {
        Some(Else::If(nested)) => first_event_in_if(nested),
        Some(Else::Block(body)) => first_event_in(body),
        None => None,
    })
}

fn first_event_in(body: &Body) -> Option<&syn::Ident> {
    body.stmts.iter().find_map(first_event)
}

pub(super) fn contains_event(body: &Body) -> bool {
    first_event_in(body).is_some()
}

/// True when `body` pauses: a `wait`, or an `.await` that the loop itself waits for.
fn pauses(body: &Body) -> bool {
    body.stmts.iter().any(|stmt| match stmt {
        Stmt::Wait(_) => true,
        // What is sent may await, but need not: a loop of `send`s must pause by itself.
        Stmt::Event(_) | Stmt::Send(_) => false,
        Stmt::Rust(stmt) => {
            let mut visitor = Awaits::default();
            visitor.visit_stmt_mut(&mut stmt.as_ref().clone());
            visitor.found
        }
        Stmt::If(if_stmt) => if_pauses(if_stmt),
        Stmt::Match(match_stmt) => {
            awaits_expr(&match_stmt.expr)
                || match_stmt.arms.iter().any(|arm| match &arm.body {
                    ArmBody::Block(body) => pauses(body),
                    ArmBody::Expr(expr) => awaits_expr(expr),
                })
        }
        Stmt::Loop(loop_stmt) => pauses(&loop_stmt.body),
        Stmt::Block(block) => pauses(&block.body),
    })
}

fn if_pauses(if_stmt: &IfStmt) -> bool {
    awaits_expr(&if_stmt.cond)
        || pauses(&if_stmt.then_branch)
        || match &if_stmt.else_branch {
            Some(Else::If(nested)) => if_pauses(nested),
            Some(Else::Block(body)) => pauses(body),
            None => false,
        }
}

fn awaits_expr(expr: &syn::Expr) -> bool {
    let mut visitor = Awaits::default();
    visitor.visit_expr_mut(&mut expr.clone());
    visitor.found
}

/// Finds an `.await` that pauses the code it stands in: not one inside a closure, an
/// `async` block (a future that may never be awaited here, such as one given to
/// `tokio::spawn`) or a nested item. Macro bodies are opaque tokens: an `.await` in them
/// counts, and so do `select!` and `join!`, which await their branches.
#[derive(Default)]
struct Awaits {
    found: bool,
}

impl VisitMut for Awaits {
    fn visit_expr_await_mut(&mut self, _: &mut syn::ExprAwait) {
        self.found = true;
    }

    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}

    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string());
        self.found |= matches!(name.as_deref(), Some("select" | "join" | "try_join"))
            || tokens_await(mac.tokens.clone());
    }
}

/// `. await` in tokens, including inside groups.
fn tokens_await(tokens: proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    let mut previous_was_dot = false;
    for tree in tokens {
        match &tree {
            TokenTree::Ident(ident) if previous_was_dot && ident == "await" => return true,
            TokenTree::Group(group) if tokens_await(group.stream()) => return true,
            _ => {}
        }
        previous_was_dot = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '.');
    }
    false
}
