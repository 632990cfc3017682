//! Snapshots of the macro's own output, formatted with prettyplease, so that every change
//! to the generated code shows up in review. A mismatch fails; bless with
//! `BLESS=1 cargo test -p datastar-macros snapshot` and read the diff.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

fn expansion(body: TokenStream) -> String {
    let expanded = crate::pipeline::run(quote!((::datastar_core) #body));
    // prettyplease leaves macro bodies unformatted, so the `try_stream!` body is cut out
    // and formatted as a function body of its own.
    let mut stream_body = None;
    let expanded = take_stream_body(expanded, &mut stream_body);
    let outer: syn::File = syn::parse2(quote! {
        fn expansion() -> impl ::datastar_core::prelude::IntoResponse #expanded
    })
    .expect("the expansion is valid Rust");
    // A body of static events only has no `try_stream!` body.
    let Some(stream_body) = stream_body else {
        return prettyplease::unparse(&outer);
    };
    let inner: syn::File = syn::parse2(quote! { fn stream_body() { #stream_body } })
        .expect("the stream body is valid Rust");
    format!(
        "{}\n// The `try_stream!` body:\n{}",
        prettyplease::unparse(&outer),
        prettyplease::unparse(&inner)
    )
}

/// Replaces the body of `try_stream! { … }` by the identifier `stream_body`.
fn take_stream_body(tokens: TokenStream, body: &mut Option<TokenStream>) -> TokenStream {
    use proc_macro2::{Delimiter, Group, Ident, Span, TokenTree};
    let mut out = Vec::new();
    for tree in tokens {
        let after_macro_bang = matches!(
            out.as_slice(),
            [.., TokenTree::Ident(name), TokenTree::Punct(bang)]
                if name == "try_stream" && bang.as_char() == '!'
        );
        match tree {
            TokenTree::Group(group) if after_macro_bang && body.is_none() => {
                *body = Some(group.stream());
                let placeholder = Ident::new("stream_body", Span::call_site());
                out.push(TokenTree::Group(Group::new(
                    Delimiter::Brace,
                    quote!(#placeholder),
                )));
            }
            TokenTree::Group(group) => {
                let mut inner =
                    Group::new(group.delimiter(), take_stream_body(group.stream(), body));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

fn assert_snapshot(name: &str, body: TokenStream) {
    let actual = expansion(body);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(format!("{name}.rs"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "the expansion of `{name}` changed; review it and bless with BLESS=1\n\
         --- expected ({})\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn snapshot_redirect_example() {
    assert_snapshot(
        "redirect_example",
        quote! {
            elements r#"<div id="indicator">Redirecting in 3 seconds...</div>"#;
            wait 3s;
            redirect "/guide";
        },
    );
}

#[test]
fn snapshot_typed_signals_patch() {
    assert_snapshot(
        "typed_signals_patch",
        quote! {
            #[signals(Cart)]
            signals { count: (cart.count()), owner: { name: "Dave" }, _draft: (draft) };
        },
    );
}

#[test]
fn snapshot_template_holes() {
    assert_snapshot(
        "template_holes",
        quote! {
            elements "<li id=\"item-" (item.id) "\" data-text=\"$done ? " (item.label) " : ''\">\n  "
                (item.text) "\n</li>", selector = "#list", mode = append;
            script "console.log(" (item.id) ")", attributes = { nonce: (nonce) };
        },
    );
}

#[test]
fn snapshot_template_loops() {
    assert_snapshot(
        "template_loops",
        quote! {
            elements "<div id=\"cart\">\n<h2>Hello, " (cart.user) "!</h2>\n<ul>"
                for (row, item) in cart.items.iter().enumerate() {
                    "\n<li id=\"row-" (row) "\">" (item.name)
                    for tag in &item.tags { " <b>" (tag) "</b>" }
                    "</li>"
                }
                "\n</ul>\n</div>";
            script "const names = [];"
                for name in names { "names.push(" (name) ");" }
                "show(names);";
        },
    );
}

#[test]
fn snapshot_template_ifs() {
    assert_snapshot(
        "template_ifs",
        quote! {
            elements "<li id=\"todo-" (todo.id) "\"" if todo.done { " class=\"done\"" } ">"
                "<input type=\"checkbox\"" if todo.done { " checked" } ">"
                if todo.done { "<s>" (todo.title) "</s>" } else if todo.urgent { "<b>" (todo.title) "</b>" } else { (todo.title) }
                "</li>", selector = "#todos", mode = append;
        },
    );
}

#[test]
fn snapshot_static_body() {
    assert_snapshot(
        "static_body",
        quote! {
            elements r#"<div id="hal">I'm sorry, Dave.</div>"#;
            signals { hal: "Affirmative, Dave. I read you." };
            remove "#pod-bay-doors";
        },
    );
}

#[test]
fn snapshot_signals_and_control_flow() {
    assert_snapshot(
        "signals_and_control_flow",
        quote! {
            signals { response: "", answer: "bread" }, only_if_missing;
            for (index, player) in players.iter().enumerate() {
                if player.ready {
                    signals { player: { index: (index), name: (player.name), score: null } };
                } else {
                    wait 250ms;
                }
            }
            let state = load().await?;
            signals state, id = (state.version.to_string()), retry = 5s;
            redirect (state.next_url);
        },
    );
}

#[test]
fn snapshot_errors_and_warnings() {
    assert_snapshot(
        "errors_fallback",
        quote! {
            elements "<li id='a'>One</li>", mode = append;
            wait 0s;
        },
    );
    assert_snapshot(
        "duplicate_id_warning",
        quote! {
            elements "<div id='a'><p id='a'>x</p></div>";
        },
    );
}
