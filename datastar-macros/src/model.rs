//! The typed model of a `datastar!` body: what `parse` produces, `check` validates and
//! `expand` turns into code. The model is never changed after parsing: `check` returns
//! its decisions (how each hole is escaped) separately.

use datastar_wire::url::UrlPolicy;
use proc_macro2::{Span, TokenStream};
use syn::{Expr, Ident, Label, LitBool, LitStr, Pat};

pub(crate) use datastar_wire::{Mode, Namespace};

/// The whole macro input: `($crate) body…`.
pub(crate) struct Input {
    /// The path of `datastar-core` as the caller sees it (`$crate` forwarded by the wrapper).
    pub(crate) crate_path: TokenStream,
    pub(crate) body: Body,
    /// `#[signals(Type)]` first in the body: the signals its templates are checked against.
    pub(crate) signals: Option<syn::Type>,
    /// True when the body has no tokens at all.
    pub(crate) is_empty: bool,
    /// How many template holes the body has; they are numbered `0..hole_count`.
    pub(crate) hole_count: usize,
}

/// The input of `html!`: `($crate) template parts…`.
pub(crate) struct PageInput {
    /// The path of `datastar-core` as the caller sees it.
    pub(crate) crate_path: TokenStream,
    pub(crate) template: Template,
    /// `#[signals(Type)]` first in the template.
    pub(crate) signals: Option<syn::Type>,
    /// How many template holes there are; they are numbered `0..hole_count`.
    pub(crate) hole_count: usize,
}

/// A list of statements: the macro body or the inside of a Rust block.
#[derive(Default)]
pub(crate) struct Body {
    pub(crate) stmts: Vec<Stmt>,
}

pub(crate) enum Stmt {
    /// A DSL statement that sends one event.
    Event(Box<Event>),
    /// `wait DURATION;`
    Wait(Wait),
    /// `send EXPR;`
    Send(SendStmt),
    /// Ordinary Rust, re-emitted as it is.
    Rust(Box<syn::Stmt>),
    If(IfStmt),
    Match(MatchStmt),
    Loop(LoopStmt),
    /// `{ … }` or `'label: { … }`.
    Block(BlockStmt),
}

/// An event statement with the options every event accepts.
pub(crate) struct Event {
    /// The statement keyword (`elements`, `remove`, …), where event-level errors point.
    pub(crate) keyword: Ident,
    pub(crate) kind: EventKind,
    pub(crate) id: Option<Named<Text>>,
    pub(crate) retry: Option<Named<DurationArg>>,
}

pub(crate) enum EventKind {
    Elements(Elements),
    Remove(Remove),
    Signals(Signals),
    Script(Script),
    Redirect(Redirect),
    Console(Console),
    Dispatch(Dispatch),
    ReplaceUrl(ReplaceUrl),
    Prefetch(Prefetch),
}

/// An option value together with the option's name, so errors can point at either.
pub(crate) struct Named<T> {
    pub(crate) name: Ident,
    pub(crate) value: T,
}

/// A single-line text value: a string literal, or an expression giving `&str` at run time.
pub(crate) enum Text {
    Lit(LitStr),
    Expr(Box<Expr>),
}

/// `elements CONTENT [, option]*;`
pub(crate) struct Elements {
    pub(crate) content: Content,
    pub(crate) patch: PatchOptions,
}

/// `remove "SELECTOR" [, option]*;`
pub(crate) struct Remove {
    pub(crate) selector: Text,
    pub(crate) patch: PatchOptions,
}

/// The patch-elements options (`remove` only takes the view-transition ones).
#[derive(Default)]
pub(crate) struct PatchOptions {
    pub(crate) selector: Option<Named<Text>>,
    pub(crate) mode: Option<Named<Spanned<Mode>>>,
    pub(crate) view_transition: Option<Ident>,
    pub(crate) view_transition_selector: Option<Named<Text>>,
    pub(crate) namespace: Option<Named<Spanned<Namespace>>>,
    /// An unknown option close to `selector` was given: selector rules stay silent.
    pub(crate) selector_misspelt: bool,
    /// An invalid `namespace` was given: rules about foreign elements stay silent.
    pub(crate) namespace_misspelt: bool,
}

/// A value with the span of the token it was read from.
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// Element or script content.
pub(crate) enum Content {
    /// String literals, `(expr)` holes and `for` loops over such parts.
    Template(Template),
    /// Any other expression: raw HTML (or raw script text) through a runtime trait.
    Expr(Box<Expr>),
}

pub(crate) struct Template {
    pub(crate) parts: Vec<Part>,
}

pub(crate) enum Part {
    Lit(LitStr),
    Hole(Hole),
    Loop(TemplateLoop),
    If(TemplateIf),
}

/// `for PAT in EXPR { parts }` inside a template: the parts are written once per item.
pub(crate) struct TemplateLoop {
    /// The `for` keyword, where errors about the loop as a whole point.
    pub(crate) keyword: Span,
    pub(crate) pat: Box<Pat>,
    pub(crate) iter: Box<Expr>,
    pub(crate) body: Vec<Part>,
}

/// `if COND { parts } else if COND { parts } else { parts }` inside a template: the
/// parts of the first branch whose condition holds are written, or none.
pub(crate) struct TemplateIf {
    /// The first `if` keyword, where errors about the whole `if` point.
    pub(crate) keyword: Span,
    pub(crate) branches: Vec<TemplateBranch>,
}

/// One branch of a template `if`.
pub(crate) struct TemplateBranch {
    /// `None` for the final `else`.
    pub(crate) cond: Option<Box<Expr>>,
    pub(crate) body: Vec<Part>,
}

