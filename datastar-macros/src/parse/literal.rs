//! Signal values written as Rust literals, turned into JSON once, when they are parsed:
//! `check` reports the ones that are not JSON, `expand` writes the others.

use datastar_wire::json::{is_json_number, json_string};
use syn::Lit;

/// A signal value literal as JSON text, or why it is not JSON.
pub(crate) fn json_literal(lit: &Lit, negative: bool) -> Result<String, String> {
    let sign = if negative { "-" } else { "" };
    match lit {
        Lit::Int(int) if !int.suffix().is_empty() => Err(format!(
            "`{sign}{int}` has a Rust type suffix, which JSON numbers do not have\n\nhelp: write `{sign}{}`",
            int.base10_digits()
        )),
        Lit::Float(float) if !float.suffix().is_empty() => Err(format!(
            "`{sign}{float}` has a Rust type suffix, which JSON numbers do not have\n\nhelp: write `{sign}{}`",
            float.base10_digits()
        )),
        Lit::Int(int) => json_number(&format!("{sign}{}", int.base10_digits())),
        Lit::Float(float) => json_number(&format!("{sign}{}", float.base10_digits())),
        Lit::Str(_) | Lit::Bool(_) if negative => {
            Err("`-` only applies to numbers in JSON".to_owned())
        }
        Lit::Str(string) => Ok(json_string(&string.value())),
        Lit::Bool(boolean) => Ok(boolean.value.to_string()),
        Lit::Char(character) => Err(format!(
            "`{}` is a Rust `char`, which JSON does not have\n\nhelp: write the string `{}`",
            quote::ToTokens::to_token_stream(character),
            json_string(&character.value().to_string())
        )),
        other => Err(format!(
            "`{}` is not a JSON value\n\nhelp: write a string, a number, `true`, `false`, `null`, an object or an array",
            quote::ToTokens::to_token_stream(other)
        )),
    }
}

fn json_number(text: &str) -> Result<String, String> {
    match is_json_number(text) {
        true => Ok(text.to_owned()),
        false => Err(format!(
            "`{text}` is not a valid JSON number\n\nhelp: JSON numbers have digits on both sides of the `.` and no leading zeros, e.g. `1.0`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_literals() {
        let lit = |text: &str| syn::parse_str::<Lit>(text).unwrap();
        assert_eq!(json_literal(&lit("1_000"), true), Ok("-1000".to_owned()));
        assert_eq!(json_literal(&lit("0x10"), false), Ok("16".to_owned()));
        assert_eq!(json_literal(&lit("1.5e3"), false), Ok("1.5e3".to_owned()));
        assert_eq!(
            json_literal(&lit("\"a\\\"b\""), false),
            Ok("\"a\\\"b\"".to_owned())
        );
        assert!(json_literal(&lit("1u8"), false).is_err());
        assert!(json_literal(&lit("1."), false).is_err());
        assert!(
            json_literal(&lit("'a'"), false)
                .unwrap_err()
                .contains("write the string `\"a\"`")
        );
    }
}
