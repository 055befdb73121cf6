//! The values of quoted strings and text blocks (idl.rst "String values", "String escape
//! characters", "Text blocks", "Incidental white space removal").

/// The value of a quoted string, given the text between its quotes.
pub fn quoted_string(raw: &str) -> Result<String, String> {
    unescape(&normalize_newlines(raw)).map_err(|e| format!("Error parsing quoted string: {e}"))
}

/// The value of a text block, given the text between its `"""` delimiters.
pub fn text_block(raw: &str) -> Result<String, String> {
    let fail = |e: String| format!("Error parsing text block: {e}");
    let raw = normalize_newlines(raw);
    if raw.is_empty() {
        return Err(fail("Text block is empty".into()));
    }
    // The opening delimiter is followed by optional spaces and a line break, not counted.
    let Some(content) = raw.trim_start_matches(' ').strip_prefix('\n') else {
        return Err(fail("Text block must start with a new line".into()));
    };
    unescape(&remove_incidental_whitespace(content)).map_err(fail)
}

/// CR and CRLF become LF.
fn normalize_newlines(raw: &str) -> String {
    if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_string()
    }
}

/// Removes the common leading spaces of a text block's lines (the closing delimiter's line
/// counts when it holds only spaces) and every line's trailing spaces.
fn remove_incidental_whitespace(content: &str) -> String {
    let lines: Vec<&str> = content.split('\n').collect();
    let last = lines.len() - 1;
    let leading = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| *i == last || !line.trim().is_empty())
        .map(|(_, line)| leading(line))
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(content.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let cut = indent.min(leading(line));
        out.push_str(line[cut..].trim_end_matches(' '));
    }
    out
}

/// Expands escapes: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uHHHH` (with surrogate
/// pairs), and an escaped line break, which expands to nothing.
fn unescape(text: &str) -> Result<String, String> {
    if !text.contains('\\') {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('u') => {
                let unit = hex4(&mut chars)?;
                let code = if (0xD800..0xDC00).contains(&unit) {
                    // A high surrogate must be followed by an escaped low one.
                    let low = match (chars.next(), chars.next()) {
                        (Some('\\'), Some('u')) => hex4(&mut chars)?,
                        _ => return Err("Invalid unicode surrogate pair in string".into()),
                    };
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err("Invalid unicode surrogate pair in string".into());
                    }
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    unit
                };
                out.push(char::from_u32(code).ok_or("Invalid unicode surrogate pair in string")?);
            }
            Some(other) => return Err(format!("Invalid escape found in string: `\\{other}`")),
            None => return Err("Invalid escape found in string: `\\`".into()),
        }
    }
    Ok(out)
}

fn hex4(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<u32, String> {
    let mut value = 0;
    for _ in 0..4 {
        let c = chars.next().ok_or("Invalid unclosed unicode escape found in string")?;
        let digit = c.to_digit(16).ok_or_else(|| format!("Invalid unicode escape character: `{c}`"))?;
        value = value * 16 + digit;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(quoted_string(r#"a\"b\\c\/d\n\t\u0041\u00e9"#).unwrap(), "a\"b\\c/d\n\tAé");
        assert_eq!(quoted_string("line\\\nnext").unwrap(), "linenext");
        assert_eq!(quoted_string("a\r\nb\rc").unwrap(), "a\nb\nc");
        assert_eq!(quoted_string(r"\ud83d\ude00").unwrap(), "😀");
        assert_eq!(quoted_string(r"\'").unwrap_err(), "Error parsing quoted string: Invalid escape found in string: `\\'`");
        assert!(quoted_string(r"\u12").unwrap_err().contains("Invalid unclosed unicode escape"));
        assert!(quoted_string(r"\u12tt").unwrap_err().contains("Invalid unicode escape character: `t`"));
    }

    /// The examples of idl.rst "Text blocks" and "Incidental white space removal".
    #[test]
    fn text_blocks_as_the_spec_shows() {
        let spec = "\n    <div>\n        <p>Hello!</p>\n    </div>\n    ";
        assert_eq!(text_block(spec).unwrap(), "<div>\n    <p>Hello!</p>\n</div>\n");
        let no_newline = "\n    <div>\n        <p>Hello!</p>\n    </div>";
        assert_eq!(text_block(no_newline).unwrap(), "<div>\n    <p>Hello!</p>\n</div>");
        let blank_lines = "\n    Foo\n        Baz\n\n  \n    Bar\n    ";
        assert_eq!(text_block(blank_lines).unwrap(), "Foo\n    Baz\n\n\nBar\n");
        let at_margin = "\n    Foo\n        Baz\n    Bar\n";
        assert_eq!(text_block(at_margin).unwrap(), "    Foo\n        Baz\n    Bar\n");
        let right_of_content = "\n    Foo\n        Baz\n    Bar\n            ";
        assert_eq!(text_block(right_of_content).unwrap(), "Foo\n    Baz\nBar\n");
        assert_eq!(text_block("\n    \"hello!\"\n    ").unwrap(), "\"hello!\"\n");
        assert_eq!(text_block("\n    foo \\\"\"\"\n    baz").unwrap(), "foo \"\"\"\nbaz");
        let escapes_after = "\n  <div>\n    <p>Hi\\n    bar</p>\n  </div>\n  ";
        assert_eq!(text_block(escapes_after).unwrap(), "<div>\n  <p>Hi\n    bar</p>\n</div>\n");
        assert_eq!(text_block("\n    Foo \\\n    Baz \\\n    Bam").unwrap(), "Foo Baz Bam");
        assert_eq!(text_block("\n    Foo\n    Baz \\\n    Bam").unwrap(), "Foo\nBaz Bam");
    }

    #[test]
    fn ill_formed_text_blocks() {
        assert_eq!(text_block("").unwrap_err(), "Error parsing text block: Text block is empty");
        assert_eq!(text_block("foo").unwrap_err(), "Error parsing text block: Text block must start with a new line");
        assert_eq!(text_block(" ").unwrap_err(), "Error parsing text block: Text block must start with a new line");
    }
}
