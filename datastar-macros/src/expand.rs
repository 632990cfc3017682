//! The checked model to Rust. Every path is `#crate_path::__private::…` or `::core::…`,
//! so the expansion works under any imports and a renamed dependency. The expander never
//! reports user errors: `check` has accepted the model before this runs.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::LitStr;

use crate::diagnostics::Warning;
use crate::model::*;
use crate::wire;

/// Bytes reserved in a template's buffer for each dynamic value, on top of the static
/// parts; the buffer grows if a value is longer.
const HOLE_ALLOWANCE: usize = 32;

pub(crate) fn expand(input: &Input, warnings: &[Warning]) -> TokenStream {
    let expander = Expander {
        krate: &input.crate_path,
    };
    let krate = expander.krate;
    let body = expander.body(&input.body);
    let warnings = warnings.iter().map(warning);
    quote! {
        {
            #(#warnings)*
            #krate::__private::into_event_stream(#krate::__private::try_stream! { #body })
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
            #crate_path::__private::into_event_stream(#crate_path::__private::try_stream! {
                yield #crate_path::__private::Event::from_static("");
            })
        }
    }
}

/// A `#[deprecated]` item used at the warning's span: a real, `allow`-able warning on
/// stable Rust.
fn warning(warning: &Warning) -> TokenStream {
    let name = format_ident!("{}", warning.rule, span = warning.span);
    let note = &warning.message;
    quote_spanned! {warning.span=>
        {
            #[deprecated(note = #note)]
            fn #name() {}
            #name();
        }
    }
}

struct Expander<'a> {
    krate: &'a TokenStream,
}

/// An event's wire bytes as a sequence of compile-time text and run-time writes.
#[derive(Default)]
struct Wire {
    chunks: Vec<Chunk>,
}

enum Chunk {
    Static(String),
    /// A statement writing into `__buf`.
    Code(TokenStream),
}

impl Wire {
    fn text(&mut self, text: &str) {
        match self.chunks.last_mut() {
            Some(Chunk::Static(last)) => last.push_str(text),
            _ => self.chunks.push(Chunk::Static(text.to_owned())),
        }
    }

    fn code(&mut self, code: TokenStream) {
        self.chunks.push(Chunk::Code(code));
    }
}

/// Event code: pre-rendered bytes, or statements ending in `yield`.
enum EventCode {
    Static(String),
    Dynamic(TokenStream),
}

fn buf() -> syn::Ident {
    // Mixed-site hygiene: user code in holes cannot see or shadow the buffer.
    syn::Ident::new("__buf", Span::mixed_site())
}

