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
        let __v0 = &(cart.user);
        match ::core::iter::IntoIterator::into_iter(cart.items.iter().enumerate()) {
            __iter => {
                let mut __buf = ::datastar_core::__private::Buf::with_capacity(
                    191usize
                        .saturating_add(
                            ::core::iter::Iterator::size_hint(&__iter)
                                .0
                                .saturating_mul(99usize),
                        ),
                );
                __buf
                    .push_static(
                        b"event: datastar-patch-elements\ndata: elements <div id=\"cart\">\ndata: elements <h2>Hello, ",
                    );
                (&&&::datastar_core::__private::Hole(__v0))
                    .write_html_text(&mut __buf, "\ndata: elements ");
                __buf.push_static(b"!</h2>\ndata: elements <ul>");
                for (row, item) in __iter {
                    __buf.push_static(b"\ndata: elements <li id=\"row-");
                    (&&&::datastar_core::__private::Hole(&(row)))
                        .write_html(&mut __buf, "\ndata: elements ");
                    __buf.push_static(b"\">");
                    (&&&::datastar_core::__private::Hole(&(item.name)))
                        .write_html_text(&mut __buf, "\ndata: elements ");
                    match ::core::iter::IntoIterator::into_iter(&item.tags) {
                        __iter => {
                            __buf
                                .reserve(
                                    ::core::iter::Iterator::size_hint(&__iter)
                                        .0
                                        .saturating_mul(40usize),
                                );
                            for tag in __iter {
                                __buf.push_static(b" <b>");
                                (&&&::datastar_core::__private::Hole(&(tag)))
                                    .write_html_text(&mut __buf, "\ndata: elements ");
                                __buf.push_static(b"</b>");
                            }
                        }
                    }
                    __buf.push_static(b"</li>");
                }
                __buf.push_static(b"\ndata: elements </ul>\ndata: elements </div>\n\n");
                yield __buf.finish();
            }
        }
    }
    {
        match ::core::iter::IntoIterator::into_iter(names) {
            __iter => {
                let mut __buf = ::datastar_core::__private::Buf::with_capacity(
                    158usize
                        .saturating_add(
                            ::core::iter::Iterator::size_hint(&__iter)
                                .0
                                .saturating_mul(45usize),
                        ),
                );
                __buf
                    .push_static(
                        b"event: datastar-patch-elements\ndata: selector body\ndata: mode append\ndata: elements <script data-effect=\"el.remove()\">const names = [];",
                    );
                for name in __iter {
                    __buf.push_static(b"names.push(");
                    __buf.push_js("\ndata: elements ", &(name))?;
                    __buf.push_static(b");");
                }
                __buf.push_static(b"show(names);</script>\n\n");
                yield __buf.finish();
            }
        }
    }
}
