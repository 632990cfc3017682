//! The options after a statement (`, selector = "#a", mode = append, …`), and durations.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Expr, Ident, Lit, LitBool, LitStr, Token, braced, parenthesized};

use super::keyword::{Keyword, OptionName, legacy_mode};
use super::{at_statement_end, unparen};
use crate::diagnostics::{Diagnostics, backticked, closest, suggestion};
use crate::model::*;
use crate::rule;

/// An option value that is text: `"literal"` or `(expr)`.
fn parse_text_option(input: ParseStream<'_>, name: &Ident) -> syn::Result<Text> {
    input.parse::<Token![=]>()?;
    if input.peek(LitStr) {
        return Ok(Text::Lit(input.parse()?));
    }
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        let expr: Expr = content.parse()?;
        if !content.is_empty() {
            return Err(content.error("expected `)`"));
        }
        return Ok(Text::Expr(Box::new(expr)));
    }
    Err(input.error(rule::text_option_not_text.says(format!(
        "`{name}` takes a string literal or a `(expr)` giving a `&str`"
    ))))
}

pub(super) fn parse_duration(input: ParseStream<'_>, keyword: &Ident) -> syn::Result<DurationArg> {
    if at_statement_end(input) {
        return Err(syn::Error::new(
            keyword.span(),
            rule::wait_without_duration.says(format!(
                "`{keyword}` needs a duration\n\nhelp: write `3s`, `250ms`, `1.5s` or a `Duration` expression"
            )),
        ));
    }
    if !(input.peek(syn::LitInt) || input.peek(syn::LitFloat)) {
        return Ok(DurationArg::Expr(unparen(input.parse()?)));
    }
    let lit: Lit = input.parse()?;
    let (digits, suffix) = match &lit {
        Lit::Int(int) => (int.base10_digits().to_owned(), int.suffix().to_owned()),
        Lit::Float(float) => (float.base10_digits().to_owned(), float.suffix().to_owned()),
        _ => unreachable!("peeked an integer or float literal"),
    };
    let span = lit.span();
    let millis_per_unit = match suffix.as_str() {
        "s" => 1000.0,
        "ms" => 1.0,
        "" => {
            return Err(syn::Error::new(
                span,
                rule::duration_without_unit.says(format!(
                    "the duration `{digits}` has no unit\n\nhelp: write `{digits}s` or `{digits}ms`"
                )),
            ));
        }
        other => {
            return Err(syn::Error::new(
                span,
                rule::unknown_duration_unit.says(format!(
                    "unknown duration unit `{other}`\n\nhelp: {}",
                    suggestion(other, &["s", "ms"])
                )),
            ));
        }
    };
    let value: f64 = digits.parse().map_err(|_| {
        syn::Error::new(
            span,
            rule::duration_not_whole_millis.says("this duration is not a number"),
        )
    })?;
    let millis = value * millis_per_unit;
    if millis.fract() != 0.0 || millis > 1.0e15 {
        return Err(syn::Error::new(
            span,
            rule::duration_not_whole_millis.says(format!(
                "`{digits}{suffix}` is not a whole number of milliseconds"
            )),
        ));
    }
    // Exact: `millis` is a whole number below 2^53.
    let millis = millis as u64;
    Ok(DurationArg::Millis(Spanned {
        value: millis,
        span,
    }))
}

/// Everything `parse_options` can read; each statement keeps the part it accepts.
#[derive(Default)]
pub(super) struct Options {
    pub(super) patch: PatchOptions,
    pub(super) id: Option<Named<Text>>,
    pub(super) retry: Option<Named<DurationArg>>,
    pub(super) only_if_missing: Option<Ident>,
    pub(super) auto_remove: Option<Named<LitBool>>,
    pub(super) attributes: Vec<WrittenAttribute>,
    attributes_given: bool,
    pub(super) detail: Option<Named<SignalsValue>>,
    pub(super) bubbles: Option<Named<LitBool>>,
    pub(super) cancelable: Option<Named<LitBool>>,
    pub(super) composed: Option<Named<LitBool>>,
}

