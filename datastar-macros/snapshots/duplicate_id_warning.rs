fn expansion() -> impl ::datastar_core::prelude::IntoResponse {
    {
        #[deprecated(
            note = "the id `a` appears twice in one `elements` payload: the Datastar 1.0 morph leaves duplicated ids out of id matching, so these elements lose their state [duplicate_id]"
        )]
        fn duplicate_id() {}
        duplicate_id();
    }
    ::datastar_core::__private::static_event_stream(const {
        ::datastar_core::__private::Event::from_static(
            b"event: datastar-patch-elements\ndata: elements <div id='a'><p id='a'>x</p></div>\n\n",
        )
    })
}
