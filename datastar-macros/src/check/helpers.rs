//! The rules of the helper statements (`console_log`, `console_error`, `dispatch`,
//! `replace_url`, `prefetch`): scripts the macro writes itself, so only their values are
//! checked.

use datastar_wire::script::event_name_problem;
use datastar_wire::url::{self, UrlPolicy};

use super::{Checker, HoleEscape};
use crate::diagnostics::backticked;
use crate::model::*;
use crate::rule;

impl Checker<'_> {
    pub(super) fn console(&mut self, console: &Console) {
        let Content::Template(template) = &console.message else {
            return;
        };
        for part in &template.parts {
            match part {
                Part::Lit(_) => {}
                Part::Hole(hole) => self.decisions.decide(hole.id, HoleEscape::ScriptString),
                Part::Loop(TemplateLoop { keyword, .. }) | Part::If(TemplateIf { keyword, .. }) => {
                    self.diagnostics.error(
                        *keyword,
                        rule::console_log_with_loop.says("a console message is text: loops and `if`s belong in markup templates\n\nhelp: build the message in Rust and write `console_log (message);`"),
                    );
                }
            }
        }
    }

    pub(super) fn dispatch(&mut self, dispatch: &Dispatch) {
        if let Text::Lit(name) = &dispatch.name
            && let Some(why) = event_name_problem(&name.value())
        {
            let kebab = kebab_case(&name.value());
            self.diagnostics.error(
                name.span(),
                rule::dispatch_uppercase_event_name.says(format!("this event name {why}\n\nhelp: name events in lowercase, words joined by `-` (`\"{kebab}\"`), and listen with `data-on:{kebab}`")),
            );
        }
        if let Some(selector) = &dispatch.selector {
            self.selector(&selector.value, "selector");
        }
        if let Some(detail) = &dispatch.detail {
            match &detail.value {
                SignalsValue::Object(object) => self.signals_object(object),
                SignalsValue::Expr(_) => {}
            }
        }
    }

    pub(super) fn helper_url(&mut self, url: &Text, statement: &str, policy: UrlPolicy) {
        let Text::Lit(lit) = url else {
            return;
        };
        if url::is_allowed(&lit.value(), policy) {
            return;
        }
        let message = match policy {
            UrlPolicy::SameOrigin => rule::replace_url_other_origin.says(format!(
                "`{statement}` only takes URLs on the page's own origin: the browser refuses to show another origin's address (`history.replaceState` throws)\n\nhelp: write a path such as `\"/todos?filter=done\"`"
            )),
            UrlPolicy::Navigate => rule::prefetch_refused_scheme.says(format!(
                "`{statement}` only takes relative URLs and {} URLs: any other scheme could run code\n\nhelp: write a path such as `\"/next\"`",
                backticked(&url::ALLOWED_SCHEMES)
            )),
        };
        self.diagnostics.error(lit.span(), message);
    }

    pub(super) fn prefetch(&mut self, prefetch: &Prefetch) {
        if prefetch.urls.is_empty() {
            self.diagnostics.error(
                prefetch.bracket,
                rule::prefetch_empty_list.says("`prefetch []` prefetches nothing\n\nhelp: list the URLs: `prefetch [\"/next\"];`"),
            );
        }
        for url in &prefetch.urls {
            self.helper_url(url, "prefetch", Prefetch::URL_POLICY);
        }
    }
}

/// `podBayDoors` → `pod-bay-doors`, spaces → `-`.
fn kebab_case(name: &str) -> String {
    let mut kebab = String::new();
    for c in name.chars() {
        if c.is_uppercase() {
            if !kebab.is_empty() && !kebab.ends_with('-') {
                kebab.push('-');
            }
            kebab.extend(c.to_lowercase());
        } else if c.is_whitespace() || c.is_control() {
            if !kebab.is_empty() && !kebab.ends_with('-') {
                kebab.push('-');
            }
        } else {
            kebab.push(c);
        }
    }
    if kebab.is_empty() {
        "my-event".to_owned()
    } else {
        kebab
    }
}
