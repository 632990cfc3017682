//! Code shared by the examples: the SDK conformance endpoint and the serving helpers.
#![forbid(unsafe_code)]

pub mod sdk_test;
