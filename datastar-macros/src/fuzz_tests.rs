//! A no-panic fuzz of the whole pipeline (parse → check → expand, without rustc) over
//! inputs generated from the DSL's grammar: every statement and option (and misspellings
//! and names of older Datastar versions), options in random order, string literals full
//! of quotes, braces, `<`, `&`, NUL and line breaks, very long literals, holes and loops
//! nested deep, Rust control flow, and stray tokens. Every input must give either errors or
//! an expansion, and the output must be valid Rust syntax either way.
//!
//! `DATASTAR_FUZZ_CASES` sets the number of inputs (default below; CI runs the default).

use proc_macro2::TokenStream;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const DEFAULT_CASES: u32 = 10_000;

/// A Rust string literal holding hostile text (Debug formatting is valid literal syntax).
fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[<>&\"'`/\\\\{}();:=#% a-z0-9\\t\\r\\n\\x00-]{0,24}",
        2 => prop::sample::select(vec![
            "<div id=\"a\">", "</div>", "<p id='x' title=\"", "\">", "<a href=\"", "javascript:",
            "<script>", "</script>", "<svg>", "<circle/>", "<table>", "<tr>", "<td>", "<!--", "-->",
            "&amp", "&#x27;", "data-on:click=\"@get('", "')\"", "${", "`", "<template>", "<textarea>",
            "<li>", "<p>", "<plaintext>", "</body>", " srcdoc=\"<b>", "<math><mi>", "style=\"",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>(),
        1 => Just("<p id=\"long\">".repeat(300) + &"x".repeat(2000)),
    ]
    .prop_map(|text| format!("{text:?}"))
}

fn expr() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "x",
        "Raw(x)",
        "x.len()",
        "&y",
        "1",
        "\"text\"",
        "f(x).await",
        "x?",
        "||",
        "",
        "a b",
    ])
    .prop_map(str::to_owned)
}

/// Template parts: literals, holes, loops and `if`s, nested.
fn template() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => literal(),
        2 => expr().prop_map(|expr| format!("({expr})")),
    ];
    let leaf = prop::collection::vec(part, 1..6).prop_map(|parts| parts.join(" "));
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop::collection::vec(
            prop_oneof![
                2 => inner.clone(),
                1 => inner.clone().prop_map(|body| format!("for x in xs {{ {body} }}")),
                1 => (inner.clone(), inner).prop_map(|(then, other)| format!("if c {{ {then} }} else if d {{ }} else {{ {other} }}")),
            ],
            1..4,
        )
        .prop_map(|parts| parts.join(" "))
    })
}

fn option() -> impl Strategy<Value = String> {
    prop_oneof![
        literal().prop_map(|text| format!("selector = {text}")),
        expr().prop_map(|expr| format!("selector = ({expr})")),
        prop::sample::select(vec![
            "outer",
            "inner",
            "append",
            "remove",
            "morph",
            "sideways",
            "\"append\""
        ])
        .prop_map(|mode| format!("mode = {mode}")),
        Just("view_transition".to_owned()),
        Just("view_transition = true".to_owned()),
        literal().prop_map(|text| format!("view_transition_selector = {text}")),
        prop::sample::select(vec!["svg", "mathml", "html", "xml"])
            .prop_map(|ns| format!("namespace = {ns}")),
        literal().prop_map(|text| format!("id = {text}")),
        expr().prop_map(|expr| format!("id = ({expr})")),
        prop::sample::select(vec![
            "5s",
            "0ms",
            "1.5s",
            "3",
            "(d)",
            "99999999999999999999s"
        ])
        .prop_map(|retry| format!("retry = {retry}")),
        Just("only_if_missing".to_owned()),
        prop::sample::select(vec!["true", "false", "1"])
            .prop_map(|value| format!("auto_remove = {value}")),
        literal().prop_map(|text| format!("attributes = {{ type: {text}, data-x: (y) }}")),
        Just("selectr = \"#a\"".to_owned()),
        Just("".to_owned()),
    ]
}

/// Signal objects, nested.
fn signals() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        literal(),
        Just("null".to_owned()),
        Just("-1.5e3".to_owned()),
        Just("1u8".to_owned()),
        Just("'c'".to_owned()),
        expr().prop_map(|expr| format!("({expr})")),
    ];
    value.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(
                (
                    prop::sample::select(vec!["a", "b.c", "\"d-e\"", "a", "r#type"]),
                    inner.clone()
                ),
                0..4
            )
            .prop_map(|entries| {
                let entries: Vec<String> = entries
                    .into_iter()
                    .map(|(key, value)| format!("{key}: {value}"))
                    .collect();
                format!("{{ {} }}", entries.join(", "))
            }),
            prop::collection::vec(inner, 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
        ]
    })
}

/// `, option` repeated, in random order.
fn options() -> impl Strategy<Value = String> {
    prop::collection::vec(option(), 0..5).prop_map(|options| {
        options
            .iter()
            .map(|option| format!(", {option}"))
            .collect::<String>()
    })
}

