fn expansion() -> impl ::datastar_core::prelude::IntoResponse {
    const _: () = {
        const TREE: &[::datastar_core::__private::SignalField] = <Cart as ::datastar_core::Signals>::SIGNAL_TREE;
        const PATH: &[&str] = &["count"];
        const UNDERS: &[&str] = &[""];
        const NAMES_LEN: usize = ::datastar_core::__private::sibling_names_len(
            TREE,
            PATH,
        );
        const NAMES: [u8; NAMES_LEN] = ::datastar_core::__private::sibling_names(
            TREE,
            PATH,
        );
        const PARTS: [&str; 5] = [
            "the signal `count` is not in `Cart`, whose signals",
            UNDERS[::datastar_core::__private::missing_depth(TREE, PATH)],
            " are ",
            ::datastar_core::__private::message(&NAMES),
            " [signals_unknown_path]\n\nhelp: use one of them, add a field to `Cart`, or (for a signal only this page uses) start its name with `_` or define it here with `data-computed`, `data-ref` or `data-indicator`",
        ];
        const LEN: usize = ::datastar_core::__private::total_len(&PARTS);
        const MESSAGE: [u8; LEN] = ::datastar_core::__private::concat(&PARTS);
        if !::datastar_core::__private::has_path(TREE, PATH) {
            ::core::panic!("{}", ::datastar_core::__private::message(& MESSAGE));
        }
    };
    const _: () = {
        const TREE: &[::datastar_core::__private::SignalField] = <Cart as ::datastar_core::Signals>::SIGNAL_TREE;
        const PATH: &[&str] = &["owner", "name"];
        const UNDERS: &[&str] = &["", " under `owner`"];
        const NAMES_LEN: usize = ::datastar_core::__private::sibling_names_len(
            TREE,
            PATH,
        );
        const NAMES: [u8; NAMES_LEN] = ::datastar_core::__private::sibling_names(
            TREE,
            PATH,
        );
        const PARTS: [&str; 5] = [
            "the signal `owner.name` is not in `Cart`, whose signals",
            UNDERS[::datastar_core::__private::missing_depth(TREE, PATH)],
            " are ",
            ::datastar_core::__private::message(&NAMES),
            " [signals_unknown_path]\n\nhelp: use one of them, add a field to `Cart`, or (for a signal only this page uses) start its name with `_` or define it here with `data-computed`, `data-ref` or `data-indicator`",
        ];
        const LEN: usize = ::datastar_core::__private::total_len(&PARTS);
        const MESSAGE: [u8; LEN] = ::datastar_core::__private::concat(&PARTS);
        if !::datastar_core::__private::has_path(TREE, PATH) {
            ::core::panic!("{}", ::datastar_core::__private::message(& MESSAGE));
        }
    };
    const _: () = {
        if ::datastar_core::__private::path_kinds(
            <Cart as ::datastar_core::Signals>::SIGNAL_TREE,
            &["owner", "name"],
        ) & ::datastar_core::__private::json_kind::STRING == 0
        {
            ::core::panic!(
                "{}",
                "the signal `owner.name` of `Cart` cannot hold a string: the field's type does not serialize to one, so `ReadSignals<Cart>` would fail on what the page sends back [signal_value_kind]\n\nhelp: write a value of the field's type, or change the field's type"
            );
        }
    };
    {
        ::datastar_core::__private::into_event_stream(
            ::datastar_core::__private::try_stream! {
                stream_body
            },
        )
    }
}

// The `try_stream!` body:
fn stream_body() {
    {
        let mut __buf = ::datastar_core::__private::Buf::with_capacity(154);
        __buf.push_static(b"event: datastar-patch-signals\ndata: signals {\"count\":");
        {
            let __signal_value = &(cart.count());
            {
                #[allow(unused_imports)]
                use ::datastar_core::__private::{KnownKind as _, UnknownKind as _};
                const KINDS: u8 = ::datastar_core::__private::path_kinds(
                    <Cart as ::datastar_core::Signals>::SIGNAL_TREE,
                    &["count"],
                );
                ::datastar_core::__private::fits::<
                    ::datastar_core::__private::Kinds<
                        { KINDS & ::datastar_core::__private::json_kind::NULL != 0 },
                        { KINDS & ::datastar_core::__private::json_kind::BOOL != 0 },
                        { KINDS & ::datastar_core::__private::json_kind::NUMBER != 0 },
                        { KINDS & ::datastar_core::__private::json_kind::STRING != 0 },
                        { KINDS & ::datastar_core::__private::json_kind::ARRAY != 0 },
                        { KINDS & ::datastar_core::__private::json_kind::OBJECT != 0 },
                    >,
                    _,
                >(
                    (&&&::datastar_core::__private::KindProbe(__signal_value))
                        .json_kind(),
                );
            }
            __buf.push_json("\ndata: signals ", __signal_value)?;
        }
        __buf.push_static(b",\"owner\":{\"name\":\"Dave\"},\"_draft\":");
        __buf.push_json("\ndata: signals ", &(draft))?;
        __buf.push_static(b"}\n\n");
        yield __buf.finish();
    }
}
