//! Holes inside URLs: in URL attributes (`href`, `src`, `srcset`, …) and in the URL
//! string of a Datastar action (`@get('/todos/` (id) `')`).
//!
//! The literal text before a hole may already decide the URL's scheme (`/items/`,
//! `https://cdn.example/`): the hole is then percent-encoded as a component and cannot
//! change it. Otherwise every piece of the URL is fed, at run time, to one check that
//! replaces the whole URL if the browser would read a scheme the place does not accept.

use datastar_wire::url::{ALLOWED_SCHEMES, SchemeCheck, UrlEncoding, UrlPolicy};

use crate::check::{HoleEscape, SharedCheck, UrlCheckPlan, UrlHole};
use crate::diagnostics::{Diagnostic, backticked};
use crate::rule;
use datastar_wire::attribute::UrlList;

/// One piece of a URL, in order.
pub(super) enum Piece {
    /// Literal text: as the browser reads it (`decoded`) and as written in the template
    /// (`raw`).
    Text { decoded: String, raw: String },
    /// A hole: its index in the template's holes.
    Hole(usize),
    /// A template loop body or `if` branch starts or ends here.
    Boundary,
}

/// Where a URL stands.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place {
    pub(super) list: UrlList,
    pub(super) policy: UrlPolicy,
    /// The URL loads a script into the page (`<script src>`, `<base href>`): the literal
    /// text must fix its origin, since any host could serve code.
    pub(super) fixed_origin: bool,
    /// The URL is the string of a Datastar action inside JavaScript.
    pub(super) in_action: bool,
}

/// How each hole of a URL is written, or why it cannot be.
pub(super) fn decide(
    place: Place,
    pieces: &[Piece],
) -> Vec<(usize, Result<HoleEscape, Diagnostic>)> {
    match place.list {
        UrlList::One => one_url(place, pieces),
        UrlList::Candidates | UrlList::Spaced => url_list(place, pieces),
    }
}

fn one_url(place: Place, pieces: &[Piece]) -> Vec<(usize, Result<HoleEscape, Diagnostic>)> {
    let holes: Vec<usize> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Hole(hole) => Some(*hole),
            _ => None,
        })
        .collect();
    let refuse_all = |message: Diagnostic| {
        holes
            .iter()
            .map(|hole| (*hole, Err(message.clone())))
            .collect::<Vec<_>>()
    };
    // The literal text before the first hole, as the browser reads it.
    let mut prefix = String::new();
    let mut raw_prefix = String::new();
    for piece in pieces {
        match piece {
            Piece::Text { decoded, raw } => {
                prefix.push_str(decoded);
                raw_prefix.push_str(raw);
            }
            Piece::Hole(_) | Piece::Boundary => break,
        }
    }
    let mut check = SchemeCheck::new(place.policy);
    check.feed(prefix.as_bytes());
    if check.is_refused() {
        return refuse_all(refused_literal(place, &prefix));
    }
    if place.fixed_origin && !(check.is_decided() && fixes_origin(&prefix)) {
        return refuse_all(
            rule::hole_in_script_src_origin.says("this URL decides where the page loads code from (`<script src>`, or `<base href>` for every relative URL), so its literal start must fix the host: any other host could serve a script\n\nhelp: start the URL with a path such as `/static/` or a full `https://host/` in the literal, and put the hole after it"),
        );
    }
    if check.is_decided() {
        return holes
            .iter()
            .map(|hole| {
                let escape = HoleEscape::Url(UrlHole {
                    encoding: UrlEncoding::Component,
                    check: UrlCheckPlan::Static,
                });
                (*hole, Ok(escape))
            })
            .collect();
    }
    // The scheme is decided at run time.
    if pieces.iter().any(|piece| matches!(piece, Piece::Boundary)) {
        return refuse_all(
            rule::loop_in_unchecked_url.says("a `for` loop or `if` inside a URL whose literal start does not decide its scheme: the URL is checked as a whole at run time, which a loop or branch cannot be part of\n\nhelp: start the URL with literal text (`/`, `https://…`), or build it in Rust and insert it with one hole"),
        );
    }
    if place.in_action && !raw_prefix.is_empty() {
        return refuse_all(
            rule::hole_in_action_url_start.says("a hole in the middle of the first characters of an action URL: the literal text before it does not decide where the request goes\n\nhelp: start the URL with a path such as `/todos/`, or make the hole the whole URL: `@get('` (url) `')`"),
        );
    }
    let mut decisions = Vec::new();
    let mut before = String::new();
    let mut at_start = prefix.bytes().all(|byte| byte <= b' ');
    let mut first = Some(raw_prefix);
    let last = holes.last().copied();
    let mut index = 0;
    while index < pieces.len() {
        match &pieces[index] {
            Piece::Text { decoded, .. } => {
                before.push_str(decoded);
                at_start &= decoded.bytes().all(|byte| byte <= b' ');
            }
            Piece::Hole(hole) => {
                let after = if Some(*hole) == last {
                    pieces[index + 1..]
                        .iter()
                        .filter_map(|piece| match piece {
                            Piece::Text { decoded, .. } => Some(decoded.as_str()),
                            _ => None,
                        })
                        .collect()
                } else {
                    String::new()
                };
                let escape = HoleEscape::Url(UrlHole {
                    encoding: if at_start {
                        UrlEncoding::Whole
                    } else {
                        UrlEncoding::Component
                    },
                    check: UrlCheckPlan::Shared(SharedCheck {
                        policy: place.policy,
                        first: first.take(),
                        before: std::mem::take(&mut before),
                        after,
                    }),
                });
                decisions.push((*hole, Ok(escape)));
            }
            Piece::Boundary => {}
        }
        index += 1;
    }
    decisions
}

