//! `html!`: pages and components render to the exact bytes expected, components compose
//! in pages and patches, and a `Markup` is a response.

use std::collections::BTreeMap;

use datastar_core::prelude::*;
use datastar_core::testing::drain;

fn badge(text: &str) -> Markup {
    html! { "<b class=\"badge\">" (text) "</b>" }
}

fn crew_list(crew: &[&str]) -> Markup {
    html! {
        "<ul id=\"crew\">"
        for (n, name) in crew.iter().enumerate() {
            "<li id=\"crew-" (n) "\">" (name) if n == 0 { " " (badge("captain")) } "</li>"
        }
        "</ul>"
    }
}

#[test]
fn a_static_page_is_rendered_at_compile_time() {
    let page = html! { "<!doctype html><html><head><title>HAL</title></head><body><p>Hi</p></body></html>" };
    assert_eq!(
        page.as_str(),
        "<!doctype html><html><head><title>HAL</title></head><body><p>Hi</p></body></html>"
    );
}

#[test]
fn components_are_inserted_as_they_are_and_values_escaped() {
    let list = crew_list(&["Dave", "<Frank>"]);
    assert_eq!(
        list.as_str(),
        "<ul id=\"crew\"><li id=\"crew-0\">Dave <b class=\"badge\">captain</b></li>\
         <li id=\"crew-1\">&lt;Frank&gt;</li></ul>"
    );
    let page = html! {
        "<!doctype html><html><head><title>" ("Crew & co") "</title></head><body>"
        (list) "</body></html>"
    };
    assert!(page.as_str().contains("<title>Crew &amp; co</title>"));
    assert!(page.as_str().contains("<b class=\"badge\">captain</b>"));
}

#[test]
fn line_breaks_are_the_html_parsers() {
    let page = html! { "<pre>a\r\nb\rc\nd</pre>" };
    assert_eq!(page.as_str(), "<pre>a\nb\nc\nd</pre>");
}

#[test]
fn a_value_that_cannot_be_serialized_becomes_null() {
    // JSON object keys must be strings: serde_json refuses a map keyed by lists.
    let mut map = BTreeMap::new();
    map.insert(vec![1u8], 1u8);
    let page = html! { "<script>const pods = " (map) ";</script><p data-text=\"" (7) "\"></p>" };
    assert_eq!(
        page.as_str(),
        "<script>const pods = null;</script><p data-text=\"7\"></p>"
    );
}

#[test]
fn a_component_is_element_content_and_can_be_sent() {
    let list = crew_list(&["Dave"]);
    let (first, second) = (list.clone(), list.clone());
    let sent = drain(datastar! {
        elements (first);
        send second;
    });
    let expected = PatchElements::new(list.as_str()).encode().unwrap();
    let expected = String::from_utf8(expected.as_bytes().to_vec()).unwrap();
    assert_eq!(sent, format!("{expected}{expected}"));
    // In a template's text it is inserted as it is, split into data lines like the rest.
    let sent = drain(datastar! {
        elements "<div id=\"crew-box\">" (crew_list(&["Dave"])) "</div>";
    });
    assert!(
        sent.contains("<div id=\"crew-box\"><ul id=\"crew\"><li id=\"crew-0\">Dave <b class=\"badge\">captain</b></li></ul></div>"),
        "{sent}"
    );
}

#[test]
fn markup_is_an_html_response() {
    let response = html! { "<p>Hi</p>" }.into_http_response();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let response = axum::response::IntoResponse::into_response(html! { "<p>Hi</p>" });
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
}
