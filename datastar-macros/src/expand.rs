//! The checked model to Rust. Every path is `#crate_path::__private::…` or `::core::…`,
//! so the expansion works under any imports and a renamed dependency. The expander never
//! reports user errors: `check` has accepted the model before this runs.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
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
        html_holes: std::cell::Cell::new(false),
    };
    let krate = expander.krate;
    let warnings = warnings.iter().map(warning);
    if let Some(wire) = expander.static_body(&input.body) {
        let wire = LitStr::new(&wire, Span::call_site());
        return quote! {
            {
                #(#warnings)*
                #krate::__private::static_event_stream(#wire)
            }
        };
    }
    let body = expander.body(&input.body);
    let hole_traits = expander.html_holes.get().then(|| {
        quote! {
            #[allow(unused_imports)]
            use #krate::__private::{AnyHole as _, IntegerHole as _, TextHole as _};
        }
    });
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

/// Template parts into `wire`; a loop becomes a nested wire, so that static text never
/// merges across the loop's boundary.
///
/// HTML holes call `(&&&Hole(value)).write_html_*` with the hole traits in scope (see
/// `use_hole_traits`): autoref specialisation picks a writer for the value's type.
fn template_parts(
    expander: &Expander<'_>,
    wire: &mut Wire,
    parts: &[Part],
    line_prefix: &'static str,
) {
    for part in parts {
        match part {
            Part::Lit(lit) => wire.text(&wire::split_lines(&lit.value(), line_prefix)),
            Part::Hole(hole) => {
                let escape = hole.escape.expect("the checker resolves every hole");
                if matches!(
                    escape,
                    HoleEscape::HtmlText | HoleEscape::HtmlAttr | HoleEscape::UrlAttr
                ) {
                    expander.html_holes.set(true);
                }
                let buf = buf();
                let krate = expander.krate.clone();
                // At the hole's span, so a value of the wrong type is reported there.
                let span = hole.span;
                wire.write(&hole.expr, move |value| match escape {
                    HoleEscape::HtmlText => quote_spanned! {span=>
                        (&&&#krate::__private::Hole(#value)).write_html_text(&mut #buf, #line_prefix);
                    },
                    HoleEscape::HtmlAttr => quote_spanned! {span=>
                        (&&&#krate::__private::Hole(#value)).write_html_attr(&mut #buf, #line_prefix);
                    },
                    HoleEscape::UrlAttr => quote_spanned! {span=>
                        (&&&#krate::__private::Hole(#value)).write_url_attr(&mut #buf, #line_prefix);
                    },
                    HoleEscape::Js => quote!(#buf.push_js(#line_prefix, #value)?;),
                    HoleEscape::JsAttr => quote!(#buf.push_js_attr(#line_prefix, #value)?;),
                });
            }
            Part::Loop(template_loop) => {
                let mut body = Wire::default();
                template_parts(expander, &mut body, &template_loop.body, line_prefix);
                let pat = &template_loop.pat;
                let iter = &template_loop.iter;
                wire.chunks.push(Chunk::Loop(LoopWire {
                    pat: quote!(#pat),
                    iter: quote!(#iter),
                    body,
                }));
            }
        }
    }
}

struct Expander<'a> {
    krate: &'a TokenStream,
    /// Set when an HTML hole is written, so the hole traits are imported only then.
    html_holes: std::cell::Cell<bool>,
}

/// An event's wire bytes as a sequence of compile-time text, run-time writes and loops.
#[derive(Default)]
struct Wire {
    chunks: Vec<Chunk>,
}

enum Chunk {
    Static(String),
    Write(Write),
    Loop(LoopWire),
}

/// One run-time value written into `__buf`.
struct Write {
    /// The value's expression, evaluated once, where the write stands (or, before the
    /// buffer is allocated, in the same order, when a loop follows: see `finish`).
    expr: TokenStream,
    /// The write takes the value by reference (`&(expr)`), else by value.
    by_ref: bool,
    /// The statement writing the value, given the tokens that stand for it.
    statement: Box<dyn Fn(&TokenStream) -> TokenStream>,
}

impl Write {
    /// The tokens of the value written in place: `&(expr)` or `expr`.
    fn inline_value(&self) -> TokenStream {
        let expr = &self.expr;
        if self.by_ref {
            quote!(&(#expr))
        } else {
            quote!(#expr)
        }
    }
}

/// `for PAT in ITER { body }` inside a template.
struct LoopWire {
    pat: TokenStream,
    iter: TokenStream,
    body: Wire,
}

impl Wire {
    fn text(&mut self, text: &str) {
        match self.chunks.last_mut() {
            Some(Chunk::Static(last)) => last.push_str(text),
            _ => self.chunks.push(Chunk::Static(text.to_owned())),
        }
    }

    /// A write of `&(expr)` by `statement`.
    fn write(
        &mut self,
        expr: impl ToTokens,
        statement: impl Fn(&TokenStream) -> TokenStream + 'static,
    ) {
        self.chunks.push(Chunk::Write(Write {
            expr: expr.to_token_stream(),
            by_ref: true,
            statement: Box::new(statement),
        }));
    }

    /// A write of `expr` by value.
    fn write_by_value(
        &mut self,
        expr: impl ToTokens,
        statement: impl Fn(&TokenStream) -> TokenStream + 'static,
    ) {
        self.chunks.push(Chunk::Write(Write {
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
            })
            .sum()
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

fn iterator() -> syn::Ident {
    syn::Ident::new("__iter", Span::mixed_site())
}

impl Expander<'_> {
    /// The wire bytes of a body made of static events only (no waits, no Rust, no
    /// holes, no dynamic options), which needs no generator: one `&'static str`.
    fn static_body(&self, body: &Body) -> Option<String> {
        let mut wire = String::new();
        for stmt in &body.stmts {
            let Stmt::Event(event) = stmt else {
                return None;
            };
            match self.event(event) {
                EventCode::Static(event) => wire.push_str(&event),
                EventCode::Dynamic(_) => return None,
            }
        }
        Some(wire)
    }

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
                    wire.write_by_value(expr, move |value| quote!(#buf.push_retry(#value);));
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

    /// The event's code: a buffer sized once, the writes, `yield`. When the event has a
    /// loop, the values before the first loop and the loop's iterator are evaluated (in
    /// their order) before the buffer is allocated, so that its size can count the
    /// iterator's `size_hint`; later loops reserve for themselves.
    fn finish(&self, wire: Wire) -> EventCode {
        if let [Chunk::Static(text)] = wire.chunks.as_slice() {
            return EventCode::Static(text.clone());
        }
        let krate = self.krate;
        let buf = buf();
        let estimate = wire.estimate();
        let first_loop = wire
            .chunks
            .iter()
            .position(|chunk| matches!(chunk, Chunk::Loop(_)));
        let Some(first_loop) = first_loop else {
            let capacity = proc_macro2::Literal::usize_unsuffixed(estimate);
            let writes = self.chunks(&wire.chunks);
            return EventCode::Dynamic(quote! {
                {
                    let mut #buf = #krate::__private::Buf::with_capacity(#capacity);
                    #writes
                    yield #buf.finish();
                }
            });
        };
        let mut values = TokenStream::new();
        let mut writes = TokenStream::new();
        let mut count = 0;
        for chunk in &wire.chunks[..first_loop] {
            match chunk {
                Chunk::Static(text) => writes.extend(quote!(#buf.push_static(#text);)),
                Chunk::Write(write) => {
                    let value = syn::Ident::new(&format!("__v{count}"), Span::mixed_site());
                    count += 1;
                    let inline = write.inline_value();
                    values.extend(quote!(let #value = #inline;));
                    writes.extend((write.statement)(&quote!(#value)));
                }
                Chunk::Loop(_) => unreachable!("the first loop comes after these chunks"),
            }
        }
        let Chunk::Loop(LoopWire { pat, iter, body }) = &wire.chunks[first_loop] else {
            unreachable!("`first_loop` is the position of a loop");
        };
        let iterator = iterator();
        let per_item = proc_macro2::Literal::usize_suffixed(body.estimate());
        let estimate = proc_macro2::Literal::usize_suffixed(estimate);
        let body = self.chunks(&body.chunks);
        writes.extend(quote!(for #pat in #iterator { #body }));
        writes.extend(self.chunks(&wire.chunks[first_loop + 1..]));
        EventCode::Dynamic(quote! {
            {
                #values
                let #iterator = ::core::iter::IntoIterator::into_iter(#iter);
                let mut #buf = #krate::__private::Buf::with_capacity(#estimate.saturating_add(
                    ::core::iter::Iterator::size_hint(&#iterator).0.saturating_mul(#per_item),
                ));
                #writes
                yield #buf.finish();
            }
        })
    }

    /// The writes of `chunks` into an allocated buffer.
    fn chunks(&self, chunks: &[Chunk]) -> TokenStream {
        let buf = buf();
        let iterator = iterator();
        chunks
            .iter()
            .map(|chunk| match chunk {
                Chunk::Static(text) => quote!(#buf.push_static(#text);),
                Chunk::Write(write) => (write.statement)(&write.inline_value()),
                Chunk::Loop(LoopWire { pat, iter, body }) => {
                    let per_item = proc_macro2::Literal::usize_suffixed(body.estimate());
                    let body = self.chunks(&body.chunks);
                    quote! {
                        let #iterator = ::core::iter::IntoIterator::into_iter(#iter);
                        #buf.reserve(
                            ::core::iter::Iterator::size_hint(&#iterator).0.saturating_mul(#per_item),
                        );
                        for #pat in #iterator { #body }
                    }
                }
            })
            .collect()
    }

    /// `prefix value\n` for a single-line field; dynamic values are checked for line
    /// breaks at run time.
    fn line_field(&self, wire: &mut Wire, prefix: &str, field: &str, value: &Text) {
        wire.text(prefix);
        match value {
            Text::Lit(lit) => wire.text(&lit.value()),
            Text::Expr(expr) => {
                let buf = buf();
                let field = field.to_owned();
                wire.write(expr, move |value| {
                    quote!(#buf.push_line_value(#field, ::core::convert::AsRef::<str>::as_ref(#value))?;)
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
                wire.write(expr, move |value| quote!(#buf.push_html(#PREFIX, #value);));
            }
        }
        wire.text("\n\n");
    }

    fn template(&self, wire: &mut Wire, template: &Template, line_prefix: &'static str) {
        template_parts(self, wire, &template.parts, line_prefix);
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
        wire.write(
            expr,
            move |value| quote!(#buf.push_json("\ndata: signals ", #value)?;),
        );
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
                    wire.write(
                        expr,
                        move |value| quote!(#buf.push_html_attr(#PREFIX, #value);),
                    );
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
                wire.write(
                    expr,
                    move |value| quote!(#buf.push_script(#PREFIX, #value);),
                );
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
                wire.write(expr, move |value| quote!(#buf.push_redirect_url(#value)?;));
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
