//! What the browser's tree builder does with a fragment that differs from what was
//! written: the 1.0.4 client parses a patch as the content of a `<template>` in a
//! document without a doctype (quirks mode) made by `DOMParser` (scripting off), and the
//! HTML tree-construction rules then close elements early, drop start tags, move
//! content out of tables, split links and leave SVG and MathML.
//!
//! The walker keeps the elements as written; for each start tag and each run of text,
//! these rules say whether the browser would build something else, and what. The rules
//! follow the spec's insertion modes (in body, in table, in table body, in row, in cell,
//! in column group, in template, foreign content) with Chromium's parser as the judge:
//! `tests/tests/browser/markup.rs` parses every case the client's way and compares.

use super::vocabulary::{self, BREAKOUT, CLOSES_P, HEADINGS, TABLE_PARTS, is_special};
use crate::diagnostics::Diagnostic;
use crate::rule;

pub(super) use super::vocabulary::Ns;

/// An element as written, with what the tree rules need to know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Element {
    pub(super) name: String,
    pub(super) ns: Ns,
    /// An HTML integration point (`foreignObject`, SVG `desc`/`title`, `annotation-xml`
    /// for HTML) or a MathML text integration point: its children are HTML.
    pub(super) html_inside: bool,
}

impl Element {
    fn is_html(&self, name: &str) -> bool {
        self.ns == Ns::Html && self.name == name
    }

    fn is_html_any(&self, names: &[&str]) -> bool {
        self.ns == Ns::Html && names.contains(&self.name.as_str())
    }
}

/// How the top level of the fragment is parsed: the first start tag decides (the
/// "in template" insertion mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TopLevel {
    /// No start tag yet.
    Undecided,
    /// Ordinary content.
    Body,
    /// Started with `<caption>`, `<colgroup>`, `<tbody>`, `<thead>` or `<tfoot>`.
    Table,
    /// Started with `<tr>`.
    TableBody,
    /// Started with `<td>` or `<th>`.
    Row,
    /// Started with `<col>`.
    ColumnGroup,
}

