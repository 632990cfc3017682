use datastar_core::prelude::*;

fn main() {
    let id = "hal";
    let _ = datastar! {
        elements "<div id=" (id) ">Waiting</div>";
    };
}
