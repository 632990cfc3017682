//! The helper statements' wire bytes: each is an ExecuteScript event whose script the
//! macro writes from the shared pieces in `datastar_wire::script`, values JSON-encoded
//! for the script.

use datastar_wire::escape::{Escape, escape_str};
use datastar_wire::json::json_string;
use datastar_wire::protocol::ELEMENTS_NEXT_LINE;
use datastar_wire::script::{
    AUTO_REMOVE, CONSOLE_CLOSE, DISPATCH_CLOSE, DISPATCH_DOCUMENT, DISPATCH_OPEN,
    DISPATCH_SELECTOR_CLOSE, DISPATCH_SELECTOR_OPEN, DISPATCH_TARGETS_OPEN, PREFETCH_CLOSE,
    PREFETCH_OPEN, REPLACE_URL_CLOSE, REPLACE_URL_OPEN, SCRIPT_CLOSE, SCRIPT_OPEN,
    SPECULATION_RULES_TYPE, dispatch_flags,
};
use datastar_wire::url::UrlPolicy;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::Expander;
use super::events::JsonIn;
use super::wire::{Wire, buf};
use crate::model::*;

/// A JSON string literal that is safe inside a `<script>`.
fn script_string(text: &str) -> String {
    escape_str(&json_string(text), Escape::Script)
}

impl Expander<'_> {
    /// The opening of a helper's ExecuteScript event, up to and including `<script …>`:
    /// the helpers' start tags are constants (`attributes` is written as it is).
    pub(super) fn fixed_script_open(&self, wire: &mut Wire, attributes: &str, auto_remove: bool) {
        wire.text(SCRIPT_OPEN);
        wire.text(attributes);
        if auto_remove {
            wire.text(AUTO_REMOVE);
        }
        wire.text(">");
    }

    pub(super) fn console(&self, wire: &mut Wire, console: &Console) {
        self.fixed_script_open(wire, "", true);
        wire.text(console.method.open());
        wire.text("\"");
        match &console.message {
            Content::Template(template) => {
                for part in &template.parts {
                    match part {
                        Part::Lit(lit) => {
                            let quoted = script_string(&lit.value());
                            wire.text(&quoted[1..quoted.len() - 1]);
                        }
                        // The checker refused loops and `if`s in a console message.
                        _ => self.template_parts(
                            wire,
                            std::slice::from_ref(part),
                            ELEMENTS_NEXT_LINE,
                        ),
                    }
                }
            }
            Content::Expr(expr) => {
                let buf = buf();
                let span = expr.span();
                wire.write(expr, move |value| {
                    quote_spanned!(span=> #buf.push_script_string(#ELEMENTS_NEXT_LINE, #value);)
                });
            }
        }
        wire.text("\"");
        wire.text(CONSOLE_CLOSE);
        wire.text(SCRIPT_CLOSE);
    }

    pub(super) fn dispatch(&self, wire: &mut Wire, dispatch: &Dispatch) {
        self.fixed_script_open(wire, "", true);
        wire.text(DISPATCH_OPEN);
        match &dispatch.name {
            Text::Lit(name) => wire.text(&script_string(&name.value())),
            Text::Expr(expr) => {
                let buf = buf();
                wire.write(expr, move |value| quote!(#buf.push_event_name(#value)?;));
            }
        }
        let flag =
            |flag: &Option<Named<syn::LitBool>>| flag.as_ref().is_none_or(|flag| flag.value.value);
        wire.text(&dispatch_flags(
            flag(&dispatch.bubbles),
            flag(&dispatch.cancelable),
            flag(&dispatch.composed),
        ));
        match &dispatch.detail {
            Some(detail) => self.json(wire, &detail.value, JsonIn::Script),
            None => wire.text("null"),
        }
        wire.text(DISPATCH_TARGETS_OPEN);
        match &dispatch.selector {
            None => wire.text(DISPATCH_DOCUMENT),
            Some(selector) => {
                wire.text(DISPATCH_SELECTOR_OPEN);
                match &selector.value {
                    Text::Lit(selector) => wire.text(&script_string(&selector.value())),
                    Text::Expr(expr) => {
                        let buf = buf();
                        wire.write(expr, move |value| {
                            quote!(#buf.push_dispatch_selector(::core::convert::AsRef::<str>::as_ref(#value))?;)
                        });
                    }
                }
                wire.text(DISPATCH_SELECTOR_CLOSE);
            }
        }
        wire.text(DISPATCH_CLOSE);
        wire.text(SCRIPT_CLOSE);
    }

    pub(super) fn replace_url(&self, wire: &mut Wire, replace: &ReplaceUrl) {
        self.fixed_script_open(wire, "", true);
        wire.text(REPLACE_URL_OPEN);
        self.script_url(wire, &replace.url, ReplaceUrl::URL_POLICY);
        wire.text(REPLACE_URL_CLOSE);
        wire.text(SCRIPT_CLOSE);
    }

    pub(super) fn prefetch(&self, wire: &mut Wire, prefetch: &Prefetch) {
        // The rules hold only while their script is in the page: no auto-removal.
        self.fixed_script_open(wire, &format!(" type=\"{SPECULATION_RULES_TYPE}\""), false);
        wire.text(PREFETCH_OPEN);
        for (index, url) in prefetch.urls.iter().enumerate() {
            if index > 0 {
                wire.text(",");
            }
            self.script_url(wire, url, Prefetch::URL_POLICY);
        }
        wire.text(PREFETCH_CLOSE);
        wire.text(SCRIPT_CLOSE);
    }

    /// A URL as a JSON string in a script; a dynamic one is checked against `policy` at
    /// run time (literals were checked at compile time).
    fn script_url(&self, wire: &mut Wire, url: &Text, policy: UrlPolicy) {
        match url {
            Text::Lit(url) => wire.text(&script_string(&url.value())),
            Text::Expr(expr) => {
                let buf = buf();
                let krate = self.krate.clone();
                wire.write(expr, move |value| {
                    let policy = match policy {
                        UrlPolicy::Navigate => quote!(#krate::__private::UrlPolicy::Navigate),
                        UrlPolicy::SameOrigin => quote!(#krate::__private::UrlPolicy::SameOrigin),
                    };
                    quote!(#buf.push_script_url(::core::convert::AsRef::<str>::as_ref(#value), #policy)?;)
                });
            }
        }
    }
}
