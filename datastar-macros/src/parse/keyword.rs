//! The DSL's words: statement keywords, option names, and the names earlier Datastar
//! versions used for them.

/// A statement keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keyword {
    Elements,
    Remove,
    Signals,
    Script,
    Redirect,
    Wait,
    Send,
    ConsoleLog,
    ConsoleError,
    Dispatch,
    ReplaceUrl,
    Prefetch,
}

impl Keyword {
    pub(crate) const ALL: [Keyword; 12] = [
        Keyword::Elements,
        Keyword::Remove,
        Keyword::Signals,
        Keyword::Script,
        Keyword::Redirect,
        Keyword::Wait,
        Keyword::Send,
        Keyword::ConsoleLog,
        Keyword::ConsoleError,
        Keyword::Dispatch,
        Keyword::ReplaceUrl,
        Keyword::Prefetch,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Keyword::Elements => "elements",
            Keyword::Remove => "remove",
            Keyword::Signals => "signals",
            Keyword::Script => "script",
            Keyword::Redirect => "redirect",
            Keyword::Wait => "wait",
            Keyword::Send => "send",
            Keyword::ConsoleLog => "console_log",
            Keyword::ConsoleError => "console_error",
            Keyword::Dispatch => "dispatch",
            Keyword::ReplaceUrl => "replace_url",
            Keyword::Prefetch => "prefetch",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Keyword> {
        Keyword::ALL
            .into_iter()
            .find(|keyword| keyword.name() == name)
    }

    pub(crate) fn names() -> Vec<&'static str> {
        Keyword::ALL.iter().map(|keyword| keyword.name()).collect()
    }

    /// The options the statement accepts, in the order the docs list them.
    pub(crate) fn options(self) -> &'static [OptionName] {
        use OptionName::*;
        match self {
            Keyword::Elements => &[
                Selector,
                Mode,
                ViewTransition,
                ViewTransitionSelector,
                Namespace,
                Id,
                Retry,
            ],
            Keyword::Remove => &[ViewTransition, ViewTransitionSelector, Id, Retry],
            Keyword::Signals => &[OnlyIfMissing, Id, Retry],
            Keyword::Script => &[AutoRemove, Attributes, Id, Retry],
            Keyword::Redirect
            | Keyword::ConsoleLog
            | Keyword::ConsoleError
            | Keyword::ReplaceUrl
            | Keyword::Prefetch => &[Id, Retry],
            Keyword::Dispatch => &[Detail, Selector, Bubbles, Cancelable, Composed, Id, Retry],
            Keyword::Wait | Keyword::Send => &[],
        }
    }
}

/// An option name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OptionName {
    Selector,
    Mode,
    ViewTransition,
    ViewTransitionSelector,
    Namespace,
    Id,
    Retry,
    OnlyIfMissing,
    AutoRemove,
    Attributes,
    Detail,
    Bubbles,
    Cancelable,
    Composed,
}

impl OptionName {
    const ALL: [OptionName; 14] = [
        OptionName::Selector,
        OptionName::Mode,
        OptionName::ViewTransition,
        OptionName::ViewTransitionSelector,
        OptionName::Namespace,
        OptionName::Id,
        OptionName::Retry,
        OptionName::OnlyIfMissing,
        OptionName::AutoRemove,
        OptionName::Attributes,
        OptionName::Detail,
        OptionName::Bubbles,
        OptionName::Cancelable,
        OptionName::Composed,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            OptionName::Selector => "selector",
            OptionName::Mode => "mode",
            OptionName::ViewTransition => "view_transition",
            OptionName::ViewTransitionSelector => "view_transition_selector",
            OptionName::Namespace => "namespace",
            OptionName::Id => "id",
            OptionName::Retry => "retry",
            OptionName::OnlyIfMissing => "only_if_missing",
            OptionName::AutoRemove => "auto_remove",
            OptionName::Attributes => "attributes",
            OptionName::Detail => "detail",
            OptionName::Bubbles => "bubbles",
            OptionName::Cancelable => "cancelable",
            OptionName::Composed => "composed",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<OptionName> {
        OptionName::ALL
            .into_iter()
            .find(|option| option.name() == name)
    }
}

/// What a statement name of Datastar 0.x or 1.0 release candidates became in 1.0: the
/// replacement and why the old name cannot work.
pub(crate) fn legacy_statement(name: &str) -> Option<&'static str> {
    Some(match name {
        "fragments" | "merge_fragments" | "fragment" => {
            "the 1.0 protocol replaced `datastar-merge-fragments` with `datastar-patch-elements`, and the 1.0 client ignores the old event\n\nhelp: write `elements`"
        }
        "patch_elements" => "the statement is called `elements`\n\nhelp: write `elements`",
        "remove_fragments" | "remove_fragment" | "remove_elements" | "remove_element" => {
            "1.0 removes elements with a `datastar-patch-elements` event in mode `remove`, and the 1.0 client ignores `datastar-remove-fragments`\n\nhelp: write `remove \"#selector\";`"
        }
        "merge_signals" | "patch_signals" => {
            "the 1.0 protocol replaced `datastar-merge-signals` with `datastar-patch-signals`, and the 1.0 client ignores the old event\n\nhelp: write `signals`"
        }
        "remove_signals" => {
            "1.0 removes a signal by patching it to `null`, and the 1.0 client ignores `datastar-remove-signals`\n\nhelp: write `signals { name: null };`"
        }
        "execute_script" | "execute" => {
            "1.0 runs scripts by appending a `<script>` with a `datastar-patch-elements` event, and the 1.0 client ignores `datastar-execute-script`\n\nhelp: write `script`"
        }
        _ => return None,
    })
}

/// What a mode name of Datastar 0.x became in 1.0.
pub(crate) fn legacy_mode(name: &str) -> Option<&'static str> {
    Some(match name {
        "morph" | "merge" => {
            "1.0 morphs with `outer`, which is the default\n\nhelp: write `mode = outer`, or leave the mode out"
        }
        "upsertAttributes" | "upsert_attributes" | "upsertattributes" => {
            "1.0 has no `upsertAttributes`: `outer` morphs the element, attributes included\n\nhelp: write `mode = outer`, or leave the mode out"
        }
        _ => return None,
    })
}
