//! Unit tests of the markup checker on `quote!` token streams.

use super::*;
use crate::model::{Hole, HoleId, Part};

fn template(tokens: proc_macro2::TokenStream) -> Template {
    let mut parts = Vec::new();
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Literal(lit) => {
                parts.push(Part::Lit(syn::parse2(lit.into_token_stream()).unwrap()))
            }
            proc_macro2::TokenTree::Group(group) => parts.push(Part::Hole(Hole {
                id: HoleId(parts.len()),
                expr: Box::new(syn::parse2(group.stream()).unwrap()),
                span: group.span(),
            })),
            other => panic!("unexpected {other}"),
        }
    }
    Template { parts }
}

use quote::{ToTokens, quote};

/// A hole's escaping in a few words, for comparing lists.
fn kind(escape: &Option<HoleEscape>) -> String {
    use crate::check::UrlCheckPlan;
    match escape {
        None => "refused".to_owned(),
        Some(HoleEscape::Url(url)) => format!(
            "url {:?} {}",
            url.encoding,
            match url.check {
                UrlCheckPlan::Static => "static",
                UrlCheckPlan::Alone(_) => "alone",
                UrlCheckPlan::Shared(_) => "shared",
            }
        ),
        Some(other) => format!("{other:?}"),
    }
}

fn kinds(escapes: &[Option<HoleEscape>]) -> Vec<String> {
    escapes.iter().map(kind).collect()
}

fn elements(
    tokens: proc_macro2::TokenStream,
    targets_by_id: bool,
) -> (Vec<Option<HoleEscape>>, Vec<String>) {
    let template = template(tokens);
    let mut diagnostics = Diagnostics::default();
    let rules = ElementsRules::patch(targets_by_id, None);
    let escapes = check_elements(&template, &rules, &mut diagnostics)
        .0
        .into_iter()
        .map(|(_, escape)| escape)
        .collect();
    let messages = diagnostics
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    (escapes, messages)
}

#[test]
fn holes_are_classified_by_context() {
    let (escapes, messages) = elements(
        quote! {
            "<div id=\"item-" (id) "\" title='" (title) "' data-text=\"$x + " (n) "\">" (text)
            "<script>let x = " (value) ";</script><textarea>" (draft) "</textarea></div>"
        },
        true,
    );
    assert!(messages.is_empty(), "{messages:#?}");
    assert_eq!(
        kinds(&escapes),
        [
            "Html",
            "Html",
            "ScriptInAttribute",
            "HtmlText",
            "Script",
            "Html"
        ]
    );
}

#[test]
fn urls_and_event_handlers_get_their_own_contexts() {
    let (escapes, messages) = elements(
        quote! {
            "<div id=\"d\"><a href=\"" (url) "\" data-x=\"" (data) "\">a</a>"
            "<a href=\" " (spaced) "\">b</a><a href=\"/items/" (id) "\">c</a>"
            "<img src='" (src) "' alt='" (alt) "'><form action=\"" (action) "\"></form>"
            "<button onclick=\"go(" (arg) ")\" onmouseover='f(" (a) ", " (b) ")'>d</button></div>"
        },
        true,
    );
    assert!(messages.is_empty(), "{messages:#?}");
    assert_eq!(
        kinds(&escapes),
        [
            "url Whole shared",
            "Html",
            "url Whole shared",
            "url Component static",
            "url Whole shared",
            "Html",
            "url Whole shared",
            "ScriptInAttribute",
            "ScriptInAttribute",
            "ScriptInAttribute",
        ]
    );
    let (_, messages) = elements(
        quote! { "<button id=\"b\" onclick=\"alert('" (name) "')\">x</button>" },
        true,
    );
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].contains("in `onclick`"), "{messages:#?}");
}

#[test]
fn refuses_holes_that_cannot_be_escaped() {
    let (escapes, messages) = elements(
        quote! {
            "<div id=a" (x) " " (attr) "><!-- " (c) " --><style>" (css) "</style>"
            "<p data-text=\"'hi ' + " (ok) " + ' " (bad) "'\"></p></div>"
        },
        true,
    );
    assert_eq!(
        kinds(&escapes),
        [
            "refused",
            "refused",
            "refused",
            "refused",
            "ScriptInAttribute",
            "refused"
        ]
    );
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(
        messages[0].contains("unquoted value of `id`"),
        "{}",
        messages[0]
    );
    assert!(messages[1].contains("attribute name"), "{}", messages[1]);
    assert!(messages[2].contains("comment"), "{}", messages[2]);
    assert!(messages[3].contains("<style>"), "{}", messages[3]);
    assert!(
        messages[4].contains("JavaScript string `'…'`"),
        "{}",
        messages[4]
    );
}