/// What the browser builds instead of what was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Restructure {
    /// It closes `closed` before the new element, which becomes its sibling.
    Closes { closed: String },
    /// It drops the start tag (the element's content stays, without it).
    Ignored { only_in: &'static str },
    /// It moves the element (or text) out of the table, before it.
    FosterParented { table_part: String },
    /// It splits the outer `<a>` (or `<nobr>`): the inner one becomes its sibling.
    Nested { outer: String },
    /// It adds `<tr>` around the cell.
    ImpliedRow,
    /// It closes `<svg>` / `<math>`: this HTML element cannot stand inside it.
    LeavesForeign { root: String },
    /// `<image>` becomes `<img>`.
    Renamed { to: &'static str },
}

impl Restructure {
    /// The error message for a start tag `<name>` that the browser restructures.
    pub(super) fn message(&self, name: &str) -> Diagnostic {
        match self {
            Restructure::Closes { closed } => {
                let help = if closed == name {
                    format!(
                        "`<{name}>` elements cannot be nested; close the first one before opening the next"
                    )
                } else if closed == "p" {
                    format!(
                        "close the `<p>` before `<{name}>`, or use a `<div>`, which may contain `<{name}>`, instead of the `<p>`"
                    )
                } else {
                    format!("close `<{closed}>` before `<{name}>`")
                };
                let rule = if closed == "p" {
                    rule::block_inside_paragraph
                } else {
                    rule::closes_open_element
                };
                rule.says(format!(
                    "`<{name}>` cannot stand inside `<{closed}>`: the browser closes `<{closed}>` before it, so `<{name}>` and what follows become siblings of `<{closed}>`, and the later `</{closed}>` opens a new, empty element\n\nhelp: {help}"
                ))
            }
            Restructure::Ignored { only_in } => rule::table_part_outside_table.says(format!(
                "the browser ignores `<{name}>` here: it is only allowed {only_in}, so the patch would lose the element\n\nhelp: put `<{name}>` {only_in}"
            )),
            Restructure::FosterParented { table_part } => rule::content_directly_in_table.says(format!(
                "`<{name}>` cannot stand directly inside `<{table_part}>`: the browser moves it out, in front of the table\n\nhelp: put it inside a cell (`<td>`), or outside the table"
            )),
            Restructure::Nested { outer } => rule::nested_link.says(format!(
                "`<{name}>` inside `<{outer}>`: the browser closes the outer `<{outer}>` here, so the two become siblings\n\nhelp: `<{outer}>` elements cannot be nested; close the first one before opening the next"
            )),
            Restructure::ImpliedRow => rule::cell_outside_row.says(format!(
                "`<{name}>` outside a `<tr>`: the browser wraps it in a row of its own\n\nhelp: write the `<tr>` around the cells"
            )),
            Restructure::LeavesForeign { root } => rule::html_inside_svg.says(format!(
                "`<{name}>` cannot stand inside `<{root}>`: the browser closes `<{root}>` and everything open inside it, and puts `<{name}>` after it\n\nhelp: put HTML inside `<foreignObject>` (SVG) or a token element such as `<mtext>` (MathML), or move it out"
            )),
            Restructure::Renamed { to } => {
                rule::image_element.says(format!(
                    "the browser turns `<{name}>` into `<{to}>`\n\nhelp: write `<{to}>`"
                ))
            }
        }
    }

    /// The error message for text that the browser moves.
    pub(super) fn text_message(&self, text: &str) -> Diagnostic {
        match self {
            Restructure::FosterParented { table_part } => rule::text_directly_in_table.says(format!(
                "text `{text}` cannot stand directly inside `<{table_part}>`: the browser moves it out, in front of the table\n\nhelp: put it inside a cell (`<td>`) or a `<caption>`"
            )),
            other => other.message("text"),
        }
    }
}

/// True for the elements that bound the default scope ("has an element in scope").
fn bounds_scope(element: &Element) -> bool {
    element.html_inside
        || element.is_html_any(&[
            "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
        ])
}

/// True when an HTML `name` is open in scope; `extra` elements bound the scope too
/// (`button` for button scope).
fn in_scope(stack: &[Element], name: &str, extra: &[&str]) -> bool {
    for element in stack.iter().rev() {
        if element.is_html(name) {
            return true;
        }
        if bounds_scope(element) || element.is_html_any(extra) {
            return false;
        }
    }
    false
}

/// The namespace and kind of an element `name` opened under `parent` (`None`: the top
/// level), with its attributes (only `annotation-xml`'s `encoding` matters).
pub(super) fn new_element(
    parent: Option<&Element>,
    root: Ns,
    name: &str,
    encoding: Option<&str>,
) -> Element {
    let parent_ns = parent.map_or(root, |parent| {
        if parent.html_inside {
            Ns::Html
        } else {
            parent.ns
        }
    });
    let ns = match name {
        "svg" => Ns::Svg,
        "math" => Ns::MathMl,
        _ if parent.is_some_and(|parent| parent.ns == Ns::MathMl && parent.html_inside)
            && matches!(name, "mglyph" | "malignmark") =>
        {
            Ns::MathMl
        }
        _ => parent_ns,
    };
    let html_inside = match ns {
        Ns::Html => false,
        Ns::Svg => matches!(name, "foreignobject" | "desc" | "title"),
        Ns::MathMl => {
            matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext")
                || name == "annotation-xml"
                    && encoding.is_some_and(|encoding| {
                        encoding.eq_ignore_ascii_case("text/html")
                            || encoding.eq_ignore_ascii_case("application/xhtml+xml")
                    })
        }
    };
    Element {
        name: name.to_owned(),
        ns,
        html_inside,
    }
}

/// What the browser does with the start tag of `element` (already placed in its
/// namespace by [`new_element`]) when `stack` is open; `top` is updated for the
/// fragment's first start tag.
pub(super) fn start_tag(
    stack: &[Element],
    top: &mut TopLevel,
    element: &Element,
    has_font_attributes: bool,
) -> Option<Restructure> {
    let name = element.name.as_str();
    // Leaving foreign content.
    if let Some(current) = stack.last()
        && current.ns != Ns::Html
        && !current.html_inside
    {
        let breaks_out = BREAKOUT.contains(&name) || name == "font" && has_font_attributes;
        if breaks_out {
            let root = stack
                .iter()
                .rev()
                .find(|element| element.is_foreign_root())
                .map_or("svg", |root| root.name.as_str());
            return Some(Restructure::LeavesForeign {
                root: root.to_owned(),
            });
        }
        return None;
    }
    if element.ns != Ns::Html {
        return None;
    }
    // A patch of the whole document (`<html>`, `<head>`, `<body>` at the top level) is
    // parsed as a document by the client, which keeps them.
    if stack.is_empty() && matches!(name, "html" | "head" | "body") {
        *top = TopLevel::Body;
        return None;
    }
    if stack.is_empty() && *top == TopLevel::Undecided {
        *top = match name {
            "caption" | "colgroup" | "tbody" | "tfoot" | "thead" => TopLevel::Table,
            "col" => TopLevel::ColumnGroup,
            "tr" => TopLevel::TableBody,
            "td" | "th" => TopLevel::Row,
            _ => TopLevel::Body,
        };
        return None;
    }
    if let Some(restructure) = table_context(stack, *top, name) {
        return restructure;
    }
    in_body(stack, name)
}

impl Element {
    fn is_foreign_root(&self) -> bool {
        self.ns == Ns::Svg && self.name == "svg" || self.ns == Ns::MathMl && self.name == "math"
    }
}

/// The table insertion modes: `Some(rule)` when the current node makes one apply.
fn table_context(stack: &[Element], top: TopLevel, name: &str) -> Option<Option<Restructure>> {
    let current = match stack.last() {
        Some(current) if current.ns == Ns::Html => current.name.as_str(),
        Some(_) => return None,
        None => {
            return Some(match top {
                TopLevel::Undecided | TopLevel::Body => {
                    TABLE_PARTS.contains(&name).then(|| Restructure::Ignored {
                        only_in: table_part_home(name),
                    })
                }
                TopLevel::Table => match name {
                    "td" | "th" => Some(Restructure::ImpliedRow),
                    _ => None,
                },
                TopLevel::TableBody => match name {
                    "td" | "th" => Some(Restructure::ImpliedRow),
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" => {
                        Some(Restructure::Ignored {
                            only_in: table_part_home(name),
                        })
                    }
                    _ => None,
                },
                TopLevel::Row => (name == "tr" || name != "td" && name != "th" && TABLE_PARTS.contains(&name))
                    .then(|| Restructure::Ignored {
                        only_in: table_part_home(name),
                    }),
                TopLevel::ColumnGroup => (name != "col").then_some(Restructure::Ignored {
                    only_in: "at the top level only after other `<col>` elements, or elsewhere in a patch of its own",
                }),
            });
        }
    };
    let table_part = current.to_owned();
    let foster = || {
        Some(Restructure::FosterParented {
            table_part: table_part.clone(),
        })
    };
    let rule = match current {
        "table" => match name {
            "caption" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr" | "col" => None,
            "td" | "th" => Some(Restructure::ImpliedRow),
            "table" => Some(Restructure::Closes {
                closed: "table".to_owned(),
            }),
            "style" | "script" | "template" => None,
            _ => foster(),
        },
        "tbody" | "thead" | "tfoot" => match name {
            "tr" | "style" | "script" | "template" => None,
            "td" | "th" => Some(Restructure::ImpliedRow),
            "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "table" => {
                Some(Restructure::Closes { closed: table_part })
            }
            _ => foster(),
        },
        "tr" => match name {
            "td" | "th" | "style" | "script" | "template" => None,
            "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr" | "table" => {
                Some(Restructure::Closes { closed: table_part })
            }
            _ => foster(),
        },
        "td" | "th" | "caption" if TABLE_PARTS.contains(&name) => {
            Some(Restructure::Closes { closed: table_part })
        }
        "colgroup" => (name != "col" && name != "template")
            .then_some(Restructure::Closes { closed: table_part }),
        _ => return None,
    };
    Some(rule)
}

