//! `#[derive(Signals)]` and `#[signals(Type)]`: the names the derive gives (serde's), the
//! templates it lets through, typed partial patches, and the same type read back.
//! (What it refuses is in the ui cases `signals_*`.)

use std::collections::HashMap;

use datastar_core::prelude::*;
use datastar_core::testing::drain;
use serde::{Deserialize, Serialize};

#[derive(Default, Serialize, Deserialize, Signals)]
#[serde(rename_all = "camelCase")]
struct Address {
    home_city: String,
}

#[derive(Default, Serialize, Deserialize, Signals)]
#[serde(rename_all = "camelCase")]
#[signals(patch)]
struct Profile {
    first_name: String,
    #[serde(rename = "years")]
    age: u32,
    nickname: Option<String>,
    tags: Vec<String>,
    address: Address,
    extra: HashMap<String, String>,
    #[serde(skip)]
    cache: u64,
}

#[test]
fn names_are_the_json_keys() {
    assert_eq!(
        Profile::signal_names(),
        ["firstName", "years", "nickname", "tags", "address", "extra"]
    );
    assert_eq!(Address::signal_names(), ["homeCity"]);
    let profile = Profile {
        cache: 7,
        ..Profile::default()
    };
    assert_eq!(profile.cache, 7);
    let json = serde_json::to_value(&profile).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut names = Profile::signal_names();
    names.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, names);
}

#[test]
fn templates_that_use_the_signals_compile_and_render() {
    let page = html! {
        #[signals(Profile)]
        "<div data-signals=\"" (Profile::default()) "\">"
        "<input data-bind:first-name>"
        "<input data-bind=\"address.homeCity\">"
        "<p data-text=\"$firstName + ' ' + $years + $address.homeCity + $tags.length + $extra.anything + $nickname\"></p>"
        "<p data-computed:shout=\"$firstName.toUpperCase()\" data-text=\"$shout + $_draft\"></p>"
        "<button data-indicator:saving data-attr:disabled=\"$saving\" data-on:click=\"@post('/profile')\">Save</button>"
        "</div>"
    };
    assert!(page.as_str().starts_with(
        "<div data-signals=\"{&quot;firstName&quot;:&quot;&quot;,&quot;years&quot;:0,"
    ));
    let sent = drain(datastar! {
        #[signals(Profile)]
        signals { firstName: "Dave", address: { homeCity: "Houston" } };
        signals (ProfilePatch { age: Some(40), ..ProfilePatch::default() });
    });
    assert_eq!(
        sent,
        "event: datastar-patch-signals\ndata: signals {\"firstName\":\"Dave\",\"address\":{\"homeCity\":\"Houston\"}}\n\n\
         event: datastar-patch-signals\ndata: signals {\"years\":40}\n\n"
    );
}

#[test]
fn a_patch_sends_only_what_is_set() {
    let patch = ProfilePatch {
        first_name: Some("Frank".to_owned()),
        nickname: Some(None),
        ..ProfilePatch::default()
    };
    assert_eq!(
        serde_json::to_string(&patch).unwrap(),
        "{\"firstName\":\"Frank\",\"nickname\":null}"
    );
    assert_eq!(
        serde_json::to_string(&ProfilePatch::default()).unwrap(),
        "{}"
    );
}

#[test]
fn a_checked_value_is_computed_once_and_written_as_serde_writes_it() {
    let calls = std::cell::Cell::new(0);
    let years = || {
        calls.set(calls.get() + 1);
        41_u64
    };
    let nickname: Option<&str> = None;
    let stream = datastar! {
        #[signals(Profile)]
        signals { years: (years()), nickname: (nickname), tags: (["a", "b"]), address: { homeCity: (String::from("Oslo")) } };
    };
    let events = drain(stream);
    assert_eq!(
        calls.get(),
        1,
        "the value was computed {} times",
        calls.get()
    );
    assert_eq!(
        events,
        "event: datastar-patch-signals\ndata: signals {\"years\":41,\"nickname\":null,\"tags\":[\"a\",\"b\"],\"address\":{\"homeCity\":\"Oslo\"}}\n\n"
    );
}

#[test]
fn the_check_takes_no_name_from_the_value() {
    // The check's own constant is not in scope of the user's expression.
    const KINDS: &str = "not a number";
    let sent = drain(datastar! {
        #[signals(Profile)]
        signals { firstName: (KINDS) };
    });
    assert_eq!(
        sent,
        "event: datastar-patch-signals\ndata: signals {\"firstName\":\"not a number\"}\n\n"
    );
}
