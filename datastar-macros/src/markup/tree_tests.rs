//! Unit tests of the tree-construction rules.

use super::*;

/// The restructures of a sequence of start tags (each nested in the previous, unless
/// `/` closes the current one), as messages' first words.
fn run(tags: &str) -> Vec<String> {
    let mut stack: Vec<Element> = Vec::new();
    let mut top = TopLevel::Undecided;
    let mut found = Vec::new();
    for tag in tags.split_whitespace() {
        if tag == "/" {
            stack.pop();
            continue;
        }
        let element = new_element(stack.last(), Ns::Html, tag, None);
        if let Some(restructure) = start_tag(&stack, &mut top, &element, false) {
            found.push(format!("{tag}: {restructure:?}"));
        }
        stack.push(element);
    }
    found
}

#[test]
fn blocks_close_paragraphs() {
    assert_eq!(run("p div"), ["div: Closes { closed: \"p\" }"]);
    assert_eq!(run("p span div"), ["div: Closes { closed: \"p\" }"]);
    assert!(run("p button div").is_empty());
    assert!(
        run("p table").is_empty(),
        "quirks mode keeps a table in a paragraph"
    );
    assert_eq!(run("h1 h2"), ["h2: Closes { closed: \"h1\" }"]);
    assert!(run("h1 span h2").is_empty());
}

#[test]
fn lists_links_and_buttons() {
    assert_eq!(run("li span li"), ["li: Closes { closed: \"li\" }"]);
    assert!(run("ul li ul li").is_empty());
    assert!(run("div li").is_empty());
    assert_eq!(run("a div a"), ["a: Nested { outer: \"a\" }"]);
    assert_eq!(
        run("button span button"),
        ["button: Closes { closed: \"button\" }"]
    );
    assert_eq!(run("dl dt dd"), ["dd: Closes { closed: \"dt\" }"]);
}

#[test]
fn tables() {
    assert!(run("table tbody tr td").is_empty());
    assert!(run("table tr td").is_empty(), "an implied tbody is fine");
    assert_eq!(run("table td"), ["td: ImpliedRow"]);
    assert_eq!(
        run("table div"),
        ["div: FosterParented { table_part: \"table\" }"]
    );
    assert_eq!(
        run("div tr"),
        [
            "tr: Ignored { only_in: \"inside `<table>`, `<tbody>`, `<thead>` or `<tfoot>`, or at the top level of a patch that starts with a row\" }"
        ]
    );
    assert!(run("tr td / / tr").is_empty());
    assert_eq!(run("tr / td").len(), 1);
    assert_eq!(run("td / tr").len(), 1);
    assert_eq!(run("div / tr").len(), 1);
}

#[test]
fn whole_documents_only_at_the_top_level() {
    assert!(run("body div").is_empty());
    assert!(run("html / body").is_empty());
    assert_eq!(run("div body").len(), 1);
}

#[test]
fn foreign_content() {
    assert_eq!(run("svg div").len(), 1);
    assert!(run("svg foreignobject div").is_empty());
    assert!(run("math mtext div").is_empty());
    assert!(run("svg a circle").is_empty());
    assert_eq!(run("math annotation-xml div").len(), 1);
}
