use datastar_core::prelude::*;

fn main() {
    let formal = true;
    let _ = datastar! {
        elements "<p id=\"crew\" title=\"Dave &amp" if formal { ";" } " HAL\">Crew</p>";
    };
}
