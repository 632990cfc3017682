//! Unit tests of the parser on `quote!` token streams.

use super::*;
use crate::model::{DurationArg, EventKind, Stmt, Wait};
use quote::quote;

fn parse(tokens: TokenStream) -> (Option<Input>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let input = match parse_input(tokens, &mut diagnostics) {
        Ok(input) => Some(input),
        Err(error) => {
            diagnostics.push(error);
            None
        }
    };
    (input, diagnostics)
}

fn messages(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn parses_every_statement() {
    let (input, diagnostics) = parse(quote! {
        (crate)
        elements "<div id='a'>" (x) "</div>", selector = "#a", mode = inner, view_transition,
            view_transition_selector = "#main", namespace = svg, id = "e1", retry = 2s;
        remove "#b", id = ("x");
        signals { a: 1, "b": [true, null, -2.5], c: { d: x + 1 } }, only_if_missing;
        signals state;
        script "console.log(" (n) ")", auto_remove = false, attributes = { type: "module", data-x: (y) };
        redirect "/guide";
        wait 1.5s;
        wait 250ms;
        wait std::time::Duration::from_secs(1);
    });
    assert!(
        messages(&diagnostics).is_empty(),
        "{:?}",
        messages(&diagnostics)
    );
    let input = input.unwrap();
    assert_eq!(input.body.stmts.len(), 9);
    let Stmt::Wait(Wait {
        duration: DurationArg::Millis(millis),
        ..
    }) = &input.body.stmts[6]
    else {
        panic!("expected a literal wait");
    };
    assert_eq!(millis.value, 1500);
    let Stmt::Event(event) = &input.body.stmts[4] else {
        panic!("expected an event");
    };
    let EventKind::Script(script) = &event.kind else {
        panic!("expected a script");
    };
    assert_eq!(script.attributes[1].name, "data-x");
}

#[test]
fn parses_rust_control_flow_with_nested_statements() {
    let (input, diagnostics) = parse(quote! {
        (crate)
        let items = vec![1, 2];
        'outer: for item in items.iter() {
            if let Some(x) = item.checked_add(1) && x > 1 {
                elements "<li id='i'>" (x) "</li>", selector = "#list", mode = append;
            } else if true {
                wait 1s;
            } else {
                break 'outer;
            }
        }
        match items.len() {
            0 => { signals { empty: true }; }
            n if n > 3 => {}
            _ => (),
        }
        while let Some(x) = next().await { elements (x); wait 1s; }
        loop { break; }
        { redirect "/"; }
        helper(&mut signals_vec)?;
        elements.push(1);
    });
    assert!(
        messages(&diagnostics).is_empty(),
        "{:?}",
        messages(&diagnostics)
    );
    assert_eq!(input.unwrap().body.stmts.len(), 8);
}

#[test]
fn recovers_at_semicolons_and_reports_every_error() {
    let (_, diagnostics) = parse(quote! {
        (crate)
        element "<div id='a'></div>";
        elements "<div id='a'></div>", mode = apend, selectr = "#x";
        wait 3;
        signal { a: 1 };
        elements "<p>" {x} "</p>";
    });
    let messages = messages(&diagnostics);
    assert_eq!(messages.len(), 6, "{messages:#?}");
    assert!(messages[0].starts_with("unknown statement `element`"));
    assert!(messages[0].ends_with("did you mean `elements`?"));
    assert!(messages[1].contains("did you mean `append`?"));
    assert!(messages[2].contains("did you mean `selector`?"));
    assert!(messages[3].starts_with("the duration `3` has no unit"));
    assert!(messages[4].contains("did you mean `signals`?"));
    assert!(messages[5].contains("is not interpolation"));
}

#[test]
fn errors_point_at_the_offending_token() {
    let tokens: TokenStream = "(crate)\nelements \"<p id='a'></p>\",\n    mode = sideways;"
        .parse()
        .unwrap();
    let (_, diagnostics) = parse(tokens);
    let error = &diagnostics.errors()[0];
    let start = error.span().start();
    assert_eq!((start.line, start.column), (3, 11));
}
