// The field was `name`; renaming it to `full_name` breaks every use: the page, the patch
// and the handler.
use datastar_core::prelude::*;

#[derive(serde::Serialize, serde::Deserialize, Signals)]
struct Person {
    full_name: String,
}

fn page() -> Markup {
    html! {
        #[signals(Person)]
        "<input data-bind:name><p data-text=\"$name\"></p>"
    }
}

fn patch() -> impl Stream<Item = Event> {
    datastar! {
        #[signals(Person)]
        signals { name: "Dave" };
    }
}

async fn handler(ReadSignals(person): ReadSignals<Person>) -> String {
    person.name
}

fn main() {
    let _ = (page(), patch(), handler);
}
