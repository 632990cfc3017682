use datastar_core::prelude::*;

async fn pod_bay_doors() -> &'static str {
    "closed"
}

fn main() {
    let _ = datastar! {
        signals { doors: (pod_bay_doors()) };
    };
}