/// `srcset` and `ping`: each URL of the list on its own.
fn url_list(place: Place, pieces: &[Piece]) -> Vec<(usize, Result<HoleEscape, Diagnostic>)> {
    let separator = |c: char| match place.list {
        UrlList::Candidates => c == ',' || c.is_ascii_whitespace(),
        _ => c.is_ascii_whitespace(),
    };
    let mut decisions = Vec::new();
    // The literal text of the current URL so far (after its list separator), or `None`
    // after a hole that started it.
    let mut current = String::new();
    let mut in_descriptors = false;
    // A loop or branch boundary inside a URL or its descriptors: what the text around it
    // means depends on the items or the branch taken, so later holes cannot be placed.
    let mut unplaced = false;
    for (index, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text { decoded, .. } => {
                for c in decoded.chars() {
                    if place.list == UrlList::Candidates && c == ',' {
                        current.clear();
                        in_descriptors = false;
                    } else if c.is_ascii_whitespace() {
                        in_descriptors |= !current.is_empty();
                        if place.list == UrlList::Spaced {
                            current.clear();
                            in_descriptors = false;
                        }
                    } else if !in_descriptors {
                        current.push(c);
                    }
                }
            }
            Piece::Hole(hole) => {
                let decision = if unplaced {
                    Err(rule::loop_in_url_list_unaligned.says("a hole after a `for` loop or `if` that does not end at a URL's boundary in this list: which URL the hole belongs to depends on the items or the branch taken\n\nhelp: end the loop body or branch with the list's separator (`, ` in `srcset`, a space in `ping`), or build the list in Rust"))
                } else if in_descriptors {
                    Ok(HoleEscape::Url(UrlHole {
                        encoding: UrlEncoding::Component,
                        check: UrlCheckPlan::Static,
                    }))
                } else if current.is_empty() {
                    let next = pieces[index + 1..].iter().find_map(|piece| match piece {
                        Piece::Text { decoded, .. } => decoded.chars().next(),
                        Piece::Hole(_) => Some('x'),
                        Piece::Boundary => None,
                    });
                    if next.is_none_or(separator) {
                        Ok(HoleEscape::Url(UrlHole {
                            encoding: UrlEncoding::Candidate,
                            check: UrlCheckPlan::Alone(place.policy),
                        }))
                    } else {
                        Err(rule::hole_in_srcset_candidate.says("a hole that starts one of the URLs of this list must be the whole URL: the literal text right after it would be read as part of it\n\nhelp: put a space (or, in `srcset`, a descriptor such as ` 2x`) after the hole, or start the URL with literal text"))
                    }
                } else {
                    let mut check = SchemeCheck::new(place.policy);
                    check.feed(current.as_bytes());
                    if check.is_refused() {
                        Err(refused_literal(place, &current))
                    } else if check.is_decided() {
                        Ok(HoleEscape::Url(UrlHole {
                            encoding: UrlEncoding::Component,
                            check: UrlCheckPlan::Static,
                        }))
                    } else {
                        Err(rule::hole_in_srcset_candidate.says("the literal text before this hole could still become a URL scheme, and each URL of this list is checked on its own\n\nhelp: start the URL with literal text that decides its scheme (`/`, `./`, `https://…`), or make the hole the whole URL"))
                    }
                };
                decisions.push((*hole, decision));
                current.push('x');
            }
            Piece::Boundary => unplaced |= in_descriptors || !current.is_empty(),
        }
    }
    decisions
}

fn refused_literal(place: Place, prefix: &str) -> Diagnostic {
    let scheme = prefix.trim_start().split(':').next().unwrap_or_default();
    match place.policy {
        UrlPolicy::SameOrigin => rule::hole_in_action_url_from_another_origin.says(format!(
            "this URL goes to another origin (`{}`): a Datastar action applies the response to the page, so another host could send code\n\nhelp: use a path on this site, such as `/todos/`",
            prefix.trim()
        )),
        UrlPolicy::Navigate if scheme.eq_ignore_ascii_case("javascript") => rule::hole_in_javascript_url.says("a hole inside a `javascript:` URL is code: the browser percent-decodes the URL and runs it, so no escaping can keep a value inert there\n\nhelp: pass the value as a signal and use it in a Datastar expression (`data-on:click=\"…$value…\"`)"),
        UrlPolicy::Navigate => rule::hole_after_refused_scheme.says(format!(
            "the literal start of this URL has the scheme `{scheme}:`, which a URL with a hole may not have: only relative URLs and {} are allowed\n\nhelp: use an allowed scheme, or build the whole URL in Rust and insert it with `(Raw(url))` if you vouch for it",
            backticked(&ALLOWED_SCHEMES)
        )),
    }
}

