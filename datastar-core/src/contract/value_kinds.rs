//! The JSON kind of a Rust value a typed `signals { … }` patch sets with `(expr)`,
//! checked by the type checker against the kinds its signal's field holds.
//!
//! A literal's kind is known to the macro; an expression's only to the compiler. So the
//! expansion asks it: [`KindProbe`] finds the kind of the value's type (autoref
//! specialization: [`KnownKind`] for the types whose JSON is certain, [`UnknownKind`],
//! which fits anything, for the rest, such as user types and `serde_json::Value`), and
//! [`fits`] requires that kind to implement [`FitsIn`] the field's kinds, spelled as a
//! [`Kinds`] type of six flags computed from the signals type's tree. A value whose type
//! serializes to another kind is an error at the value, when the crate is checked.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;

/// The kinds of JSON a signal's field holds, one flag each: `null`, a boolean, a number,
/// a string, an array, an object.
pub struct Kinds<
    const NULL: bool,
    const BOOL: bool,
    const NUMBER: bool,
    const STRING: bool,
    const ARRAY: bool,
    const OBJECT: bool,
>;

/// A value that serializes to `null`.
#[derive(Default)]
pub struct JsonNull;
/// A value that serializes to `true` or `false`.
#[derive(Default)]
pub struct JsonBool;
/// A value that serializes to a number.
#[derive(Default)]
pub struct JsonNumber;
/// A value that serializes to a string.
#[derive(Default)]
pub struct JsonString;
/// A value that serializes to an array.
#[derive(Default)]
pub struct JsonArray;
/// A value that serializes to an object.
#[derive(Default)]
pub struct JsonObject;
/// An `Option`: `null`, or what its content serializes to.
pub struct OrNull<K>(PhantomData<K>);
/// A value whose JSON the type does not tell: it fits any signal.
pub struct Unknown;

impl<K> Default for OrNull<K> {
    fn default() -> Self {
        OrNull(PhantomData)
    }
}

/// A value kind that a signal whose field holds `F` accepts.
#[diagnostic::on_unimplemented(
    message = "this value serializes to `{Self}`, which the signal's field in the `#[signals(…)]` type cannot hold [signal_value_kind]",
    label = "serializes to `{Self}`",
    note = "the field holds `{F}` (flags: null, boolean, number, string, array, object): `ReadSignals` would fail on what the page sends back",
    note = "set the signal to a value of the field's type, or change the field's type"
)]
pub trait FitsIn<F> {}

// One impl per kind: the kind's flag must be `true`, the others may be anything.
impl<const B: bool, const N: bool, const S: bool, const A: bool, const O: bool>
    FitsIn<Kinds<true, B, N, S, A, O>> for JsonNull
{
}
impl<const Z: bool, const N: bool, const S: bool, const A: bool, const O: bool>
    FitsIn<Kinds<Z, true, N, S, A, O>> for JsonBool
{
}
impl<const Z: bool, const B: bool, const S: bool, const A: bool, const O: bool>
    FitsIn<Kinds<Z, B, true, S, A, O>> for JsonNumber
{
}
impl<const Z: bool, const B: bool, const N: bool, const A: bool, const O: bool>
    FitsIn<Kinds<Z, B, N, true, A, O>> for JsonString
{
}
impl<const Z: bool, const B: bool, const N: bool, const S: bool, const O: bool>
    FitsIn<Kinds<Z, B, N, S, true, O>> for JsonArray
{
}
impl<const Z: bool, const B: bool, const N: bool, const S: bool, const A: bool>
    FitsIn<Kinds<Z, B, N, S, A, true>> for JsonObject
{
}

impl<
    K,
    const BOOL: bool,
    const NUMBER: bool,
    const STRING: bool,
    const ARRAY: bool,
    const OBJECT: bool,
> FitsIn<Kinds<true, BOOL, NUMBER, STRING, ARRAY, OBJECT>> for OrNull<K>
where
    K: FitsIn<Kinds<true, BOOL, NUMBER, STRING, ARRAY, OBJECT>>,
{
}

impl<F> FitsIn<F> for Unknown {}

/// Requires a value of kind `K` to fit a field holding `F`; nothing happens at run time.
#[inline(always)]
pub fn fits<F, K: FitsIn<F>>(_kind: K) {}

/// The types whose JSON kind is certain.
pub trait ValueKind {
    /// What a value of the type serializes to.
    type Kind: Default;
}

macro_rules! value_kinds {
    ($kind:ident: $($ty:ty),* $(,)?) => {
        $(impl ValueKind for $ty {
            type Kind = $kind;
        })*
    };
}

