//! Loop bodies and `if` branches: each is written once in the joined source, so each must
//! end in the context it started in, or repeating it (a loop) or leaving it out (a branch)
//! would change how what follows is read. Inside a tag, an `if` adds whole attributes.

use std::ops::Range;

use proc_macro2::Span;

use super::context::Context;
use super::js::JsState;
use super::source::{HOLE, Mark, SegmentKind};
use super::tokens::{Token, unfinished_reference};
use super::walker::{SegmentStart, Walker};
use crate::diagnostics::Diagnostics;
use crate::rule;

/// How messages name a segment.
struct Wording {
    /// "this loop's body", "this `if` branch".
    this: &'static str,
    /// "the loop", "the `if`".
    construct: &'static str,
    balanced: &'static str,
}

fn wording(kind: SegmentKind) -> Wording {
    match kind {
        SegmentKind::Loop => Wording {
            this: "this loop's body",
            construct: "the loop",
            balanced: "a loop body must be balanced: it is written once per item, so it must end in the context it started in",
        },
        SegmentKind::Branch { .. } => Wording {
            this: "this `if` branch",
            construct: "the `if`",
            balanced: "an `if` branch must be balanced: it is written or left out, so it must end in the context it started in",
        },
    }
}

/// Reports a loop body or `if` branch that does not end in the context it started in.
/// True when it only left elements open: the caller then carries on as if it had closed
/// them, so that the end tags after it are not reported too.
pub(super) fn check_balance(
    kind: SegmentKind,
    keyword: Span,
    start: &Context,
    end: &Context,
    diagnostics: &mut Diagnostics,
) -> bool {
    let inside_tag = |context: &Context| matches!(context, Context::Tag | Context::Name);
    let Wording {
        this,
        construct,
        balanced,
    } = wording(kind);
    if inside_tag(start) {
        match kind {
            SegmentKind::Loop => diagnostics.error(
                keyword,
                rule::loop_inside_tag.says("a `for` loop inside a tag writes its attributes once per item: the browser keeps only the first of each duplicated attribute\n\nhelp: loop around whole elements, or inside a quoted attribute value: `class=\"` for c in classes { (c) \" \" } `\"`"),
            ),
            SegmentKind::Branch { .. } if !inside_tag(end) => diagnostics.error(
                keyword,
                rule::template_if_branch_unbalanced.says(format!("{this} starts between the attributes of a tag and ends in {}: the rest of the tag would be read differently when the branch is left out\n\nhelp: {balanced}; close every quote the branch opens", end.describe())),
            ),
            SegmentKind::Branch { .. } => {}
        }
        return false;
    }
    if start == end {
        return false;
    }
    let mut only_opened = false;
    let message = match (start, end) {
        (Context::Text { open: before, .. }, Context::Text { open: after, .. })
            if before != after =>
        {
            let common = before.iter().zip(after).take_while(|(a, b)| a == b).count();
            if let Some((closed, _)) = before.get(common) {
                let consequence = match kind {
                    SegmentKind::Loop => "the browser would close it after the first item and put the other items outside it".to_owned(),
                    SegmentKind::Branch { .. } => format!("when the branch is left out, `<{closed}>` stays open and swallows what follows"),
                };
                format!(
                    "{this} closes `<{closed}>`, which was opened before {construct}: {consequence}\n\nhelp: {balanced}; move `</{closed}>` after {construct}"
                )
            } else {
                let opened = &after[common].0;
                only_opened = true;
                let consequence = match kind {
                    SegmentKind::Loop => {
                        "the browser would nest each item inside the previous one".to_owned()
                    }
                    SegmentKind::Branch { .. } => format!(
                        "when the branch is left out, the end tags after the `if` close elements that `<{opened}>` was meant to close"
                    ),
                };
                format!(
                    "{this} opens `<{opened}>` and does not close it: {consequence}\n\nhelp: {balanced}; add `</{opened}>` at its end"
                )
            }
        }
        _ if start.js() != end.js() => {
            let state = |js: Option<&JsState>| {
                js.map_or_else(
                    || "outside any JavaScript string".to_owned(),
                    |js: &JsState| js.context.describe(),
                )
            };
            let consequence = match kind {
                SegmentKind::Loop => "every other item would be read in the wrong part of the code",
                SegmentKind::Branch { .. } => {
                    "the code after the `if` would be read in a different part of the code depending on the branch"
                }
            };
            format!(
                "{this} starts {} and ends {}: {consequence}\n\nhelp: {balanced}; close the string, comment or expression inside it",
                state(start.js()),
                state(end.js())
            )
        }
        _ => format!(
            "{this} starts in {} and ends in {}: what follows would be read in the wrong context\n\nhelp: {balanced}; close inside it every tag, quote and element it opens",
            start.describe(),
            end.describe()
        ),
    };
    let rule = match kind {
        SegmentKind::Loop => rule::unbalanced_loop_body,
        SegmentKind::Branch { .. } => rule::template_if_branch_unbalanced,
    };
    diagnostics.error(keyword, rule.says(message));
    only_opened
}

