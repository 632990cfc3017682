//! Chromium as the judge of the markup rules: every fragment of `tests/markup/fragments.txt`
//! is parsed the way the Datastar 1.0.4 client parses a patch (`DOMParser`, inside
//! `<body><template>`, or an `<svg>`/`<math>` wrapper for a namespace) and compared with the
//! tree as written (the same text read by the XML parser, which restructures nothing). The
//! macro's verdicts on the same corpus are asserted by `datastar-macros`; together they
//! show the two agree.
//!
//! Also the event table behind `data-on:load` on elements that never load: which elements
//! Chromium fires `load` at.

use std::time::Duration;

use serde_json::json;

use crate::harness::{Cx, Result, ensure};

/// The entries of `tests/markup/NAME`: its lines that are neither comments nor blank,
/// split into `columns` tab-separated columns (the last may be empty).
fn corpus(name: &str, columns: usize) -> Result<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("markup")
            .join(name),
    )?;
    Ok(text
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            line.splitn(columns, '\t')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|entry| entry.len() == columns)
        .collect())
}

/// The tree of a node as text, for comparing two parses (JavaScript, shared by the checks
/// below).
macro_rules! tree_js {
    () => {
        r#"
const tree = (node) => [...node.childNodes].map((child) => {
  if (child.nodeType === Node.TEXT_NODE) return JSON.stringify(child.data);
  if (child.nodeType !== Node.ELEMENT_NODE) return '#' + child.nodeType;
  const content = child.localName === 'template' && child.content ? child.content : child;
  return child.localName.toLowerCase() + '(' + tree(content) + ')';
}).join(',');
"#
    };
}

/// Parses each fragment both ways; returns whether the trees are the same, and Chromium's.
const COMPARE: &str = concat!(
    tree_js!(),
    r#"
const [fragments] = arguments;
// An implied <tbody> or <colgroup> counts as written.
const unwrapImplied = (node, source) => {
  for (const name of ['tbody', 'colgroup']) {
    if (source.includes('<' + name)) continue;
    for (const implied of [...node.querySelectorAll(name)]) implied.replaceWith(...implied.childNodes);
  }
};
return fragments.map(([namespace, fragment]) => {
  const wrapper = namespace === 'svg' ? 'svg' : namespace === 'mathml' ? 'math' : '';
  const wrapped = wrapper ? `<${wrapper}>${fragment}</${wrapper}>` : fragment;
  const html = new DOMParser().parseFromString(`<body><template>${wrapped}</template></body>`, 'text/html');
  let built = html.querySelector('template').content;
  if (wrapper) built = built.firstChild;
  const container = document.createElement('div');
  container.append(built.cloneNode(true));
  unwrapImplied(container, fragment);
  const xmlns = wrapper === 'svg' ? 'http://www.w3.org/2000/svg' : wrapper === 'math' ? 'http://www.w3.org/1998/Math/MathML' : 'http://www.w3.org/1999/xhtml';
  const xml = new DOMParser().parseFromString(`<root xmlns="${xmlns}">${fragment}</root>`, 'application/xml');
  const error = xml.querySelector('parsererror');
  const written = tree(xml.documentElement);
  const chromium = tree(wrapper ? container.firstChild : container);
  return {fragment, same: !error && written === chromium, written: error ? 'XML error: ' + error.textContent : written, chromium};
});
"#
);

pub(crate) async fn markup(cx: Cx) -> Result<()> {
    let page = cx.page();
    page.goto("about:blank").await?;
    let corpus = corpus("fragments.txt", 3)?;
    let entries: Vec<(&str, &str, &str)> = corpus
        .iter()
        .map(|entry| (entry[0].as_str(), entry[1].as_str(), entry[2].as_str()))
        .collect();
    let fragments: Vec<_> = entries
        .iter()
        .map(|(_, namespace, fragment)| json!([namespace, fragment]))
        .collect();
    let results = page.eval_js(COMPARE, vec![json!(fragments)]).await?;
    let results = results.as_array().cloned().unwrap_or_default();
    ensure!(
        results.len() == entries.len(),
        "{} results for {} fragments",
        results.len(),
        entries.len()
    );
    for ((verdict, _, fragment), result) in entries.iter().zip(&results) {
        let same = result["same"] == json!(true);
        ensure!(
            same == (*verdict == "same"),
            "`{fragment}` is labelled {verdict}, but Chromium builds {} (written: {})",
            result["chromium"],
            result["written"]
        );
    }
    println!(
        "    markup: {} fragments, Chromium agrees with every label",
        entries.len()
    );
    documents(&page).await?;
    selectors(&page).await?;
    load_events(&page).await
}