pub(super) fn parse_options(
    input: ParseStream<'_>,
    statement: Keyword,
    diagnostics: &mut Diagnostics,
) -> syn::Result<Options> {
    let accepted = statement.options();
    let accepted_names: Vec<&str> = accepted.iter().map(|option| option.name()).collect();
    let statement = statement.name();
    let mut options = Options::default();
    while input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
        if input.is_empty() || input.peek(Token![;]) {
            break;
        }
        let name = Ident::parse_any(input)?;
        let key = name.to_string();
        let Some(option) = OptionName::from_name(&key) else {
            // Rules that depend on the selector would only repeat this mistake.
            options.patch.selector_misspelt |= closest(&key, &accepted_names) == Some("selector");
            diagnostics.error(
                name.span(),
                rule::unknown_option.says(format!(
                    "unknown option `{key}` for `{statement}`\n\nhelp: {}",
                    suggestion(&key, &accepted_names)
                )),
            );
            skip_option_value(input);
            continue;
        };
        if !accepted.contains(&option) {
            diagnostics.error(
                name.span(),
                rule::option_not_accepted.says(format!(
                    "`{key}` is not an option of `{statement}`\n\nhelp: `{statement}` takes {}",
                    backticked(&accepted_names)
                )),
            );
            skip_option_value(input);
            continue;
        }
        let duplicate = match option {
            OptionName::Selector => {
                let value = parse_text_option(input, &name)?;
                set_named(&mut options.patch.selector, &name, value)
            }
            OptionName::ViewTransitionSelector => {
                let value = parse_text_option(input, &name)?;
                set_named(&mut options.patch.view_transition_selector, &name, value)
            }
            OptionName::Id => {
                let value = parse_text_option(input, &name)?;
                set_named(&mut options.id, &name, value)
            }
            OptionName::Mode => match parse_mode(input, &name) {
                Ok(value) => set_named(&mut options.patch.mode, &name, value),
                Err(error) => {
                    diagnostics.push(error);
                    false
                }
            },
            OptionName::Namespace => match parse_namespace(input) {
                // The default, written out: reported, and read as HTML.
                Ok(value) if value.value == Namespace::Html => {
                    diagnostics.error(
                        value.span,
                        rule::namespace_html_is_the_default.says(format!(
                            "`{name} = html` is the default\n\nhelp: remove the option"
                        )),
                    );
                    false
                }
                Ok(value) => set_named(&mut options.patch.namespace, &name, value),
                Err(error) => {
                    options.patch.namespace_misspelt = true;
                    diagnostics.push(error);
                    false
                }
            },
            OptionName::ViewTransition => {
                reject_flag_value(input, &name)?;
                set(&mut options.patch.view_transition, name.clone())
            }
            OptionName::OnlyIfMissing => {
                reject_flag_value(input, &name)?;
                set(&mut options.only_if_missing, name.clone())
            }
            OptionName::Retry => {
                input.parse::<Token![=]>()?;
                let value = if input.peek(syn::token::Paren) {
                    let content;
                    parenthesized!(content in input);
                    DurationArg::Expr(Box::new(content.parse()?))
                } else {
                    parse_duration(input, &name)?
                };
                set_named(&mut options.retry, &name, value)
            }
            OptionName::AutoRemove => {
                input.parse::<Token![=]>()?;
                let value: LitBool = input.parse().map_err(|error| {
                    syn::Error::new(
                        error.span(),
                        rule::option_not_bool.says("`auto_remove` takes `true` or `false`"),
                    )
                })?;
                set_named(&mut options.auto_remove, &name, value)
            }
            OptionName::Detail => {
                input.parse::<Token![=]>()?;
                let value = super::signals::parse_signals_value(input, &name)?;
                set_named(&mut options.detail, &name, value)
            }
            OptionName::Bubbles => {
                let value = parse_switch(input, &name)?;
                set_named(&mut options.bubbles, &name, value)
            }
            OptionName::Cancelable => {
                let value = parse_switch(input, &name)?;
                set_named(&mut options.cancelable, &name, value)
            }
            OptionName::Composed => {
                let value = parse_switch(input, &name)?;
                set_named(&mut options.composed, &name, value)
            }
            OptionName::Attributes => {
                input.parse::<Token![=]>()?;
                let attributes = parse_script_attributes(input)?;
                let duplicate = options.attributes_given;
                options.attributes_given = true;
                options.attributes = attributes;
                duplicate
            }
        };
        if duplicate {
            diagnostics.error(
                name.span(),
                rule::duplicate_option.says(format!(
                    "`{key}` is given twice\n\nhelp: remove one of them"
                )),
            );
        }
    }
    Ok(options)
}

/// Stores an option's value; true when the option was already given.
fn set<T>(slot: &mut Option<T>, value: T) -> bool {
    let duplicate = slot.is_some();
    *slot = Some(value);
    duplicate
}

fn set_named<T>(slot: &mut Option<Named<T>>, name: &Ident, value: T) -> bool {
    set(
        slot,
        Named {
            name: name.clone(),
            value,
        },
    )
}

