use datastar_core::prelude::*;

fn main() {
    let _ = datastar! {
        elements "<div id=\"d\" title=\"</body>\">d</div>";
    };
}