/// `tests/markup/selectors.txt`: Chromium's `querySelectorAll` parses exactly the
/// selectors labelled `valid`.
async fn selectors(page: &crate::harness::Page) -> Result<()> {
    let corpus = corpus("selectors.txt", 2)?;
    let entries: Vec<(&str, &str)> = corpus
        .iter()
        .map(|entry| (entry[0].as_str(), entry[1].as_str()))
        .collect();
    let selectors: Vec<&str> = entries.iter().map(|(_, selector)| *selector).collect();
    let verdicts = page
        .eval_js(
            "return arguments[0].map((s) => { try { document.querySelectorAll(s); return 'valid'; } catch (e) { return 'invalid'; } });",
            vec![json!(selectors)],
        )
        .await?;
    let mut disagreements = Vec::new();
    for ((label, selector), verdict) in entries
        .iter()
        .zip(verdicts.as_array().into_iter().flatten())
    {
        if verdict != label {
            disagreements.push(format!(
                "{selector:?} is labelled {label}, Chromium: {verdict}"
            ));
        }
    }
    ensure!(
        disagreements.is_empty() && entries.len() >= 100,
        "selectors: {disagreements:#?}"
    );
    println!(
        "    selectors: {} selectors, Chromium agrees with every label",
        entries.len()
    );
    Ok(())
}

/// Parses each whole page as the browser does and as written (XML); reports whether the
/// trees are the same and whether the page is in quirks mode.
const COMPARE_DOCUMENTS: &str = concat!(
    tree_js!(),
    r#"
const [documents] = arguments;
const element = (el) => el.localName.toLowerCase() + '(' + tree(el) + ')';
return documents.map((source) => {
  const html = new DOMParser().parseFromString(source, 'text/html');
  const xmlSource = source.replace(/^<!doctype html>/i, '').replace('<html', '<html xmlns="http://www.w3.org/1999/xhtml"');
  const xml = new DOMParser().parseFromString(xmlSource, 'application/xml');
  const error = xml.querySelector('parsererror');
  const written = error ? 'XML error: ' + error.textContent : element(xml.documentElement);
  const chromium = element(html.documentElement);
  return {same: !error && written === chromium, quirks: html.compatMode === 'BackCompat', written, chromium};
});
"#
);

/// `tests/markup/documents.txt`: Chromium's verdict on each page agrees with its label.
async fn documents(page: &crate::harness::Page) -> Result<()> {
    let corpus = corpus("documents.txt", 2)?;
    let entries: Vec<(&str, &str)> = corpus
        .iter()
        .map(|entry| (entry[0].as_str(), entry[1].as_str()))
        .collect();
    let sources: Vec<&str> = entries.iter().map(|(_, document)| *document).collect();
    let results = page
        .eval_js(COMPARE_DOCUMENTS, vec![json!(sources)])
        .await?;
    let results = results.as_array().cloned().unwrap_or_default();
    ensure!(results.len() == entries.len(), "{} results", results.len());
    for ((verdict, document), result) in entries.iter().zip(&results) {
        let quirks = result["quirks"] == json!(true);
        let same = result["same"] == json!(true) && !quirks;
        let agrees = match *verdict {
            "same" => same,
            "quirks" => quirks,
            _ => !same && !quirks,
        };
        ensure!(
            agrees,
            "`{document}` is labelled {verdict}, but Chromium builds {} (written: {}, quirks: {quirks})",
            result["chromium"],
            result["written"]
        );
    }
    println!(
        "    markup: {} documents, Chromium agrees with every label",
        entries.len()
    );
    Ok(())
}

