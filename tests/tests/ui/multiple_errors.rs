// Independent mistakes are all reported in one pass, with no follow-on type errors.
use datastar_core::prelude::*;

fn handler() -> impl IntoResponse {
    datastar! {
        elements r#"<li id="item">One</li>"#, mode = apend;
        signals { count: 1, count: 2 };
        wait 0s;
        redirect "/guide";
    }
}

fn main() {
    let _ = handler();
}
