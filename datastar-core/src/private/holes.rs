//! Hole writers: how a hole's value of any type is written for each context the macro
//! decides (see `datastar-macros`'s `HoleEscape`), picked by autoref specialisation.

use std::borrow::Cow;

use datastar_wire::escape::{Escape, LineWriter};
use datastar_wire::lines::push_split;
use datastar_wire::url::UrlPolicy;

use super::{Buf, UrlWrite};
use crate::template::{HoleText, HtmlHole};
use crate::{EncodeError, Markup};

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
    /// HTML text (where a component could also stand): as `write_html`.
    #[inline]
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str) {
        self.write_html(buf, line_prefix);
    }
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

/// An integer, or a reference to one (what `for x in &numbers` gives a hole): written
/// with `itoa`.
pub trait IntegerValue {
    /// The integer itself.
    type Integer: itoa::Integer;
    /// The integer, by value.
    fn integer(&self) -> Self::Integer;
    /// The integer when it is one of `0..=9999` (loop indices, counts, ids of a page):
    /// written without `itoa`'s buffer and copy.
    fn below_10000(&self) -> Option<u16>;
}

/// Writes an integer's digits: up to four as one store of known length, `itoa` beyond.
/// (A copy of `itoa`'s few bytes is a `memcpy` call of a length known only at run time,
/// which costs more than the digits themselves.)
#[inline]
fn push_integer<T: IntegerValue + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let Some(small) = value.below_10000() else {
        out.extend_from_slice(itoa::Buffer::new().format(value.integer()).as_bytes());
        return;
    };
    let digit = |n: u16| b'0' + (n % 10) as u8;
    match small {
        0..=9 => out.push(digit(small)),
        10..=99 => out.extend_from_slice(&[digit(small / 10), digit(small)]),
        100..=999 => out.extend_from_slice(&[digit(small / 100), digit(small / 10), digit(small)]),
        _ => out.extend_from_slice(&[
            digit(small / 1000),
            digit(small / 100),
            digit(small / 10),
            digit(small),
        ]),
    }
}

macro_rules! integer_values {
    ($($int:ty),*) => {$(
        impl IntegerValue for $int {
            type Integer = $int;
            #[inline]
            fn integer(&self) -> $int {
                *self
            }
            #[inline]
            fn below_10000(&self) -> Option<u16> {
                u16::try_from(*self).ok().filter(|&small| small < 10_000)
            }
        }
    )*};
}

integer_values!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl<T: IntegerValue + ?Sized> IntegerValue for &T {
    type Integer = T::Integer;
    #[inline]
    fn integer(&self) -> T::Integer {
        (**self).integer()
    }
    #[inline]
    fn below_10000(&self) -> Option<u16> {
        (**self).below_10000()
    }
}

impl<T: IntegerValue + ?Sized> IntegerHole for &&Hole<'_, T> {
    #[inline]
    fn write_html(&self, buf: &mut Buf, _: &'static str) {
        push_integer(&mut buf.0, self.0);
    }

    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str) {
        self.write_html(buf, line_prefix);
    }

    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>) {
        let mut digits = itoa::Buffer::new();
        let text = HoleText::Escaped(Cow::Borrowed(digits.format(self.0.integer())));
        buf.url_text(line_prefix, &text, url);
    }

    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError> {
        let mut digits = itoa::Buffer::new();
        let text = HoleText::Escaped(Cow::Borrowed(digits.format(self.0.integer())));
        buf.url_in_js_text(line_prefix, &text, policy)
    }
}

/// Text (`str`, `String`, `Cow<str>`, …): escaped straight into the buffer, not through
/// `fmt`. The same writers as [`IntegerHole`].
pub trait TextHole {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str);
    /// HTML text (where a component could also stand): as `write_html`.
    #[inline]
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str) {
        self.write_html(buf, line_prefix);
    }
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

/// A component ([`Markup`]) in HTML text: checked where it was written, so inserted as
/// it is (line breaks still split into data lines). Only HTML text has this writer, so a
/// component anywhere else does not compile.
pub trait ComponentHole {
    /// HTML text.
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str);
    /// Any other HTML place: refused with [`OnlyInHtmlText`]'s message.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        Self: OnlyInHtmlText;
    /// The text of a `srcdoc` document: refused.
    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        Self: OnlyInHtmlText;
    /// A URL: refused.
    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>)
    where
        Self: OnlyInHtmlText;
    /// A URL in JavaScript: refused.
    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>
    where
        Self: OnlyInHtmlText;
}

/// Implemented by nothing: the bound that makes a component outside HTML text a compile
/// error with this message.
#[diagnostic::on_unimplemented(
    message = "a component (`Markup`) can only fill a hole in HTML text [component_outside_html_text]",
    label = "markup here would be read as text or code, not as elements",
    note = "a component is inserted as it is only between elements (`\"<li>\" (card(&c)) \"</li>\"`); in an attribute value, a URL, `<textarea>` or `<title>`, pass the text it shows instead"
)]
pub trait OnlyInHtmlText {}

/// [`Markup`], the one type [`ComponentHole`] is for.
pub trait IsMarkup {
    /// The HTML text.
    fn markup(&self) -> &[u8];
}

impl IsMarkup for Markup {
    fn markup(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<T: IsMarkup + ?Sized> ComponentHole for &&&Hole<'_, T> {
    #[inline]
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str) {
        push_split(&mut buf.0, line_prefix.as_bytes(), self.0.markup());
    }

    fn write_html(&self, _: &mut Buf, _: &'static str)
    where
        Self: OnlyInHtmlText,
    {
    }

    fn write_html_in_attribute(&self, _: &mut Buf, _: &'static str)
    where
        Self: OnlyInHtmlText,
    {
    }

    fn write_url(&self, _: &mut Buf, _: &'static str, _: UrlWrite<'_>)
    where
        Self: OnlyInHtmlText,
    {
    }

    fn write_url_in_js(&self, _: &mut Buf, _: &'static str, _: UrlPolicy) -> Result<(), EncodeError>
    where
        Self: OnlyInHtmlText,
    {
        Ok(())
    }
}

/// Everything else that is an [`HtmlHole`]: `Display` values and `Raw`. The bound sits
/// on each method, so a value that is none of these gets `HtmlHole`'s own error.
pub trait AnyHole<T: ?Sized> {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
    /// HTML text (where a component could also stand): as `write_html`.
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str)
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

    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str)
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
