//! `tests/markup/selectors.txt`: `datastar_wire::selector::check` (used by the macro for
//! literal selectors and at run time for the others) agrees with every label, which the
//! browser suite has Chromium confirm (`tests/tests/browser/markup.rs`).

#[test]
fn the_checker_agrees_with_the_corpus() {
    let corpus = include_str!("../markup/selectors.txt");
    let mut checked = 0;
    for line in corpus.lines().filter(|line| !line.starts_with('#')) {
        let Some((verdict, selector)) = line.split_once('\t') else {
            continue;
        };
        let result = datastar_wire::selector::check(selector);
        match verdict {
            "valid" => assert!(result.is_ok(), "{selector:?} was refused: {result:?}"),
            "invalid" => assert!(result.is_err(), "{selector:?} was accepted"),
            other => panic!("unknown verdict {other}"),
        }
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} selectors");
}

#[path = "support/proptest_cases.rs"]
mod proptest_cases;

use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_cases::config(2_000))]

    /// Any text, made of the characters selectors are made of: the checker answers (never
    /// panics), and a fix it offers parses.
    #[test]
    fn any_text_gets_an_answer(selector in "[#.a-c1-2 >+~,:()\\[\\]=\"'\\\\*|&n-]{0,24}") {
        if let Err(error) = datastar_wire::selector::check(&selector) {
            prop_assert!(error.at <= selector.len());
            if let Some(fix) = error.fix {
                prop_assert_eq!(datastar_wire::selector::check(&fix), Ok(()));
            }
        }
    }
}