/// `(expr)` inside a template.
pub(crate) struct Hole {
    /// Numbers the holes of one macro call in source order: `check` decides each hole's
    /// escaping under this number.
    pub(crate) id: HoleId,
    pub(crate) expr: Box<Expr>,
    /// The span of the parentheses.
    pub(crate) span: Span,
}

/// A hole's number, unique within one macro call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct HoleId(pub(crate) usize);

/// `signals { … } [, only_if_missing];` or `signals EXPR [, only_if_missing];`
pub(crate) struct Signals {
    pub(crate) value: SignalsValue,
    pub(crate) only_if_missing: Option<Ident>,
}

pub(crate) enum SignalsValue {
    Object(JsonObject),
    Expr(Box<Expr>),
}

pub(crate) struct JsonObject {
    pub(crate) entries: Vec<JsonEntry>,
}

pub(crate) struct JsonEntry {
    pub(crate) key: String,
    pub(crate) key_span: Span,
    pub(crate) value: JsonValue,
}

pub(crate) enum JsonValue {
    Null,
    /// A literal, possibly negated, with its JSON text (computed once, by `parse`), or why
    /// it is not JSON (reported by `check`).
    Literal {
        lit: syn::Lit,
        json: Result<String, String>,
    },
    Object(JsonObject),
    Array(Vec<JsonValue>),
    /// A Rust expression, serialized with serde at run time.
    Expr(Box<Expr>),
}

/// `script CONTENT [, auto_remove = false] [, attributes = { … }];`
pub(crate) struct Script {
    pub(crate) content: Content,
    pub(crate) auto_remove: Option<Named<LitBool>>,
    pub(crate) attributes: Vec<ScriptAttribute>,
    /// The `<script …>` start tag the statement writes, as a template: `check` reads it
    /// with the markup checker, as a `<script>` written in an `elements` template, and
    /// `expand` writes it like any template. Built once all options are parsed.
    pub(crate) start_tag: Template,
}

/// The name of one entry of `attributes = { name: value, … }` (its value is in the
/// start tag).
pub(crate) struct ScriptAttribute {
    pub(crate) name: String,
    pub(crate) name_span: Span,
}

/// `redirect URL;`
pub(crate) struct Redirect {
    pub(crate) url: Text,
}

impl Redirect {
    /// Which URLs it takes: `check` refuses other literals, the runtime other values.
    pub(crate) const URL_POLICY: UrlPolicy = UrlPolicy::Navigate;
}

/// `send EXPR;`: an event, a builder or a stream of events made elsewhere.
pub(crate) struct SendStmt {
    pub(crate) keyword: Ident,
    pub(crate) expr: Box<Expr>,
}

/// `console_log MESSAGE;` or `console_error MESSAGE;`: the message is text (string
/// literals and `Display` holes, or an expression), sent as a JSON string.
pub(crate) struct Console {
    pub(crate) method: datastar_wire::script::ConsoleMethod,
    pub(crate) message: Content,
}

/// `dispatch NAME [, detail = …] [, selector = …] [, bubbles [= false]] …;`
pub(crate) struct Dispatch {
    pub(crate) name: Text,
    pub(crate) detail: Option<Named<SignalsValue>>,
    pub(crate) selector: Option<Named<Text>>,
    pub(crate) bubbles: Option<Named<LitBool>>,
    pub(crate) cancelable: Option<Named<LitBool>>,
    pub(crate) composed: Option<Named<LitBool>>,
}

/// `replace_url URL;`
pub(crate) struct ReplaceUrl {
    pub(crate) url: Text,
}

impl ReplaceUrl {
    /// Which URLs it takes: `check` refuses other literals, `expand` has other values
    /// checked at run time.
    pub(crate) const URL_POLICY: UrlPolicy = UrlPolicy::SameOrigin;
}

/// `prefetch [URL, …];`
pub(crate) struct Prefetch {
    /// The opening bracket, where an empty list is reported.
    pub(crate) bracket: Span,
    pub(crate) urls: Vec<Text>,
}

impl Prefetch {
    /// Which URLs it takes: `check` refuses other literals, `expand` has other values
    /// checked at run time.
    pub(crate) const URL_POLICY: UrlPolicy = UrlPolicy::Navigate;
}

/// `wait DURATION;`
pub(crate) struct Wait {
    pub(crate) keyword: Ident,
    pub(crate) duration: DurationArg,
}

pub(crate) enum DurationArg {
    /// `3s`, `250ms`, `1.5s`, converted to whole milliseconds.
    Millis(Spanned<u64>),
    /// An expression of type `Duration`.
    Expr(Box<Expr>),
}

pub(crate) struct IfStmt {
    pub(crate) cond: Box<Expr>,
    pub(crate) then_branch: Body,
    pub(crate) else_branch: Option<Else>,
}

pub(crate) enum Else {
    If(Box<IfStmt>),
    Block(Body),
}

pub(crate) struct MatchStmt {
    pub(crate) expr: Box<Expr>,
    pub(crate) arms: Vec<Arm>,
}

pub(crate) struct Arm {
    pub(crate) pat: Pat,
    pub(crate) guard: Option<Box<Expr>>,
    pub(crate) body: ArmBody,
}

pub(crate) enum ArmBody {
    Block(Body),
    Expr(Box<Expr>),
}

pub(crate) struct LoopStmt {
    pub(crate) label: Option<Label>,
    /// The `for`/`while`/`loop` keyword, where flood errors point.
    pub(crate) keyword: Span,
    pub(crate) kind: LoopKind,
    pub(crate) body: Body,
}

pub(crate) enum LoopKind {
    For { pat: Box<Pat>, iter: Box<Expr> },
    While { cond: Box<Expr> },
    Loop,
}

pub(crate) struct BlockStmt {
    pub(crate) label: Option<Label>,
    pub(crate) body: Body,
}
