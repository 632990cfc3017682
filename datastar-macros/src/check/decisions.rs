//! What `check` decided, for `expand`: how each template hole is escaped.

use datastar_wire::url::{UrlEncoding, UrlPolicy};

use proc_macro2::Span;

use crate::markup::{JsonKind, SignalRefs};
use crate::model::HoleId;

/// How a hole's value is written, one runtime writer each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HoleEscape {
    /// HTML text, or a quoted attribute value that is plain text: HTML-escaped.
    Html,
    /// HTML text in an HTML element: HTML-escaped, or a component (`Markup`) as it is.
    HtmlText,
    /// Text of the document in a `srcdoc` attribute: HTML-escaped twice.
    HtmlInAttribute,
    /// A JavaScript value in a `<script>` or in a `script` statement: a JSON literal,
    /// `<` escaped.
    Script,
    /// A JavaScript value in an event handler or a Datastar expression: a JSON literal,
    /// attribute-escaped.
    ScriptInAttribute,
    /// Text inside a JSON string in a script (a console message): `Display`, escaped for
    /// the string and the script.
    ScriptString,
    /// As [`ScriptInAttribute`](Self::ScriptInAttribute), where the value is a whole URL
    /// the client will use (`data-attr:href="` (x) `"`, `@get(` (x) `)`): a URL `policy`
    /// refuses is replaced before it is written.
    UrlInScriptAttribute(UrlPolicy),
    /// A part of a URL: the value of a URL attribute, or the URL string of a Datastar
    /// action. Percent-encoded, then attribute-escaped.
    Url(UrlHole),
}

/// How a hole inside a URL is encoded and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlHole {
    pub(crate) encoding: UrlEncoding,
    pub(crate) check: UrlCheckPlan,
}

/// Whether, and how, the URL a hole is part of is checked at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum UrlCheckPlan {
    /// The literal text before the hole already decides the URL's scheme (or that it has
    /// none, for a relative URL), and the hole is percent-encoded so it cannot change it.
    Static,
    /// The hole is a whole URL on its own (a candidate of `srcset`): its value is checked
    /// alone and replaced when refused.
    Alone(UrlPolicy),
    /// The hole is part of a URL whose scheme the literal text does not decide: every
    /// piece of the URL, literal and hole, is fed in order to one check, which replaces
    /// the whole value when it is refused.
    Shared(SharedCheck),
}

/// One hole's part in a [`UrlCheckPlan::Shared`] check. The URL's first hole starts the
/// check; its other holes continue it (URLs never overlap, so one check is open at a
/// time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SharedCheck {
    pub(crate) policy: UrlPolicy,
    /// For the URL's first hole: the literal source text between the start of the URL and
    /// the hole, as written to the wire, so the check knows where the URL starts.
    pub(crate) first: Option<String>,
    /// The literal text just before the hole (since the previous hole, or the URL's start),
    /// as the browser decodes it.
    pub(crate) before: String,
    /// For the URL's last hole: the literal text after it, up to the end of the URL, as
    /// the browser decodes it.
    pub(crate) after: String,
}

/// The decisions of one macro call, filled in by `check`.
#[derive(Default)]
pub(crate) struct Decisions {
    holes: Vec<Option<HoleEscape>>,
    signals: SignalRefs,
}

impl Decisions {
    pub(crate) fn new(hole_count: usize) -> Self {
        Decisions {
            holes: vec![None; hole_count],
            signals: SignalRefs::default(),
        }
    }

    /// Signals a template or a `signals { … }` patch uses or defines.
    pub(crate) fn signals(&mut self, refs: SignalRefs) {
        self.signals.uses.extend(refs.uses);
        self.signals.locals.extend(refs.locals);
        self.signals.values.extend(refs.values);
    }

    pub(crate) fn decide(&mut self, hole: HoleId, escape: HoleEscape) {
        if let Some(slot) = self.holes.get_mut(hole.0) {
            *slot = Some(escape);
        }
    }

    /// Every hole's escaping, once every hole has one: `check` decides each hole or
    /// reports an error about it, and the pipeline only expands an input without errors.
    pub(crate) fn complete(self) -> Option<Escapes> {
        let SignalRefs {
            uses,
            locals,
            values,
        } = self.signals;
        let typed = |path: &str| is_typed(path, &locals);
        let signal_uses = uses.into_iter().filter(|(path, _)| typed(path)).collect();
        let signal_values = values
            .into_iter()
            .filter(|(path, _, _)| typed(path))
            .collect();
        let holes = self.holes.into_iter().collect::<Option<Vec<_>>>()?;
        Some(Escapes {
            holes,
            signal_uses,
            signal_values,
            locals,
        })
    }
}

/// Page-local signals need no field: `_`-prefixed ones, and those the templates define
/// themselves.
fn is_typed(path: &str, locals: &[String]) -> bool {
    let first = path.split('.').next().unwrap_or_default();
    !first.starts_with('_') && !locals.iter().any(|local| local == first)
}

/// What `expand` writes from: every hole's escaping, by [`HoleId`], and the signal paths
/// to check against a `#[signals(Type)]`.
pub(crate) struct Escapes {
    holes: Vec<HoleEscape>,
    signal_uses: Vec<(String, Span)>,
    signal_values: Vec<(String, JsonKind, Span)>,
    /// The signals the templates define themselves (`data-computed`, …).
    locals: Vec<String>,
}

impl Escapes {
    pub(crate) fn of(&self, hole: HoleId) -> &HoleEscape {
        &self.holes[hole.0]
    }

    /// The signal paths the templates and patches use, with where each stands.
    pub(crate) fn signal_uses(&self) -> &[(String, Span)] {
        &self.signal_uses
    }

    /// The paths a patch sets to a literal, with the literal's JSON kind.
    pub(crate) fn signal_values(&self) -> &[(String, JsonKind, Span)] {
        &self.signal_values
    }

    /// Whether `path` is checked against the `#[signals(Type)]`: not a page-local signal
    /// (`_`-prefixed, or one the templates define).
    pub(crate) fn is_typed(&self, path: &str) -> bool {
        is_typed(path, &self.locals)
    }
}
