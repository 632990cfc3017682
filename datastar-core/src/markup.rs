//! [`Markup`]: HTML that `html!` rendered and checked, for pages and components.

use std::borrow::Cow;
use std::fmt;

use crate::template::Html;

/// HTML written by [`html!`](crate::html): checked at compile time as the browser will
/// parse it, every hole escaped for where it stands.
///
/// A function that returns `Markup` is a component. Put one in another template as a
/// hole in HTML text, `"<li>" (card(&item)) "</li>"`: it is inserted as it is, since it
/// was checked where it was written. Anywhere else (an attribute value, a URL, a script,
/// `<textarea>`) it does not compile, because markup there would be text or code, not
/// elements.
///
/// `Markup` is a response on every supported framework (`200`,
/// `content-type: text/html; charset=utf-8`), element content for `elements (markup);`
/// and [`PatchElements::new`](crate::PatchElements::new), and `send markup;` patches it
/// (by the `id`s of its top-level elements).
///
/// ```
/// use datastar_core::prelude::*;
///
/// fn card(name: &str) -> Markup {
///     html! { "<li class=\"card\">" (name) "</li>" }
/// }
///
/// let crew = ["Dave", "<Frank>"];
/// let list = html! { "<ul id=\"crew\">" for name in crew { (card(name)) } "</ul>" };
/// assert_eq!(
///     list.as_str(),
///     "<ul id=\"crew\"><li class=\"card\">Dave</li><li class=\"card\">&lt;Frank&gt;</li></ul>"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Markup(Cow<'static, [u8]>);

impl Markup {
    /// The HTML text.
    pub fn as_str(&self) -> &str {
        // Every byte `html!` writes comes from a `str` or is an ASCII escape, and
        // splitting happens only at ASCII bytes, so this is UTF-8; checked here (on
        // demand, not on every render) because this crate has no `unsafe`.
        match std::str::from_utf8(&self.0) {
            Ok(text) => text,
            Err(error) => std::str::from_utf8(&self.0[..error.valid_up_to()]).unwrap_or_default(),
        }
    }

    /// The HTML as bytes (UTF-8): what a response sends, without a check.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The HTML text, owned.
    pub fn into_string(self) -> String {
        match String::from_utf8(self.0.into_owned()) {
            Ok(text) => text,
            Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
        }
    }

    /// Markup that `html!` rendered completely at compile time.
    #[doc(hidden)]
    pub const fn from_static(html: &'static str) -> Markup {
        Markup(Cow::Borrowed(html.as_bytes()))
    }

    /// Markup that `html!` wrote at run time (UTF-8: see [`as_str`](Self::as_str)).
    pub(crate) fn from_bytes(bytes: Vec<u8>) -> Markup {
        Markup(Cow::Owned(bytes))
    }

    /// The `content-type` of a `Markup` response.
    pub const CONTENT_TYPE: &'static str = "text/html; charset=utf-8";

    /// The body of a response: the bytes, no copy when they were rendered at run time.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "rocket",
            feature = "warp",
            feature = "http-body"
        )),
        allow(dead_code)
    )]
    fn into_body(self) -> bytes::Bytes {
        match self.0 {
            Cow::Borrowed(bytes) => bytes::Bytes::from_static(bytes),
            Cow::Owned(bytes) => bytes::Bytes::from(bytes),
        }
    }
}

impl fmt::Debug for Markup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Markup").field(&self.as_str()).finish()
    }
}

impl Html for Markup {
    fn as_html(&self) -> &str {
        self.as_str()
    }
}

impl From<Markup> for String {
    fn from(markup: Markup) -> String {
        markup.into_string()
    }
}

impl From<Markup> for Cow<'static, str> {
    fn from(markup: Markup) -> Cow<'static, str> {
        Cow::Owned(markup.into_string())
    }
}

#[cfg(feature = "axum")]
impl axum::response::IntoResponse for Markup {
    fn into_response(self) -> axum::response::Response {
        (
            [(axum::http::header::CONTENT_TYPE, Markup::CONTENT_TYPE)],
            self.into_body(),
        )
            .into_response()
    }
}

#[cfg(feature = "actix-web")]
impl actix_web::Responder for Markup {
    type Body = bytes::Bytes;

    fn respond_to(self, _: &actix_web::HttpRequest) -> actix_web::HttpResponse<bytes::Bytes> {
        actix_web::HttpResponse::Ok()
            .content_type(Markup::CONTENT_TYPE)
            .message_body(self.into_body())
            .expect("a Bytes body cannot fail")
    }
}

#[cfg(feature = "rocket")]
impl<'r> rocket::response::Responder<'r, 'static> for Markup {
    fn respond_to(self, _: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        let body = self.into_body();
        rocket::Response::build()
            .header(rocket::http::ContentType::HTML)
            .sized_body(body.len(), std::io::Cursor::new(body))
            .ok()
    }
}

#[cfg(feature = "warp")]
impl warp::reply::Reply for Markup {
    fn into_response(self) -> warp::reply::Response {
        let mut response = warp::reply::Response::new(self.into_body().into());
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(Markup::CONTENT_TYPE),
        );
        response
    }
}

#[cfg(feature = "http-body")]
impl Markup {
    /// The page as an `http::Response` for any server on `http` 1.x: `200`,
    /// `content-type: text/html; charset=utf-8`, the HTML as one `Bytes` chunk.
    pub fn into_http_response(self) -> http::Response<crate::body::FullBody> {
        let mut response = http::Response::new(crate::body::FullBody::new(self.into_body()));
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(Markup::CONTENT_TYPE),
        );
        response
    }
}