#[test]
fn checks_structure_and_ids() {
    let (_, messages) = elements(
        quote! { "<div id='a'><span></div> <p>text</p> loose <b id='b'></i></b></br><div/>" },
        true,
    );
    assert_eq!(messages.len(), 7, "{messages:#?}");
    assert!(messages[0].starts_with("`</div>` closes `<div>` while `<span>`"));
    assert!(messages[1].starts_with("top-level `<p>` has no `id`"));
    assert!(messages[2].starts_with("top-level text `loose` is dropped"));
    assert!(messages[3].starts_with("stray `</i>`"));
    assert!(messages[4].starts_with("`</br>`"));
    assert!(messages[5].starts_with("top-level `<div>` has no `id`"));
    assert!(messages[6].starts_with("`<div/>` does not close"));
}

#[test]
fn checks_datastar_attributes() {
    let (_, messages) = elements(
        quote! { "<button id='b' data-on-click__once='go()' data-on-load='x()' data-on-intersect='y()' data-on:click='z()'></button>" },
        true,
    );
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].ends_with("help: write `data-on:click__once`"));
    assert!(messages[1].ends_with("help: write `data-init`"));
}

/// The entries of a corpus of `tests/markup/`: its lines without comments and blanks,
/// split into `columns` tab-separated columns.
fn corpus_entries(corpus: &str, columns: usize) -> Vec<Vec<&str>> {
    corpus
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.splitn(columns, '\t').collect::<Vec<_>>())
        .filter(|entry| entry.len() == columns)
        .collect()
}