fn statement() -> impl Strategy<Value = String> {
    let event = prop_oneof![
        (template(), options())
            .prop_map(|(content, options)| format!("elements {content}{options};")),
        (expr(), options())
            .prop_map(|(content, options)| format!("elements ({content}){options};")),
        (literal(), options())
            .prop_map(|(selector, options)| format!("remove {selector}{options};")),
        (signals(), options()).prop_map(|(object, options)| format!("signals {object}{options};")),
        (template(), options())
            .prop_map(|(content, options)| format!("script {content}{options};")),
        literal().prop_map(|url| format!("redirect {url};")),
        prop::sample::select(vec!["3s", "0s", "250ms", "1.5s", "3", "3x", "(d)", "-1s"])
            .prop_map(|wait| format!("wait {wait};")),
        prop::sample::select(vec![
            "element \"<p id='a'></p>\";",
            "merge_fragments \"<p></p>\";",
            "let x = 1;",
            "signals.push(1);",
            "return;",
            "yield e;",
            "x?;",
            ";",
            "}",
            "elements",
            "wait",
            "(",
            "'a: {",
        ])
        .prop_map(str::to_owned),
    ];
    event.prop_recursive(3, 24, 4, |inner| {
        let body = prop::collection::vec(inner, 0..4).prop_map(|stmts| stmts.join(" "));
        prop_oneof![
            body.clone()
                .prop_map(|body| format!("if cond {{ {body} }} else {{ {body} }}")),
            body.clone()
                .prop_map(|body| format!("for i in 0.. {{ {body} }}")),
            body.clone()
                .prop_map(|body| format!("loop {{ {body} tick().await; }}")),
            body.clone()
                .prop_map(|body| format!("while running {{ {body} }}")),
            body.clone()
                .prop_map(|body| format!("match x {{ 1 => {{ {body} }} _ => {{}} }}")),
            body.prop_map(|body| format!("{{ {body} }}")),
        ]
    })
}

/// Whether `expansion` is Rust rustc can read: an expression, items, or errors.
fn is_rust(expansion: &TokenStream) -> bool {
    syn::parse2::<syn::Expr>(expansion.clone()).is_ok()
        || syn::parse2::<syn::File>(expansion.clone()).is_ok()
        || expansion.to_string().contains("compile_error")
}

/// Inputs that once made the macro panic or emit broken Rust, or that sit on the edges of
/// the grammar: fixed seeds for the same property as the generated bodies below.
#[test]
fn odd_inputs_emit_rust() {
    let bodies = [
        "",
        ";",
        ";;;",
        "elements;",
        "elements",
        "elements ,;",
        "elements \"\";",
        "elements \"<\";",
        "elements \"</\";",
        "elements \"<div id=\";",
        "elements \"<div id='a'\" (x);",
        "elements (x) (y);",
        "elements \"a\" \"b\";",
        "elements for;",
        "elements for x in {};",
        "elements for x in y { for z in x { } };",
        "elements \"<ul id='u'>\" for x in y { \"<li>\" } ;",
        "remove;",
        "remove \"\";",
        "remove \"#a\", mode = ;",
        "signals;",
        "signals {};",
        "signals { a: };",
        "signals { : 1 };",
        "signals { a: { b: { c: [1, [2, {}]] } } };",
        "signals { \"\": 1 };",
        "signals [];",
        "script;",
        "script \"\", attributes = {};",
        "script \"x\", attributes = { : \"v\" };",
        "redirect;",
        "redirect \"\";",
        "wait;",
        "wait 3;",
        "wait 3x;",
        "wait -1s;",
        "wait 99999999999999999999999s;",
        "wait 0.0001ms; elements \"<p id='p'></p>\";",
        "elements \"<p id='p'></p>\", retry = 18446744073709551616ms;",
        "elements \"<p id='p'></p>\", id = ;",
        "elements \"<p id='p'></p>\", selector = \"\\r\";",
        "if { elements \"<p id='p'></p>\"; }",
        "match x { }",
        "match x { _ => elements \"<p id='p'></p>\"; }",
        "loop {}",
        "while {}",
        "for in {}",
        "let x = ; elements \"<p id='p'></p>\";",
        "'a: { break 'a; } elements \"<p id='p'></p>\";",
        "elements \"\u{0}\";",
        "elements \"<p id='p'>\u{feff}\u{202e}</p>\";",
    ];
    for body in bodies {
        let tokens: TokenStream = format!("(crate) {body}").parse().expect("valid tokens");
        let expansion = std::panic::catch_unwind(|| crate::pipeline::run(tokens))
            .unwrap_or_else(|_| panic!("the macro panicked on `{body}`"));
        assert!(is_rust(&expansion), "not Rust from `{body}`:\n{expansion}");
    }
}

#[test]
fn the_pipeline_never_panics_and_always_emits_rust() {
    let cases = std::env::var("DATASTAR_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let config = Config {
        cases,
        failure_persistence: None,
        // ChaCha, the default, dominates the run time in an unoptimised test build.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..Config::default()
    };
    let body = prop::collection::vec(statement(), 0..6).prop_map(|stmts| stmts.join("\n"));
    let ran = std::cell::Cell::new(0);
    TestRunner::new(config)
        .run(&body, |body| {
            let Ok(tokens) = format!("(crate) {body}").parse::<TokenStream>() else {
                // Unbalanced delimiters from the stray tokens: rustc would not call us.
                return Ok(());
            };
            let expansion = std::panic::catch_unwind(|| crate::pipeline::run(tokens));
            prop_assert!(expansion.is_ok(), "the pipeline panicked on:\n{}", body);
            let expansion = expansion.unwrap_or_default();
            prop_assert!(
                is_rust(&expansion),
                "not Rust:\n{}\nfrom:\n{}",
                expansion,
                body
            );
            ran.set(ran.get() + 1);
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {} generated bodies through parse → check → expand",
        ran.get()
    );
}
