//! restJson1 HTTP bindings: percent-encoding for labels and query strings, and the text forms
//! of header values (http-bindings.rst, "Serialization rules" of the `httpLabel`, `httpQuery`
//! and `httpHeader` traits).

// ship-if: timestamps
use super::super::datetime::{DateTime, Format};
// ship-end
use super::json_write::special_float;
use super::{DeserializeError, SerializeError};

// The encoding is the runtime's one percent-encoder; generated code names it from here.
pub use super::super::percent::{encode as percent_encode, encoded_len as percent_encoded_len};
pub use super::super::percent::push_encoded as push_percent_encoded;

/// A label value, checked: empty is an error (the service would see a different path). Write it
/// with [`push_percent_encoded`].
pub fn label<'v>(name: &str, value: Option<&'v str>) -> Result<&'v str, SerializeError> {
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(SerializeError::new(format!("the HTTP label `{name}` cannot be empty or unset"))),
    }
}

/// A float in a label, query or header: `NaN`, `Infinity`, `-Infinity` or the number, printed
/// at its own width: an `f32` 0.1 is `0.1`, not the `0.10000000149011612` of its `f64` widening.
pub fn float_text<F: Copy + Into<f64> + ToString>(value: F) -> String {
    special_float(value.into()).map_or_else(|| value.to_string(), String::from)
}

// ship-if: timestamps
/// A timestamp in a label, query or header.
pub fn timestamp_text(value: &DateTime, format: Format) -> Result<String, SerializeError> {
    value.fmt(format).map_err(|e| SerializeError::new(e.to_string()))
}

// ship-end
/// Appends `name=value` to the query string that starts at `query_start` in `path` (`?` first,
/// then `&`).
pub fn push_query(path: &mut String, query_start: usize, name: &str, value: &str) {
    path.push(if path.len() == query_start { '?' } else { '&' });
    push_percent_encoded(path, name, false);
    path.push('=');
    push_percent_encoded(path, value, false);
}

/// A header list: items joined with `", "`; string items holding `,` or `"` are quoted.
pub fn header_list(items: &[String], quote: bool) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|item| {
            if quote && (item.contains(',') || item.contains('"')) {
                format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                item.clone()
            }
        })
        .collect();
    quoted.join(", ")
}

/// Splits a header list back into items, honouring quotes (the reverse of [`header_list`]).
/// An empty value is an empty list: that is how an empty list is sent (restJson1 compliance
/// test `RestJsonNullAndEmptyHeaders`).
pub fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    if value.trim().is_empty() {
        return items;
    }
    let mut current = String::new();
    let mut chars = value.chars();
    let mut in_quotes = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\\' if in_quotes => current.extend(chars.next()),
            ',' if !in_quotes => items.push(std::mem::take(&mut current).trim().to_string()),
            c => current.push(c),
        }
    }
    items.push(current.trim().to_string());
    items
}

/// Splits a list of http-date timestamps: every second comma separates items. An empty value
/// is an empty list.
pub fn split_http_dates(value: &str) -> Vec<String> {
    if value.trim().is_empty() {
        return Vec::new();
    }
    let parts: Vec<&str> = value.split(',').collect();
    parts.chunks(2).map(|pair| pair.join(",").trim().to_string()).collect()
}

/// A response header parsed with `parse`; an absent header is `None`, one that does not parse
/// (or is not text) an error naming it.
pub fn header<T>(
    headers: &http::HeaderMap,
    name: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>, DeserializeError> {
    let Some(value) = headers.get(name) else { return Ok(None) };
    value
        .to_str()
        .ok()
        .and_then(|text| parse(text.trim()))
        .map(Some)
        .ok_or_else(|| DeserializeError::new(format!("the `{name}` header does not hold a valid value")))
}

/// Every response header whose name starts with `prefix` (case-insensitively), prefix removed.
pub fn prefix_headers(headers: &http::HeaderMap, prefix: &str) -> std::collections::HashMap<String, String> {
    let prefix = prefix.to_ascii_lowercase();
    headers
        .iter()
        .filter_map(|(name, value)| {
            let rest = name.as_str().strip_prefix(prefix.as_str())?;
            Some((rest.to_string(), value.to_str().ok()?.to_string()))
        })
        .collect()
}

/// A double from its text form in a header (`NaN`, `Infinity`, `-Infinity`, or a finite
/// number: Rust's own `inf`/`nan` spellings and out-of-range numbers are not values).
pub fn parse_float(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => text.parse::<f64>().ok().filter(|v| v.is_finite()),
    }
}

