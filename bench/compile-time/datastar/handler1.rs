
/// A template with an attribute hole and a text hole, then signals with an expression.
pub async fn h__I__(ReadSignals(counter): ReadSignals<Counter>) -> impl IntoResponse {
    let count = counter.count + __I__;
    datastar! {
        elements "<div id=\"counter-__I__\" title=\"" (counter.name) "\">Count: " (count) "</div>";
        signals { count: count, seen: true };
    }
}
