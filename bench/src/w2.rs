use super::*;

/// The template's inputs, given at run time.
#[derive(Debug)]
pub struct Cart {
    /// Text that needs escaping.
    pub user: &'static str,
    /// An integer.
    pub count: u64,
    /// The rows of the loop.
    pub items: [&'static str; 20],
}

/// The inputs (behind `black_box` in every way).
pub static CART: Cart = Cart {
    user: "Dave <\"HAL 9000\"> & Frank",
    count: 9000,
    items: [
        "Pod bay door",
        "EVA helmet",
        "Chess board",
        "AE-35 unit",
        "Hibernaculum",
        "Monolith",
        "Space pen",
        "Voice print",
        "Lip reader",
        "Emergency airlock",
        "Radio",
        "Camera eye",
        "Jupiter map",
        "Daisy song",
        "Film reel",
        "Tape deck",
        "Sextant",
        "Food tray",
        "Sketch pad",
        "Red button",
    ],
};

/// The HTML a hand-written handler builds: what the builder and official ways send.
pub fn html(cart: &Cart) -> String {
    let mut html = String::with_capacity(1024);
    html.push_str("<div id=\"cart\">\n<h2>Hello, ");
    escape_text(&mut html, cart.user);
    let _ = write!(html, "!</h2>\n<p>{} items</p>\n<ul>", cart.count);
    for (row, item) in cart.items.iter().enumerate() {
        let _ = write!(html, "\n<li id=\"row-{row}\">");
        escape_text(&mut html, item);
        html.push_str("</li>");
    }
    html.push_str("\n</ul>\n</div>");
    html
}

/// The expected bytes, written out without any escaping code.
pub fn wire() -> &'static str {
    static WIRE: OnceLock<String> = OnceLock::new();
    WIRE.get_or_init(|| {
        let mut wire = String::from(
            "event: datastar-patch-elements\n\
             data: elements <div id=\"cart\">\n\
             data: elements <h2>Hello, Dave &lt;&quot;HAL 9000&quot;&gt; &amp; Frank!</h2>\n\
             data: elements <p>9000 items</p>\n\
             data: elements <ul>\n",
        );
        for (row, item) in CART.items.iter().enumerate() {
            wire.push_str(&format!(
                "data: elements <li id=\"row-{row}\">{item}</li>\n"
            ));
        }
        wire.push_str("data: elements </ul>\ndata: elements </div>\n\n");
        wire
    })
}

/// A `datastar!` template with the two holes and the 20-row loop, drained.
pub async fn datastar_macro<S: Sink>(sink: S) -> S {
    let cart = black_box(&CART);
    let events = datastar! {
        elements "<div id=\"cart\">\n<h2>Hello, " (cart.user) "!</h2>\n<p>" (cart.count)
            " items</p>\n<ul>"
            for (row, item) in cart.items.iter().enumerate() {
                "\n<li id=\"row-" (row) "\">" (item) "</li>"
            }
            "\n</ul>\n</div>";
    };
    drain(events, sink).await
}

/// The handler's HTML, then `PatchElements::new(html).encode()`.
pub async fn builder<S: Sink>(mut sink: S) -> S {
    let html = html(black_box(&CART));
    let event = PatchElements::new(html).encode().expect("valid event");
    sink.put(event.as_bytes());
    sink
}

/// The handler's HTML, then the official `PatchElements` to its SSE text.
pub async fn official<S: Sink>(mut sink: S) -> S {
    let html = html(black_box(&CART));
    let event = datastar::prelude::PatchElements::new(html).into_datastar_event();
    sink.put(event.to_string().as_bytes());
    sink
}

/// A copy of the expected bytes.
pub async fn memcpy<S: Sink>(sink: S) -> S {
    copy_of(wire().as_bytes(), sink)
}
