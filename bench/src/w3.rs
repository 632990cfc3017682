use super::*;

/// `<table id="log">`, rows of 76 bytes each after `separator`, `</table>` after
/// `separator`; padded with spaces to exactly 65 536 bytes (64 KiB).
pub(crate) fn table(separator: &str) -> String {
    const SIZE: usize = 64 * 1024;
    let close = format!("{separator}</table>");
    let mut html = String::with_capacity(SIZE);
    html.push_str("<table id=\"log\">");
    for n in 0.. {
        let row = format!(
            "{separator}<tr id=\"r{n:04}\"><td>{n:04}</td><td>HAL 9000 status nominal</td><td>ok</td></tr>"
        );
        if html.len() + row.len() + close.len() > SIZE {
            break;
        }
        html.push_str(&row);
    }
    html.push_str(&" ".repeat(SIZE - html.len() - close.len()));
    html.push_str(&close);
    html
}

/// The expected bytes: one `data: elements` line per line of `fragment`.
pub(crate) fn wire_of(fragment: &str) -> String {
    let mut wire = String::from("event: datastar-patch-elements\n");
    for line in fragment.split('\n') {
        wire.push_str("data: elements ");
        wire.push_str(line);
        wire.push('\n');
    }
    wire.push('\n');
    wire
}

/// The fragment: 852 lines, 65 536 bytes.
pub fn fragment() -> &'static str {
    static FRAGMENT: OnceLock<String> = OnceLock::new();
    FRAGMENT.get_or_init(|| table("\n"))
}

/// The expected bytes.
pub fn wire() -> &'static str {
    static WIRE: OnceLock<String> = OnceLock::new();
    WIRE.get_or_init(|| wire_of(fragment()))
}

/// `datastar! { elements (fragment); }`, drained.
pub async fn datastar_macro<S: Sink>(sink: S) -> S {
    macro_with(fragment(), sink).await
}

/// `PatchElements::new(fragment).encode()`, borrowing the fragment.
pub async fn builder<S: Sink>(sink: S) -> S {
    builder_with(fragment(), sink)
}

/// The official `PatchElements` (which takes an owned `String`) to its SSE text.
pub async fn official<S: Sink>(sink: S) -> S {
    official_with(fragment(), sink)
}

/// A copy of the expected bytes.
pub async fn memcpy<S: Sink>(sink: S) -> S {
    copy_of(wire().as_bytes(), sink)
}

pub(crate) async fn macro_with<S: Sink>(fragment: &'static str, sink: S) -> S {
    let fragment = black_box(fragment);
    drain(datastar! { elements (fragment); }, sink).await
}

pub(crate) fn builder_with<S: Sink>(fragment: &str, mut sink: S) -> S {
    let event = PatchElements::new(black_box(fragment))
        .encode()
        .expect("valid event");
    sink.put(event.as_bytes());
    sink
}

pub(crate) fn official_with<S: Sink>(fragment: &str, mut sink: S) -> S {
    let event = datastar::prelude::PatchElements::new(black_box(fragment)).into_datastar_event();
    sink.put(event.to_string().as_bytes());
    sink
}
