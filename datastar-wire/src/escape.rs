//! Escaping by context: what a value must become so that the browser reads it back as
//! the same data, in the place it is written (docs/escaping.md has the reasoning).

use std::{fmt, io};

use crate::lines::push_split;

/// How a value is escaped before it is split into data lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// Written as it is (raw HTML, JSON produced by serde into a data line).
    None,
    /// HTML text or a quoted attribute value: `&`, `<`, `>`, `"`, `'`. Escaping the
    /// quotes in text too costs nothing and keeps a value inert even where text and
    /// attribute could be confused.
    Html,
    /// Text of a document inside an attribute (`srcdoc`): HTML-escaped, then escaped
    /// again as an attribute value, since the browser decodes the attribute before it
    /// parses the document.
    HtmlInAttribute,
    /// JSON inside a `<script>` element: `<` becomes `\u003c`, so neither `</script` nor
    /// `<!--` can appear. Only valid for JSON output, where `<` can only occur inside
    /// string literals.
    Script,
    /// JSON inside a quoted attribute whose value is JavaScript (an event handler or a
    /// Datastar expression). The browser decodes the attribute before the code runs, and
    /// the Datastar 1.0.4 client rewrites the code with regular expressions first: it
    /// turns `$name` and `@name(` into code and splits statements at `;` wherever its
    /// string matching loses track (after a `/`, a quote in a comment, a string ending in
    /// `\`). So inside JSON strings `$ @ ' \` ; / < > &` and the escaped `\\` and `\"`
    /// are written as `\uXXXX` escapes, which leave the string's value unchanged and give
    /// the rewriting nothing to match; the JSON's own `"` are written `&quot;`.
    ScriptInAttribute,
}

impl Escape {
    /// What `byte` is written as, or `None` to write it unchanged. Line breaks are never
    /// replaced here: splitting handles them.
    pub const fn replacement(self, byte: u8) -> Option<&'static [u8]> {
        match (self, byte) {
            (_, b'\n' | b'\r') | (Escape::None, _) => None,
            (Escape::Script, b'<') => Some(b"\\u003c"),
            (Escape::Script, _) => None,
            (Escape::ScriptInAttribute, b'"') => Some(b"&quot;"),
            (Escape::ScriptInAttribute, b'\'') => Some(b"\\u0027"),
            (Escape::ScriptInAttribute, b'<') => Some(b"\\u003c"),
            (Escape::ScriptInAttribute, b'>') => Some(b"\\u003e"),
            (Escape::ScriptInAttribute, b'&') => Some(b"\\u0026"),
            (Escape::ScriptInAttribute, b'$') => Some(b"\\u0024"),
            (Escape::ScriptInAttribute, b'@') => Some(b"\\u0040"),
            (Escape::ScriptInAttribute, b'`') => Some(b"\\u0060"),
            (Escape::ScriptInAttribute, b';') => Some(b"\\u003b"),
            (Escape::ScriptInAttribute, b'/') => Some(b"\\u002f"),
            (Escape::ScriptInAttribute, _) => None,
            (Escape::HtmlInAttribute, b'&') => Some(b"&amp;amp;"),
            (Escape::HtmlInAttribute, b'<') => Some(b"&amp;lt;"),
            (Escape::HtmlInAttribute, b'>') => Some(b"&amp;gt;"),
            (Escape::HtmlInAttribute, b'"') => Some(b"&amp;quot;"),
            (Escape::HtmlInAttribute, b'\'') => Some(b"&amp;#39;"),
            (_, b'&') => Some(b"&amp;"),
            (_, b'<') => Some(b"&lt;"),
            (_, b'>') => Some(b"&gt;"),
            (_, b'"') => Some(b"&quot;"),
            (_, b'\'') => Some(b"&#39;"),
            _ => None,
        }
    }

    /// Whether each byte is more than copied: a line break, a replaced byte, or (for
    /// `ScriptInAttribute`) the `\\` of a JSON escape. Computed from the rules at compile
    /// time; `push` looks every byte of every hole up in it.
    const fn work_table(self) -> [bool; 256] {
        let mut table = [false; 256];
        let mut byte = 0;
        while byte < 256 {
            let b = byte as u8;
            table[byte] = crate::lines::is_line_break(b)
                || self.replacement(b).is_some()
                || matches!(self, Escape::ScriptInAttribute) && b == b'\\';
            byte += 1;
        }
        table
    }
}

