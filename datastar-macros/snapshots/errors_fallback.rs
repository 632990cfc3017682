fn expansion() -> impl ::datastar_core::prelude::IntoResponse {
    ::core::compile_error! {
        "`mode = append` needs a `selector`: without one the Datastar 1.0 client throws `PatchElementsExpectedSelector` and patches nothing [mode_without_selector]\n\nhelp: add `selector = \"#target\"`"
    }
    ::core::compile_error! {
        "`wait` for zero time does nothing [zero_wait]\n\nhelp: remove it, or wait for a positive duration such as `250ms`"
    }
    ::core::compile_error! {
        "`wait` at the end of the stream sends nothing after it: it only keeps the connection open longer [trailing_wait]\n\nhelp: remove it, or send an event after it"
    }
    ::datastar_core::__private::no_event_stream()
}
