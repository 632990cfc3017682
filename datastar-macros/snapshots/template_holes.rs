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
        let mut __buf = ::datastar_core::__private::Buf::with_capacity(263);
        __buf
            .push_static(
                b"event: datastar-patch-elements\ndata: selector #list\ndata: mode append\ndata: elements <li id=\"item-",
            );
        (&&&::datastar_core::__private::Hole(&(item.id)))
            .write_html(&mut __buf, "\ndata: elements ");
        __buf.push_static(b"\" data-text=\"$done ? ");
        __buf.push_js_attr("\ndata: elements ", &(item.label))?;
        __buf.push_static(b" : ''\">\ndata: elements   ");
        (&&&::datastar_core::__private::Hole(&(item.text)))
            .write_html_text(&mut __buf, "\ndata: elements ");
        __buf.push_static(b"\ndata: elements </li>\n\n");
        yield __buf.finish();
    }
    {
        let mut __buf = ::datastar_core::__private::Buf::with_capacity(215);
        __buf
            .push_static(
                b"event: datastar-patch-elements\ndata: selector body\ndata: mode append\ndata: elements <script nonce=\"",
            );
        (&&&::datastar_core::__private::Hole(&(nonce)))
            .write_html(&mut __buf, "\ndata: elements ");
        __buf.push_static(b"\" data-effect=\"el.remove()\">console.log(");
        __buf.push_js("\ndata: elements ", &(item.id))?;
        __buf.push_static(b")</script>\n\n");
        yield __buf.finish();
    }
}
