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
pub(crate) fn corpus(name: &str, columns: usize) -> Result<Vec<Vec<String>>> {
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
