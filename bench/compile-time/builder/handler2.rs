
/// Branches, a loop with a wait, a script.
pub async fn h__I__(ReadSignals(counter): ReadSignals<Counter>) -> impl IntoResponse {
    EventStream::new(stream! {
        if counter.count > __I__ {
            yield PatchSignals::new(r#"{"hal":"Affirmative, Dave. I read you."}"#)
                .encode()
                .expect("valid event");
        } else {
            yield PatchElements::new(
                r#"<div id="hal-__I__">I'm sorry, Dave. I'm afraid I can't do that.</div>"#,
            )
            .encode()
            .expect("valid event");
        }
        for n in 0..counter.count.min(3) {
            yield PatchElements::new(format!("<li id=\"item-__I__-{n}\">Item {n}</li>"))
                .selector("#list-__I__")
                .mode(Mode::Append)
                .encode()
                .expect("valid event");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        yield ExecuteScript::new("console.log('done __I__')")
            .encode()
            .expect("valid event");
    })
}
