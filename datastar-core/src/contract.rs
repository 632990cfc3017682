//! [`Signals`]: one Rust type as the contract between a page and its handlers.

use std::collections::{BTreeMap, HashMap};

pub(crate) mod value_kinds;

/// A set of signals defined by a Rust type: derive it with `#[derive(Signals)]`.
///
/// The type is the one definition of the signals a page and its handlers share: its JSON
/// (serde, renames respected) is what `data-signals` starts the page with and what
/// `ReadSignals<T>` reads back, and a template that names it (`#[signals(T)]` first in
/// `html!` or `datastar!`) has every `$path` of its expressions, every signal key of its
/// attributes and every key of its `signals { … }` patches checked against it at compile
/// time, and a value such a patch sets (a literal, or an expression whose type's JSON is
/// certain) against the kind of JSON the field's type serializes to (`count: "3"` where
/// `count: u32` is refused). Renaming a field breaks the build at every use.
///
/// ```
/// use datastar_core::prelude::*;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Signals)]
/// #[serde(rename_all = "camelCase")]
/// struct Profile {
///     first_name: String,
///     age: u32,
/// }
///
/// let page = html! {
///     #[signals(Profile)]
///     "<input data-bind:first-name>"
///     "<p data-text=\"$firstName + ' is ' + $age\"></p>"
/// };
/// assert_eq!(Profile::signal_names(), ["firstName", "age"]);
/// # let _ = page;
/// ```
///
/// A path the type does not have is a compile error that lists the signals it does have:
///
/// ```compile_fail
/// use datastar_core::prelude::*;
///
/// #[derive(serde::Serialize, Signals)]
/// struct Profile {
///     name: String,
/// }
///
/// let page = html! { #[signals(Profile)] "<p data-text=\"$nmae\"></p>" };
/// ```
///
/// Signals the page keeps to itself need no field: names starting with `_`, and those
/// the same template defines with `data-computed`, `data-ref` or `data-indicator`.
///
/// Field types: strings, numbers, `bool`, `Option`, `Vec` and arrays are signals; maps and
/// `serde_json::Value` accept any name under them; a struct deriving `Signals` is a nested
/// set (`$user.name`). A field of another type is marked `#[signals(leaf)]` (or its type
/// implements [`SignalType`]). `#[serde(flatten)]` and generic structs are refused.
///
/// `#[signals(patch)]` also makes `{Name}Patch`: the same fields, each an `Option`, sent
/// only when `Some` (under the same names), for a typed patch of some signals:
/// `signals (ProfilePatch { age: Some(40), ..ProfilePatch::default() });`.
///
/// A crate that renames `datastar-core` says where it is:
///
/// ```
/// extern crate datastar_core as ds;
///
/// #[derive(serde::Serialize, ds::Signals)]
/// #[signals(crate = "ds")]
/// struct Count {
///     count: u32,
///     #[signals(leaf)]
///     since: std::time::SystemTime,
/// }
/// # use ds::Signals as _;
/// assert_eq!(<Count as ds::Signals>::signal_names(), ["count", "since"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set of signals [signals_type_not_derived]",
    note = "derive it: `#[derive(serde::Serialize, Signals)]` on a struct with named fields"
)]
pub trait Signals: serde::Serialize {
    /// The signals, as the client names them (the JSON keys), with nested sets.
    #[doc(hidden)]
    const SIGNAL_TREE: &'static [SignalField];

    /// The signals for error messages: "`a`, `b`, `c.…`".
    #[doc(hidden)]
    const SIGNAL_LIST: &'static str;

    /// The top-level signal names, as the client names them (the JSON keys).
    fn signal_names() -> Vec<&'static str> {
        Self::SIGNAL_TREE.iter().map(|field| field.name).collect()
    }
}

/// One signal of a [`Signals`] type.
#[doc(hidden)]
#[derive(Debug)]
pub struct SignalField {
    /// Its name, as the client names it.
    pub name: &'static str,
    /// The signals inside it, when it is a nested set.
    pub nested: &'static [SignalField],
    /// True when any name may follow it (a map or any JSON value).
    pub open: bool,
    /// The JSON kinds its value serializes to ([`json_kind`] bits).
    pub kinds: u8,
}

/// The JSON kinds a signal's value may serialize to, as bits: what a literal in a
/// `signals { … }` patch is checked against.
#[doc(hidden)]
pub mod json_kind {
    /// `null`.
    pub const NULL: u8 = 1;
    /// `true` or `false`.
    pub const BOOL: u8 = 2;
    /// A number.
    pub const NUMBER: u8 = 4;
    /// A string.
    pub const STRING: u8 = 8;
    /// An array.
    pub const ARRAY: u8 = 16;
    /// An object.
    pub const OBJECT: u8 = 32;
    /// Any of them: a type whose JSON the derive cannot tell.
    pub const ANY: u8 = 63;
}

