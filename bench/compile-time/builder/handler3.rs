
/// Remove, nested signals if missing, a match with view transitions.
pub async fn h__I__(ReadSignals(counter): ReadSignals<Counter>) -> impl IntoResponse {
    EventStream::new(stream! {
        yield PatchElements::remove("#toast-__I__").encode().expect("valid event");
        yield PatchSignals::new(r#"{"form":{"name":"","email":""},"errors":null}"#)
            .only_if_missing(true)
            .encode()
            .expect("valid event");
        match counter.count {
            0 => {
                yield PatchElements::new(r#"<form id="form-__I__"><input name="name"></form>"#)
                    .view_transition(true)
                    .encode()
                    .expect("valid event");
            }
            n => {
                yield PatchElements::new(format!("<p id=\"form-__I__\">{n} forms sent</p>"))
                    .view_transition(true)
                    .encode()
                    .expect("valid event");
            }
        }
    })
}
