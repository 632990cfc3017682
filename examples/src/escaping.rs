//! The escaping lab: every place a template hole can stand, filled with one hostile
//! value at a time and patched into the page by the real Datastar client. The browser
//! tests drive it (`tests/tests/browser/escaping.rs`) with dozens of payloads that each
//! try to set `window.__xss`; the property tests render the same contexts in Rust.
//!
//! A payload's `CTX` is replaced by the context's name, so a payload that ran says where.

use std::pin::Pin;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use datastar_core::prelude::*;
use datastar_core::{
    ConsoleLog, DispatchEvent, ExecuteScript, Mode, PatchElements, PatchSignals, Prefetch,
    ReplaceUrl,
};
use futures_util::StreamExt;
use futures_util::stream::{self, BoxStream};
use serde::Deserialize;

/// One context: its name, and the events that append it, filled with a value, to
/// `#stage`. The lab's contexts are [`CONTEXTS`] (statements and builders) and
/// [`TEMPLATE_CONTEXTS`] (`elements` templates, also rendered as pages): see
/// [`every_context`].
pub type Context = (&'static str, fn(String) -> BoxStream<'static, Event>);

macro_rules! contexts {
    ($($name:literal => |$value:ident| { $($body:tt)* })*) => {
        /// The statement and builder contexts, in page order (before the templates).
        pub const CONTEXTS: &[Context] = &[
            $(($name, |$value: String| Box::pin(datastar! { $($body)* }) as BoxStream<'static, Event>),)*
        ];
    };
}

contexts! {
    // Signal patches first: see `SELECTOR_CONTEXTS` for why a context after one that made
    // the client throw could lose an event.
    "signals-statement" => |v| { elements "<div data-context=\"signals-statement\"><span data-shows=\"text\" data-text=\"$labMacro\"></span></div>", selector = "#stage", mode = append; signals { labMacro: (v) }; }
    "builder-signals" => |v| { elements "<div data-context=\"builder-signals\"><span data-shows=\"text\" data-text=\"$labBuilt\"></span></div>", selector = "#stage", mode = append; send PatchSignals::json(&serde_json::json!({ "labBuilt": v })).expect("a string serializes"); }
    // The helper statements' values.
    "console-log" => |v| { elements "<div data-context=\"console-log\"></div>", selector = "#stage", mode = append; console_log (v); }
    "console-error-template" => |v| { elements "<div data-context=\"console-error-template\"></div>", selector = "#stage", mode = append; console_error "lab: " (v) " (end)"; }
    "dispatch-detail" => |v| { elements "<div data-context=\"dispatch-detail\"></div>", selector = "#stage", mode = append; dispatch "lab-event", detail = { value: (v) }, selector = "[data-context=dispatch-detail]"; }
    "script-statement" => |v| { script "window.__last = " (v) ";"; }
    // The `script` statement's attributes, read as a `<script>` tag of a template: text,
    // a Datastar expression, and an event handler that fires (the `src` fails to load).
    // A hole in `src` itself is refused at compile time (tests/ui).
    "script-attributes" => |v| { script "window.__last = 1;", attributes = { title: (v), nonce: (v), "data-x": (v), "data-src": (v) }; }
    "script-attribute-onerror" => |v| { script "window.__last = 1;", auto_remove = false, attributes = { src: "/escaping/echo/missing.js", onerror: (v) }; }
    "script-attribute-data-on" => |v| { script "window.__last = 1;", auto_remove = false, attributes = { "data-on:load": (v), "data-effect": (v) }; }
    // Every helper statement and builder value (`redirect` is left out: a hostile but
    // allowed URL navigates away from the lab; its policy is tested in Rust).
    "replace-url" => |v| { elements "<div data-context=\"replace-url\"></div>", selector = "#stage", mode = append; replace_url (v.as_str()); }
    "prefetch" => |v| { elements "<div data-context=\"prefetch\"></div>", selector = "#stage", mode = append; prefetch [(v.as_str())]; }
    // A dispatch selector is a JSON string in the script (inert), but one the browser
    // cannot parse makes `querySelectorAll` throw inside the client, which then drops the
    // events after it in the same read: the lab gives the selector a valid value.
    "dispatch-name" => |v| { elements "<div data-context=\"dispatch-name\"></div>", selector = "#stage", mode = append; dispatch (v.as_str()), selector = "[data-context=dispatch-name]"; }
    "builder-script-attributes" => |v| { elements "<div data-context=\"builder-script-attributes\"></div>", selector = "#stage", mode = append; send ExecuteScript::new("window.__last = 1;").attribute("title", v.clone()).attribute("nonce", v.clone()).attribute("type", v.clone()).attribute("data-src", v.clone()); }
    "builder-script-src" => |v| { elements "<div data-context=\"builder-script-src\"></div>", selector = "#stage", mode = append; send ExecuteScript::new("window.__last = 1;").auto_remove(false).attribute("src", v.clone()); }
    "builder-script-onerror" => |v| { elements "<div data-context=\"builder-script-onerror\"></div>", selector = "#stage", mode = append; send ExecuteScript::new("window.__last = 1;").auto_remove(false).attribute("src", "/escaping/echo/missing.js").attribute("onerror", v.clone()); }
    "builder-elements-options" => |v| { elements "<div data-context=\"builder-elements-options\"></div>", selector = "#stage", mode = append; send PatchElements::new("<i>options</i>").selector("[data-context=builder-elements-options]").mode(Mode::Inner).id(v.clone()); }
    "builder-console" => |v| { elements "<div data-context=\"builder-console\"></div>", selector = "#stage", mode = append; send ConsoleLog::new(v.clone()); send ConsoleLog::error(v.clone()); }
    "builder-dispatch" => |v| { elements "<div data-context=\"builder-dispatch\"></div>", selector = "#stage", mode = append; send DispatchEvent::new(v.clone()).selector("[data-context=builder-dispatch]").detail(&v).expect("a string serializes"); }
    "builder-replace-url" => |v| { elements "<div data-context=\"builder-replace-url\"></div>", selector = "#stage", mode = append; send ReplaceUrl::new(v.clone()); }
    "builder-prefetch" => |v| { elements "<div data-context=\"builder-prefetch\"></div>", selector = "#stage", mode = append; send Prefetch::new([v.clone()]); }
}

/// Writes each template context twice: as a patch appended to `#stage` by the client
/// (`elements …, selector = "#stage", mode = append;` in [`TEMPLATE_CONTEXTS`]) and as
/// part of a whole page rendered by `html!` ([`PAGE_CONTEXTS`], served by
/// `/escaping/page`), so the same template and value are judged both ways.
macro_rules! templates {
    ($($name:literal => |$value:ident| { $($template:tt)* })*) => {
        /// Every template context as a patch, in page order.
        pub const TEMPLATE_CONTEXTS: &[Context] = &[
            $(($name, |$value: String| Box::pin(datastar! { elements $($template)*, selector = "#stage", mode = append; }) as BoxStream<'static, Event>),)*
        ];
        /// Every template context as page content, in the same order.
        pub const PAGE_CONTEXTS: &[PageContext] = &[
            $(($name, |$value: String| html! { $($template)* }),)*
        ];
    };
}

/// One template context rendered into a page by `html!`.
pub type PageContext = (&'static str, fn(String) -> Markup);

templates! {
    // Holes inside template `if` branches are taken at run time (`black_box`).
    "text" => |v| { "<div data-context=\"text\" data-shows=\"text\">" (v) "</div>" }
    "text-in-if" => |v| { "<div data-context=\"text-in-if\" data-shows=\"text\">" if std::hint::black_box(true) { (v) } else { "-" } "</div>" }
    "title-in-if" => |v| { "<div data-context=\"title-in-if\" data-shows=\"title\"" if std::hint::black_box(true) { " title=\"" (v) "\"" } ">t</div>" }
    "href-in-if" => |v| { "<a data-context=\"href-in-if\"" if std::hint::black_box(true) { " href=\"" (v) "\"" } ">a</a>" }
    "href-path-in-if" => |v| { "<a data-context=\"href-path-in-if\" href=\"/escaping/echo/" if std::hint::black_box(true) { (v) } else { "none" } "\">a</a>" }
    "onclick-in-if" => |v| { "<button data-context=\"onclick-in-if\" type=\"button\" onclick=\"window.__last = " if std::hint::black_box(true) { (v) } else { "0" } "\">b</button>" }
    "title-double-quoted" => |v| { "<div data-context=\"title-double-quoted\" data-shows=\"title\" title=\"" (v) "\">t</div>" }
    "title-single-quoted" => |v| { "<div data-context=\"title-single-quoted\" data-shows=\"title\" title='" (v) "'>t</div>" }
    "button-value" => |v| { "<button data-context=\"button-value\" data-shows=\"value\" type=\"button\" value=\"" (v) "\">b</button>" }
    "href" => |v| { "<a data-context=\"href\" href=\"" (v) "\">a</a>" }
    "href-two-holes" => |v| { "<a data-context=\"href-two-holes\" href=\"" (String::new()) (v) "\">a</a>" }
    "href-entity-space" => |v| { "<a data-context=\"href-entity-space\" href=\"&#32;" (v) "\">a</a>" }
    "href-partial-scheme" => |v| { "<a data-context=\"href-partial-scheme\" href=\"java" (v) "\">a</a>" }
    "href-tab-entity" => |v| { "<a data-context=\"href-tab-entity\" href=\"java&Tab;" (v) "\">a</a>" }
    "href-path" => |v| { "<a data-context=\"href-path\" href=\"/escaping/echo/" (v) "\">a</a>" }
    "href-query" => |v| { "<a data-context=\"href-query\" href=\"/escaping/echo/q?q=" (v) "&amp;page=1\">a</a>" }
    "href-loop-query" => |v| { "<a data-context=\"href-loop-query\" href=\"/escaping/echo/q?" for (n, value) in [v.clone(), v.clone()].iter().enumerate() { "v" (n) "=" (value) "&amp;" } "\">a</a>" }
    "area-href" => |v| { "<map data-context=\"area-href\" name=\"m\"><area href=\"" (v) "\" alt=\"a\" shape=\"rect\" coords=\"0,0,5,5\"></map>" }
    "ping" => |v| { "<a data-context=\"ping\" href=\"/escaping/echo/p\" ping=\"" (v) "\">a</a>" }
    "iframe-src" => |v| { "<iframe data-context=\"iframe-src\" src=\"" (v) "\"></iframe>" }
    "iframe-srcdoc" => |v| { "<iframe data-context=\"iframe-srcdoc\" srcdoc=\"<p>" (v) "</p>\"></iframe>" }
    "img-src" => |v| { "<img data-context=\"img-src\" src=\"" (v) "\" alt=\"\">" }
    "img-srcset" => |v| { "<img data-context=\"img-srcset\" srcset=\"" (v) " 1x\" alt=\"\">" }
    "img-data-src" => |v| { "<img data-context=\"img-data-src\" data-src=\"" (v) "\" alt=\"\">" }
    "input-image-src" => |v| { "<input data-context=\"input-image-src\" type=\"image\" src=\"" (v) "\" alt=\"i\">" }
    "object-data" => |v| { "<object data-context=\"object-data\" data=\"" (v) "\"></object>" }
    "embed-src" => |v| { "<embed data-context=\"embed-src\" src=\"" (v) "\">" }
    "video-poster" => |v| { "<video data-context=\"video-poster\" poster=\"" (v) "\"></video>" }
    "blockquote-cite" => |v| { "<blockquote data-context=\"blockquote-cite\" cite=\"" (v) "\">q</blockquote>" }
    "form-action" => |v| { "<form data-context=\"form-action\" action=\"" (v) "\"><button>f</button></form>" }
    "button-formaction" => |v| { "<form data-context=\"button-formaction\" action=\"/escaping/echo/f\"><button formaction=\"" (v) "\">f</button></form>" }
    "svg-href" => |v| { "<svg data-context=\"svg-href\" width=\"20\" height=\"20\"><a href=\"" (v) "\"><text y=\"10\">a</text></a></svg>" }
    "svg-xlink-href" => |v| { "<svg data-context=\"svg-xlink-href\" width=\"20\" height=\"20\"><a xlink:href=\"" (v) "\"><text y=\"10\">a</text></a></svg>" }
    "svg-text" => |v| { "<svg data-context=\"svg-text\" width=\"20\" height=\"20\"><text y=\"10\" data-shows=\"text\">" (v) "</text></svg>" }
    "svg-onclick" => |v| { "<svg data-context=\"svg-onclick\" width=\"20\" height=\"20\"><rect width=\"5\" height=\"5\" onclick=\"window.__last = " (v) "\"></rect></svg>" }
    "mathml-text" => |v| { "<math data-context=\"mathml-text\"><mtext data-shows=\"text\">" (v) "</mtext></math>" }
    "textarea" => |v| { "<textarea data-context=\"textarea\" data-shows=\"value\">" (v) "</textarea>" }
    "title-element" => |v| { "<title data-context=\"title-element\" data-shows=\"text\">" (v) "</title>" }
    "option" => |v| { "<select data-context=\"option\"><option data-shows=\"text\">" (v) "</option></select>" }
    "template" => |v| { "<template data-context=\"template\"><p>" (v) "</p></template>" }
    "script" => |v| { "<script data-context=\"script\">window.__last = " (v) ";</script>" }
    "script-json" => |v| { "<script data-context=\"script-json\" type=\"application/json\">" (v) "</script>" }
    "onclick" => |v| { "<button data-context=\"onclick\" type=\"button\" onclick=\"window.__last = " (v) "\">b</button>" }
    "onmouseover" => |v| { "<div data-context=\"onmouseover\" onmouseover='window.__last = [" (v) "]'>m</div>" }
    "data-on-click" => |v| { "<button data-context=\"data-on-click\" type=\"button\" data-on:click=\"window.__last = " (v) "\">b</button>" }
    "data-on-click-entity-string" => |v| { "<button data-context=\"data-on-click-entity-string\" type=\"button\" data-on:click=\"window.__last = [&#x27;a&#x27;, &#39;b&#39;, " (v) "]\">b</button>" }
    "data-on-click-operator" => |v| { "<button data-context=\"data-on-click-operator\" type=\"button\" data-on:click=\"window.__last = 1 &amp;&amp; " (v) "\">b</button>" }
    "data-text" => |v| { "<span data-context=\"data-text\" data-shows=\"text\" data-text=\"" (v) "\"></span>" }
    "data-text-division" => |v| { "<span data-context=\"data-text-division\" data-shows=\"text\" data-prefix=\"2;\" data-text=\"4 / 2 + ';' + " (v) "\"></span>" }
    "data-text-after-template" => |v| { "<span data-context=\"data-text-after-template\" data-shows=\"text\" data-text=\"`${''}` + " (v) "\"></span>" }
    "data-text-then-semicolon" => |v| { "<span data-context=\"data-text-then-semicolon\" data-shows=\"text\" data-suffix=\";\" data-text=\"" (v) " + &quot;;&quot;\"></span>" }
    "data-signals" => |v| { "<div data-context=\"data-signals\" data-signals:lab-value=\"" (v) "\"><span data-shows=\"text\" data-text=\"$labValue\"></span></div>" }
    "data-signals-object" => |v| { "<div data-context=\"data-signals-object\" data-signals=\"{labObject: " (v) "}\"><span data-shows=\"text\" data-text=\"$labObject\"></span></div>" }
    "data-class" => |v| { "<div data-context=\"data-class\" data-class=\"{muted: " (v) " === 'never'}\">c</div>" }
    "data-style" => |v| { "<div data-context=\"data-style\" data-style:color=\"" (v) "\">s</div>" }
    "data-show" => |v| { "<div data-context=\"data-show\" data-show=\"" (v) " !== null\">s</div>" }
    "data-attr-title" => |v| { "<a data-context=\"data-attr-title\" data-shows=\"title\" data-attr:title=\"" (v) "\">a</a>" }
    "data-attr-href" => |v| { "<a data-context=\"data-attr-href\" data-attr:href=\"" (v) "\">a</a>" }
    "data-attr-object" => |v| { "<a data-context=\"data-attr-object\" data-attr=\"{title: " (v) ", href: " (v) "}\">a</a>" }
    "data-json-signals" => |v| { "<pre data-context=\"data-json-signals\" data-json-signals=\"{include: " (v) "}\"></pre>" }
    "action-url-path" => |v| { "<button data-context=\"action-url-path\" type=\"button\" data-on:click=\"@get('/escaping/echo/" (v) "')\">b</button>" }
    "action-url-string" => |v| { "<button data-context=\"action-url-string\" type=\"button\" data-on:click=\"@get('" (v) "')\">b</button>" }
    "action-url-argument" => |v| { "<button data-context=\"action-url-argument\" type=\"button\" data-on:click=\"@post(" (v) ", {payload: {}})\">b</button>" }
    "loop-attribute" => |v| { "<div data-context=\"loop-attribute\" class=\"" for value in &[v.clone(), v.clone()] { (value) " " } "\">l</div>" }
    "loop-text" => |v| { "<ul data-context=\"loop-text\">" for value in &[v.clone(), v.clone()] { "<li>" (value) "</li>" } "</ul>" }
}

/// Every stream context: [`CONTEXTS`], then [`TEMPLATE_CONTEXTS`].
pub fn every_context() -> impl Iterator<Item = &'static Context> + Clone {
    CONTEXTS.iter().chain(TEMPLATE_CONTEXTS)
}

/// The selectors: `selector`, `remove`, `view_transition_selector` and a dispatch's
/// targets, from the statements and the builders. A selector is a single-line field (or a
/// JSON string in a dispatch script) that the client hands to `querySelectorAll`: it
/// cannot carry markup, but one the browser cannot parse makes the client throw, which
/// was seen to lose the events after it in the same read. So these run on their own
/// (`/escaping/run-selectors`), each in a read of its own.
pub const SELECTOR_CONTEXTS: &[Context] = &[
    ("selector", |v| {
        Box::pin(datastar! { elements "<i>selected</i>", selector = (v.as_str()), mode = inner; })
    }),
    ("remove", |v| Box::pin(datastar! { remove (v.as_str()); })),
    ("view-transition-selector", |v| {
        Box::pin(
            datastar! { elements "<i>moved</i>", selector = "#selectors", mode = inner, view_transition, view_transition_selector = (v.as_str()); },
        )
    }),
    ("dispatch-selector", |v| {
        Box::pin(datastar! { dispatch "lab-event", selector = (v.as_str()); })
    }),
    ("builder-selector", |v| {
        Box::pin(
            datastar! { send PatchElements::new("<i>selected</i>").selector(v.clone()).mode(Mode::Inner); },
        )
    }),
    ("builder-remove", |v| {
        Box::pin(datastar! { send PatchElements::remove(v.clone()); })
    }),
    ("builder-view-transition-selector", |v| {
        Box::pin(
            datastar! { send PatchElements::new("<i>moved</i>").selector("#selectors").mode(Mode::Inner).view_transition(true).view_transition_selector(v.clone()); },
        )
    }),
    ("builder-dispatch-selector", |v| {
        Box::pin(datastar! { send DispatchEvent::new("lab-event").selector(v.clone()); })
    }),
];

/// The contexts whose events add nothing to `#stage`: their scripts go to `<body>`.
pub const OUTSIDE_STAGE: &[&str] = &[
    "script-statement",
    "script-attributes",
    "script-attribute-onerror",
    "script-attribute-data-on",
];

/// Hostile values, each trying to set `window.__xss` to the name of the context it ran
/// in (`CTX`, or the element's `data-context`), through every class of escape: URL schemes
/// spelt as browsers accept them, markup, attribute breakouts with and without quotes,
/// JavaScript string and template breakouts, the Datastar client's `$`/`@` rewriting and
/// statement splitting, line separators, and `</body>` (whole-document patching).
pub const PAYLOADS: &[&str] = &[
    "javascript:top.__xss='CTX'",
    " JaVaScRiPt:top.__xss='CTX'",
    "java\tscript:top.__xss='CTX'",
    "java\nscript:top.__xss='CTX'",
    "\u{1}javascript:top.__xss='CTX'",
    "&#106;avascript:top.__xss='CTX'",
    "javascript&colon;top.__xss='CTX'",
    "data:text/html,<script>top.__xss='CTX'</script>",
    "vbscript:top.__xss='CTX'",
    "\"><img src=x onerror=\"top.__xss='CTX'\">",
    "\" onfocus=top.__xss=(this.dataset.context||this.parentNode.dataset.context||1) autofocus x=\"",
    "' onfocus=top.__xss=(this.dataset.context||this.parentNode.dataset.context||1) autofocus x='",
    " onfocus=top.__xss=(this.dataset.context||this.parentNode.dataset.context||1) autofocus x=",
    "'><img src=x onerror='top.__xss=\"CTX\"'>",
    "</textarea></title></option></script><img src=x onerror=\"top.__xss='CTX'\">",
    "--><img src=x onerror=\"top.__xss='CTX'\">",
    "<svg onload=\"top.__xss='CTX'\"></svg>",
    "&lt;img src=x onerror=&quot;top.__xss='CTX'&quot;&gt;",
    "');top.__xss='CTX';//",
    "\");top.__xss='CTX';//",
    "`;top.__xss='CTX';//",
    "${top.__xss='CTX'}",
    "\\');top.__xss='CTX';//",
    "\\\";top.__xss='CTX';//",
    "a value that ends in a backslash \\",
    "a` $x @alert(1) ${top.__xss='CTX'}",
    "\u{2028}top.__xss='CTX'",
    "$x @get('/escaping/echo/rewritten') ${top.__xss='CTX'}",
    "x; top.__xss='CTX'; /",
    "</body><img src=x onerror=\"top.__xss='CTX'\">",
    "https://evil.example/CTX",
    "//evil.example/CTX",
    "/\\evil.example/CTX",
];

/// `/escaping` (the page), `/escaping/run` (a payload in every context),
/// `/escaping/page?payload=…` (a payload in every template context of a page rendered by
/// `html!`), `/escaping/echo/…` (where actions and links go) and `/escaping/raw`.
pub fn router() -> Router {
    Router::new()
        .route("/escaping", get(page))
        .route("/escaping/run", get(run))
        .route("/escaping/page", get(page_with_payload))
        .route(
            "/escaping/echo/{*rest}",
            get(|| async { StatusCode::NO_CONTENT }),
        )
        .route("/escaping/raw", get(raw))
        .route("/escaping/run-selectors", get(run_selectors))
}

/// Every request `fetch` makes is logged in `window.__requests`; links and forms only
/// navigate when their URL is `javascript:` (so that one would still run), and stay on
/// the page otherwise.
async fn page() -> impl IntoResponse {
    crate::layout(
        "Escaping lab",
        html! { (lab_script()) r#"
<div data-signals="{payload: '', run: 0, done: -1}">
  <p class="muted">A hostile value, patched into every context: nothing may run.</p>
  <textarea id="payload" data-bind:payload></textarea>
  <button id="go" data-on:click="$run++; @get('/escaping/run')">Run</button>
  <button id="go-selectors" data-on:click="$run++; @get('/escaping/run-selectors')">Selectors</button>
  <span id="done" data-text="$done"></span>
</div>
<div id="stage"></div>
<div id="selectors"></div>
<div id="raw"></div>"# },
    )
}

#[derive(Deserialize)]
struct PagePayload {
    payload: String,
}

/// The lab page with every template context already filled with `payload`, in `#stage`:
/// rendered by `html!` on the server, then started by the client like any page.
async fn page_with_payload(
    axum::extract::Query(PagePayload { payload }): axum::extract::Query<PagePayload>,
) -> impl IntoResponse {
    let contexts = PAGE_CONTEXTS
        .iter()
        .map(|(name, render)| render(payload.replace("CTX", name)));
    crate::layout(
        "Escaping lab: pages",
        html! {
            (lab_script())
            "<p id=\"started\" data-text=\"'yes'\"></p>"
            "<div id=\"stage\">" for context in contexts { (context) } "</div>"
        },
    )
}

/// The lab's instrumentation, first in `<body>` (a component): see [`page`].
fn lab_script() -> Markup {
    html! { r#"<script>
window.__requests = [];
const fetchLogged = window.fetch;
window.fetch = (input, init) => {
  window.__requests.push(String(input && input.url ? input.url : input));
  return fetchLogged(input, init);
};
const runsScript = (url) => /^\s*javascript:/i.test(url || '');
document.addEventListener('click', (event) => {
  const link = event.target.closest && event.target.closest('a, area');
  if (link && !runsScript(link.href && link.href.baseVal !== undefined ? link.href.baseVal : link.href)) {
    event.preventDefault();
  }
}, true);
document.addEventListener('submit', (event) => {
  const action = event.submitter && event.submitter.formAction || event.target.action;
  if (!runsScript(action)) event.preventDefault();
}, true);
</script>"# }
}

#[derive(Deserialize)]
struct Run {
    payload: String,
    run: u64,
}

/// Clears the stage, appends every context filled with the payload, then sets `done`.
async fn run(ReadSignals(Run { payload, run }): ReadSignals<Run>) -> impl IntoResponse {
    let clear = datastar! { elements "", selector = "#stage", mode = inner; };
    let contexts = every_context().map(move |(name, render)| render(payload.replace("CTX", name)));
    let done = datastar! { signals { done: (run) }; };
    let events: Pin<Box<dyn Stream<Item = Event> + Send>> =
        Box::pin(clear.chain(stream::iter(contexts).flatten()).chain(done));
    EventStream::new(events)
}

/// Every selector context filled with the payload, each followed by a pause so that it
/// arrives in a read of its own, then `done`.
async fn run_selectors(ReadSignals(Run { payload, run }): ReadSignals<Run>) -> impl IntoResponse {
    let contexts = SELECTOR_CONTEXTS.iter().map(move |(name, render)| {
        let pause = datastar! { wait 30ms; signals { lastSelector: (*name) }; };
        render(payload.replace("CTX", name)).chain(pause)
    });
    let done = datastar! { signals { done: (run) }; };
    let events: Pin<Box<dyn Stream<Item = Event> + Send>> =
        Box::pin(stream::iter(contexts).flatten().chain(done));
    EventStream::new(events)
}

/// The trusted markup `Raw` writes, exactly as given: in text and in an attribute.
pub const RAW_MARKUP: &str = "<b id=\"raw-b\" title=\"it's &amp; done\">bold</b>";
/// A trusted attribute value, written as given.
pub const RAW_ATTRIBUTE: &str = "a &amp; b";

async fn raw() -> impl IntoResponse {
    datastar! {
        elements "<div id=\"raw\"><p id=\"raw-text\">" (Raw(RAW_MARKUP)) "</p><p id=\"raw-attribute\" title=\"" (Raw(RAW_ATTRIBUTE)) "\"></p></div>";
    }
}

/// The `elements` HTML of one context filled with `value`, as the client will read it
/// (data lines joined): for the property tests.
pub fn render(context: &Context, value: &str) -> String {
    let events: Vec<Event> =
        futures_util::FutureExt::now_or_never((context.1)(value.to_owned()).collect())
            .expect("a context's stream never waits");
    let mut html = Vec::new();
    for event in &events {
        let text = String::from_utf8_lossy(event.as_bytes());
        for line in text.lines() {
            if let Some(content) = line.strip_prefix("data: elements ") {
                html.push(content.to_owned());
            }
        }
    }
    html.join("\n")
}
