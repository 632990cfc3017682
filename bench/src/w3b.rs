use super::*;

/// The fragment: one line, 65 536 bytes.
pub fn fragment() -> &'static str {
    static FRAGMENT: OnceLock<String> = OnceLock::new();
    FRAGMENT.get_or_init(|| w3::table(""))
}

/// The expected bytes.
pub fn wire() -> &'static str {
    static WIRE: OnceLock<String> = OnceLock::new();
    WIRE.get_or_init(|| w3::wire_of(fragment()))
}

/// `datastar! { elements (fragment); }`, drained.
pub async fn datastar_macro<S: Sink>(sink: S) -> S {
    w3::macro_with(fragment(), sink).await
}

/// `PatchElements::new(fragment).encode()`, borrowing the fragment.
pub async fn builder<S: Sink>(sink: S) -> S {
    w3::builder_with(fragment(), sink)
}

/// The official `PatchElements` to its SSE text.
pub async fn official<S: Sink>(sink: S) -> S {
    w3::official_with(fragment(), sink)
}

/// A copy of the expected bytes.
pub async fn memcpy<S: Sink>(sink: S) -> S {
    copy_of(wire().as_bytes(), sink)
}