/// What a field's type says about the paths under it. Implemented for the common
/// leaves, collections and maps, and by `#[derive(Signals)]` for nested sets; a field of
/// another type needs `#[signals(leaf)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a signal type the derive knows [signals_field_type_unknown]",
    label = "the type of this signal",
    note = "derive `Signals` for it if it is a nested set of signals, or mark the field `#[signals(leaf)]`"
)]
pub trait SignalType {
    /// The signals inside a value of this type.
    #[doc(hidden)]
    const NESTED: &'static [SignalField] = &[];
    /// True when any name may follow (maps, JSON values).
    #[doc(hidden)]
    const OPEN: bool = false;
    /// The JSON kinds a value serializes to ([`json_kind`] bits); any, unless said.
    #[doc(hidden)]
    const KINDS: u8 = json_kind::ANY;
}

macro_rules! leaves {
    ($kinds:ident: $($ty:ty),* $(,)?) => {
        $(impl SignalType for $ty {
            const KINDS: u8 = json_kind::$kinds;
        })*
    };
}

leaves!(STRING: String, &str, char);
leaves!(BOOL: bool);
leaves!(NUMBER: u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64);
leaves!(NULL: ());

impl<T: SignalType> SignalType for Option<T> {
    const NESTED: &'static [SignalField] = T::NESTED;
    const OPEN: bool = T::OPEN;
    const KINDS: u8 = T::KINDS | json_kind::NULL;
}

impl<T: SignalType + ?Sized> SignalType for Box<T> {
    const NESTED: &'static [SignalField] = T::NESTED;
    const OPEN: bool = T::OPEN;
    const KINDS: u8 = T::KINDS;
}

impl<T> SignalType for Vec<T> {
    const KINDS: u8 = json_kind::ARRAY;
}
impl<T> SignalType for [T] {
    const KINDS: u8 = json_kind::ARRAY;
}
impl<T, const N: usize> SignalType for [T; N] {
    const KINDS: u8 = json_kind::ARRAY;
}

impl<K, V> SignalType for HashMap<K, V> {
    const OPEN: bool = true;
    const KINDS: u8 = json_kind::OBJECT;
}

impl<K, V> SignalType for BTreeMap<K, V> {
    const OPEN: bool = true;
    const KINDS: u8 = json_kind::OBJECT;
}

impl SignalType for serde_json::Value {
    const OPEN: bool = true;
}

/// Where a path leads in a tree of signals.
enum Lookup<'a> {
    /// To this signal.
    Field(&'a SignalField),
    /// Past a leaf or into a map, where any name may follow.
    Beyond,
    /// Nowhere: the name at `depth` is not in `set`.
    Missing {
        depth: usize,
        set: &'a [SignalField],
    },
}

const fn lookup<'a>(tree: &'a [SignalField], path: &[&str]) -> Lookup<'a> {
    let mut tree = tree;
    let mut depth = 0;
    let mut reached: Option<&'a SignalField> = None;
    while depth < path.len() {
        if let Some(field) = reached
            && (field.open || field.nested.is_empty())
        {
            return Lookup::Beyond;
        }
        if let Some(field) = reached {
            tree = field.nested;
        }
        let mut index = 0;
        while index < tree.len() && !str_eq(tree[index].name, path[depth]) {
            index += 1;
        }
        if index == tree.len() {
            return Lookup::Missing { depth, set: tree };
        }
        reached = Some(&tree[index]);
        depth += 1;
    }
    match reached {
        Some(field) => Lookup::Field(field),
        None => Lookup::Beyond,
    }
}

/// Whether `path` names a signal of `tree` (anything may follow a leaf: a property of its
/// value, such as `$title.length`).
#[doc(hidden)]
pub const fn has_path(tree: &[SignalField], path: &[&str]) -> bool {
    !matches!(lookup(tree, path), Lookup::Missing { .. })
}

