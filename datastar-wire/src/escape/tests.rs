//! Escaping by context, piece by piece.

use super::*;

fn escaped(escape: Escape, pieces: &[&str]) -> String {
    let mut out = Vec::new();
    let mut writer = LineWriter::new(&mut out, b"\ndata: x ", escape);
    for piece in pieces {
        writer.push(piece.as_bytes());
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn escapes_by_context() {
    let hostile = r#"<img src=x onerror="alert('1')">&"#;
    let html = "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;";
    assert_eq!(escaped(Escape::Html, &[hostile]), html);
    assert_eq!(escape_str(hostile, Escape::Html), html);
    assert_eq!(
        escaped(Escape::HtmlInAttribute, &["<b title=\"x\">&'"]),
        "&amp;lt;b title=&amp;quot;x&amp;quot;&amp;gt;&amp;amp;&amp;#39;"
    );
    assert_eq!(
        escaped(Escape::Script, &["\"</script>\""]),
        "\"\\u003c/script>\""
    );
    assert_eq!(escape_str("é\"<", Escape::Script), "é\"\\u003c");
}

#[test]
fn json_in_attributes_gives_the_datastar_rewriting_nothing_to_match() {
    // What serde_json writes for the string `a"b\ $x @get(; '/`<>&` and the array [1,"\\"].
    let json = r#""a\"b\\ $x @get(; '/`<>&" [1,"\\"]"#;
    assert_eq!(
        escaped(Escape::ScriptInAttribute, &[json]),
        r"&quot;a\u0022b\u005c \u0024x \u0040get(\u003b \u0027\u002f\u0060\u003c\u003e\u0026&quot; [1,&quot;\u005c&quot;]"
    );
    // The same, written one byte at a time: escapes split across pieces.
    let pieces: Vec<String> = json.chars().map(String::from).collect();
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    assert_eq!(
        escaped(Escape::ScriptInAttribute, &pieces),
        escaped(Escape::ScriptInAttribute, &[json])
    );
}

#[test]
fn short_and_long_pieces_escape_as_each_byte_says_in_every_context() {
    // Pieces without line breaks or backslashes (those take the general loop), dense
    // and sparse in bytes to replace, short and long: whichever way `push` writes
    // them, the result is every byte's own replacement.
    let alphabet: Vec<char> = "ab <>&\"'$@`;/é€0".chars().collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    for escape in [
        Escape::Html,
        Escape::HtmlInAttribute,
        Escape::Script,
        Escape::ScriptInAttribute,
    ] {
        for round in 0..2_000 {
            let length = [next(20), next(80), next(600)][round % 3];
            let sparse = round % 2 == 0;
            let text: String = (0..length)
                .map(|_| match sparse && next(10) > 0 {
                    true => 'a',
                    false => alphabet[next(alphabet.len())],
                })
                .collect();
            let mut out = Vec::new();
            LineWriter::new(&mut out, b"\ndata: x ", escape).push(text.as_bytes());
            assert_eq!(
                String::from_utf8(out).unwrap(),
                escape_str(&text, escape),
                "{escape:?} {text:?}"
            );
        }
    }
}

#[test]
fn crlf_split_across_pieces_is_one_break() {
    assert_eq!(escaped(Escape::Html, &["a\r", "\nb"]), "a\ndata: x b");
    assert_eq!(escaped(Escape::Html, &["a\r", "b"]), "a\ndata: x b");
    assert_eq!(
        escaped(Escape::None, &["a\r", "\n", "\nb"]),
        "a\ndata: x \ndata: x b"
    );
}

#[test]
fn script_close_tags_are_broken_up() {
    let mut out = Vec::new();
    push_script_text(
        &mut out,
        b"\ndata: x ",
        b"a</script>b</SCRIPT >c</scrip<'</body>'</BODY></p>",
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "a<\\/script>b<\\/SCRIPT >c</scrip<'<\\/body>'</BODY></p>"
    );
    assert_eq!(script_end_tags("x</Script>y</script"), [1, 11]);
}
