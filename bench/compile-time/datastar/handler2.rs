
/// Branches, a loop with a wait, a script.
pub async fn h__I__(ReadSignals(counter): ReadSignals<Counter>) -> impl IntoResponse {
    datastar! {
        if counter.count > __I__ {
            signals { hal: "Affirmative, Dave. I read you." };
        } else {
            elements r#"<div id="hal-__I__">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
        }
        for n in 0..counter.count.min(3) {
            elements "<li id=\"item-__I__-" (n) "\">Item " (n) "</li>", selector = "#list-__I__", mode = append;
            wait 100ms;
        }
        script "console.log('done __I__')";
    }
}