/// Which elements Chromium fires `load` at, against the table `data-on:load` is checked by
/// (`datastar-macros/src/markup/vocabulary.rs`, `LOAD_ELEMENTS`).
async fn load_events(page: &crate::harness::Page) -> Result<()> {
    page.eval_js(
        r#"
window.__loaded = [];
// Inserted the way the Datastar client inserts a patch: parsed with DOMParser inside a
// <template>, imported into the page, then added.
const gif = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
const markup = {
  img: `<img src="${gif}">`,
  iframe: '<iframe></iframe>',
  script: '<script src="data:text/javascript,"></script>',
  link: '<link rel="stylesheet" href="data:text/css,">',
  style: '<style></style>',
  object: `<object data="${gif}"></object>`,
  embed: `<embed src="${gif}">`,
  'input-image': `<input type="image" src="${gif}">`,
  svg: '<svg></svg>',
  'svg-image': `<svg><image href="${gif}"></image></svg>`,
  div: '<div></div>',
  span: '<span></span>',
  p: '<p></p>',
  button: '<button></button>',
  form: '<form></form>',
  section: '<section></section>',
  video: '<video></video>',
  audio: '<audio></audio>',
  'input-text': '<input>',
  table: '<table></table>',
  a: '<a href="/x"></a>',
};
for (const [name, html] of Object.entries(markup)) {
  const parsed = new DOMParser().parseFromString(`<body><template>${html}</template></body>`, 'text/html');
  const element = document.importNode(parsed.querySelector('template').content.firstChild, true);
  const target = name === 'svg-image' ? element.firstChild : element;
  target.addEventListener('load', () => window.__loaded.push(name));
  document.body.append(element);
}
"#,
        vec![],
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let loaded = page.eval_js("return window.__loaded;", vec![]).await?;
    let loaded: Vec<&str> = loaded
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str())
        .collect();
    for fires in [
        "img",
        "iframe",
        "script",
        "link",
        "style",
        "object",
        "embed",
        "input-image",
    ] {
        ensure!(
            loaded.contains(&fires),
            "Chromium did not fire `load` at {fires}; fired at {loaded:?}"
        );
    }
    println!("    markup: Chromium fires `load` at {loaded:?}");
    for never in [
        "div",
        "span",
        "p",
        "button",
        "form",
        "section",
        "video",
        "audio",
        "input-text",
        "table",
        "a",
    ] {
        ensure!(!loaded.contains(&never), "Chromium fired `load` at {never}");
    }
    Ok(())
}

/// Inserts each fragment of the keys corpus into a page the real client runs on, lets the
/// client apply it, and reports whether the client ended up with the name the author
/// meant (see `tests/markup/keys.txt` for what each kind looks at).
const JUDGE_KEYS: &str = r#"
const [entries] = arguments;
const dump = document.createElement('pre');
dump.setAttribute('data-json-signals', '');
document.body.append(dump);
const settle = () => new Promise((done) => setTimeout(done, 50));
const results = [];
for (const [index, [kind, expected, fragment]] of entries.entries()) {
  const wrapper = document.createElement('div');
  wrapper.id = `key-${index}`;
  wrapper.innerHTML = fragment;
  document.body.append(wrapper);
  await settle();
  const el = wrapper.firstElementChild;
  let kept;
  if (kind === 'signal') {
    let node = JSON.parse(dump.textContent || '{}');
    for (const part of expected.split('.')) node = node == null ? undefined : node[part];
    kept = node !== undefined;
  } else if (kind === 'event') {
    el.dispatchEvent(new CustomEvent(expected));
    await settle();
    kept = el.dataset.fired === 'yes';
  } else if (kind === 'class') {
    kept = el.classList.contains(expected);
  } else if (kind === 'attribute') {
    kept = el.getAttributeNames().includes(expected);
  } else if (kind === 'style') {
    kept = el.style.getPropertyValue(expected) !== '';
  } else {
    throw new Error('unknown kind ' + kind);
  }
  results.push({kept, names: el.getAttributeNames(), signals: dump.textContent});
  wrapper.remove();
}
return results;
"#;

/// `tests/markup/keys.txt`: with the real 1.0.4 client, Chromium keeps exactly the keys
/// labelled `kept` (the macro refuses the others: `datastar-macros` checks that side).
pub(crate) async fn keys(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("hal", "/hal").await?;
    page.wait_present("body").await?;
    let entries = corpus("keys.txt", 4)?;
    let judged: Vec<_> = entries
        .iter()
        .map(|columns| json!([columns[1], columns[2], columns[3]]))
        .collect();
    let results = page.eval_js(JUDGE_KEYS, vec![json!(judged)]).await?;
    let results = results.as_array().cloned().unwrap_or_default();
    ensure!(
        results.len() == entries.len(),
        "{} results for {} keys",
        results.len(),
        entries.len()
    );
    for (columns, result) in entries.iter().zip(&results) {
        let kept = result["kept"] == json!(true);
        ensure!(
            kept == (columns[0] == "kept"),
            "`{}` is labelled {}, but with the real client the {} `{}` was {} (attributes {}, signals {})",
            columns[3],
            columns[0],
            columns[1],
            columns[2],
            if kept { "there" } else { "missing" },
            result["names"],
            result["signals"]
        );
    }
    println!(
        "    keys: {} keys, Chromium with the 1.0.4 client agrees with every label",
        entries.len()
    );
    expressions(&page).await?;
    signal_objects(&page).await
}

