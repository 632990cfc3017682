//! What the walker reads and keeps while it walks a template: the start tag being read
//! and its attributes, the elements still open, the state saved at a template segment's
//! start, and the top-level nodes.

use std::ops::Range;

use super::context::Context;
use super::tokens::TextState;
use super::tree::{Element, TopLevel};

/// An attribute as read from a start tag.
pub(super) struct Attribute {
    pub(super) name: String,
    pub(super) name_range: Range<usize>,
    pub(super) value: Option<Value>,
}

/// An attribute's value.
pub(super) struct Value {
    /// Where it stands in the joined source, quotes excluded.
    pub(super) range: Range<usize>,
    pub(super) quote: Option<char>,
    /// As the browser reads it: character references decoded, holes as placeholders.
    pub(super) decoded: String,
}

/// The start tag being read.
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) range: Range<usize>,
    pub(super) attributes: Vec<Attribute>,
}

/// An element as written and still open.
#[derive(Clone)]
pub(super) struct Open {
    pub(super) element: Element,
    /// Its start tag.
    pub(super) range: Range<usize>,
    /// How its text is read, and where that text starts.
    pub(super) text: TextState,
    pub(super) text_start: usize,
    /// For a `<template>`: how its content's top level is parsed (content is a fragment
    /// of its own).
    pub(super) content: TopLevel,
}

/// The state saved where a loop body or `if` branch starts, restored where it ends if it
/// was not balanced, so that one mistake is reported once.
pub(super) struct SegmentStart {
    pub(super) context: Context,
    pub(super) stack: Vec<Open>,
}

/// A top-level node, for the client's namespace quirk (see `finish`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TopNode {
    Element(usize),
    Whitespace,
    Other,
}
