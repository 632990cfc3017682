//! Unit tests of the writers the expansions call, with exact bytes.

use super::*;

const LINE: &str = "\ndata: elements ";

fn finish(buf: Buf) -> String {
    String::from_utf8(buf.finish().as_bytes().to_vec()).unwrap()
}

#[test]
fn holes_are_escaped_for_their_context() {
    let hostile = "<img src=x onerror=alert(1)>\"'";
    let mut buf = Buf::with_capacity(0);
    buf.push_static(b"<p title=\"");
    buf.push_html(LINE, hostile);
    buf.push_static(b"\">");
    buf.push_html(LINE, hostile);
    buf.push_static(b"</p><script>let x = ");
    buf.push_js(LINE, "</script><script>alert(1)</script>")
        .unwrap();
    buf.push_static(b"</script><b data-text=\"");
    buf.push_js_attr(LINE, "a\"b$c@d('e');/</").unwrap();
    buf.push_static(b"\"></b>");
    assert_eq!(
        finish(buf),
        "<p title=\"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;\">\
         &lt;img src=x onerror=alert(1)&gt;&quot;&#39;</p><script>let x = \
         \"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\"</script>\
         <b data-text=\"&quot;a\\u0022b\\u0024c\\u0040d(\\u0027e\\u0027)\\u003b\\u002f\\u003c\\u002f&quot;\"></b>"
    );
}

#[test]
fn raw_skips_escaping_but_not_line_splitting() {
    let mut buf = Buf::with_capacity(0);
    buf.push_html(LINE, &Raw("<em>a\nb</em>"));
    buf.push_js(LINE, &Raw("f('</script>')")).unwrap();
    assert_eq!(finish(buf), "<em>a\ndata: elements b</em>f('<\\/script>')");
}

#[test]
fn display_values_and_line_breaks_in_holes() {
    let mut buf = Buf::with_capacity(0);
    buf.push_html(LINE, &42);
    buf.push_html(LINE, &1.5);
    buf.push_html(LINE, "x\r\ny");
    assert_eq!(finish(buf), "421.5x\ndata: elements y");
}

#[test]
// The borrows are the point: `&&&Hole` is how the expansion selects a writer.
#[allow(clippy::needless_borrow)]
fn specialised_holes_write_what_the_general_path_writes() {
    fn both<T: HtmlHole + ?Sized>(value: &T, fast: impl Fn(&mut Buf)) {
        let (mut general, mut specialised) = (Buf::with_capacity(0), Buf::with_capacity(0));
        general.push_html(LINE, value);
        fast(&mut specialised);
        assert_eq!(finish(general), finish(specialised));
    }
    both(&-42_i64, |buf| (&&&Hole(&-42_i64)).write_html(buf, LINE));
    both(&u128::MAX, |buf| {
        (&&&Hole(&u128::MAX)).write_html(buf, LINE)
    });
    let hostile = "<a href=\"x\">'&'</a>\r\nline";
    both(hostile, |buf| (&&&Hole(hostile)).write_html(buf, LINE));
    let owned = String::from(hostile);
    both(&owned, |buf| (&&&Hole(&owned)).write_html(buf, LINE));
    both(&1.5_f64, |buf| (&&&Hole(&1.5_f64)).write_html(buf, LINE));
}

#[test]
// The borrows are the point: `&&&Hole` is how the expansion selects a writer.
#[allow(clippy::needless_borrow)]
fn integers_are_written_as_display_writes_them_around_the_four_digit_shortcut() {
    fn check<T: std::fmt::Display + super::IntegerValue>(value: T) {
        let mut buf = Buf::with_capacity(0);
        (&&&Hole(&value)).write_html(&mut buf, LINE);
        // Through a reference too, as `for x in &numbers` gives it.
        (&&&Hole(&&value)).write_html(&mut buf, LINE);
        assert_eq!(finish(buf), format!("{value}{value}"));
    }
    for small in [
        0, 1, 9, 10, 11, 42, 99, 100, 101, 255, 999, 1000, 1001, 9999, 10_000, 65_535, 65_536,
    ] {
        check(small as u8);
        check(small as u16);
        check(small as u32);
        check(small as usize);
        check(small as u128);
        check(i32::from(small as u16));
        check(-i64::from(small as u32));
    }
    check(i8::MIN);
    check(i64::MIN);
    check(u64::MAX);
    check(i128::MIN);
}

