//! The gallery (`datastar_examples::gallery`), used as a user uses each demo: typing,
//! clicking, waiting for the stream, with hostile text in the fields that take text.

use crate::harness::{Cx, Result, ensure};

/// Markup that would run if it were not escaped, as a user could type it.
const HOSTILE: &str = "<img src=x onerror=\"window.__xss='gallery'\">\"'&";

/// Typing filters the table (after the debounce); text that matches nobody is shown as
/// typed, not run.
pub(crate) async fn gallery_active_search(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/active-search").await?;
    // The first state is in the page: all ten people, before any event.
    ensure!(
        page.count("#results tbody tr").await? == 10,
        "the page did not arrive with the whole table"
    );
    page.fill("#search", "ol").await?;
    page.wait_js(
        "the table to be filtered to the names with `ol`",
        "const names = [...document.querySelectorAll('#results tbody td:first-child')].map((td) => td.textContent);
         return names.join(',') === 'Dmitri,Greta' ? names : null;",
    )
    .await?;
    page.fill("#search", HOSTILE).await?;
    page.wait_present("#nobody").await?;
    let shown = page.text("#nobody").await?.unwrap_or_default();
    ensure!(
        shown == format!("Nobody matches “{}”.", HOSTILE.to_lowercase()),
        "the query came back changed: {shown:?}"
    );
    let xss = page.eval_js("return window.__xss || null;", vec![]).await?;
    ensure!(xss.is_null(), "the query ran as markup: {xss}");
    Ok(())
}

/// Edit swaps in the form with the stored values; Save stores what was typed (hostile
/// text included, shown as text); Cancel drops an edit.
pub(crate) async fn gallery_click_to_edit(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/click-to-edit").await?;
    page.wait_text("#first-name", "Ada").await?;
    page.click("#edit").await?;
    page.wait_present("#first-name-input").await?;
    let value = page
        .eval_js(
            "return document.querySelector('#last-name-input').value;",
            vec![],
        )
        .await?;
    ensure!(
        value == "Okafor",
        "the form did not start from the contact: {value}"
    );
    page.fill("#first-name-input", HOSTILE).await?;
    page.fill("#email-input", "dave@discovery.one").await?;
    page.click("#save").await?;
    page.wait_text("#email", "dave@discovery.one").await?;
    let first = page.text("#first-name").await?.unwrap_or_default();
    ensure!(
        first == HOSTILE,
        "the first name came back changed: {first:?}"
    );
    page.click("#edit").await?;
    page.wait_present("#first-name-input").await?;
    page.fill("#last-name-input", "Bowman").await?;
    page.click("#cancel").await?;
    page.wait_present("#edit").await?;
    let last = page.text("#last-name").await?.unwrap_or_default();
    ensure!(last == "Okafor", "Cancel kept the edit: {last:?}");
    // The saved contact is the server's state: a new page shows it.
    page.reload().await?;
    page.wait_text("#email", "dave@discovery.one").await?;
    let xss = page.eval_js("return window.__xss || null;", vec![]).await?;
    ensure!(xss.is_null(), "the first name ran as markup: {xss}");
    Ok(())
}

/// Start moves the bar through the stream's steps to 100 %, then offers to run again.
pub(crate) async fn gallery_progress_bar(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/progress-bar").await?;
    page.click("#start").await?;
    page.wait_text("#percent", "50%").await?;
    let value = page.attr("#bar", "value").await?;
    ensure!(
        value.as_deref() == Some("50"),
        "the bar is at {value:?} at 50 %"
    );
    page.wait_present("#done").await?;
    ensure!(
        page.attr("#bar", "value").await?.as_deref() == Some("100"),
        "the bar did not end full"
    );
    ensure!(
        page.text("#start").await?.as_deref() == Some("Run it again"),
        "no button to run it again"
    );
    page.click("#start").await?;
    page.wait_text("#percent", "10%").await?;
    Ok(())
}
