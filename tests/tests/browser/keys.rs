//! Chromium with the real 1.0.4 client as the judge of the corpora behind the signal and
//! expression rules: keys (`tests/markup/keys.txt`), expressions (`expressions.txt`),
//! inline handlers (`handlers.txt`, Chromium alone) and signal objects
//! (`signal_objects.txt`). The macro's verdicts on the same corpora are asserted by
//! `datastar-macros`; together they show the two agree.

use serde_json::json;

use crate::harness::{Cx, Result, ensure};
use crate::markup::corpus;

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
    handlers(&page).await?;
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
    let judged = judge_throws(page, "expressions.txt", JUDGE_EXPRESSIONS).await?;
    println!(
        "    expressions: {judged} expressions, Chromium with the 1.0.4 client agrees with every label"
    );
    Ok(())
}

/// Runs the `runs`/`throws` corpus `name` through `judge` (which reports, for each item,
/// whether it `threw`) and checks every item against its label; returns how many.
async fn judge_throws(page: &crate::harness::Page, name: &str, judge: &str) -> Result<usize> {
    let judged = judge_corpus(page, name, judge, |_| true).await?;
    for (label, item, result) in &judged {
        let threw = result["threw"] == json!(true);
        ensure!(
            threw == (label == "throws"),
            "`{item}` is labelled {label}, but in Chromium it {} ({})",
            if threw { "threw" } else { "ran" },
            result["errors"]
        );
    }
    Ok(judged.len())
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

/// Sets each handler as the `onclick` of a `<div>`, clicks it, and reports whether an
/// error was reported (the browser compiles the handler when the click fires).
const JUDGE_HANDLERS: &str = r#"
const [handlers] = arguments;
const results = [];
for (const handler of handlers) {
  const errors = [];
  const onError = (event) => { errors.push(String(event.message)); event.preventDefault(); };
  window.addEventListener('error', onError);
  const el = document.createElement('div');
  el.setAttribute('onclick', handler);
  document.body.append(el);
  el.click();
  window.removeEventListener('error', onError);
  el.remove();
  results.push({threw: errors.length > 0, errors});
}
return results;
"#;

/// `tests/markup/handlers.txt`: Chromium reports an error for exactly the inline handlers
/// labelled `throws` (the macro refuses them: `datastar-macros` checks that side).
async fn handlers(page: &crate::harness::Page) -> Result<()> {
    let judged = judge_throws(page, "handlers.txt", JUDGE_HANDLERS).await?;
    println!("    handlers: {judged} inline handlers, Chromium agrees with every label");
    Ok(())
}