/// Every escape, by discriminant: the order of the tables below.
const ESCAPES: [Escape; 5] = {
    let all = [
        Escape::None,
        Escape::Html,
        Escape::HtmlInAttribute,
        Escape::Script,
        Escape::ScriptInAttribute,
    ];
    let mut index = 0;
    while index < all.len() {
        assert!(all[index] as usize == index);
        index += 1;
    }
    all
};

/// Every escape's work table, by discriminant.
static WORK: [[bool; 256]; 5] = {
    let mut tables = [[false; 256]; 5];
    let mut escape = 0;
    while escape < 5 {
        tables[escape] = ESCAPES[escape].work_table();
        escape += 1;
    }
    tables
};

/// [`WORK`] as bytes, for the branch-free scans: [`REPLACED`] where a byte is replaced,
/// [`SPLIT`] where it is a line break (or the `\\` of a JSON escape), 0 elsewhere.
static WORK_BITS: [[u8; 256]; 5] = {
    let mut bits = [[0u8; 256]; 5];
    let mut escape = 0;
    while escape < 5 {
        let mut byte = 0;
        while byte < 256 {
            bits[escape][byte] = if !WORK[escape][byte] {
                0
            } else if REPLACEMENTS[escape][byte][LENGTH] > 1 {
                REPLACED
            } else {
                SPLIT
            };
            byte += 1;
        }
        escape += 1;
    }
    bits
};

/// A byte that is replaced (see [`WORK_BITS`]).
const REPLACED: u8 = 1;
/// A byte that starts a new data line or a JSON escape (see [`WORK_BITS`]).
const SPLIT: u8 = 2;
/// Where an entry of [`REPLACEMENTS`] keeps its length.
const LENGTH: usize = 15;

/// For every escape and byte, what the byte is written as (its replacement, or itself),
/// in a block of 16 bytes (the longest replacement has 10) whose last byte is the
/// length. A short piece with replacements and no line break is written block by block,
/// with no branch per byte (see [`push_replaced`]).
static REPLACEMENTS: [[[u8; 16]; 256]; 5] = {
    let mut table = [[[0u8; 16]; 256]; 5];
    let mut escape = 0;
    while escape < 5 {
        let mut byte = 0;
        while byte < 256 {
            let stays = [byte as u8];
            let written = match ESCAPES[escape].replacement(byte as u8) {
                Some(replacement) => replacement,
                None => &stays,
            };
            // `push_replaced` makes room for 10 bytes per byte.
            assert!(written.len() <= 10);
            let mut at = 0;
            while at < written.len() {
                table[escape][byte][at] = written[at];
                at += 1;
            }
            table[escape][byte][LENGTH] = written.len() as u8;
            byte += 1;
        }
        escape += 1;
    }
    table
};

/// Whether `piece` is short (the name or label a hole usually holds) and has no line
/// break (nor JSON escape): then writing it byte by byte with [`push_replaced`] beats
/// the general loop. A longer piece is left to the general loop, which copies its safe
/// runs whole and does not scan it once more here.
fn short_and_unbroken(piece: &[u8], bits: &[u8; 256]) -> bool {
    piece.len() <= 64
        && piece
            .iter()
            .fold(0, |kinds, &byte| kinds | bits[byte as usize])
            == REPLACED
}