/// A float from its text form in a header, parsed at its own width (as [`parse_float`]).
pub fn parse_float32(text: &str) -> Option<f32> {
    match text {
        "NaN" => Some(f32::NAN),
        "Infinity" => Some(f32::INFINITY),
        "-Infinity" => Some(f32::NEG_INFINITY),
        _ => text.parse::<f32>().ok().filter(|v| v.is_finite()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        assert_eq!(
            percent_encode(" %:/?#[]@!$&'()*+,;=😹", false),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(percent_encode("there/guy", true), "there/guy");
        assert_eq!(percent_encode("hello/escape", false), "hello%2Fescape");
        assert_eq!(
            percent_encode("arn:aws:mpa:us-east-1:111122223333:session/a/b", false),
            "arn%3Aaws%3Ampa%3Aus-east-1%3A111122223333%3Asession%2Fa%2Fb"
        );
        assert_eq!(label("X", Some("a")), Ok("a"));
        assert!(label("X", Some("")).is_err());
        assert!(label("X", None).is_err());
        // The length is known before writing, so a buffer is sized exactly once.
        for (value, greedy) in [("", false), ("a b/c", false), ("a b/c", true), ("\u{e9}\u{1F639}%", false)] {
            assert_eq!(percent_encoded_len(value, greedy), percent_encode(value, greedy).len(), "{value:?}");
        }
        let mut out = String::from("/x/");
        push_percent_encoded(&mut out, "\u{e9}t\u{e9}", false);
        assert_eq!(out, "/x/%C3%A9t%C3%A9");
    }

    #[test]
    fn query_and_headers() {
        let mut q = String::from("/p");
        push_query(&mut q, 2, "a b", "c&d");
        push_query(&mut q, 2, "e", "");
        assert_eq!(q, "/p?a%20b=c%26d&e=");
        let items = vec!["b,c".to_string(), "\"def\"".to_string(), "a".to_string()];
        let joined = header_list(&items, true);
        assert_eq!(joined, r#""b,c", "\"def\"", a"#);
        assert_eq!(split_header_list(&joined), items);
        assert_eq!(
            split_http_dates("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT"),
            ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"]
        );
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(1.5), "1.5");
        assert_eq!(float_text(0.1f32), "0.1");
        assert_eq!(parse_float32("3.4028235e38"), Some(f32::MAX));
        assert_eq!(parse_float32("1e39"), None);
        assert_eq!(parse_float("1e400"), None);
        assert_eq!(parse_float("inf"), None);
        assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(float_text(f32::NEG_INFINITY), "-Infinity");
        assert!(split_header_list("").is_empty());
        assert!(split_http_dates(" ").is_empty());
        assert_eq!(split_header_list(r#""", a"#), ["", "a"]);
    }

    #[test]
    fn timestamps_keep_nanoseconds() {
        let t = DateTime::from_secs_and_nanos(1_576_540_098, 123_456_789);
        assert_eq!(timestamp_text(&t, Format::EpochSeconds).unwrap(), "1576540098.123456789");
        assert_eq!(timestamp_text(&t, Format::DateTime).unwrap(), "2019-12-16T23:48:18.123456789Z");
        assert_eq!(timestamp_text(&t, Format::HttpDate).unwrap(), "Mon, 16 Dec 2019 23:48:18 GMT");
        // Percent-encoding in a query or label keeps `.` and the digits.
        let mut q = String::new();
        push_query(&mut q, 0, "t", &timestamp_text(&t, Format::DateTime).unwrap());
        assert_eq!(q, "?t=2019-12-16T23%3A48%3A18.123456789Z");
        // Generated code reads a header back with DateTime::parse: every digit returns.
        let text = timestamp_text(&t, Format::EpochSeconds).unwrap();
        assert_eq!(DateTime::parse(Format::EpochSeconds, &text), Ok(t));
        assert!(timestamp_text(&DateTime::from_secs(i64::MAX), Format::DateTime).is_err());
    }
}
