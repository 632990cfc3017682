//! `#[derive(Signals)]`: a struct's fields, named as serde serializes them, as the signal
//! tree the templates are checked against.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::rule;

/// The derive's expansion, or its errors.
pub(crate) fn derive_signals(input: DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            rule::signals_generic_type.says("`#[derive(Signals)]` does not support generic types: the signal names must be known when the templates are checked\n\nhelp: derive it on a concrete struct"),
        ));
    }
    let Data::Struct(syn::DataStruct {
        fields: Fields::Named(fields),
        ..
    }) = &input.data
    else {
        return Err(syn::Error::new_spanned(
            name,
            rule::signals_not_named_fields.says("`#[derive(Signals)]` needs a struct with named fields: the client's signals are a JSON object"),
        ));
    };
    let rename_all = container_rename_all(&input.attrs)?;
    let Container { krate, patch } = container(&input.attrs)?;
    let container_default = container_serde_flag(&input.attrs, &["default"])?;
    // A struct serializes as an object, unless serde is told to write something else.
    let kinds = if container_serde_flag(&input.attrs, &["transparent", "into", "remote"])? {
        quote!(#krate::__private::json_kind::ANY)
    } else {
        quote!(#krate::__private::json_kind::OBJECT)
    };
    let mut patch_fields = Vec::new();
    let mut entries = Vec::new();
    let mut names = Vec::new();
    for field in &fields.named {
        let attrs = FieldAttrs::read(&field.attrs)?;
        if attrs.skip {
            continue;
        }
        if attrs.flatten {
            return Err(syn::Error::new_spanned(
                field,
                rule::signals_flatten.says("`#[serde(flatten)]` is not supported by `#[derive(Signals)]`: the signal names of the flattened type cannot be merged at compile time\n\nhelp: nest it as a field (its signals are then `field.name`)"),
            ));
        }
        let ident = field.ident.as_ref().expect("named fields have names");
        let json_name = match attrs.rename {
            Some(rename) => rename,
            None => rename_field(&ident.unraw().to_string(), rename_all.as_deref()),
        };
        let ty = &field.ty;
        let vis = &field.vis;
        patch_fields.push(quote! {
            #[serde(rename = #json_name, skip_serializing_if = "Option::is_none")]
            #vis #ident: ::core::option::Option<#ty>
        });
        // A serializer of the field's own says nothing the derive can read about its JSON.
        // A `null` patch removes the signal: fine when the field may be missing.
        let kinds = if attrs.serialize_with {
            quote!(#krate::__private::json_kind::ANY)
        } else if attrs.default || container_default {
            quote!(<#ty as #krate::SignalType>::KINDS | #krate::__private::json_kind::NULL)
        } else {
            quote!(<#ty as #krate::SignalType>::KINDS)
        };
        let entry = if attrs.leaf {
            quote! {
                #krate::__private::SignalField {
                    name: #json_name,
                    nested: &[],
                    open: false,
                    kinds: #krate::__private::json_kind::ANY,
                }
            }
        } else {
            quote! {
                #krate::__private::SignalField {
                    name: #json_name,
                    nested: <#ty as #krate::SignalType>::NESTED,
                    open: <#ty as #krate::SignalType>::OPEN,
                    kinds: #kinds,
                }
            }
        };
        entries.push(entry);
        names.push(format!("`{json_name}`"));
    }
    let list = if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    };
    let patch = patch.then(|| {
        let patch_name = syn::Ident::new(&format!("{name}Patch"), name.span());
        let vis = &input.vis;
        let doc = format!(
            "Some of the signals of [`{name}`], for a patch: the fields set to `Some` are sent, under the same names (made by `#[derive(Signals)]` with `#[signals(patch)]`)."
        );
        quote! {
            #[doc = #doc]
            #[derive(::core::default::Default, ::serde::Serialize)]
            #vis struct #patch_name {
                #(#patch_fields,)*
            }
        }
    });
    Ok(quote! {
        #patch
        impl #krate::Signals for #name {
            const SIGNAL_TREE: &'static [#krate::__private::SignalField] = &[#(#entries),*];
            const SIGNAL_LIST: &'static str = #list;
        }
        impl #krate::SignalType for #name {
            const NESTED: &'static [#krate::__private::SignalField] =
                <Self as #krate::Signals>::SIGNAL_TREE;
            const KINDS: u8 = #kinds;
        }
    })
}

/// The struct's `#[signals(…)]`: `crate = "path"` says where `datastar-core` is, for a
/// crate that renames it (`::datastar_core` by default); `patch` also makes a
/// `{Name}Patch` struct of optional fields, for typed patches of some signals.
struct Container {
    krate: TokenStream,
    patch: bool,
}

