
/// A template with an attribute hole and a text hole, then signals with an expression.
pub async fn h__I__(ReadSignals(counter): ReadSignals<Counter>) -> impl IntoResponse {
    let count = counter.count + __I__;
    let mut html = String::from("<div id=\"counter-__I__\" title=\"");
    escape_attribute(&mut html, &counter.name);
    let _ = write!(html, "\">Count: {count}</div>");
    let signals = PatchSignals::json(&CountSignals { count, seen: true });
    EventStream::new(stream! {
        yield PatchElements::new(html).encode().expect("valid event");
        yield signals.expect("serializable").encode().expect("valid event");
    })
}