/// True when the literal start of a URL fixes which host it loads from: a relative path,
/// or a full `scheme://host/` up to the path.
fn fixes_origin(prefix: &str) -> bool {
    let url: String = prefix
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    if url.is_empty() {
        return false;
    }
    if let Some(rest) = url.strip_prefix("//") {
        return rest.contains('/');
    }
    match url.split_once(':') {
        Some((scheme, rest))
            if scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            rest.strip_prefix("//")
                .is_none_or(|authority| authority.contains('/'))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Piece {
        Piece::Text {
            decoded: text.to_owned(),
            raw: text.to_owned(),
        }
    }

    fn place(list: UrlList) -> Place {
        Place {
            list,
            policy: UrlPolicy::Navigate,
            fixed_origin: false,
            in_action: false,
        }
    }

    fn plans(place: Place, pieces: &[Piece]) -> Vec<String> {
        decide(place, pieces)
            .into_iter()
            .map(|(_, decision)| match decision {
                Ok(HoleEscape::Url(hole)) => format!(
                    "{:?} {}",
                    hole.encoding,
                    match hole.check {
                        UrlCheckPlan::Static => "static".to_owned(),
                        UrlCheckPlan::Alone(_) => "alone".to_owned(),
                        UrlCheckPlan::Shared(shared) => format!(
                            "shared first={:?} before={:?} after={:?}",
                            shared.first, shared.before, shared.after
                        ),
                    }
                ),
                Ok(other) => format!("{other:?}"),
                Err(message) => format!("error: {}", message.to_string().lines().next().unwrap()),
            })
            .collect()
    }

    #[test]
    fn literal_starts_decide_statically() {
        let one = place(UrlList::One);
        assert_eq!(
            plans(one, &[text("/items/"), Piece::Hole(0)]),
            ["Component static"]
        );
        assert_eq!(
            plans(
                one,
                &[
                    text("https://x/?q="),
                    Piece::Hole(0),
                    text("&p="),
                    Piece::Hole(1)
                ]
            ),
            ["Component static", "Component static"]
        );
        assert!(
            plans(one, &[text("javascript:f("), Piece::Hole(0)])[0]
                .starts_with("error: a hole inside a `javascript:` URL")
        );
        assert!(
            plans(one, &[text("data:text/html,"), Piece::Hole(0)])[0]
                .starts_with("error: the literal start")
        );
    }

    #[test]
    fn undecided_urls_share_one_check() {
        let one = place(UrlList::One);
        assert_eq!(
            plans(
                one,
                &[text(" "), Piece::Hole(0), Piece::Hole(1), text("x:y")]
            ),
            [
                "Whole shared first=Some(\" \") before=\" \" after=\"\"",
                "Whole shared first=None before=\"\" after=\"x:y\""
            ]
        );
        assert_eq!(
            plans(one, &[text("java"), Piece::Hole(0)]),
            ["Component shared first=Some(\"java\") before=\"java\" after=\"\""]
        );
        assert!(
            plans(
                one,
                &[
                    Piece::Hole(0),
                    Piece::Boundary,
                    Piece::Hole(1),
                    Piece::Boundary
                ]
            )[0]
            .starts_with("error: a `for` loop")
        );
    }

    #[test]
    fn scripts_need_a_fixed_origin() {
        let script = Place {
            fixed_origin: true,
            ..place(UrlList::One)
        };
        assert_eq!(
            plans(script, &[text("/static/"), Piece::Hole(0)]),
            ["Component static"]
        );
        assert_eq!(
            plans(script, &[text("https://cdn.example/"), Piece::Hole(0)]),
            ["Component static"]
        );
        assert!(plans(script, &[Piece::Hole(0)])[0].starts_with("error"));
        assert!(plans(script, &[text("https://"), Piece::Hole(0)])[0].starts_with("error"));
        assert!(plans(script, &[text("//"), Piece::Hole(0)])[0].starts_with("error"));
    }

    #[test]
    fn lists_check_each_url() {
        let srcset = place(UrlList::Candidates);
        assert_eq!(
            plans(
                srcset,
                &[
                    Piece::Hole(0),
                    text(" 1x, /b/"),
                    Piece::Hole(1),
                    text(".png 2x")
                ]
            ),
            ["Candidate alone", "Component static"]
        );
        assert!(plans(srcset, &[Piece::Hole(0), text(".png")])[0].starts_with("error"));
        assert!(plans(srcset, &[text("a.png 1x, java"), Piece::Hole(0)])[0].starts_with("error"));
    }

    #[test]
    fn origins() {
        for fixed in ["/a", "a/b", "./x", "https://h/", "//h/x", "?q"] {
            assert!(fixes_origin(fixed), "{fixed}");
        }
        for open in ["", "https://", "https://host", "//", "//host"] {
            assert!(!fixes_origin(open), "{open}");
        }
    }
}