/// The JSON kinds of the signal at `path` in `tree`: any when the path goes past a leaf
/// or into a map, or is not there (which [`has_path`] reports).
#[doc(hidden)]
pub const fn path_kinds(tree: &[SignalField], path: &[&str]) -> u8 {
    match lookup(tree, path) {
        Lookup::Field(field) => field.kinds,
        Lookup::Beyond | Lookup::Missing { .. } => json_kind::ANY,
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Where `path` goes missing in `tree`: the depth of the first name that is not there, and
/// the set of signals that lacks it (the top level for a path that is there: the message
/// using it is then never shown).
const fn missing_at<'a>(tree: &'a [SignalField], path: &[&str]) -> (usize, &'a [SignalField]) {
    match lookup(tree, path) {
        Lookup::Missing { depth, set } => (depth, set),
        Lookup::Field(_) | Lookup::Beyond => (0, tree),
    }
}

/// The depth of the first name of `path` that `tree` lacks, for the message to say where.
#[doc(hidden)]
pub const fn missing_depth(tree: &[SignalField], path: &[&str]) -> usize {
    missing_at(tree, path).0
}

/// The length of [`sibling_names`]' text.
#[doc(hidden)]
pub const fn sibling_names_len(tree: &[SignalField], path: &[&str]) -> usize {
    let set = missing_at(tree, path).1;
    if set.is_empty() {
        return "none".len();
    }
    let mut total = 0;
    let mut index = 0;
    while index < set.len() {
        // "`name`", and ", " before all but the first.
        total += set[index].name.len() + 2 + if index > 0 { 2 } else { 0 };
        index += 1;
    }
    total
}

/// The signals of the set where `path` goes missing, "`a`, `b`" ("none" when it has
/// none), for the message that lists what the type has there.
#[doc(hidden)]
pub const fn sibling_names<const N: usize>(tree: &[SignalField], path: &[&str]) -> [u8; N] {
    let set = missing_at(tree, path).1;
    let mut text = [0u8; N];
    let mut at = 0;
    if set.is_empty() {
        put(&mut text, at, b"none");
        return text;
    }
    let mut index = 0;
    while index < set.len() {
        if index > 0 {
            at = put(&mut text, at, b", ");
        }
        at = put(&mut text, at, b"`");
        at = put(&mut text, at, set[index].name.as_bytes());
        at = put(&mut text, at, b"`");
        index += 1;
    }
    text
}

/// Copies `bytes` into `text` at `at` (as far as it fits); returns the end.
const fn put<const N: usize>(text: &mut [u8; N], mut at: usize, bytes: &[u8]) -> usize {
    let mut index = 0;
    while index < bytes.len() && at < N {
        text[at] = bytes[index];
        at += 1;
        index += 1;
    }
    at
}

/// The total length of `parts`, for [`concat`]'s array.
#[doc(hidden)]
pub const fn total_len(parts: &[&str]) -> usize {
    let mut total = 0;
    let mut i = 0;
    while i < parts.len() {
        total += parts[i].len();
        i += 1;
    }
    total
}

/// `parts` joined, in an array of their [`total_len`]: a compile-time message.
#[doc(hidden)]
pub const fn concat<const N: usize>(parts: &[&str]) -> [u8; N] {
    let mut joined = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < parts.len() {
        let bytes = parts[i].as_bytes();
        let mut j = 0;
        while j < bytes.len() && at < N {
            joined[at] = bytes[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    joined
}

/// The text of a [`concat`] array.
#[doc(hidden)]
pub const fn message(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => "a signal is not in the signals type",
    }
}

#[cfg(test)]
mod tests {
    use super::{
        SignalField, has_path, json_kind, missing_depth, path_kinds, sibling_names,
        sibling_names_len,
    };

    const USER: &[SignalField] = &[SignalField {
        name: "homeCity",
        nested: &[],
        open: false,
        kinds: json_kind::STRING | json_kind::NULL,
    }];
    const TREE: &[SignalField] = &[
        SignalField {
            name: "title",
            nested: &[],
            open: false,
            kinds: json_kind::STRING,
        },
        SignalField {
            name: "user",
            nested: USER,
            open: false,
            kinds: json_kind::OBJECT,
        },
        SignalField {
            name: "extra",
            nested: &[],
            open: true,
            kinds: json_kind::OBJECT,
        },
    ];

    #[test]
    fn paths() {
        assert!(has_path(TREE, &["title"]));
        assert!(has_path(TREE, &["title", "length"]));
        assert!(has_path(TREE, &["user"]));
        assert!(has_path(TREE, &["user", "homeCity"]));
        assert!(!has_path(TREE, &["user", "homecity"]));
        assert!(has_path(TREE, &["extra", "anything"]));
        assert!(!has_path(TREE, &["titel"]));
    }

    #[test]
    fn where_a_path_goes_missing() {
        fn names(path: &[&str]) -> String {
            assert_eq!(sibling_names_len(TREE, path), 24);
            String::from_utf8(sibling_names::<24>(TREE, path).to_vec()).unwrap()
        }
        assert_eq!(missing_depth(TREE, &["titel"]), 0);
        assert_eq!(names(&["titel"]), "`title`, `user`, `extra`");
        assert_eq!(missing_depth(TREE, &["user", "homecity"]), 1);
        assert_eq!(
            sibling_names_len(TREE, &["user", "homecity"]),
            "`homeCity`".len()
        );
        assert_eq!(
            sibling_names::<10>(TREE, &["user", "homecity"]),
            *b"`homeCity`"
        );
        assert_eq!(sibling_names_len(&[], &["a"]), "none".len());
    }

    #[test]
    fn kinds() {
        assert_eq!(path_kinds(TREE, &["title"]), json_kind::STRING);
        assert_eq!(path_kinds(TREE, &["user"]), json_kind::OBJECT);
        assert_eq!(
            path_kinds(TREE, &["user", "homeCity"]),
            json_kind::STRING | json_kind::NULL
        );
        for anything in [&["title", "length"][..], &["extra", "a"], &["titel"]] {
            assert_eq!(path_kinds(TREE, anything), json_kind::ANY);
        }
    }
}