fn container(attrs: &[syn::Attribute]) -> syn::Result<Container> {
    let mut container = Container {
        krate: quote!(::datastar_core),
        patch: false,
    };
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("signals")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let given: syn::Path = meta.value()?.parse::<LitStr>()?.parse()?;
                container.krate = quote!(#given);
                Ok(())
            } else if meta.path.is_ident("patch") {
                container.patch = true;
                Ok(())
            } else {
                Err(meta.error(rule::signals_unknown_attribute.says("unknown `signals` attribute: the struct attributes are `#[signals(crate = \"path\")]` and `#[signals(patch)]`")))
            }
        })?;
    }
    Ok(container)
}

/// Whether the struct's `#[serde(…)]` has one of `names`: `transparent`, `into` or `remote`
/// (its JSON is not the object of its fields), `default` (its fields may be missing).
fn container_serde_flag(attrs: &[syn::Attribute], names: &[&str]) -> syn::Result<bool> {
    let mut found = false;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            found |= names.iter().any(|name| meta.path.is_ident(name));
            skip_value(&meta)
        })?;
    }
    Ok(found)
}

/// `#[serde(rename_all = "…")]` on the struct (its serialize side).
fn container_rename_all(attrs: &[syn::Attribute]) -> syn::Result<Option<String>> {
    let mut rename_all = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                rename_all = Some(serialize_name(&meta)?);
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        })?;
    }
    Ok(rename_all)
}

#[derive(Default)]
struct FieldAttrs {
    rename: Option<String>,
    skip: bool,
    flatten: bool,
    leaf: bool,
    /// `serialize_with` or `with`: the field's JSON is whatever that function writes.
    serialize_with: bool,
    /// `default`: the field may be missing when read back (as after a `null` patch).
    default: bool,
}

impl FieldAttrs {
    fn read(attrs: &[syn::Attribute]) -> syn::Result<FieldAttrs> {
        let mut read = FieldAttrs::default();
        for attr in attrs {
            if attr.path().is_ident("serde") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename") {
                        read.rename = Some(serialize_name(&meta)?);
                    } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_serializing") {
                        read.skip = true;
                    } else if meta.path.is_ident("flatten") {
                        read.flatten = true;
                    } else {
                        read.serialize_with |=
                            meta.path.is_ident("serialize_with") || meta.path.is_ident("with");
                        read.default |= meta.path.is_ident("default");
                        skip_value(&meta)?;
                    }
                    Ok(())
                })?;
            } else if attr.path().is_ident("signals") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("leaf") {
                        read.leaf = true;
                        Ok(())
                    } else {
                        Err(meta.error(rule::signals_unknown_attribute.says("unknown `signals` attribute: the field attribute is `#[signals(leaf)]`")))
                    }
                })?;
            }
        }
        Ok(read)
    }
}

/// `rename = "x"` or `rename(serialize = "x", deserialize = "y")`: the serialized name.
fn serialize_name(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<String> {
    if meta.input.peek(syn::Token![=]) {
        return Ok(meta.value()?.parse::<LitStr>()?.value());
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        let value = inner.value()?.parse::<LitStr>()?.value();
        if inner.path.is_ident("serialize") {
            name = Some(value);
        }
        Ok(())
    })?;
    name.ok_or_else(|| meta.error("expected `serialize = \"…\"`"))
}

/// Consumes the value of a serde attribute this derive does not read.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(skip_value_owned)?;
    }
    Ok(())
}

fn skip_value_owned(meta: syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    skip_value(&meta)
}

/// A field's name under serde's `rename_all` rule.
fn rename_field(field: &str, rule: Option<&str>) -> String {
    let pascal = || {
        let mut pascal = String::with_capacity(field.len());
        let mut capitalize = true;
        for c in field.chars() {
            if c == '_' {
                capitalize = true;
            } else if capitalize {
                pascal.push(c.to_ascii_uppercase());
                capitalize = false;
            } else {
                pascal.push(c);
            }
        }
        pascal
    };
    match rule {
        None | Some("snake_case") => field.to_owned(),
        Some("lowercase") => field.to_ascii_lowercase(),
        Some("UPPERCASE") | Some("SCREAMING_SNAKE_CASE") => field.to_ascii_uppercase(),
        Some("PascalCase") => pascal(),
        Some("camelCase") => {
            let pascal = pascal();
            let mut chars = pascal.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_lowercase().to_string() + chars.as_str()
            })
        }
        Some("kebab-case") => field.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => field.to_ascii_uppercase().replace('_', "-"),
        // serde's own derive reports an unknown rule at the attribute; a second error
        // here would say the same thing.
        Some(_) => field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::rename_field;

    #[test]
    fn serde_rename_rules() {
        let rename = |rule| rename_field("first_name", rule);
        assert_eq!(rename(None), "first_name");
        assert_eq!(rename(Some("camelCase")), "firstName");
        assert_eq!(rename(Some("PascalCase")), "FirstName");
        assert_eq!(rename(Some("kebab-case")), "first-name");
        assert_eq!(rename(Some("SCREAMING_SNAKE_CASE")), "FIRST_NAME");
    }
}