/// Sets each literal as a `data-signals` value with the real client and lists the leaf
/// signal paths it added (an empty object counts as a leaf).
const JUDGE_SIGNAL_OBJECTS: &str = r#"
const [literals] = arguments;
let dump = document.querySelector('pre[data-json-signals]');
if (!dump) {
  dump = document.createElement('pre');
  dump.setAttribute('data-json-signals', '');
  document.body.append(dump);
}
const settle = () => new Promise((done) => setTimeout(done, 50));
const leaves = (node, prefix, out) => {
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length > 0) {
    for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.push(prefix);
  }
  return out;
};
const signals = () => leaves(JSON.parse(dump.textContent || '{}'), '', []);
const results = [];
for (const literal of literals) {
  const before = new Set(signals());
  const el = document.createElement('div');
  el.setAttribute('data-signals', literal);
  document.body.append(el);
  await settle();
  results.push(signals().filter((path) => !before.has(path)).sort().join(','));
  el.remove();
}
return results;
"#;

/// `tests/markup/signal_objects.txt`: the real client makes exactly the signals each
/// literal is labelled with (the macro reads the same paths: `datastar-macros` checks
/// that side).
async fn signal_objects(page: &crate::harness::Page) -> Result<()> {
    let judged = judge_corpus(page, "signal_objects.txt", JUDGE_SIGNAL_OBJECTS, |label| {
        label != "unread"
    })
    .await?;
    for (expected, literal, result) in &judged {
        let expected = if expected == "-" { "" } else { expected };
        ensure!(
            result.as_str() == Some(expected),
            "`{literal}` is labelled {expected}, but with the real client it made {result}"
        );
    }
    println!(
        "    signal objects: {} literals, Chromium with the 1.0.4 client makes the signals of every label",
        judged.len()
    );
    Ok(())
}

/// Runs each expression as a `data-on:test` handler with the real client and reports
/// whether it threw (an uncaught error while the event was dispatched).
const JUDGE_EXPRESSIONS: &str = r#"
const [expressions] = arguments;
const settle = () => new Promise((done) => setTimeout(done, 50));
const results = [];
for (const expression of expressions) {
  const errors = [];
  const onError = (event) => { errors.push(String(event.message)); event.preventDefault(); };
  window.addEventListener('error', onError);
  const el = document.createElement('div');
  el.setAttribute('data-on:test', expression);
  document.body.append(el);
  await settle();
  el.dispatchEvent(new CustomEvent('test'));
  await settle();
  window.removeEventListener('error', onError);
  el.remove();
  results.push({threw: errors.length > 0, errors});
}
return results;
"#;

/// `tests/markup/expressions.txt`: the real client throws on exactly the expressions
/// labelled `throws` (the macro refuses them: `datastar-macros` checks that side).
async fn expressions(page: &crate::harness::Page) -> Result<()> {
    let judged = judge_corpus(page, "expressions.txt", JUDGE_EXPRESSIONS, |_| true).await?;
    for (label, expression, result) in &judged {
        let threw = result["threw"] == json!(true);
        ensure!(
            threw == (label == "throws"),
            "`{expression}` is labelled {label}, but in Chromium it {} ({})",
            if threw { "threw" } else { "ran" },
            result["errors"]
        );
    }
    println!(
        "    expressions: {} expressions, Chromium with the 1.0.4 client agrees with every label",
        judged.len()
    );
    Ok(())
}

/// The entries of a two-column corpus (label, item) whose label `keep` accepts, each with
/// what `judge` (run in the page on the list of items) returned for it.
async fn judge_corpus(
    page: &crate::harness::Page,
    name: &str,
    judge: &str,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<(String, String, serde_json::Value)>> {
    let entries: Vec<(String, String)> = corpus(name, 2)?
        .into_iter()
        .filter(|entry| keep(&entry[0]))
        .map(|mut entry| (entry.remove(0), entry.remove(0)))
        .collect();
    let items: Vec<&str> = entries.iter().map(|(_, item)| item.as_str()).collect();
    let results = page.eval_js(judge, vec![json!(items)]).await?;
    let results = results.as_array().cloned().unwrap_or_default();
    ensure!(
        results.len() == entries.len(),
        "{name}: {} results for {} entries",
        results.len(),
        entries.len()
    );
    Ok(entries
        .into_iter()
        .zip(results)
        .map(|((label, item), result)| (label, item, result))
        .collect())
}
