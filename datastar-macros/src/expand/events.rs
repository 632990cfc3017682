//! Each event statement's wire bytes: the head, the options, the content.

use datastar_wire::escape::{Escape, escape_str};
use datastar_wire::json::json_string;
use datastar_wire::protocol::{
    DEFAULT_RETRY_MS, ELEMENTS_LINE, ELEMENTS_NEXT_LINE, EVENT_LINE, ID_LINE, MODE_LINE,
    NAMESPACE_LINE, ONLY_IF_MISSING_LINE, PATCH_ELEMENTS, PATCH_SIGNALS, RETRY_LINE, SELECTOR_LINE,
    SIGNALS_LINE, SIGNALS_NEXT_LINE, VIEW_TRANSITION_LINE, VIEW_TRANSITION_SELECTOR_LINE,
};
use datastar_wire::script::{REDIRECT_CLOSE, REDIRECT_OPEN, SCRIPT_CLOSE, SCRIPT_PATCH};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::Expander;
use super::wire::{EventCode, Wire, buf};
use crate::markup::JsonKind;
use crate::model::*;

impl Expander<'_> {
    pub(super) fn event(&self, event: &Event) -> EventCode {
        let mut wire = Wire::default();
        let event_type = match event.kind {
            EventKind::Signals(_) => PATCH_SIGNALS,
            _ => PATCH_ELEMENTS,
        };
        wire.text(&format!("{EVENT_LINE}{event_type}\n"));
        if let Some(id) = &event.id {
            self.line_field(&mut wire, ID_LINE, "id", &id.value);
        }
        if let Some(retry) = &event.retry {
            match &retry.value {
                DurationArg::Millis(millis) if millis.value == DEFAULT_RETRY_MS => {}
                DurationArg::Millis(millis) => {
                    wire.text(&format!("{RETRY_LINE}{}\n", millis.value));
                }
                DurationArg::Expr(expr) => {
                    let buf = buf();
                    wire.write_by_value(expr, move |value| quote!(#buf.push_retry(#value);));
                }
            }
        }
        match &event.kind {
            EventKind::Elements(elements) => self.elements(&mut wire, elements),
            EventKind::Remove(remove) => {
                self.line_field(&mut wire, SELECTOR_LINE, "selector", &remove.selector);
                wire.text(&format!("{MODE_LINE}{}\n", Mode::Remove.as_str()));
                self.view_transition(&mut wire, &remove.patch);
                wire.text("\n");
            }
            EventKind::Signals(signals) => self.signals(&mut wire, signals),
            EventKind::Script(script) => self.script(&mut wire, script),
            EventKind::Redirect(redirect) => self.redirect(&mut wire, redirect),
            EventKind::Console(console) => self.console(&mut wire, console),
            EventKind::Dispatch(dispatch) => self.dispatch(&mut wire, dispatch),
            EventKind::ReplaceUrl(replace) => self.replace_url(&mut wire, replace),
            EventKind::Prefetch(prefetch) => self.prefetch(&mut wire, prefetch),
        }
        wire.finish(self.krate)
    }

    /// `prefix value\n` for a single-line field; dynamic values are checked for line
    /// breaks (and selectors for what the browser parses) at run time.
    fn line_field(&self, wire: &mut Wire, prefix: &str, field: &str, value: &Text) {
        wire.text(prefix);
        match value {
            Text::Lit(lit) => wire.text(&lit.value()),
            Text::Expr(expr) if field == "id" => {
                let buf = buf();
                wire.write(expr, move |value| {
                    quote!(#buf.push_id(::core::convert::AsRef::<str>::as_ref(#value))?;)
                });
            }
            Text::Expr(expr) if field == "selector" || field == "viewTransitionSelector" => {
                let buf = buf();
                let field = field.to_owned();
                wire.write(expr, move |value| {
                    quote!(#buf.push_selector(#field, ::core::convert::AsRef::<str>::as_ref(#value))?;)
                });
            }
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
            wire.text(VIEW_TRANSITION_LINE);
            if let Some(selector) = &patch.view_transition_selector {
                self.line_field(
                    wire,
                    VIEW_TRANSITION_SELECTOR_LINE,
                    "viewTransitionSelector",
                    &selector.value,
                );
            }
        }
    }

    fn elements(&self, wire: &mut Wire, elements: &Elements) {
        let patch = &elements.patch;
        if let Some(selector) = &patch.selector {
            self.line_field(wire, SELECTOR_LINE, "selector", &selector.value);
        }
        if let Some(mode) = &patch.mode
            && mode.value.value != Mode::Outer
        {
            wire.text(&format!("{MODE_LINE}{}\n", mode.value.value.as_str()));
        }
        self.view_transition(wire, patch);
        if let Some(namespace) = &patch.namespace {
            wire.text(&format!(
                "{NAMESPACE_LINE}{}\n",
                namespace.value.value.as_str()
            ));
        }
        wire.text(ELEMENTS_LINE);
        self.content(wire, &elements.content, "push_content");
        wire.text("\n\n");
    }

    /// Element or script content: a template's parts, or an expression written by the
    /// runtime's `writer` (`push_content` for HTML, `push_script` for script text).
    fn content(&self, wire: &mut Wire, content: &Content, writer: &str) {
        match content {
            Content::Template(template) => {
                self.template_parts(wire, &template.parts, ELEMENTS_NEXT_LINE)
            }
            Content::Expr(expr) => {
                let buf = buf();
                let writer = syn::Ident::new(writer, proc_macro2::Span::call_site());
                wire.write(
                    expr,
                    move |value| quote!(#buf.#writer(#ELEMENTS_NEXT_LINE, #value);),
                );
            }
        }
    }

    fn signals(&self, wire: &mut Wire, signals: &Signals) {
        if signals.only_if_missing.is_some() {
            wire.text(ONLY_IF_MISSING_LINE);
        }
        wire.text(SIGNALS_LINE);
        self.json(wire, &signals.value, JsonIn::Signals);
        wire.text("\n\n");
    }

    /// A JSON value: a signals object, or a `detail` inside a script.
    pub(super) fn json(&self, wire: &mut Wire, value: &SignalsValue, place: JsonIn) {
        match value {
            SignalsValue::Object(object) => self.json_object(wire, object, place, Some("")),
            SignalsValue::Expr(expr) => self.json_expr(wire, expr, place, None),
        }
    }

    /// `expr`'s JSON; `path` is the signal it sets in a `signals { … }` object.
    fn json_expr(&self, wire: &mut Wire, expr: &syn::Expr, place: JsonIn, path: Option<&str>) {
        let buf = buf();
        // At the value's span: a value that is not `Serialize`, or whose kind of JSON the
        // signal's field cannot hold, is reported there.
        let span = expr.span();
        let kind_check = match (place, path) {
            (JsonIn::Signals, Some(path)) => self.value_kind_check(path),
            _ => None,
        };
        let krate = self.krate.clone();
        wire.write(expr, move |value| match (place, &kind_check) {
            (JsonIn::Signals, Some((field_kinds, kinds))) => {
                // The value is bound once: the check and the write share it.
                let bound =
                    proc_macro2::Ident::new("__signal_value", proc_macro2::Span::mixed_site());
                // The user's expression stands outside the block of the check, whose
                // constant would otherwise be in its scope.
                quote_spanned! {span=>
                    {
                        let #bound = #value;
                        {
                            #[allow(unused_imports)]
                            use #krate::__private::{KnownKind as _, UnknownKind as _};
                            #field_kinds
                            #krate::__private::fits::<#kinds, _>(
                                (&&&#krate::__private::KindProbe(#bound)).json_kind(),
                            );
                        }
                        #buf.push_json(#SIGNALS_NEXT_LINE, #bound)?;
                    }
                }
            }
            (JsonIn::Signals, None) => {
                quote_spanned!(span=> #buf.push_json(#SIGNALS_NEXT_LINE, #value)?;)
            }
            (JsonIn::Script, _) => {
                quote_spanned!(span=> #buf.push_js(#ELEMENTS_NEXT_LINE, #value)?;)
            }
        });
    }

    /// What a value set to the signal at `path` of the `#[signals(Type)]` is checked
    /// against: the field's kinds as a constant `KINDS`, and the `Kinds` type of its
    /// flags, which the value's kind must fit. `None` without a signals type or for a
    /// page-local signal.
    fn value_kind_check(&self, path: &str) -> Option<(TokenStream, TokenStream)> {
        let ty = self.signals?;
        if !self.escapes.is_typed(path) {
            return None;
        }
        let krate = self.krate;
        let segments = path.split('.');
        let kinds = quote! {
            const KINDS: u8 = #krate::__private::path_kinds(
                <#ty as #krate::Signals>::SIGNAL_TREE,
                &[#(#segments),*],
            );
        };
        let flags = JsonKind::ALL.map(|kind| {
            let bit = quote::format_ident!("{}", kind.bit());
            quote!({ KINDS & #krate::__private::json_kind::#bit != 0 })
        });
        Some((kinds, quote!(#krate::__private::Kinds<#(#flags),*>)))
    }

    /// An object; its keys are signals under `prefix` (`None` inside an array, where they
    /// are not signals).
    fn json_object(
        &self,
        wire: &mut Wire,
        object: &JsonObject,
        place: JsonIn,
        prefix: Option<&str>,
    ) {
        wire.text("{");
        for (index, entry) in object.entries.iter().enumerate() {
            if index > 0 {
                wire.text(",");
            }
            wire.text(&place.literal(&json_string(&entry.key)));
            wire.text(":");
            let path = prefix.map(|prefix| format!("{prefix}{}", entry.key));
            self.json_value(wire, &entry.value, place, path.as_deref());
        }
        wire.text("}");
    }

    /// A value in a JSON object or array; `path` is the signal it sets, if it sets one.
    fn json_value(&self, wire: &mut Wire, value: &JsonValue, place: JsonIn, path: Option<&str>) {
        match value {
            JsonValue::Null => wire.text("null"),
            JsonValue::Literal { json, .. } => {
                // `check` reported a literal that is not JSON; the expander is not reached then.
                if let Ok(json) = json {
                    wire.text(&place.literal(json));
                }
            }
            JsonValue::Object(object) => {
                let prefix = path.map(|path| format!("{path}."));
                self.json_object(wire, object, place, prefix.as_deref())
            }
            JsonValue::Array(items) => {
                wire.text("[");
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        wire.text(",");
                    }
                    self.json_value(wire, item, place, None);
                }
                wire.text("]");
            }
            JsonValue::Expr(expr) => self.json_expr(wire, expr, place, path),
        }
    }

    fn script(&self, wire: &mut Wire, script: &Script) {
        wire.text(SCRIPT_PATCH);
        self.template_parts(wire, &script.start_tag.parts, ELEMENTS_NEXT_LINE);
        self.content(wire, &script.content, "push_script");
        wire.text(SCRIPT_CLOSE);
    }

    fn redirect(&self, wire: &mut Wire, redirect: &Redirect) {
        self.fixed_script_open(wire, "", true);
        wire.text(REDIRECT_OPEN);
        match &redirect.url {
            Text::Lit(url) => wire.text(&escape_str(&json_string(&url.value()), Escape::Script)),
            Text::Expr(expr) => {
                let buf = buf();
                wire.write(expr, move |value| quote!(#buf.push_redirect_url(#value)?;));
            }
        }
        wire.text(REDIRECT_CLOSE);
        wire.text(SCRIPT_CLOSE);
    }
}

/// Where JSON is written: the `signals` line of an event, or inside a script (where `<`
/// is escaped so that nothing in it ends the script).
#[derive(Clone, Copy)]
pub(super) enum JsonIn {
    Signals,
    Script,
}

impl JsonIn {
    /// Literal JSON text as written in this place.
    fn literal(self, json: &str) -> String {
        match self {
            JsonIn::Signals => json.to_owned(),
            JsonIn::Script => escape_str(json, Escape::Script),
        }
    }
}
