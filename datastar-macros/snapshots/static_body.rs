fn expansion() -> impl ::datastar_core::prelude::IntoResponse {
    ::datastar_core::__private::static_event_stream(const {
        ::datastar_core::__private::Event::from_static(
            b"event: datastar-patch-elements\ndata: elements <div id=\"hal\">I'm sorry, Dave.</div>\n\nevent: datastar-patch-signals\ndata: signals {\"hal\":\"Affirmative, Dave. I read you.\"}\n\nevent: datastar-patch-elements\ndata: selector #pod-bay-doors\ndata: mode remove\n\n",
        )
    })
}