/// Where a table part is allowed, for messages.
fn table_part_home(name: &str) -> &'static str {
    match name {
        "tr" => {
            "inside `<table>`, `<tbody>`, `<thead>` or `<tfoot>`, or at the top level of a patch that starts with a row"
        }
        "td" | "th" => "inside `<tr>`, or at the top level of a patch that starts with a cell",
        "col" => "inside `<colgroup>` or `<table>`",
        _ => "inside `<table>`, or at the top level of a patch that starts with a table part",
    }
}

/// The "in body" insertion mode.
fn in_body(stack: &[Element], name: &str) -> Option<Restructure> {
    let closes = |closed: &str| {
        Some(Restructure::Closes {
            closed: closed.to_owned(),
        })
    };
    match name {
        "html" | "body" | "head" | "frameset" | "frame" => {
            return Some(Restructure::Ignored {
                only_in: "in a whole document, which a patch is not",
            });
        }
        _ if TABLE_PARTS.contains(&name) => {
            return Some(Restructure::Ignored {
                only_in: table_part_home(name),
            });
        }
        "image" => return Some(Restructure::Renamed { to: "img" }),
        "a" | "nobr" if stack.iter().any(|element| element.is_html(name)) => {
            let outer_open = match name {
                "a" => stack
                    .iter()
                    .rev()
                    .take_while(|element| !bounds_scope(element))
                    .any(|element| element.is_html("a")),
                _ => in_scope(stack, "nobr", &[]),
            };
            if outer_open {
                return Some(Restructure::Nested {
                    outer: name.to_owned(),
                });
            }
        }
        "button" if in_scope(stack, "button", &[]) => return closes("button"),
        "li" => {
            if let Some(closed) = open_list_item(stack, &["li"]) {
                return closes(closed);
            }
        }
        "dd" | "dt" => {
            if let Some(closed) = open_list_item(stack, &["dd", "dt"]) {
                return closes(closed);
            }
        }
        "option" | "optgroup" => {
            if let Some(current) = stack.last()
                && (current.is_html("option") || name == "optgroup" && current.is_html("optgroup"))
            {
                return closes(&current.name);
            }
        }
        "select" if in_scope(stack, "select", &[]) => return closes("select"),
        "input" | "keygen" if in_scope(stack, "select", &[]) => return closes("select"),
        "rb" | "rtc" | "rp" | "rt" if in_scope(stack, "ruby", &[]) => {
            if let Some(current) = stack.last()
                && current.is_html_any(&["rb", "rp", "rt", "rtc"])
                && !(current.is_html("rtc") && matches!(name, "rp" | "rt"))
            {
                return closes(&current.name);
            }
        }
        _ => {}
    }
    if HEADINGS.contains(&name)
        && let Some(current) = stack.last()
        && current.is_html_any(&HEADINGS)
    {
        return closes(&current.name);
    }
    if (CLOSES_P.contains(&name) || name == "plaintext") && in_scope(stack, "p", &["button"]) {
        return closes("p");
    }
    None
}

/// The open `<li>` (or `<dd>`/`<dt>`) that a new one closes: searched from the current
/// node down, stopping at a special element other than `address`, `div` and `p`.
fn open_list_item<'a>(stack: &'a [Element], names: &[&str]) -> Option<&'a str> {
    for element in stack.iter().rev() {
        if element.is_html_any(names) {
            return Some(element.name.as_str());
        }
        if is_special(&element.name, element.ns, element.html_inside)
            && !element.is_html_any(&["address", "div", "p"])
        {
            return None;
        }
    }
    None
}

/// What the browser does with non-whitespace text when `stack` is open.
pub(super) fn text(stack: &[Element]) -> Option<Restructure> {
    let current = stack.last()?;
    current
        .is_html_any(&["table", "tbody", "thead", "tfoot", "tr"])
        .then(|| Restructure::FosterParented {
            table_part: current.name.clone(),
        })
}

/// True for elements written as void but foreign (`<circle/>`): self-closing is only
/// meaningful in SVG and MathML.
pub(super) fn is_void_html(element: &Element) -> bool {
    element.ns == Ns::Html && vocabulary::is_void(&element.name)
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