impl Expander<'_> {
    fn body(&self, body: &Body) -> TokenStream {
        let krate = self.krate;
        let mut out = TokenStream::new();
        let mut pending = String::new();
        let flush = |out: &mut TokenStream, pending: &mut String| {
            if !pending.is_empty() {
                let wire = LitStr::new(pending, Span::call_site());
                out.extend(quote! { yield #krate::__private::Event::from_static(#wire); });
                pending.clear();
            }
        };
        for stmt in &body.stmts {
            if let Stmt::Event(event) = stmt {
                match self.event(event) {
                    EventCode::Static(wire) => pending.push_str(&wire),
                    EventCode::Dynamic(code) => {
                        flush(&mut out, &mut pending);
                        out.extend(code);
                    }
                }
                continue;
            }
            flush(&mut out, &mut pending);
            out.extend(self.stmt(stmt));
        }
        flush(&mut out, &mut pending);
        out
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
            Stmt::If(if_stmt) => self.if_stmt(if_stmt),
            Stmt::Match(match_stmt) => {
                let expr = &match_stmt.expr;
                let arms = match_stmt.arms.iter().map(|arm| {
                    let pat = &arm.pat;
                    let guard = arm.guard.as_ref().map(|guard| quote!(if #guard));
                    let body = match &arm.body {
                        ArmBody::Block(body) => {
                            let body = self.body(body);
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
                let body = self.body(&loop_stmt.body);
                match &loop_stmt.kind {
                    LoopKind::For { pat, iter } => quote! { #label for #pat in #iter { #body } },
                    LoopKind::While { cond } => quote! { #label while #cond { #body } },
                    LoopKind::Loop => quote! { #label loop { #body } },
                }
            }
            Stmt::Block(block) => {
                let label = &block.label;
                let body = self.body(&block.body);
                quote! { #label { #body } }
            }
        }
    }

    fn if_stmt(&self, if_stmt: &IfStmt) -> TokenStream {
        let cond = &if_stmt.cond;
        let then_branch = self.body(&if_stmt.then_branch);
        let else_branch = match &if_stmt.else_branch {
            Some(Else::If(nested)) => {
                let nested = self.if_stmt(nested);
                quote!(else #nested)
            }
            Some(Else::Block(body)) => {
                let body = self.body(body);
                quote!(else { #body })
            }
            None => TokenStream::new(),
        };
        quote! { if #cond { #then_branch } #else_branch }
    }

    fn event(&self, event: &Event) -> EventCode {
        let mut wire = Wire::default();
        let event_type = match event.kind {
            EventKind::Signals(_) => "datastar-patch-signals",
            _ => "datastar-patch-elements",
        };
        wire.text(&format!("event: {event_type}\n"));
        if let Some(id) = &event.id {
            self.line_field(&mut wire, "id: ", "id", &id.value);
        }
        if let Some(retry) = &event.retry {
            match &retry.value {
                DurationArg::Millis(millis) if millis.value == 1000 => {}
                DurationArg::Millis(millis) => wire.text(&format!("retry: {}\n", millis.value)),
                DurationArg::Expr(expr) => {
                    let buf = buf();
                    wire.code(quote!(#buf.push_retry(#expr);));
                }
            }
        }
        match &event.kind {
            EventKind::Elements(elements) => self.elements(&mut wire, elements),
            EventKind::Remove(remove) => {
                self.line_field(&mut wire, "data: selector ", "selector", &remove.selector);
                wire.text("data: mode remove\n");
                self.view_transition(&mut wire, &remove.patch);
                wire.text("\n");
            }
            EventKind::Signals(signals) => self.signals(&mut wire, signals),
            EventKind::Script(script) => self.script(&mut wire, script),
            EventKind::Redirect(redirect) => self.redirect(&mut wire, redirect),
        }
        self.finish(wire)
    }

    fn finish(&self, wire: Wire) -> EventCode {
        if let [Chunk::Static(text)] = wire.chunks.as_slice() {
            return EventCode::Static(text.clone());
        }
        let krate = self.krate;
        let buf = buf();
        let mut capacity = 0;
        let writes: Vec<TokenStream> = wire
            .chunks
            .into_iter()
            .map(|chunk| match chunk {
                Chunk::Static(text) => {
                    capacity += text.len();
                    quote!(#buf.push_static(#text);)
                }
                Chunk::Code(code) => {
                    capacity += HOLE_ALLOWANCE;
                    code
                }
            })
            .collect();
        let capacity = proc_macro2::Literal::usize_unsuffixed(capacity);
        EventCode::Dynamic(quote! {
            {
                let mut #buf = #krate::__private::Buf::with_capacity(#capacity);
                #(#writes)*
                yield #buf.finish();
            }
        })
    }

    /// `prefix value\n` for a single-line field; dynamic values are checked for line
    /// breaks at run time.
    fn line_field(&self, wire: &mut Wire, prefix: &str, field: &str, value: &Text) {
        wire.text(prefix);
        match value {
            Text::Lit(lit) => wire.text(&lit.value()),
            Text::Expr(expr) => {
                let buf = buf();
                wire.code(quote! {
                    #buf.push_line_value(#field, ::core::convert::AsRef::<str>::as_ref(&(#expr)))?;
                });
            }
        }
        wire.text("\n");
    }

    fn view_transition(&self, wire: &mut Wire, patch: &PatchOptions) {
        if patch.view_transition.is_some() {
            wire.text("data: useViewTransition true\n");
            if let Some(selector) = &patch.view_transition_selector {
                self.line_field(
                    wire,
                    "data: viewTransitionSelector ",
                    "viewTransitionSelector",
                    &selector.value,
                );
            }
        }
    }

    fn elements(&self, wire: &mut Wire, elements: &Elements) {
        let patch = &elements.patch;
        if let Some(selector) = &patch.selector {
            self.line_field(wire, "data: selector ", "selector", &selector.value);
        }
        if let Some(mode) = &patch.mode
            && mode.value.value != Mode::Outer
        {
            wire.text(&format!("data: mode {}\n", mode.value.value.wire_name()));
        }
        self.view_transition(wire, patch);
        if let Some(namespace) = &patch.namespace {
            wire.text(&format!(
                "data: namespace {}\n",
                namespace.value.value.wire_name()
            ));
        }
        const PREFIX: &str = "\ndata: elements ";
        wire.text("data: elements ");
        match &elements.content {
            Content::Template(template) => self.template(wire, template, PREFIX),
            Content::Expr(expr) => {
                let buf = buf();
                wire.code(quote!(#buf.push_html(#PREFIX, &(#expr));));
            }
        }
        wire.text("\n\n");
    }

    fn template(&self, wire: &mut Wire, template: &Template, line_prefix: &str) {
        let buf = buf();
        for part in &template.parts {
            match part {
                Part::Lit(lit) => wire.text(&wire::split_lines(&lit.value(), line_prefix)),
                Part::Hole(hole) => {
                    let expr = &hole.expr;
                    let escape = hole.escape.expect("the checker resolves every hole");
                    wire.code(match escape {
                        HoleEscape::HtmlText => {
                            quote!(#buf.push_html_text(#line_prefix, &(#expr));)
                        }
                        HoleEscape::HtmlAttr => {
                            quote!(#buf.push_html_attr(#line_prefix, &(#expr));)
                        }
                        HoleEscape::Js => quote!(#buf.push_js(#line_prefix, &(#expr))?;),
                        HoleEscape::JsAttr => quote!(#buf.push_js_attr(#line_prefix, &(#expr))?;),
                    });
                }
            }
        }
    }

    fn signals(&self, wire: &mut Wire, signals: &Signals) {
        if signals.only_if_missing.is_some() {
            wire.text("data: onlyIfMissing true\n");
        }
        wire.text("data: signals ");
        match &signals.value {
            SignalsValue::Object(object) => self.json_object(wire, object),
            SignalsValue::Expr(expr) => self.json_expr(wire, expr),
        }
        wire.text("\n\n");
    }

    fn json_expr(&self, wire: &mut Wire, expr: &syn::Expr) {
        let buf = buf();
        wire.code(quote!(#buf.push_json("\ndata: signals ", &(#expr))?;));
    }

    fn json_object(&self, wire: &mut Wire, object: &JsonObject) {
        wire.text("{");
        for (index, entry) in object.entries.iter().enumerate() {
            if index > 0 {
                wire.text(",");
            }
            wire.text(&wire::json_string(&entry.key));
            wire.text(":");
            self.json_value(wire, &entry.value);
        }
        wire.text("}");
    }

    fn json_value(&self, wire: &mut Wire, value: &JsonValue) {
        match value {
            JsonValue::Null => wire.text("null"),
            JsonValue::Literal { negative, lit } => wire.text(
                &wire::json_literal(lit, *negative)
                    .expect("the checker accepts only JSON literals"),
            ),
            JsonValue::Object(object) => self.json_object(wire, object),
            JsonValue::Array(items) => {
                wire.text("[");
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        wire.text(",");
                    }
                    self.json_value(wire, item);
                }
                wire.text("]");
            }
            JsonValue::Expr(expr) => self.json_expr(wire, expr),
        }
    }

    /// The opening of an ExecuteScript event, up to and including `<script …>`.
    fn script_open(&self, wire: &mut Wire, attributes: &[ScriptAttribute], auto_remove: bool) {
        const PREFIX: &str = "\ndata: elements ";
        wire.text("data: selector body\ndata: mode append\ndata: elements <script");
        for attribute in attributes {
            wire.text(&format!(" {}=\"", attribute.name));
            match &attribute.value {
                Text::Lit(lit) => wire.text(&wire::split_lines(
                    &wire::escape_attribute(&lit.value()),
                    PREFIX,
                )),
                Text::Expr(expr) => {
                    let buf = buf();
                    wire.code(quote!(#buf.push_html_attr(#PREFIX, &(#expr));));
                }
            }
            wire.text("\"");
        }
        if auto_remove {
            wire.text(" data-effect=\"el.remove()\"");
        }
        wire.text(">");
    }

    fn script(&self, wire: &mut Wire, script: &Script) {
        const PREFIX: &str = "\ndata: elements ";
        let auto_remove = script
            .auto_remove
            .as_ref()
            .is_none_or(|auto_remove| auto_remove.value.value);
        self.script_open(wire, &script.attributes, auto_remove);
        match &script.content {
            Content::Template(template) => self.template(wire, template, PREFIX),
            Content::Expr(expr) => {
                let buf = buf();
                wire.code(quote!(#buf.push_script(#PREFIX, &(#expr));));
            }
        }
        wire.text("</script>\n\n");
    }

    fn redirect(&self, wire: &mut Wire, redirect: &Redirect) {
        self.script_open(wire, &[], true);
        match &redirect.url {
            Text::Lit(url) => wire.text(&wire::redirect_script(&url.value())),
            Text::Expr(expr) => {
                let buf = buf();
                wire.text("setTimeout(() => window.location.href = ");
                wire.code(quote!(#buf.push_redirect_url(&(#expr))?;));
                wire.text(")");
            }
        }
        wire.text("</script>\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    fn expand_tokens(tokens: TokenStream) -> String {
        let mut diagnostics = Diagnostics::default();
        let mut input = crate::parse::parse_input(tokens, &mut diagnostics).unwrap();
        crate::check::check(&mut input, &mut diagnostics);
        assert!(
            !diagnostics.has_errors(),
            "{:?}",
            diagnostics.combined_error()
        );
        expand(&input, diagnostics.warnings()).to_string()
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
            r#""event: datastar-patch-elements\ndata: elements <p id='a'>1</p>\n\nevent: datastar-patch-signals\ndata: signals {\"a\":1}\n\n""#
        ));
        assert!(expanded.contains(
            r#""event: datastar-patch-elements\ndata: selector #a\ndata: mode remove\n\n""#
        ));
    }
}
