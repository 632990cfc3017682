//! Implementation detail of `datastar-core`: the Datastar 1.0 wire format and the
//! browser's escaping and URL rules, in one place.
//!
//! `datastar-core` writes events with these functions at run time; `datastar-macros`
//! pre-renders events and decides how template holes are escaped with the same functions
//! at compile time. Keeping every name, escaping table and URL rule here is what makes a
//! pre-rendered event byte-identical to the same event built at run time.
//!
//! The crate has no dependencies; the optional `memchr` feature only changes how line
//! breaks are searched for. Its API follows `datastar-core` and has no stability
//! guarantees of its own.
#![forbid(unsafe_code)]

pub mod attribute;
pub mod escape;
pub mod json;
pub mod lines;
pub mod protocol;
pub mod script;
pub mod selector;
pub mod url;

pub use protocol::{Mode, Namespace, UnknownName};
