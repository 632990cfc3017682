fn expansion() -> impl ::datastar_core::prelude::IntoResponse {
    ::datastar_core::__private::into_event_stream(
        ::datastar_core::__private::try_stream! {
            stream_body
        },
    )
}

// The `try_stream!` body:
fn stream_body() {
    #[allow(unused_imports)]
    use ::datastar_core::__private::{
        AnyHole as _, ComponentHole as _, IntegerHole as _, TextHole as _,
    };
    {
        let mut __buf = ::datastar_core::__private::Buf::with_capacity(223);
        __buf
            .push_static(
                b"event: datastar-patch-elements\ndata: selector #todos\ndata: mode append\ndata: elements <li id=\"todo-",
            );
        (&&&::datastar_core::__private::Hole(&(todo.id)))
            .write_html(&mut __buf, "\ndata: elements ");
        __buf.push_static(b"\"");
        if todo.done {
            __buf.push_static(b" class=\"done\"");
        }
        __buf.push_static(b"><input type=\"checkbox\"");
        if todo.done {
            __buf.push_static(b" checked");
        }
        __buf.push_static(b">");
        if todo.done {
            __buf.push_static(b"<s>");
            (&&&::datastar_core::__private::Hole(&(todo.title)))
                .write_html_text(&mut __buf, "\ndata: elements ");
            __buf.push_static(b"</s>");
        } else if todo.urgent {
            __buf.push_static(b"<b>");
            (&&&::datastar_core::__private::Hole(&(todo.title)))
                .write_html_text(&mut __buf, "\ndata: elements ");
            __buf.push_static(b"</b>");
        } else {
            (&&&::datastar_core::__private::Hole(&(todo.title)))
                .write_html_text(&mut __buf, "\ndata: elements ");
        }
        __buf.push_static(b"</li>\n\n");
        yield __buf.finish();
    }
}
