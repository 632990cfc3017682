//! The gallery (`datastar_examples::gallery`), used as a user uses each demo: typing,
//! clicking, waiting for the stream, with hostile text in the fields that take text.

use crate::harness::{Cx, Result, ensure};

/// Markup that would run if it were not escaped, as a user could type it.
const HOSTILE: &str = "<img src=x onerror=\"window.__xss='gallery'\">\"'&";

/// Typing filters the table (after the debounce); text that matches nobody is shown as
/// typed, not run.
pub(crate) async fn gallery_active_search(cx: Cx) -> Result<()> {
    active_search_on(cx, "index").await
}

/// Active search served by actix-web (the same page and stream functions).
pub(crate) async fn gallery_active_search_actix(cx: Cx) -> Result<()> {
    active_search_on(cx, "quiz_actix").await
}

async fn active_search_on(cx: Cx, example: &str) -> Result<()> {
    let (_app, page) = cx.start(example, "/gallery/active-search").await?;
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
    progress_bar_on(cx, "index").await
}

/// The progress bar served by actix-web (the same page and stream functions).
pub(crate) async fn gallery_progress_bar_actix(cx: Cx) -> Result<()> {
    progress_bar_on(cx, "quiz_actix").await
}

async fn progress_bar_on(cx: Cx, example: &str) -> Result<()> {
    let (_app, page) = cx.start(example, "/gallery/progress-bar").await?;
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

/// Delete asks first (answered yes here), then the row goes; Reset brings it back.
pub(crate) async fn gallery_delete_row(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/delete-row").await?;
    ensure!(
        page.count("#contacts tbody tr").await? == 4,
        "not 4 rows at first"
    );
    page.eval_js("window.confirm = () => true;", vec![]).await?;
    page.click("#contact-2 .delete").await?;
    page.wait_absent("#contact-2").await?;
    ensure!(
        page.count("#contacts tbody tr").await? == 3,
        "not 3 rows after a delete"
    );
    page.eval_js("window.confirm = () => false;", vec![])
        .await?;
    page.click("#contact-3 .delete").await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    ensure!(
        page.count("#contact-3").await? == 1,
        "a refused confirm deleted the row"
    );
    page.click("#reset").await?;
    page.wait_present("#contact-2").await?;
    Ok(())
}

/// Messages appear as you type (hostile text shown as text), and Sign up only works
/// once the form is valid.
pub(crate) async fn gallery_inline_validation(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/inline-validation").await?;
    ensure!(
        page.attr("#sign-up", "disabled").await?.is_some(),
        "Sign up was enabled on an empty form"
    );
    page.fill("#email", HOSTILE).await?;
    page.wait_contains("#email-message", "is not an email address")
        .await?;
    let message = page.text("#email-message").await?.unwrap_or_default();
    ensure!(
        message == format!("“{HOSTILE}” is not an email address."),
        "the email came back changed: {message:?}"
    );
    page.fill("#email", "frank@discovery.one").await?;
    page.fill("#first-name", "Frank").await?;
    page.wait_js(
        "Sign up to be enabled",
        "return !document.querySelector('#sign-up').disabled || null;",
    )
    .await?;
    page.click("#sign-up").await?;
    page.wait_text("#welcome", "Welcome aboard, Frank.").await?;
    let xss = page.eval_js("return window.__xss || null;", vec![]).await?;
    ensure!(xss.is_null(), "the email ran as markup: {xss}");
    Ok(())
}

/// The placeholder first, then the report replaces it.
pub(crate) async fn gallery_lazy_load(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/lazy-load").await?;
    page.wait_present("#figures").await?;
    ensure!(page.count("#loading").await? == 0, "the placeholder stayed");
    ensure!(
        page.count("#figures tr").await? == 3,
        "the report is incomplete"
    );
    Ok(())
}

/// The first tab is in the page; clicking another fetches and shows its content.
pub(crate) async fn gallery_lazy_tabs(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/lazy-tabs").await?;
    page.wait_text("#panel", "Jupiter mission, crew of five.")
        .await?;
    page.click("#tab-2").await?;
    page.wait_text("#panel", "Black, 1 × 4 × 9, silent.")
        .await?;
    ensure!(
        page.attr("#tab-2", "aria-selected").await?.as_deref() == Some("true"),
        "the clicked tab is not selected"
    );
    Ok(())
}

/// The figure changes by itself, once a second.
pub(crate) async fn gallery_polling(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/polling").await?;
    page.wait_present("#polls").await?;
    let first: u64 = page.text("#polls").await?.unwrap_or_default().parse()?;
    page.wait_js(
        "two more polls",
        &format!(
            "return Number(document.querySelector('#polls').textContent) >= {} || null;",
            first + 2
        ),
    )
    .await?;
    Ok(())
}

/// Ticked rows are activated or deactivated together; the ticks are cleared after.
pub(crate) async fn gallery_bulk_update(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/bulk-update").await?;
    let statuses = "return [...document.querySelectorAll('#people .status')].map((td) => td.textContent).join(',');";
    ensure!(
        page.eval_js(statuses, vec![]).await? == "Active,Inactive,Active,Inactive",
        "unexpected first statuses"
    );
    page.click("#select-1").await?;
    page.click("#select-3").await?;
    page.click("#activate").await?;
    page.wait_js(
        "rows 1 and 3 to be activated",
        &format!("return ({statuses_fn})() === 'Active,Active,Active,Active' || null;", statuses_fn = "() => [...document.querySelectorAll('#people .status')].map((td) => td.textContent).join(',')"),
    )
    .await?;
    let ticked = page
        .eval_js(
            "return [...document.querySelectorAll('#people input')].some((box) => box.checked);",
            vec![],
        )
        .await?;
    ensure!(ticked == false, "the ticks were not cleared");
    page.click("#select-0").await?;
    page.click("#deactivate").await?;
    page.wait_js(
        "row 0 to be deactivated",
        "return [...document.querySelectorAll('#people .status')].map((td) => td.textContent).join(',') === 'Inactive,Active,Active,Active' || null;",
    )
    .await?;
    Ok(())
}

/// Choosing a make loads its models; the chosen pair is shown from the signals.
pub(crate) async fn gallery_cascading_selects(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/cascading-selects").await?;
    page.wait_text("#chosen", "Audi A1").await?;
    page.eval_js(
        "const make = document.querySelector('#make');
         make.value = 'Toyota';
         make.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    )
    .await?;
    page.wait_text("#chosen", "Toyota Landcruiser").await?;
    let models = page
        .eval_js(
            "return [...document.querySelectorAll('#model option')].map((o) => o.value).join(',');",
            vec![],
        )
        .await?;
    ensure!(
        models == "Landcruiser,Tacoma,Yaris",
        "the models are {models}"
    );
    Ok(())
}

/// Scrolling to the end appends the next rows until there are no more.
pub(crate) async fn gallery_infinite_scroll(cx: Cx) -> Result<()> {
    let (app, page) = cx.start("index", "/gallery/infinite-scroll").await?;
    // The first page of rows is in the HTML (the loader may already be in view, so the
    // page may have asked for more by the time it is read).
    let html = app.get_text("/gallery/infinite-scroll").await?;
    ensure!(
        html.matches("<tr id=\"row-").count() == 20,
        "not 20 rows in the page"
    );
    page.wait_js(
        "at least the first 20 rows",
        "return document.querySelectorAll('#rows tr').length >= 20 || null;",
    )
    .await?;
    for rows in [40, 60, 80, 100] {
        page.eval_js(
            "document.querySelector('#loader').scrollIntoView();",
            vec![],
        )
        .await?;
        page.wait_js(
            &format!("{rows} rows"),
            &format!("return document.querySelectorAll('#rows tr').length >= {rows} || null;"),
        )
        .await?;
    }
    page.wait_text("#loader", "That is everyone.").await?;
    // Every row once, in order.
    let rows = page
        .eval_js(
            "return [...document.querySelectorAll('#rows tr')].map((tr) => tr.id).join(',');",
            vec![],
        )
        .await?;
    let expected: Vec<String> = (0..100).map(|n| format!("row-{n}")).collect();
    ensure!(rows == expected.join(","), "the rows are {rows}");
    Ok(())
}

/// Edit turns one row into inputs holding its values; Save stores what was typed
/// (hostile text shown as text); Cancel puts the row back.
pub(crate) async fn gallery_edit_row(cx: Cx) -> Result<()> {
    let (_app, page) = cx.start("index", "/gallery/edit-row").await?;
    ensure!(page.count("#people tr").await? == 3, "not 3 rows at first");
    page.click("#row-1 .edit").await?;
    page.wait_present("#row-1 input.name").await?;
    let value = page
        .eval_js(
            "return document.querySelector('#row-1 input.email').value;",
            vec![],
        )
        .await?;
    ensure!(
        value == "bruno@example.com",
        "the inputs did not start from the row: {value}"
    );
    page.fill("#row-1 input.name", HOSTILE).await?;
    page.click("#row-1 .save").await?;
    page.wait_present("#row-1 td.name").await?;
    let name = page.text("#row-1 td.name").await?.unwrap_or_default();
    ensure!(name == HOSTILE, "the name came back changed: {name:?}");
    page.click("#row-0 .edit").await?;
    page.wait_present("#row-0 input.name").await?;
    page.fill("#row-0 input.name", "Someone else").await?;
    page.click("#row-0 .cancel").await?;
    page.wait_text("#row-0 td.name", "Ada Okafor").await?;
    let xss = page.eval_js("return window.__xss || null;", vec![]).await?;
    ensure!(xss.is_null(), "the name ran as markup: {xss}");
    Ok(())
}
