//! Hole writers: how a hole's value of any type is written for each context the macro
//! decides (see `datastar-macros`'s `HoleEscape`), picked by autoref specialisation.

use std::borrow::Cow;

use datastar_wire::escape::{Escape, LineWriter};
use datastar_wire::url::UrlPolicy;

use super::{Buf, UrlWrite};
use crate::EncodeError;
use crate::template::{HoleText, HtmlHole};

/// A hole's value, wrapped so that the expansion can pick the cheapest writer for its
/// type: integers without `fmt`, text escaped directly, anything else through
/// [`HtmlHole`] (`Display`, or `Raw`).
///
/// This is autoref specialisation: the expansion calls
/// `(&&&Hole(&value)).write_html(&mut buf, prefix)` with [`IntegerHole`], [`TextHole`]
/// and [`AnyHole`] in scope; method lookup tries the impl on `&&Hole` (integers) first,
/// then `&Hole` (text), then `Hole`. The last one's bound sits on its methods, so a type
/// that fits none gets `HtmlHole`'s own error message.
pub struct Hole<'a, T: ?Sized>(pub &'a T);

/// Integers: digits and `-` need no escaping; `itoa` instead of `fmt` (about 4× faster).
/// One writer per hole context of the macro.
pub trait IntegerHole {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str);
    /// The text of a `srcdoc` document.
    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A part of a URL.
    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>);
    /// A whole URL as a JavaScript value in an attribute.
    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>;
}

impl<T: itoa::Integer + Copy> IntegerHole for &&Hole<'_, T> {
    #[inline]
    fn write_html(&self, buf: &mut Buf, _: &'static str) {
        buf.0
            .extend_from_slice(itoa::Buffer::new().format(*self.0).as_bytes());
    }

    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str) {
        self.write_html(buf, line_prefix);
    }

    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>) {
        let mut digits = itoa::Buffer::new();
        let text = HoleText::Escaped(Cow::Borrowed(digits.format(*self.0)));
        buf.url_text(line_prefix, &text, url);
    }

    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError> {
        let mut digits = itoa::Buffer::new();
        let text = HoleText::Escaped(Cow::Borrowed(digits.format(*self.0)));
        buf.url_in_js_text(line_prefix, &text, policy)
    }
}

/// Text (`str`, `String`, `Cow<str>`, …): escaped straight into the buffer, not through
/// `fmt`. The same writers as [`IntegerHole`].
pub trait TextHole {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str);
    /// The text of a `srcdoc` document.
    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A part of a URL.
    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>);
    /// A whole URL as a JavaScript value in an attribute.
    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>;
}

impl<T: AsRef<str> + ?Sized> TextHole for &Hole<'_, T> {
    #[inline]
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str) {
        LineWriter::new(&mut buf.0, line_prefix.as_bytes(), Escape::Html)
            .push(self.0.as_ref().as_bytes());
    }

    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str) {
        buf.html_in_attribute_text(line_prefix, &self.text());
    }

    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>) {
        buf.url_text(line_prefix, &self.text(), url);
    }

    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError> {
        buf.url_in_js_text(line_prefix, &self.text(), policy)
    }
}

impl<T: AsRef<str> + ?Sized> Hole<'_, T> {
    fn text(&self) -> HoleText<'_> {
        HoleText::Escaped(Cow::Borrowed(self.0.as_ref()))
    }
}

/// Everything else that is an [`HtmlHole`]: `Display` values and `Raw`. The bound sits
/// on each method, so a value that is none of these gets `HtmlHole`'s own error.
pub trait AnyHole<T: ?Sized> {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
    /// The text of a `srcdoc` document.
    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
    /// A part of a URL.
    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>)
    where
        T: HtmlHole;
    /// A whole URL as a JavaScript value in an attribute.
    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>
    where
        T: HtmlHole;
}

impl<T: ?Sized> AnyHole<T> for Hole<'_, T> {
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole,
    {
        buf.push_html(line_prefix, self.0);
    }

    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole,
    {
        buf.html_in_attribute_text(line_prefix, &self.0.text());
    }

    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>)
    where
        T: HtmlHole,
    {
        buf.url_text(line_prefix, &self.0.text(), url);
    }

    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>
    where
        T: HtmlHole,
    {
        buf.url_in_js_text(line_prefix, &self.0.text(), policy)
    }
}
