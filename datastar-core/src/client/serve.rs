//! [`Bundle`]'s ready handlers and [`ClientResponse`] as a response, one impl per
//! framework; every one of them reads the request through [`Bundle::respond`].

use super::bundle::{Bundle, ClientResponse};

/// The response on `http` 1.x, with the body `body` makes of the bytes: what axum, warp
/// and `into_http_response` send.
#[cfg(any(feature = "http-body", feature = "warp"))]
impl ClientResponse {
    fn into_http<B>(self, body: impl FnOnce(bytes::Bytes) -> B) -> http::Response<B> {
        let status = http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::OK);
        let headers: Vec<(&'static str, String)> = self
            .headers()
            .map(|(name, value)| (name, value.to_owned()))
            .collect();
        let mut response = http::Response::new(body(self.body().clone()));
        *response.status_mut() = status;
        for (name, value) in headers {
            // Every value is ASCII made by `Bundle::respond`.
            if let Ok(value) = http::HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}

#[cfg(feature = "http-body")]
impl ClientResponse {
    /// The response as an `http::Response` for any server on `http` 1.x.
    pub fn into_http_response(self) -> http::Response<crate::body::FullBody> {
        self.into_http(crate::body::FullBody::new)
    }
}

#[cfg(feature = "http-body")]
impl Bundle {
    /// The response to `request` (a `GET` of [`path`](Self::path)) for any server on
    /// `http` 1.x.
    pub fn respond_to_http<B>(
        &self,
        request: &http::Request<B>,
    ) -> http::Response<crate::body::FullBody> {
        self.respond(
            request
                .headers()
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_bytes())),
        )
        .into_http_response()
    }
}

#[cfg(feature = "axum")]
impl axum::response::IntoResponse for ClientResponse {
    fn into_response(self) -> axum::response::Response {
        self.into_http(axum::body::Body::from)
    }
}

#[cfg(feature = "axum")]
impl Bundle {
    /// The axum handler: `Router::new().route(client.path(), client.clone().axum_route())`.
    pub fn axum_route<S>(self) -> axum::routing::MethodRouter<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        axum::routing::get(move |headers: axum::http::HeaderMap| {
            let response = self.respond(
                headers
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_bytes())),
            );
            std::future::ready(response)
        })
    }
}

#[cfg(feature = "warp")]
impl warp::reply::Reply for ClientResponse {
    fn into_response(self) -> warp::reply::Response {
        self.into_http(Into::into)
    }
}

#[cfg(feature = "warp")]
impl Bundle {
    /// The warp filter: answers `GET` of [`path`](Self::path) and rejects anything else,
    /// so it combines with `or`: `client.clone().warp_filter().or(routes)`.
    pub fn warp_filter(
        self,
    ) -> impl warp::Filter<Extract = (ClientResponse,), Error = warp::Rejection> + Clone {
        use warp::Filter as _;
        let file_name = self.path().trim_start_matches('/').to_owned();
        warp::get()
            .and(warp::path(file_name))
            .and(warp::path::end())
            .and(warp::header::headers_cloned())
            .map(move |headers: http::HeaderMap| {
                self.respond(
                    headers
                        .iter()
                        .map(|(name, value)| (name.as_str(), value.as_bytes())),
                )
            })
    }
}

#[cfg(feature = "actix-web")]
impl actix_web::Responder for ClientResponse {
    type Body = bytes::Bytes;

    fn respond_to(self, _: &actix_web::HttpRequest) -> actix_web::HttpResponse<bytes::Bytes> {
        let status = actix_web::http::StatusCode::from_u16(self.status())
            .unwrap_or(actix_web::http::StatusCode::OK);
        let mut response = actix_web::HttpResponse::build(status);
        for (name, value) in self.headers() {
            response.insert_header((name, value));
        }
        response
            .message_body(self.body().clone())
            .expect("a Bytes body cannot fail")
    }
}

#[cfg(feature = "actix-web")]
impl Bundle {
    /// The actix-web resource at [`path`](Self::path): `App::new().service(client.clone().actix_resource())`.
    pub fn actix_resource(self) -> actix_web::Resource {
        let path = self.path().to_owned();
        actix_web::web::resource(path).route(actix_web::web::get().to(
            move |request: actix_web::HttpRequest| {
                let response = self.respond(
                    request
                        .headers()
                        .iter()
                        .map(|(name, value)| (name.as_str(), value.as_bytes())),
                );
                std::future::ready(response)
            },
        ))
    }
}

#[cfg(feature = "rocket")]
impl<'r> rocket::response::Responder<'r, 'static> for ClientResponse {
    fn respond_to(self, _: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        let mut response = rocket::Response::build();
        response.status(rocket::http::Status::new(self.status()));
        for (name, value) in self.headers() {
            response.raw_header(name, value.to_owned());
        }
        let body = self.body().clone();
        response
            .sized_body(body.len(), std::io::Cursor::new(body))
            .ok()
    }
}

#[cfg(feature = "rocket")]
#[rocket::async_trait]
impl rocket::route::Handler for Bundle {
    async fn handle<'r>(
        &self,
        request: &'r rocket::Request<'_>,
        _: rocket::Data<'r>,
    ) -> rocket::route::Outcome<'r> {
        let headers = request.headers();
        let response = self.respond(
            ["if-none-match", "accept-encoding"]
                .into_iter()
                .flat_map(|name| headers.get(name).map(move |value| (name, value.as_bytes()))),
        );
        rocket::route::Outcome::from(request, response)
    }
}

#[cfg(feature = "rocket")]
impl Bundle {
    /// The Rocket route at [`path`](Self::path):
    /// `rocket::build().mount("/", client.clone().rocket_routes())`.
    pub fn rocket_routes(self) -> Vec<rocket::Route> {
        let path = self.path().to_owned();
        vec![rocket::Route::new(rocket::http::Method::Get, &path, self)]
    }
}
