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
            b"event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {\"response\":\"\",\"answer\":\"bread\"}\n\n",
        )
    };
    for (index, player) in players.iter().enumerate() {
        if player.ready {
            {
                let mut __buf = ::datastar_core::__private::Buf::with_capacity(152);
                __buf
                    .push_static(
                        b"event: datastar-patch-signals\ndata: signals {\"player\":{\"index\":",
                    );
                __buf.push_json("\ndata: signals ", &(index))?;
                __buf.push_static(b",\"name\":");
                __buf.push_json("\ndata: signals ", &(player.name))?;
                __buf.push_static(b",\"score\":null}}\n\n");
                yield __buf.finish();
            }
        } else {
            ::datastar_core::__private::sleep(
                    ::datastar_core::__private::Duration::from_millis(250),
                )
                .await;
        }
    }
    let state = ::datastar_core::__private::stream_try(load().await)?;
    {
        let mut __buf = ::datastar_core::__private::Buf::with_capacity(127);
        __buf.push_static(b"event: datastar-patch-signals\nid: ");
        __buf
            .push_id(
                ::core::convert::AsRef::<str>::as_ref(&(state.version.to_string())),
            )?;
        __buf.push_static(b"\nretry: 5000\ndata: signals ");
        __buf.push_json("\ndata: signals ", &(state))?;
        __buf.push_static(b"\n\n");
        yield __buf.finish();
    }
    {
        let mut __buf = ::datastar_core::__private::Buf::with_capacity(202);
        __buf
            .push_static(
                b"event: datastar-patch-elements\ndata: selector body\ndata: mode append\ndata: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = ",
            );
        __buf.push_redirect_url(&(state.next_url))?;
        __buf.push_static(b")</script>\n\n");
        yield __buf.finish();
    }
}