/// The macro's errors for `fragment` as one literal `elements` patch.
fn fragment_errors(fragment: &str, namespace: Option<Namespace>) -> Vec<String> {
    let template = Template {
        parts: vec![Part::Lit(syn::LitStr::new(
            fragment,
            proc_macro2::Span::call_site(),
        ))],
    };
    let mut diagnostics = Diagnostics::default();
    check_elements(
        &template,
        &ElementsRules::patch(false, namespace),
        &mut diagnostics,
    );
    diagnostics
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The corpus shared with the browser test: the macro refuses exactly the fragments that
/// Chromium restructures (`tests/tests/browser/markup.rs` checks Chromium's side).
#[test]
fn fragments_corpus() {
    let entries = corpus_entries(include_str!("../../../tests/markup/fragments.txt"), 3);
    for entry in &entries {
        let (verdict, namespace, fragment) = (entry[0], entry[1], entry[2]);
        let namespace = match namespace {
            "svg" => Some(Namespace::Svg),
            "mathml" => Some(Namespace::MathMl),
            _ => None,
        };
        let errors = fragment_errors(fragment, namespace);
        match verdict {
            "same" => assert!(errors.is_empty(), "`{fragment}` was refused: {errors:#?}"),
            _ => assert!(
                !errors.is_empty(),
                "`{fragment}` was accepted, but the browser restructures it"
            ),
        }
    }
    assert!(entries.len() > 80, "only {} fragments", entries.len());
}

/// The keys corpus shared with the browser test: the macro refuses exactly the keys whose
/// meaning the HTML parser's lowercasing changes (Chromium's side with the real client is
/// `tests/tests/browser/markup.rs`).
#[test]
fn keys_corpus() {
    let entries = corpus_entries(include_str!("../../../tests/markup/keys.txt"), 4);
    for entry in &entries {
        let (verdict, fragment) = (entry[0], entry[3]);
        let errors = fragment_errors(fragment, None);
        match verdict {
            "kept" => assert!(errors.is_empty(), "`{fragment}` was refused: {errors:#?}"),
            "lowercased" => assert!(
                errors.len() == 1 && errors[0].contains("lowercases attribute names"),
                "`{fragment}`: expected the lowercased-key error, got {errors:#?}"
            ),
            other => panic!("unknown verdict {other}"),
        }
    }
    assert!(entries.len() >= 25, "only {} keys", entries.len());
}

/// The expressions corpus shared with the browser test: the macro refuses exactly the
/// expressions the 1.0.4 client throws on (for the actions they call, their brackets,
/// literals, comments and signal paths).
/// Checks a `runs`/`throws` corpus of JavaScript: each item put in an attribute by
/// `fragment` (already escaped for it) is accepted when labelled `runs`, and refused with
/// exactly one error saying one of `refusals` when labelled `throws`. Returns how many.
fn judge_throws_corpus(corpus: &str, fragment: fn(&str) -> String, refusals: &[&str]) -> usize {
    let entries = corpus_entries(corpus, 2);
    for entry in &entries {
        let (verdict, code) = (entry[0], entry[1]);
        let errors = fragment_errors(
            &fragment(&code.replace('&', "&amp;").replace('"', "&quot;")),
            None,
        );
        match verdict {
            "runs" => assert!(errors.is_empty(), "`{code}` was refused: {errors:#?}"),
            "throws" => assert!(
                errors.len() == 1 && refusals.iter().any(|refusal| errors[0].contains(refusal)),
                "`{code}`: expected one error saying one of {refusals:?}, got {errors:#?}"
            ),
            other => panic!("unknown verdict {other}"),
        }
    }
    entries.len()
}

#[test]
fn expressions_corpus() {
    let judged = judge_throws_corpus(
        include_str!("../../../tests/markup/expressions.txt"),
        |code| format!("<div id=\"a\" data-on:test=\"{code}\"></div>"),
        &["UndefinedAction", "SyntaxError"],
    );
    assert!(judged >= 35, "only {judged} expressions");
}

#[test]
fn handlers_corpus() {
    let judged = judge_throws_corpus(
        include_str!("../../../tests/markup/handlers.txt"),
        |code| format!("<div id=\"a\" onclick=\"{code}\"></div>"),
        &["[handler_syntax]"],
    );
    assert!(judged >= 25, "only {judged} handlers");
}

#[test]
fn srcdoc_with_characters_the_tokenizer_splits() {
    for t in [
        quote::quote! { "<iframe srcdoc='<p>é" (x) "</p>'></iframe>" },
        quote::quote! { "<iframe srcdoc='é<p " (x) "</p>'></iframe>" },
        quote::quote! { "<iframe srcdoc='<p é=" (x) "></p>'></iframe>" },
        quote::quote! { "<iframe srcdoc='<é" (x) "></p>'></iframe>" },
        quote::quote! { "<iframe srcdoc='<!-- é" (x) "-->'></iframe>" },
        quote::quote! { "<iframe srcdoc='&é;" (x) "'></iframe>" },
        quote::quote! { "<p><é" (x) "</p>" },
        quote::quote! { "<p></é" (x) "</p>" },
        quote::quote! { "<p title='<é" (x) "'></p>" },
        quote::quote! { "<p><!é" (x) "</p>" },
    ] {
        let _ = elements(t, false);
    }
}

#[test]
fn documents_corpus() {
    let corpus = include_str!("../../../tests/markup/documents.txt");
    let mut checked = 0;
    for line in corpus
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
    {
        let (verdict, document) = line.split_once('\t').unwrap();
        let template = Template {
            parts: vec![Part::Lit(syn::LitStr::new(
                document,
                proc_macro2::Span::call_site(),
            ))],
        };
        let mut diagnostics = Diagnostics::default();
        super::check_page(&template, &mut diagnostics);
        let errors: Vec<String> = diagnostics
            .errors()
            .iter()
            .map(ToString::to_string)
            .collect();
        match verdict {
            "same" => assert!(errors.is_empty(), "`{document}` was refused: {errors:#?}"),
            _ => assert!(
                !errors.is_empty(),
                "`{document}` was accepted, but the browser builds something else ({verdict})"
            ),
        }
        checked += 1;
    }
    assert!(checked >= 13, "{checked} documents");
}

/// The signal-objects corpus shared with the browser test: the macro reads the paths of
/// every literal it reads (the client's, or their prefixes where a value is not an object
/// literal), and reads none of those labelled `unread`.
#[test]
fn signal_objects_corpus() {
    let under = |path: &str, prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.'))
    };
    let entries = corpus_entries(include_str!("../../../tests/markup/signal_objects.txt"), 2);
    for entry in &entries {
        let (client, literal) = (entry[0], entry[1]);
        let read = signal_objects::object_paths(literal);
        if client == "unread" {
            assert_eq!(read, None, "the macro reads `{literal}`");
            continue;
        }
        let read = read.unwrap_or_else(|| panic!("the macro does not read `{literal}`"));
        let client: Vec<&str> = client.split(',').filter(|path| *path != "-").collect();
        let agree = read
            .iter()
            .all(|path| client.iter().any(|made| under(made, path)))
            && client
                .iter()
                .all(|made| read.iter().any(|path| under(made, path)));
        assert!(
            agree,
            "`{literal}`: the macro reads {read:?}, the client makes {client:?}"
        );
    }
    assert!(entries.len() >= 20, "only {} literals", entries.len());
}
