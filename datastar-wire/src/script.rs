//! Scripts and redirects: sugar over `datastar-patch-elements` that appends a `<script>`
//! to `<body>` (as the Datastar 1.0 SDKs do).

/// Everything between the event head and the script's attributes.
pub const SCRIPT_OPEN: &str = "data: selector body\ndata: mode append\ndata: elements <script";
/// Makes the client remove the tag once the script has run; on by default.
pub const AUTO_REMOVE: &str = " data-effect=\"el.remove()\"";
/// The attribute `AUTO_REMOVE` writes, which a script may not also be given.
pub const AUTO_REMOVE_ATTRIBUTE: &str = "data-effect";
/// Ends the script element and the event.
pub const SCRIPT_CLOSE: &str = "</script>\n\n";

/// The redirect script up to its URL. The `setTimeout` makes Firefox push a history
/// entry instead of replacing the current one (datastar#529).
pub const REDIRECT_OPEN: &str = "setTimeout(() => window.location.href = ";
/// The redirect script after its URL (a JSON string, `<` escaped).
pub const REDIRECT_CLOSE: &str = ")";