value_kinds!(JsonString: str, String, char, Cow<'_, str>);
value_kinds!(JsonBool: bool);
value_kinds!(JsonNumber: u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);
// serde_json writes a NaN or an infinity as `null`; the derive says the same of the field.
value_kinds!(JsonNumber: f32, f64);
value_kinds!(JsonNull: ());

impl<T: ValueKind> ValueKind for Option<T> {
    type Kind = OrNull<T::Kind>;
}

macro_rules! same_as_content {
    ($($wrapper:ident),*) => {
        $(impl<T: ValueKind + ?Sized> ValueKind for $wrapper<T> {
            type Kind = T::Kind;
        })*
    };
}
same_as_content!(Box, Rc, Arc);

impl<T: ValueKind + ?Sized> ValueKind for &T {
    type Kind = T::Kind;
}

impl<T: ValueKind + ?Sized> ValueKind for &mut T {
    type Kind = T::Kind;
}

macro_rules! arrays {
    ($($ty:ty),*) => {
        $(impl<T> ValueKind for $ty {
            type Kind = JsonArray;
        })*
    };
}
arrays!([T], Vec<T>, VecDeque<T>, BTreeSet<T>);

impl<T, const N: usize> ValueKind for [T; N] {
    type Kind = JsonArray;
}

impl<T, S> ValueKind for HashSet<T, S> {
    type Kind = JsonArray;
}

impl<K, V> ValueKind for BTreeMap<K, V> {
    type Kind = JsonObject;
}

impl<K, V, S> ValueKind for HashMap<K, V, S> {
    type Kind = JsonObject;
}

/// A patch value, wrapped so that the expansion can find its kind:
/// `(&&&KindProbe(&value)).json_kind()` with [`KnownKind`] and [`UnknownKind`] in scope.
pub struct KindProbe<'a, T: ?Sized>(pub &'a T);

/// The kind of a value whose type is a `ValueKind`.
pub trait KnownKind {
    /// The kind.
    type Kind;
    /// A value of the kind, for [`fits`].
    fn json_kind(&self) -> Self::Kind;
}

impl<T: ValueKind + ?Sized> KnownKind for &&KindProbe<'_, T> {
    type Kind = T::Kind;
    #[inline(always)]
    fn json_kind(&self) -> T::Kind {
        T::Kind::default()
    }
}

/// The kind of any other value: [`Unknown`].
pub trait UnknownKind {
    /// [`Unknown`].
    fn json_kind(&self) -> Unknown;
}

impl<T: ?Sized> UnknownKind for &KindProbe<'_, T> {
    #[inline(always)]
    fn json_kind(&self) -> Unknown {
        Unknown
    }
}

#[cfg(test)]
mod tests {
    //! Two tables say what JSON a Rust type serializes to: `SignalType::KINDS` (the field
    //! side, a constant) and `ValueKind` (the value side, a type, so that the type checker
    //! can compare). They must agree wherever both know the type.

    use super::super::{SignalType, json_kind};
    use super::*;

    /// A value kind's `json_kind` bits.
    trait Bits {
        const BITS: u8;
    }
    impl Bits for JsonNull {
        const BITS: u8 = json_kind::NULL;
    }
    impl Bits for JsonBool {
        const BITS: u8 = json_kind::BOOL;
    }
    impl Bits for JsonNumber {
        const BITS: u8 = json_kind::NUMBER;
    }
    impl Bits for JsonString {
        const BITS: u8 = json_kind::STRING;
    }
    impl Bits for JsonArray {
        const BITS: u8 = json_kind::ARRAY;
    }
    impl Bits for JsonObject {
        const BITS: u8 = json_kind::OBJECT;
    }
    impl<K: Bits> Bits for OrNull<K> {
        const BITS: u8 = K::BITS | json_kind::NULL;
    }

    fn agree<T: ?Sized + SignalType + ValueKind>()
    where
        T::Kind: Bits,
    {
        assert_eq!(
            <T::Kind as Bits>::BITS,
            T::KINDS,
            "`{}`: the value side and the field side disagree",
            std::any::type_name::<T>()
        );
    }

    #[test]
    fn value_kinds_agree_with_the_field_kinds() {
        agree::<String>();
        agree::<&str>();
        agree::<char>();
        agree::<bool>();
        agree::<()>();
        agree::<u8>();
        agree::<u64>();
        agree::<u128>();
        agree::<i32>();
        agree::<isize>();
        agree::<f32>();
        agree::<f64>();
        agree::<Option<u32>>();
        agree::<Option<Option<String>>>();
        agree::<Box<bool>>();
        agree::<Vec<String>>();
        agree::<[u8]>();
        agree::<[u8; 4]>();
        agree::<HashMap<String, u32>>();
        agree::<BTreeMap<String, u32>>();
    }
}
