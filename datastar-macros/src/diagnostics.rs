//! Collecting errors and warnings so that one compilation reports every independent
//! problem, the rule each one names, and the "did you mean" suggestions they carry.

use std::fmt;

use proc_macro2::Span;

pub(crate) use crate::rule::Rule;

/// What a rule says at one place: shown with the rule's name at the end of its first line
/// (`… [unknown_mode]`), as rustc once showed its error codes.
#[derive(Clone, Debug)]
pub(crate) struct Diagnostic {
    rule: Rule,
    text: String,
}

impl Rule {
    /// This rule's message.
    pub(crate) fn says(self, text: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule: self,
            text: text.into(),
        }
    }
}

impl Diagnostic {
    /// The error at `span`, for the parse functions that return one.
    pub(crate) fn at(self, span: Span) -> syn::Error {
        syn::Error::new(span, self)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.rule.name();
        match self.text.split_once('\n') {
            Some((first, rest)) => write!(f, "{first} [{name}]\n{rest}"),
            None => write!(f, "{} [{name}]", self.text),
        }
    }
}

/// Errors and warnings found so far; `parse` and `check` append, `lib.rs` reports.
#[derive(Default)]
pub(crate) struct Diagnostics {
    errors: Vec<syn::Error>,
    warnings: Vec<Warning>,
}

/// Advice that is not a certain failure: emitted as a `#[deprecated]` use at `span`, so
/// it shows as a real warning on stable and can be silenced with `#[allow(deprecated)]`.
pub(crate) struct Warning {
    /// The rule; its name becomes the name of the deprecated item.
    pub(crate) rule: Rule,
    pub(crate) message: String,
    pub(crate) span: Span,
}

impl Diagnostics {
    pub(crate) fn error(&mut self, span: Span, diagnostic: Diagnostic) {
        self.errors.push(diagnostic.at(span));
    }

    pub(crate) fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    pub(crate) fn warn(&mut self, rule: Rule, span: Span, message: String) {
        self.warnings.push(Warning {
            rule,
            message,
            span,
        });
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// All errors as one `syn::Error` (its `to_compile_error` emits one
    /// `compile_error!` per message), or `None`.
    pub(crate) fn combined_error(&self) -> Option<syn::Error> {
        let mut errors = self.errors.iter().cloned();
        let mut first = errors.next()?;
        for error in errors {
            first.combine(error);
        }
        Some(first)
    }

    pub(crate) fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    #[cfg(test)]
    pub(crate) fn errors(&self) -> &[syn::Error] {
        &self.errors
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|candidate| (edit_distance(&word, candidate), *candidate))
        .filter(|(distance, candidate)| {
            // Allow about one typo per three letters, at least one.
            *distance <= (candidate.len() / 3).max(1)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// `help: did you mean `x`?` when a close candidate exists, else the list of all of them.
pub(crate) fn suggestion(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates) {
        Some(candidate) => format!("did you mean `{candidate}`?"),
        None => format!("expected one of {}", backticked(candidates)),
    }
}

/// "`a`, `b` or `c`".
pub(crate) fn backticked(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [only] => format!("`{only}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|word| format!("`{word}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let modes = ["outer", "inner", "append", "prepend"];
        assert_eq!(closest("apend", &modes), Some("append"));
        assert_eq!(closest("Append", &modes), Some("append"));
        assert_eq!(closest("sideways", &modes), None);
        assert_eq!(
            suggestion("sideways", &["a", "b", "c"]),
            "expected one of `a`, `b` or `c`"
        );
    }
}
