
/// Remove, nested signals if missing, a match with view transitions.
pub async fn h__I__(ReadSignals(counter): ReadSignals<Counter>) -> impl IntoResponse {
    datastar! {
        remove "#toast-__I__";
        signals { form: { name: "", email: "" }, errors: null }, only_if_missing;
        match counter.count {
            0 => {
                elements r#"<form id="form-__I__"><input name="name"></form>"#, view_transition;
            }
            n => {
                elements "<p id=\"form-__I__\">" (n) " forms sent</p>", view_transition;
            }
        }
    }
}
