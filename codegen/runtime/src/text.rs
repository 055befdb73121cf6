//! Text from outside shown in error messages: a service's error code and message, an endpoint
//! URL, a value of the input, a file name. Written raw, a newline in it forges a log line and
//! an escape sequence drives the terminal: every error's `Display` shows such text through
//! [`escaped`], or [`quoted`] for input that can be of any size. Accessors keep the raw text.

use std::fmt::{self, Write as _};

/// How many characters of a quoted input an error message shows ([`quoted`]).
pub const QUOTE_LIMIT: usize = 256;

/// `text` for an error message: each character that does not print (a control character such
/// as a newline or a terminal's escape, a format character such as a right-to-left override, a
/// line or paragraph separator, a space other than U+0020) written as `str::escape_debug`
/// writes it (`\n`, `\u{1b}`); every other character as it is, quotes and backslashes
/// included, so that ordinary text in any script reads unchanged.
pub fn escaped(text: &str) -> Escaped<'_> {
    Escaped { text, limit: usize::MAX }
}

/// [`escaped`], cut after its first [`QUOTE_LIMIT`] characters with a note of the full length:
/// for input an error message quotes (a URI, a value), which can be of any size.
pub fn quoted(text: &str) -> Escaped<'_> {
    Escaped { text, limit: QUOTE_LIMIT }
}

/// Text shown safely by its `Display` (see [`escaped`] and [`quoted`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Escaped<'a> {
    text: &'a str,
    /// The most characters of `text` shown.
    limit: usize,
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (shown, (at, c)) in self.text.char_indices().enumerate() {
            if shown == self.limit {
                return write!(f, "… ({} characters in all)", self.text.chars().count());
            }
            match c {
                '\\' | '\'' | '"' => f.write_char(c)?,
                // A combining mark first would join the text before it: escaped, as in `escape_debug`.
                _ if at == 0 => write!(f, "{}", c.escape_debug())?,
                _ => write_escaped_after_another(f, c)?,
            }
        }
        Ok(())
    }
}

/// `c` as `str::escape_debug` writes it after another character, where a combining mark stays
/// as it is (`char::escape_debug` would escape it): escaped behind a space, which is written as
/// itself, then that space skipped.
fn write_escaped_after_another(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    let mut pair = [b' '; 5];
    let len = 1 + c.encode_utf8(&mut pair[1..]).len();
    match std::str::from_utf8(&pair[..len]) {
        Ok(pair) => pair.escape_debug().skip(1).try_for_each(|e| f.write_char(e)),
        Err(_) => write!(f, "{}", c.escape_debug()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_as_escape_debug_writes_them() {
        let code = "Throttling\nX-Evil: 1";
        assert_eq!(escaped(code).to_string(), r"Throttling\nX-Evil: 1");
        assert_eq!(escaped("\u{1b}[31m red \r\t\0 \u{7f}").to_string(), r"\u{1b}[31m red \r\t\0 \u{7f}");
        // Unicode format and separator characters: a right-to-left override, line separator.
        assert_eq!(escaped("a\u{202e}b\u{2028}c").to_string(), r"a\u{202e}b\u{2028}c");
    }

    #[test]
    fn ordinary_text_reads_unchanged() {
        for text in ["Value 'x' at \"name\" failed", r"C:\Users\me\.aws\config", "café – 東京 – Ελλάδα 🚀", "e\u{301}"] {
            assert_eq!(escaped(text).to_string(), text);
        }
        assert_eq!(escaped("\u{301}x").to_string(), r"\u{301}x", "a combining mark first is escaped");
    }

    #[test]
    fn each_character_as_str_escape_debug_shows_it_after_another() {
        // Every character but the quotes and the backslash, which are left alone.
        for c in (0..=0x3000u32).chain(0xfe00..=0xfeff).chain(0xe0000..=0xe0100).filter_map(char::from_u32) {
            let text = format!("x{c}");
            let expected: String = if matches!(c, '\\' | '\'' | '"') { text.clone() } else { text.escape_debug().collect() };
            assert_eq!(escaped(&text).to_string(), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn quoted_input_is_cut_with_its_length() {
        let long = "a".repeat(QUOTE_LIMIT + 44);
        assert_eq!(quoted(&long).to_string(), format!("{}… (300 characters in all)", "a".repeat(QUOTE_LIMIT)));
        let exact = "é".repeat(QUOTE_LIMIT);
        assert_eq!(quoted(&exact).to_string(), exact, "at the limit, nothing is cut");
        assert_eq!(quoted("a\nb").to_string(), r"a\nb");
        assert_eq!(escaped(&long).to_string(), long, "escaped alone never cuts");
    }
}
