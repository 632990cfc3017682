//! A template as the HTML tokenizer reads it: its literals joined into one string, each
//! hole a placeholder character, each loop body and each branch of an `if` written once,
//! in order, where it stands; and the way back from a position in that string to a span
//! in the user's source.
//!
//! Written once, a loop body or branch is checked as if it were always there; the
//! walker then requires each to end in the context it started in, so that repeating it
//! or leaving it out reads the same way.

use std::cell::OnceCell;
use std::ops::Range;

use proc_macro2::Span;
use syn::LitStr;

use crate::model::{HoleId, Part, Template};

/// Stands for a hole in the joined source: a private-use character, valid in every
/// tokenizer state, never produced by the tokenizer itself and never changed by
/// character-reference decoding.
pub(super) const HOLE: char = '\u{E000}';

/// A template's literals joined into one string, holes replaced by [`HOLE`], each loop
/// body and `if` branch written once, inline, where it stands.
pub(super) struct TemplateSource<'a> {
    pub(super) text: String,
    /// Every hole, in order.
    pub(super) holes: Vec<HoleSource>,
    /// Byte offset where each literal's value starts, with the literal.
    literals: Vec<(usize, &'a LitStr)>,
    /// For each literal, where each byte of its value sits in its source text: computed
    /// once, on the first error inside it, and only where the compiler can point inside a
    /// literal at all (`Literal::subspan`, nightly and the unit tests).
    offsets: Vec<OnceCell<Option<Vec<usize>>>>,
    /// Every loop body and `if` branch, in source order.
    pub(super) segments: Vec<Segment>,
    /// Every template `if`, in source order.
    pub(super) choices: Vec<Choice>,
    /// Where each segment starts and ends, in source order (nested and empty segments
    /// keep the order the tokens came in).
    pub(super) marks: Vec<(usize, Mark)>,
}

/// A hole in the joined text.
pub(super) struct HoleSource {
    /// Where its placeholder character starts.
    pub(super) offset: usize,
    pub(super) id: HoleId,
    /// The parentheses.
    pub(super) span: Span,
}

/// A loop body or an `if` branch in the joined text.
pub(super) struct Segment {
    pub(super) body: Range<usize>,
    /// The `for` or `if` keyword.
    pub(super) keyword: Span,
    pub(super) kind: SegmentKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SegmentKind {
    /// Written once per item.
    Loop,
    /// Written or not: branch `index` of `choices[choice]`.
    Branch { choice: usize, index: usize },
}

/// A template `if` in the joined text.
pub(super) struct Choice {
    /// From the start of its first branch to the end of its last.
    pub(super) range: Range<usize>,
}

/// Where a segment (an index into `segments`) starts or ends.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Start(usize),
    End(usize),
}

impl<'a> TemplateSource<'a> {
    pub(super) fn new(template: &'a Template) -> Self {
        let mut source = TemplateSource {
            text: String::new(),
            holes: Vec::new(),
            literals: Vec::new(),
            offsets: Vec::new(),
            segments: Vec::new(),
            choices: Vec::new(),
            marks: Vec::new(),
        };
        source.push_parts(&template.parts);
        source
    }

    fn push_parts(&mut self, parts: &'a [Part]) {
        for part in parts {
            match part {
                Part::Lit(lit) => {
                    self.literals.push((self.text.len(), lit));
                    self.offsets.push(OnceCell::new());
                    self.text.push_str(&lit.value());
                }
                Part::Hole(hole) => {
                    self.holes.push(HoleSource {
                        offset: self.text.len(),
                        id: hole.id,
                        span: hole.span,
                    });
                    self.text.push(HOLE);
                }
                Part::Loop(template_loop) => {
                    self.push_segment(
                        template_loop.keyword,
                        SegmentKind::Loop,
                        &template_loop.body,
                    );
                }
                Part::If(template_if) => {
                    let choice = self.choices.len();
                    let start = self.text.len();
                    self.choices.push(Choice {
                        range: start..start,
                    });
                    for (index, branch) in template_if.branches.iter().enumerate() {
                        let kind = SegmentKind::Branch { choice, index };
                        self.push_segment(template_if.keyword, kind, &branch.body);
                    }
                    self.choices[choice].range.end = self.text.len();
                }
            }
        }
    }

    fn push_segment(&mut self, keyword: Span, kind: SegmentKind, parts: &'a [Part]) {
        let index = self.segments.len();
        let start = self.text.len();
        self.segments.push(Segment {
            body: start..start,
            keyword,
            kind,
        });
        self.marks.push((start, Mark::Start(index)));
        self.push_parts(parts);
        let end = self.text.len();
        self.segments[index].body.end = end;
        self.marks.push((end, Mark::End(index)));
    }