/// Appends `piece`, which has no line break, with every byte written as `replacements`
/// says: one 16-byte block per byte, of which the block's length is kept (1 for a byte
/// that stays). Escaped text alternates short safe runs and replaced bytes, where a loop
/// that branches on each find mispredicts at every one (measured: 72 ns for the 26 bytes
/// of `Dave <"HAL 9000"> & Frank` that way, 35 ns this way).
fn push_replaced(out: &mut Vec<u8>, piece: &[u8], replacements: &[[u8; 16]; 256]) {
    // Sixteen bytes at a time through a block on the stack, whose position stays in a
    // register (the `Vec`'s length would go through memory on every byte): each byte
    // takes at most 10 bytes, and the last block written may reach 16.
    let mut room = [0u8; 16 * 10 + 6];
    for chunk in piece.chunks(16) {
        let mut at = 0;
        for &byte in chunk {
            let block = &replacements[byte as usize];
            room[at..at + 16].copy_from_slice(block);
            at += usize::from(block[LENGTH]);
        }
        out.extend_from_slice(&room[..at]);
    }
}

/// `text` escaped for `escape`, for text known at compile time (line breaks kept).
pub fn escape_str(text: &str, escape: Escape) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let replacement = u8::try_from(c)
            .ok()
            .filter(u8::is_ascii)
            .and_then(|byte| escape.replacement(byte));
        match replacement {
            // Replacements are ASCII.
            Some(replacement) => out.extend(replacement.iter().map(|&byte| char::from(byte))),
            None => out.push(c),
        }
    }
    out
}

/// Appends text in pieces (as `fmt::Display` and serde produce it), escaping it and
/// splitting it into data lines. Remembers a trailing `\r` so that a `\r\n` split across
/// two pieces is still one line break.
pub struct LineWriter<'a> {
    out: &'a mut Vec<u8>,
    line_prefix: &'a [u8],
    escape: Escape,
    after_cr: bool,
    /// A `\\` that starts a JSON escape was the last byte (for `ScriptInAttribute`).
    after_backslash: bool,
}

impl<'a> LineWriter<'a> {
    /// Writes into `out`, replacing line breaks by `line_prefix`.
    #[inline]
    pub fn new(out: &'a mut Vec<u8>, line_prefix: &'a [u8], escape: Escape) -> Self {
        LineWriter {
            out,
            line_prefix,
            escape,
            after_cr: false,
            after_backslash: false,
        }
    }

    /// Appends `piece`, escaped.
    #[inline]
    pub fn push(&mut self, piece: &[u8]) {
        // Most values need no work at all: one scan, one copy, inlined at the hole.
        if !self.after_cr && !self.after_backslash && self.escape != Escape::None {
            let work = &WORK_BITS[self.escape as usize];
            // Branch-free within chunks of 16 bytes (most holes are one chunk): the OR of
            // every byte's bit, so a long piece with work early is not scanned to its end.
            let clean = |chunk: &[u8]| {
                chunk
                    .iter()
                    .fold(0u8, |any, &byte| any | work[byte as usize])
                    == 0
            };
            if piece.chunks(16).all(clean) {
                // No byte needed work, so the last one is not a `\r`.
                self.out.extend_from_slice(piece);
                return;
            }
        }
        self.push_slow(piece);
    }