/// The marks, as the walk reaches them.
impl Walker<'_, '_> {
    /// Segment starts and ends before the end of this token: the context there is the one
    /// before the token is processed (or, inside a token, the token's own).
    pub(super) fn marks_before(&mut self, token: &Token, range: &Range<usize>) {
        let limit = range.end.max(range.start + 1);
        while let Some(&(at, mark)) = self.source.marks.get(self.next_mark) {
            if at >= limit {
                break;
            }
            self.next_mark += 1;
            let context = self.context_at(at, Some((token, range)));
            self.mark(at, mark, context);
        }
    }

    pub(super) fn mark(&mut self, at: usize, mark: Mark, context: Context) {
        let source = self.source;
        let (Mark::Start(index) | Mark::End(index)) = mark;
        let segment = &source.segments[index];
        let (keyword, kind) = (segment.keyword, segment.kind);
        // Where a later branch starts, the text before it is the previous branch's end,
        // already looked at.
        let first = !matches!((mark, kind), (Mark::Start(_), SegmentKind::Branch { index, .. }) if index > 0);
        if first && let Context::AttributeValue { start, .. } = context {
            self.reference_before_mark(keyword, kind, &source.text[start..at]);
        }
        match mark {
            Mark::Start(_) => {
                self.segment_starts[index] = Some(SegmentStart {
                    context,
                    stack: self.stack.clone(),
                });
            }
            Mark::End(_) => {
                let Some(start) = self.segment_starts[index].take() else {
                    return;
                };
                if let SegmentKind::Branch {
                    choice,
                    index: branch,
                } = kind
                    && matches!(start.context, Context::Tag | Context::Name)
                {
                    self.branch_in_tag(index, choice, branch);
                }
                if check_balance(kind, keyword, &start.context, &context, self.diagnostics) {
                    self.stack = start.stack;
                }
                let first_of_its_kind =
                    !matches!(kind, SegmentKind::Branch { index, .. } if index > 0);
                if self.root.is_some()
                    && first_of_its_kind
                    && matches!(start.context, Context::Text { ref open, .. } if open.is_empty())
                {
                    let what = match kind {
                        SegmentKind::Loop => "a `for` loop",
                        SegmentKind::Branch { .. } => "an `if`",
                    };
                    self.diagnostics.error(keyword, rule::namespace_loop_at_top_level.says(format!("{what} at the top level of an SVG or MathML patch: the Datastar 1.0.4 client moves the top-level nodes out of its wrapper in a loop that skips every second one, so elements can be lost, and which ones would depend on the values\n\nhelp: put the `for` or `if` inside one element, such as `<g>` (SVG) or `<mrow>` (MathML)")));
                }
            }
        }
    }

    /// In an attribute value, text that ends in an unfinished character reference where
    /// a segment starts or ends: what follows completes it differently when the segment
    /// repeats or is left out.
    fn reference_before_mark(&mut self, keyword: Span, kind: SegmentKind, before: &str) {
        if let Some(reference) = unfinished_reference(before) {
            let what = match kind {
                SegmentKind::Loop => "a `for` loop's body starts or ends",
                SegmentKind::Branch { .. } => "an `if` branch starts or ends",
            };
            self.diagnostics.error(
                keyword,
                rule::template_if_after_unfinished_reference.says(format!("{what} right after `{reference}`, an unfinished character reference: the browser would complete it with the text that follows, which depends on the {}\n\nhelp: finish the reference with `;`, or write `&amp;` for a literal `&`", if kind == SegmentKind::Loop { "items" } else { "branch taken" })),
            );
        }
    }

    /// An `if` between the attributes of a tag adds whole attributes: each branch starts
    /// with a space, the `if` does not follow `=`, and the text after it cannot continue
    /// the last attribute of a branch.
    fn branch_in_tag(&mut self, segment: usize, choice: usize, branch: usize) {
        let source = self.source;
        let keyword = source.segments[segment].keyword;
        let body = &source.text[source.segments[segment].body.clone()];
        let range = source.choices[choice].range.clone();
        let after_equals = source.text[..range.start].trim_end().ends_with('=');
        if after_equals {
            if branch == 0 {
                self.diagnostics.error(
                    keyword,
                    rule::template_if_after_equals.says("an `if` right after `=` would be the attribute's value, unquoted\n\nhelp: put the `if` inside the quotes (`class=\"` if done { \"done\" } `\"`), or write whole attributes in its branches".to_owned()),
                );
            }
            return;
        }
        if body
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_whitespace())
        {
            self.diagnostics.error(
                keyword,
                rule::template_if_attribute_without_space.says(format!("an `if` branch inside a tag must start with a space: `{}` would join the name or value before it\n\nhelp: write whole attributes with a leading space: `if done {{ \" checked\" }}`", source.snippet(source.segments[segment].body.clone()))),
            );
        }
        if branch > 0 {
            return;
        }
        let next = source.text[range.end..].chars().next();
        let any_text = !range.is_empty();
        if any_text
            && next
                .is_some_and(|c| !(c.is_ascii_whitespace() || matches!(c, '>' | '/') || c == HOLE))
        {
            self.diagnostics.error(
                keyword,
                rule::template_if_text_continues_attribute.says(format!("the text after this `if` starts with `{}`, which would continue the last attribute of the branch taken\n\nhelp: start the text after the `if` with a space or `>`", next.unwrap_or_default())),
            );
        }
    }
}
