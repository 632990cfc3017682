use datastar_core::prelude::*;

struct PodBayDoorsClosed;

fn open_doors() -> Result<&'static str, PodBayDoorsClosed> {
    Err(PodBayDoorsClosed)
}

fn main() {
    let _ = datastar! {
        let doors = open_doors()?;
        signals { doors: (doors) };
    };
}