struct Link(&'static str);

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

#[test]
// The borrows are the point: `&&&Hole` is how the expansion selects a writer.
#[allow(clippy::needless_borrow)]
fn url_holes_are_encoded_and_checked_whatever_their_type() {
    let whole = UrlEncoding::Whole;
    let mut buf = Buf::with_capacity(0);
    (&&&Hole(" JavaScript:alert('x')")).write_url(
        &mut buf,
        LINE,
        UrlWrite::Alone(whole, UrlPolicy::Navigate),
    );
    buf.push_static(b"|");
    (&&&Hole(&Link("data:text/html,x"))).write_url(
        &mut buf,
        LINE,
        UrlWrite::Alone(whole, UrlPolicy::Navigate),
    );
    buf.push_static(b"|");
    (&&&Hole("/items?a=1&b=\"2\" <x>")).write_url(&mut buf, LINE, UrlWrite::Static(whole));
    buf.push_static(b"|");
    (&&&Hole(&Link("a/b?c#d"))).write_url(&mut buf, LINE, UrlWrite::Static(UrlEncoding::Component));
    buf.push_static(b"|");
    (&&&Hole(&42)).write_url(&mut buf, LINE, UrlWrite::Static(UrlEncoding::Component));
    buf.push_static(b"|");
    (&&&Hole(&Raw("javascript:void(0)"))).write_url(
        &mut buf,
        LINE,
        UrlWrite::Alone(whole, UrlPolicy::Navigate),
    );
    assert_eq!(
        finish(buf),
        "about:invalid#refused-url|about:invalid#refused-url|\
         /items?a=1&amp;b=%222%22%20%3Cx%3E|a%2Fb%3Fc%23d|42|javascript:void(0)"
    );
}

#[test]
// The borrows are the point: `&&&Hole` is how the expansion selects a writer.
#[allow(clippy::needless_borrow)]
fn shared_checks_read_the_whole_url() {
    // `href="` (a) (b) `:alert(1)"` with a = "" and b = "javascript": refused at the
    // literal after the last hole, and the whole value is replaced.
    let mut buf = Buf::with_capacity(0);
    buf.push_static(b"<a href=\"");
    let mut check = buf.url_check(UrlPolicy::Navigate, 0);
    fn shared<'a>(check: &'a mut UrlCheck, after: &'static str) -> UrlWrite<'a> {
        UrlWrite::Shared {
            encoding: UrlEncoding::Whole,
            check,
            before: "",
            after,
        }
    }
    (&&&Hole("")).write_url(&mut buf, LINE, shared(&mut check, ""));
    (&&&Hole("javascript")).write_url(&mut buf, LINE, shared(&mut check, ":alert(1)"));
    buf.push_static(b":alert(1)\">");
    assert_eq!(
        finish(buf),
        "<a href=\"about:invalid#refused-url:alert(1)\">"
    );

    // `href="java` (u) `"`: the literal start is written before the check starts.
    let mut buf = Buf::with_capacity(0);
    buf.push_static(b"<a href=\"java");
    let mut check = buf.url_check(UrlPolicy::Navigate, 4);
    let write = UrlWrite::Shared {
        encoding: UrlEncoding::Component,
        check: &mut check,
        before: "java",
        after: "",
    };
    (&&&Hole("script")).write_url(&mut buf, LINE, write);
    buf.push_static(b"\">");
    assert_eq!(
        finish(buf),
        "<a href=\"javascript\">",
        "no colon: a relative URL"
    );

    // An allowed URL is left as it is.
    let mut buf = Buf::with_capacity(0);
    let mut check = buf.url_check(UrlPolicy::SameOrigin, 0);
    let write = UrlWrite::Shared {
        encoding: UrlEncoding::Whole,
        check: &mut check,
        before: "",
        after: "",
    };
    (&&&Hole("/todos/1")).write_url(&mut buf, LINE, write);
    assert_eq!(finish(buf), "/todos/1");
}

#[test]
// The borrows are the point: `&&&Hole` is how the expansion selects a writer.
#[allow(clippy::needless_borrow)]
fn urls_in_javascript_and_documents_in_attributes() {
    let mut buf = Buf::with_capacity(0);
    (&&&Hole("https://example.com/a"))
        .write_url_in_js(&mut buf, LINE, UrlPolicy::SameOrigin)
        .unwrap();
    buf.push_static(b"|");
    (&&&Hole("/a?b='c'"))
        .write_url_in_js(&mut buf, LINE, UrlPolicy::SameOrigin)
        .unwrap();
    buf.push_static(b"|");
    (&&&Hole(&Link("javascript:x")))
        .write_url_in_js(&mut buf, LINE, UrlPolicy::Navigate)
        .unwrap();
    buf.push_static(b"|");
    (&&&Hole("<img src=x onerror=alert(1)> & \"")).write_html_in_attribute(&mut buf, LINE);
    assert_eq!(
        finish(buf),
        "&quot;about:invalid#refused-url&quot;|&quot;\\u002fa?b=\\u0027c\\u0027&quot;|\
         &quot;about:invalid#refused-url&quot;|\
         &amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; &amp;quot;"
    );
}

#[test]
fn single_line_values_are_checked() {
    let mut buf = Buf::with_capacity(0);
    assert!(matches!(
        buf.push_line_value("selector", "#a\r"),
        Err(EncodeError::LineBreak { field: "selector" })
    ));
    buf.push_line_value("id", "ok").unwrap();
    buf.push_retry(Duration::from_millis(1000));
    buf.push_retry(Duration::from_millis(250));
    assert_eq!(finish(buf), "okretry: 250\n");
}