fn skip_option_value(input: ParseStream<'_>) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, proc_macro2::TokenTree::Punct(punct) if matches!(punct.as_char(), ',' | ';'))
            {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

/// A switch that is on by itself (`bubbles`) or set (`bubbles = false`).
fn parse_switch(input: ParseStream<'_>, name: &Ident) -> syn::Result<LitBool> {
    if !input.peek(Token![=]) {
        return Ok(LitBool::new(true, name.span()));
    }
    input.parse::<Token![=]>()?;
    input.parse().map_err(|error| {
        syn::Error::new(
            error.span(),
            rule::option_not_bool.says(format!(
                "`{name}` takes `true` or `false` (or write `{name}` alone for `true`)"
            )),
        )
    })
}

fn reject_flag_value(input: ParseStream<'_>, name: &Ident) -> syn::Result<()> {
    if input.peek(Token![=]) {
        return Err(syn::Error::new(
            input.span(),
            rule::flag_with_value.says(format!(
                "`{name}` is a flag and takes no value\n\nhelp: write `{name}` to turn it on, leave it out to keep it off"
            )),
        ));
    }
    Ok(())
}

fn parse_mode(input: ParseStream<'_>, name: &Ident) -> syn::Result<Spanned<Mode>> {
    input.parse::<Token![=]>()?;
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            rule::quoted_mode.says(format!(
                "`{name}` takes a bare identifier\n\nhelp: write `mode = {}` without quotes",
                lit.value()
            )),
        ));
    }
    let value = Ident::parse_any(input)?;
    let text = value.to_string();
    let message = match text.parse::<Mode>() {
        Ok(Mode::Remove) => {
            rule::mode_remove_is_a_statement.says(
                "`mode = remove` is written as its own statement\n\nhelp: write `remove \"#selector\";`",
            )
        }
        Ok(mode) => {
            return Ok(Spanned {
                value: mode,
                span: value.span(),
            });
        }
        Err(_) => match legacy_mode(&text) {
            Some(replacement) => {
                rule::legacy_mode_names.says(format!(
                    "`{text}` is a mode of an earlier Datastar version: {replacement}"
                ))
            }
            None => {
                let names: Vec<&str> = Mode::ALL
                    .iter()
                    .filter(|mode| **mode != Mode::Remove)
                    .map(|mode| mode.as_str())
                    .collect();
                rule::unknown_mode.says(format!(
                    "unknown mode `{text}`: the Datastar 1.0 client throws `PatchElementsInvalidMode`\n\nhelp: {}",
                    suggestion(&text, &names)
                ))
            }
        },
    };
    Err(message.at(value.span()))
}

fn parse_namespace(input: ParseStream<'_>) -> syn::Result<Spanned<Namespace>> {
    input.parse::<Token![=]>()?;
    let value = Ident::parse_any(input)?;
    let text = value.to_string();
    let message = match text.parse::<Namespace>() {
        Ok(namespace) => {
            return Ok(Spanned {
                value: namespace,
                span: value.span(),
            });
        }
        Err(_) => rule::unknown_namespace.says(format!(
            "unknown namespace `{text}`: the Datastar 1.0 client throws `PatchElementsInvalidNamespace`\n\nhelp: {}",
            suggestion(&text, &["svg", "mathml"])
        )),
    };
    Err(message.at(value.span()))
}

/// An entry of `attributes = { … }` as written, before its hole is numbered.
pub(super) struct WrittenAttribute {
    pub(super) name: String,
    pub(super) name_span: Span,
    pub(super) value: Text,
}

/// `{ name: "value", "data-x": (expr), … }`; names may be dashed identifiers.
fn parse_script_attributes(input: ParseStream<'_>) -> syn::Result<Vec<WrittenAttribute>> {
    let content;
    braced!(content in input);
    let mut attributes: Vec<WrittenAttribute> = Vec::new();
    while !content.is_empty() {
        let (name, name_span) = if content.peek(LitStr) {
            let lit: LitStr = content.parse()?;
            (lit.value(), lit.span())
        } else {
            let first = Ident::parse_any(&content)?;
            let mut name = first.unraw().to_string();
            let mut span = first.span();
            while content.peek(Token![-]) {
                content.parse::<Token![-]>()?;
                let next = Ident::parse_any(&content)?;
                name.push('-');
                name.push_str(&next.unraw().to_string());
                span = span.join(next.span()).unwrap_or(span);
            }
            (name, span)
        };
        content.parse::<Token![:]>()?;
        let value = if content.peek(LitStr) {
            Text::Lit(content.parse()?)
        } else {
            Text::Expr(unparen(content.parse()?))
        };
        attributes.push(WrittenAttribute {
            name,
            name_span,
            value,
        });
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(attributes)
}
