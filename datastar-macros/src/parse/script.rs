//! The start tag a `script` statement writes, built as a template so that the markup
//! checker reads it as it reads a `<script …>` tag written in an `elements` template,
//! and the expander writes it as it writes any template: one context model for both.

use datastar_wire::attribute::is_attribute_name;
use datastar_wire::escape::{Escape, escape_str};
use datastar_wire::script::{AUTO_REMOVE, AUTO_REMOVE_ATTRIBUTE, SCRIPT_TAG};
use proc_macro2::Span;
use syn::LitStr;

use super::Parser;
use super::options::WrittenAttribute;
use crate::model::*;

/// Numbers the attributes' holes and builds `<script name="value" … [data-effect=…]>`.
///
/// A literal value is the attribute's text, so it enters the template HTML-escaped (the
/// checker decodes it back, as the browser does). An attribute whose name is not a valid
/// attribute name is left out of the tag: `check` reports the name, and the tag would
/// only add errors about the same mistake.
pub(super) fn start_tag(
    written: Vec<WrittenAttribute>,
    auto_remove: bool,
    keyword: Span,
    cx: &mut Parser<'_>,
) -> (Vec<ScriptAttribute>, Template) {
    let lit = |text: &str, span: Span| Part::Lit(LitStr::new(text, span));
    let mut parts = vec![lit(SCRIPT_TAG, keyword)];
    let mut attributes = Vec::with_capacity(written.len());
    for attribute in written {
        let valid = is_attribute_name(&attribute.name);
        if valid {
            parts.push(lit(&format!(" {}=\"", attribute.name), attribute.name_span));
        }
        match attribute.value {
            Text::Lit(value) if valid => {
                parts.push(lit(&escape_str(&value.value(), Escape::Html), value.span()));
            }
            Text::Lit(_) => {}
            Text::Expr(expr) => {
                // Numbered even when left out, so hole numbers follow the source.
                let id = cx.hole_id();
                if valid {
                    let span = syn::spanned::Spanned::span(&expr);
                    parts.push(Part::Hole(Hole { id, expr, span }));
                }
            }
        }
        if valid {
            parts.push(lit("\"", attribute.name_span));
        }
        attributes.push(ScriptAttribute {
            name: attribute.name,
            name_span: attribute.name_span,
        });
    }
    // A `data-effect` of the user's own beside `auto_remove` is reported by `check`.
    if auto_remove && !attributes.iter().any(|a| a.name == AUTO_REMOVE_ATTRIBUTE) {
        parts.push(lit(AUTO_REMOVE, keyword));
    }
    parts.push(lit(">", keyword));
    (attributes, Template { parts })
}
