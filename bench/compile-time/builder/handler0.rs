
/// The redirect how-to: a message, a pause, a redirect.
pub async fn h__I__() -> impl IntoResponse {
    EventStream::new(stream! {
        yield PatchElements::new(r#"<div id="indicator-__I__">Redirecting in 3 seconds...</div>"#)
            .encode()
            .expect("valid event");
        tokio::time::sleep(Duration::from_secs(3)).await;
        yield Redirect::new("/guide/__I__").encode().expect("valid event");
    })
}
