use datastar_core::prelude::*;

fn main() {
    let value = 1;
    let _ = datastar! {
        elements "<svg id=\"s\"><script>let x = " (value) ";</script></svg>";
    };
}
