fn expansion() -> impl ::datastar_core::prelude::IntoResponse {
    ::datastar_core::__private::into_event_stream(
        ::datastar_core::__private::try_stream! {
            stream_body
        },
    )
}

// The `try_stream!` body:
fn stream_body() {
    yield const {
        ::datastar_core::__private::Event::from_static(
            b"event: datastar-patch-elements\ndata: elements <div id=\"indicator\">Redirecting in 3 seconds...</div>\n\n",
        )
    };
    ::datastar_core::__private::sleep(
            ::datastar_core::__private::Duration::from_millis(3000),
        )
        .await;
    yield const {
        ::datastar_core::__private::Event::from_static(
            b"event: datastar-patch-elements\ndata: selector body\ndata: mode append\ndata: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/guide\")</script>\n\n",
        )
    };
}