    /// [`push`](Self::push) for a piece with work in it, or after a `\r` or a `\\`.
    #[inline(never)]
    fn push_slow(&mut self, mut piece: &[u8]) {
        if piece.is_empty() {
            return;
        }
        if self.after_cr && piece[0] == b'\n' {
            piece = &piece[1..];
        }
        self.after_cr = piece.last() == Some(&b'\r');
        if self.escape == Escape::None {
            push_split(self.out, self.line_prefix, piece);
            return;
        }
        if !self.after_backslash && short_and_unbroken(piece, &WORK_BITS[self.escape as usize]) {
            push_replaced(self.out, piece, &REPLACEMENTS[self.escape as usize]);
            return;
        }
        let mut start = 0;
        let mut at = 0;
        if self.after_backslash && !piece.is_empty() {
            self.after_backslash = false;
            self.json_escape(piece[0]);
            at = 1;
            start = 1;
        }
        let work = &WORK[self.escape as usize];
        while at < piece.len() {
            // Safe runs are copied whole: find the next byte that needs work.
            match piece[at..].iter().position(|&byte| work[byte as usize]) {
                Some(offset) => at += offset,
                None => break,
            }
            let byte = piece[at];
            self.out.extend_from_slice(&piece[start..at]);
            if byte == b'\\' && self.escape == Escape::ScriptInAttribute {
                match piece.get(at + 1) {
                    Some(&escaped) => {
                        self.json_escape(escaped);
                        at += 2;
                    }
                    None => {
                        self.after_backslash = true;
                        at += 1;
                    }
                }
            } else if let Some(replacement) = self.escape.replacement(byte) {
                self.out.extend_from_slice(replacement);
                at += 1;
            } else {
                self.out.extend_from_slice(self.line_prefix);
                at += if byte == b'\r' && piece.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            start = at;
        }
        self.out.extend_from_slice(&piece[start..]);
    }

    /// The JSON escape `\\` + `escaped`, in a form the Datastar client's rewriting cannot
    /// misread: `\\\\` and `\\"` as `\\u005c` and `\\u0022`, the others as they are.
    fn json_escape(&mut self, escaped: u8) {
        match escaped {
            b'\\' => self.out.extend_from_slice(b"\\u005c"),
            b'"' => self.out.extend_from_slice(b"\\u0022"),
            other => self.out.extend_from_slice(&[b'\\', other]),
        }
    }

    /// Writes trusted text: no escaping, except that script contexts still break up
    /// `</script`, which would end the element (and everything after it would be parsed
    /// as HTML).
    pub fn push_raw(&mut self, text: &[u8]) {
        self.after_cr = false;
        self.after_backslash = false;
        match self.escape {
            Escape::Script | Escape::ScriptInAttribute => {
                push_script_text(self.out, self.line_prefix, text)
            }
            _ => push_split(self.out, self.line_prefix, text),
        }
    }
}

impl fmt::Write for LineWriter<'_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        self.push(piece.as_bytes());
        Ok(())
    }
}

impl io::Write for LineWriter<'_> {
    fn write(&mut self, piece: &[u8]) -> io::Result<usize> {
        self.push(piece);
        Ok(piece.len())
    }

    fn write_all(&mut self, piece: &[u8]) -> io::Result<()> {
        self.push(piece);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Byte offsets of `</script` (any case) in `text`: where script text would end its
/// `<script>` element early.
pub fn script_end_tags(text: &str) -> Vec<usize> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("</script").map(|(at, _)| at).collect()
}

/// Appends script text, splitting lines and writing every `</script` (any case) as
/// `<\/script`, so the text cannot end the `<script>` element it is sent in; and
/// `</body>`, `</head>`, `</html>` as `<\/…`, which the Datastar 1.0.4 client would take
/// for a whole document anywhere in a patch. Inside a JavaScript string, regular
/// expression or comment `<\/` means the same as `</`.
pub fn push_script_text(out: &mut Vec<u8>, line_prefix: &[u8], script: &[u8]) {
    let mut rest = script;
    let mut searched = 0;
    while let Some(found) = rest[searched..].iter().position(|&byte| byte == b'<') {
        let at = searched + found;
        let after = &rest[at + 1..];
        let closes_script = after.len() >= 7 && after[..7].eq_ignore_ascii_case(b"/script");
        let closes_document = [&b"/body>"[..], b"/head>", b"/html>"]
            .iter()
            .any(|end_tag| after.starts_with(end_tag));
        if closes_script || closes_document {
            push_split(out, line_prefix, &rest[..at]);
            out.extend_from_slice(b"<\\/");
            rest = &rest[at + 2..];
            searched = 0;
        } else {
            searched = at + 1;
        }
    }
    push_split(out, line_prefix, rest);
}

#[cfg(test)]
mod tests;