    /// True when `range` lies in the body of some loop: it repeats.
    pub(super) fn in_loop(&self, range: &Range<usize>) -> bool {
        self.segments.iter().any(|segment| {
            segment.kind == SegmentKind::Loop
                && segment.body.start <= range.start
                && range.end <= segment.body.end
        })
    }

    /// True when a loop body or an `if` lies inside `range`: its text varies.
    pub(super) fn contains_segment(&self, range: &Range<usize>) -> bool {
        self.segments
            .iter()
            .any(|segment| range.start <= segment.body.start && segment.body.end <= range.end)
    }

    /// True when the text at `a` and at `b` are in different branches of one `if`: they
    /// are never sent together.
    pub(super) fn exclusive(&self, a: usize, b: usize) -> bool {
        let branch_of = |at: usize| {
            self.segments
                .iter()
                .filter_map(move |segment| match segment.kind {
                    SegmentKind::Branch { choice, index } if segment.body.contains(&at) => {
                        Some((choice, index))
                    }
                    _ => None,
                })
        };
        branch_of(a).any(|(choice_a, index_a)| {
            branch_of(b).any(|(choice_b, index_b)| choice_a == choice_b && index_a != index_b)
        })
    }

    /// The best span for a byte range of the joined text: the sub-span inside the string
    /// literal where the compiler supports it (nightly, unit tests), else the literal.
    pub(super) fn span(&self, range: Range<usize>) -> Span {
        if let Some(hole) = self.holes.iter().find(|hole| hole.offset == range.start) {
            return hole.span;
        }
        let Some(index) = self
            .literals
            .iter()
            .rposition(|(start, _)| *start <= range.start)
        else {
            return self
                .holes
                .first()
                .map_or_else(Span::call_site, |hole| hole.span);
        };
        let (start, lit) = self.literals[index];
        let token = lit.token();
        let offsets = self.offsets[index].get_or_init(|| {
            token.subspan(0..1)?;
            value_offsets(&token.to_string(), lit.value().len())
        });
        let Some(offsets) = offsets else {
            return lit.span();
        };
        let at = |offset: usize| offsets.get(offset - start).copied();
        match (at(range.start), at(range.end.max(range.start + 1))) {
            (Some(from), Some(to)) => token.subspan(from..to.max(from + 1)).unwrap_or(lit.span()),
            _ => lit.span(),
        }
    }

    /// Up to 40 characters of the source at `range`, holes shown as `(…)`, for messages.
    pub(super) fn snippet(&self, range: Range<usize>) -> String {
        let end = range.end.min(self.text.len());
        let text = self.text.get(range.start..end).unwrap_or_default();
        let text = text.replace(HOLE, "(…)");
        let mut chars = text.chars();
        let short: String = chars.by_ref().take(40).collect();
        if chars.next().is_some() {
            format!("{short}…")
        } else {
            short
        }
    }

    /// The indexes (into `holes`) of the holes inside `range`.
    pub(super) fn holes_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        self.holes
            .iter()
            .enumerate()
            .filter(move |(_, hole)| range.contains(&hole.offset))
            .map(|(index, _)| index)
    }
}

/// Where each byte of a string literal's value sits in the literal's source text
/// (`repr`), walking escapes once: entry `n` is the source position of value byte `n`, the
/// last entry the closing quote. `None` if the literal is not a plain string.
fn value_offsets(repr: &str, value_len: usize) -> Option<Vec<usize>> {
    if let Some(rest) = repr.strip_prefix('r') {
        let hashes = rest.chars().take_while(|c| *c == '#').count();
        return Some(
            (0..=value_len)
                .map(|offset| 1 + hashes + 1 + offset)
                .collect(),
        );
    }
    let body = repr.strip_prefix('"')?;
    let mut offsets = Vec::with_capacity(value_len + 1);
    let mut chars = body.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if c == '"' {
            break;
        }
        let produced = if c != '\\' {
            c.len_utf8()
        } else {
            match chars.next().map(|(_, escaped)| escaped) {
                Some('x') => {
                    chars.next();
                    chars.next();
                    1
                }
                Some('u') => {
                    let mut digits = String::new();
                    for (_, digit) in chars.by_ref() {
                        if digit == '}' {
                            break;
                        }
                        if digit != '{' {
                            digits.push(digit);
                        }
                    }
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)?
                        .len_utf8()
                }
                Some('\n') => {
                    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                    0
                }
                Some(_) => 1,
                None => return None,
            }
        };
        offsets.extend(std::iter::repeat_n(1 + index, produced));
    }
    offsets.push(repr.len().saturating_sub(1));
    Some(offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_value_offsets_into_literal_source() {
        assert_eq!(value_offsets("r#\"<p>\"#", 3).unwrap()[1], 4);
        assert_eq!(value_offsets("\"a\\\"b\"", 3).unwrap(), [1, 2, 4, 5]);
        assert_eq!(value_offsets("\"\\u{e9}x\"", 3).unwrap(), [1, 1, 7, 8]);
    }
}
