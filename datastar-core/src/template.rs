//! What `datastar!` templates accept: content expressions ([`Html`]) and hole values
//! ([`HtmlHole`], [`JsHole`]), with [`Raw`] as the visible opt-out of escaping.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::rc::Rc;
use std::sync::Arc;

use serde::Serialize;

use crate::EncodeError;
use datastar_wire::escape::{Escape, LineWriter};

/// HTML that is sent as it is: the content of `elements EXPR;` when EXPR is not a
/// template.
///
/// Implemented for `str`, `String`, `Cow<str>`, `Box<str>`, `Rc<str>`, `Arc<str>`,
/// references to those, and (feature `maud`) `maud::Markup`. Render other template
/// engines to a `String` first (`template.render()?`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as HTML content [elements_not_html]",
    label = "not HTML text",
    note = "`elements` and `script` take a template (\"…\" (hole) \"…\"), or an expression that is a `String`, `&str` or `maud::Markup`"
)]
pub trait Html {
    /// The HTML text.
    fn as_html(&self) -> &str;
}

impl Html for str {
    fn as_html(&self) -> &str {
        self
    }
}

macro_rules! html_via_deref {
    ($($ty:ty),*) => {$(
        impl Html for $ty {
            fn as_html(&self) -> &str {
                self
            }
        }
    )*};
}
html_via_deref!(String, Cow<'_, str>, Box<str>, Rc<str>, Arc<str>);

impl<T: Html + ?Sized> Html for &T {
    fn as_html(&self) -> &str {
        (**self).as_html()
    }
}

#[cfg(feature = "maud")]
impl<T: AsRef<str>> Html for maud::PreEscaped<T> {
    fn as_html(&self) -> &str {
        self.0.as_ref()
    }
}

/// Writes a value into a template hole without escaping it.
///
/// Holes are escaped for their context by default; wrapping the value in `Raw` is the
/// one way to opt out, and it stays visible at the call site. `Raw` is written exactly
/// as given, in every context: HTML, attribute values, JavaScript and URLs (where it
/// also vouches for the URL, which is then not checked). Use it only for text you wrote
/// or sanitised yourself. Line breaks are still split into data lines, so `Raw` can break
/// the page's HTML but never the SSE frame, and inside a script `</script` is still
/// written `<\/script`, which would otherwise end the element.
///
/// ```
/// use datastar_core::prelude::*;
///
/// let trusted = "<em>bold claim</em>";
/// let stream = datastar! {
///     elements "<p id=\"claim\">" (Raw(trusted)) "</p>";
/// };
/// # drop(stream);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Raw<T>(pub T);

/// A value that can fill a hole in HTML text or in a quoted attribute value.
///
/// Every `Display` type is one, written escaped; [`Raw`] writes its text as it is.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill an HTML template hole [hole_not_display]",
    label = "not `Display`",
    note = "HTML holes take any `Display` value, escaped: implement `std::fmt::Display` for the type, or pass a field or a `String` made from it"
)]
pub trait HtmlHole {
    #[doc(hidden)]
    fn write_html(&self, out: &mut HoleWriter<'_>);

    /// The value as text, and whether it is trusted (`Raw`): what URL and `srcdoc` holes
    /// work on.
    #[doc(hidden)]
    fn text(&self) -> HoleText<'_>;
}

/// A hole's value as text.
#[doc(hidden)]
pub enum HoleText<'a> {
    /// To be escaped for the hole's context.
    Escaped(Cow<'a, str>),
    /// `Raw`: written as it is.
    Trusted(&'a str),
}

impl<T: fmt::Display + ?Sized> HtmlHole for T {
    fn write_html(&self, out: &mut HoleWriter<'_>) {
        // Writing into a Vec cannot fail; a Display impl that returns an error has
        // already written what it could.
        let _ = write!(out.0, "{self}");
    }

    fn text(&self) -> HoleText<'_> {
        HoleText::Escaped(Cow::Owned(self.to_string()))
    }
}

// Not recommended in errors: a value that is not `Display` wants `Display`, and `Raw`
// (trusted markup, never escaped) would be the wrong fix for user data.
#[diagnostic::do_not_recommend]
impl<T: AsRef<str>> HtmlHole for Raw<T> {
    fn write_html(&self, out: &mut HoleWriter<'_>) {
        out.write_raw(self.0.as_ref());
    }

    fn text(&self) -> HoleText<'_> {
        HoleText::Trusted(self.0.as_ref())
    }
}

/// A value that can fill a hole in JavaScript: inside a `<script>`, the body of a
/// `script` statement, or a Datastar expression attribute such as `data-text`.
///
/// Every `Serialize` type is one, written as a JSON literal (a string becomes `"…"`, a
/// struct an object) with `<` escaped; [`Raw`] writes its text as code.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a JavaScript template hole [script_hole_not_json]",
    label = "not `Serialize`",
    note = "JavaScript holes take any `serde::Serialize` value (written as JSON), or `Raw(code)` for trusted code"
)]
pub trait JsHole {
    #[doc(hidden)]
    fn write_js(&self, out: &mut HoleWriter<'_>) -> Result<(), EncodeError>;
}

impl<T: Serialize + ?Sized> JsHole for T {
    fn write_js(&self, out: &mut HoleWriter<'_>) -> Result<(), EncodeError> {
        serde_json::to_writer(&mut out.0, self)?;
        Ok(())
    }
}

impl<T: AsRef<str>> JsHole for Raw<T> {
    fn write_js(&self, out: &mut HoleWriter<'_>) -> Result<(), EncodeError> {
        out.write_raw(self.0.as_ref());
        Ok(())
    }
}

/// Where a hole's value is written; escapes for the hole's context.
#[doc(hidden)]
pub struct HoleWriter<'a>(LineWriter<'a>);

impl<'a> HoleWriter<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>, line_prefix: &'a [u8], escape: Escape) -> Self {
        HoleWriter(LineWriter::new(out, line_prefix, escape))
    }

    /// Trusted text: split into data lines, otherwise unchanged. Inside a script the
    /// only thing still escaped is `</script`, which would end the element.
    fn write_raw(&mut self, text: &str) {
        self.0.push_raw(text.as_bytes());
    }
}
