
/// The redirect how-to: a message, a pause, a redirect.
pub async fn h__I__() -> impl IntoResponse {
    datastar! {
        elements r#"<div id="indicator-__I__">Redirecting in 3 seconds...</div>"#;
        wait 3s;
        redirect "/guide/__I__";
    }
}
