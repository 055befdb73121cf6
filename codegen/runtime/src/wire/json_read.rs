//! Reading JSON bodies: small functions over the pull [`Reader`] that generated deserializers
//! call for each value. Every mismatch is an error value naming the byte offset; `null` reads as
//! an absent value.

// ship-if: big_numbers
use super::super::bignum::{BigDecimal, BigInteger};
// ship-end
// ship-if: blobs
use super::super::blob::{base64_decode, Blob};
// ship-end
// ship-if: timestamps
use super::super::datetime::{DateTime, Format};
// ship-end
// ship-if: documents
use super::super::document::{Document, Number};
// ship-end
use super::super::json::{JsonError, Reader, Token};
use super::DeserializeError;
// ship-if: documents
use std::collections::BTreeMap;
// ship-end

type Result<T> = std::result::Result<T, DeserializeError>;

impl From<JsonError> for DeserializeError {
    fn from(e: JsonError) -> Self {
        DeserializeError::new(e.to_string())
    }
}

fn mismatch(r: &Reader<'_>, expected: &str, got: &Token<'_>) -> DeserializeError {
    let got = match got {
        Token::BeginObject => "an object",
        Token::BeginArray => "an array",
        Token::String(_) => "a string",
        Token::Number(_) => "a number",
        Token::Bool(_) => "a boolean",
        Token::Null => "null",
        Token::Key(_) | Token::EndObject | Token::EndArray => "a misplaced token",
    };
    DeserializeError::new(format!("expected {expected}, found {got} at byte {}", r.offset()))
}

/// The first token of a body, or `None` for an empty body (both JSON protocols read an empty
/// body as `{}`).
pub fn first_token<'a>(r: &mut Reader<'a>, body: &[u8]) -> Result<Option<Token<'a>>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    Ok(Some(r.expect_token()?))
}

/// The end of a JSON body: only whitespace may follow the value.
pub fn end_of_body(r: &mut Reader<'_>) -> Result<()> {
    match r.next_token()? {
        None => Ok(()),
        Some(_) => Err(DeserializeError::new(format!("unexpected data after the body at byte {}", r.offset()))),
    }
}

/// Whether the token starts an object (`true`) or is `null` (`false`); anything else is an error.
pub fn object_start(r: &Reader<'_>, token: &Token<'_>) -> Result<bool> {
    match token {
        Token::BeginObject => Ok(true),
        Token::Null => Ok(false),
        other => Err(mismatch(r, "an object", other)),
    }
}

/// Whether the token starts an array (`true`) or is `null` (`false`).
pub fn array_start(r: &Reader<'_>, token: &Token<'_>) -> Result<bool> {
    match token {
        Token::BeginArray => Ok(true),
        Token::Null => Ok(false),
        other => Err(mismatch(r, "an array", other)),
    }
}

/// [`object_start`] of the value after a member name (or an array element after [`next_item`]).
#[inline]
pub fn object_member(r: &mut Reader<'_>) -> Result<bool> {
    match r.member_object()? {
        Some(open) => Ok(open),
        None => {
            let token = value(r)?;
            object_start(r, &token)
        }
    }
}

/// [`array_start`] of the value after a member name (or an array element after [`next_item`]).
#[inline]
pub fn array_member(r: &mut Reader<'_>) -> Result<bool> {
    match r.member_array()? {
        Some(open) => Ok(open),
        None => {
            let token = value(r)?;
            array_start(r, &token)
        }
    }
}

/// The start of a structure or union: [`object_start`] of `token` when the caller has read the
/// value's first token, else [`object_member`].
#[inline]
pub fn object_begin<'a>(r: &mut Reader<'a>, token: Option<Token<'a>>) -> Result<bool> {
    match token {
        Some(token) => object_start(r, &token),
        None => object_member(r),
    }
}

/// The next member name of the open object, or `None` at its end.
#[inline(always)]
pub fn next_key<'a>(r: &mut Reader<'a>) -> Result<Option<std::borrow::Cow<'a, str>>> {
    Ok(r.next_member()?)
}

/// The first token of the next element of the open array, or `None` at its end.
pub fn next_element<'a>(r: &mut Reader<'a>) -> Result<Option<Token<'a>>> {
    match r.expect_token()? {
        Token::EndArray => Ok(None),
        token => Ok(Some(token)),
    }
}

/// Whether the open array has another element, which is then read as the value after a member
/// name is (by the `*_member` readers, or [`value`]).
#[inline]
pub fn next_item(r: &mut Reader<'_>) -> Result<bool> {
    Ok(r.next_item()?)
}

/// The first token of the value after a member name.
#[inline]
pub fn value<'a>(r: &mut Reader<'a>) -> Result<Token<'a>> {
    Ok(r.member_value()?)
}

/// Skips a value the model does not know (nested values included).
pub fn skip<'a>(r: &mut Reader<'a>, token: &Token<'a>) -> Result<()> {
    Ok(r.skip_value(token)?)
}

/// Skips the value after a member name (a member the model does not know).
pub fn skip_member(r: &mut Reader<'_>) -> Result<()> {
    let token = value(r)?;
    skip(r, &token)
}

// The `*_member` readers below read the value after a member name (or the array element after
// `next_item`) straight from the reader in
// the common case, without a `Token` in between; for any other value they fall back to the
// token readers, so what is accepted and every error message stay the same.

/// [`string`] of the value after a member name, copied into a `String` of its exact length.
#[inline]
pub fn string_member(r: &mut Reader<'_>) -> Result<Option<String>> {
    match r.member_string()? {
        Some(s) => Ok(Some(s.into_owned())),
        None => {
            let token = value(r)?;
            string(r, token)
        }
    }
}

/// [`enum_value`] of the value after a member name.
#[inline]
pub fn enum_member<T: for<'s> From<&'s str>>(r: &mut Reader<'_>) -> Result<Option<T>> {
    match r.member_string()? {
        Some(s) => Ok(Some(T::from(&s))),
        None => {
            let token = value(r)?;
            enum_value(r, token)
        }
    }
}

/// [`integer`] of the value after a member name.
#[inline]
pub fn integer_member<T: TryFrom<i64>>(r: &mut Reader<'_>) -> Result<Option<T>> {
    match r.member_i64() {
        Some(n) => match T::try_from(n) {
            Ok(v) => Ok(Some(v)),
            // Written as it was read (no leading zeros, and `-0` is never out of range).
            Err(_) => Err(out_of_range(r, &n.to_string())),
        },
        None => {
            let token = value(r)?;
            integer(r, token)
        }
    }
}

/// A string (enums too).
pub fn string(r: &Reader<'_>, token: Token<'_>) -> Result<Option<String>> {
    match token {
        Token::String(s) => Ok(Some(s.into_owned())),
        Token::Null => Ok(None),
        other => Err(mismatch(r, "a string", &other)),
    }
}

/// An enum from its string, without allocating for a known value.
pub fn enum_value<T: for<'s> From<&'s str>>(r: &Reader<'_>, token: Token<'_>) -> Result<Option<T>> {
    match token {
        Token::String(s) => Ok(Some(T::from(&s))),
        Token::Null => Ok(None),
        other => Err(mismatch(r, "a string", &other)),
    }
}

/// `true` / `false`.
pub fn boolean(r: &Reader<'_>, token: Token<'_>) -> Result<Option<bool>> {
    match token {
        Token::Bool(b) => Ok(Some(b)),
        Token::Null => Ok(None),
        other => Err(mismatch(r, "a boolean", &other)),
    }
}

/// An integer of the target width; a fraction, exponent or out-of-range value is an error.
pub fn integer<T: TryFrom<i64>>(r: &Reader<'_>, token: Token<'_>) -> Result<Option<T>> {
    match token {
        Token::Number(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|n| T::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| out_of_range(r, text)),
        Token::Null => Ok(None),
        other => Err(mismatch(r, "an integer", &other)),
    }
}

#[cold]
fn out_of_range(r: &Reader<'_>, text: &str) -> DeserializeError {
    DeserializeError::new(format!("`{}` is not an integer of the expected range at byte {}", truncate(text), r.offset()))
}

/// A double: a finite number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub fn double(r: &Reader<'_>, token: Token<'_>) -> Result<Option<f64>> {
    match token {
        Token::Number(text) => match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(DeserializeError::new(format!(
                "`{}` is out of the range of a double at byte {}",
                truncate(text),
                r.offset()
            ))),
        },
        Token::String(s) => match s.as_ref() {
            "NaN" => Ok(Some(f64::NAN)),
            "Infinity" => Ok(Some(f64::INFINITY)),
            "-Infinity" => Ok(Some(f64::NEG_INFINITY)),
            _ => Err(mismatch(r, "a number", &Token::String(s))),
        },
        Token::Null => Ok(None),
        other => Err(mismatch(r, "a number", &other)),
    }
}

/// A float: a finite number, or `"NaN"`, `"Infinity"`, `"-Infinity"`. Numbers are parsed as
/// `f32` directly: going through `f64` rounds twice, and rejects `3.4028235e38` (`f32::MAX`
/// as written) for being above `f32::MAX` widened to `f64`.
pub fn float(r: &Reader<'_>, token: Token<'_>) -> Result<Option<f32>> {
    match token {
        Token::Number(text) => match text.parse::<f32>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(DeserializeError::new(format!(
                "`{}` is out of the range of a float at byte {}",
                truncate(text),
                r.offset()
            ))),
        },
        // The strings are the same as a double's.
        token => Ok(double(r, token)?.map(|v| v as f32)),
    }
}

// ship-if: big_numbers
/// A bigInteger, kept exactly as written.
pub fn big_integer(r: &Reader<'_>, token: Token<'_>) -> Result<Option<BigInteger>> {
    match token {
        Token::Number(text) => text.parse().map(Some).map_err(|e| DeserializeError::new(format!("{e} at byte {}", r.offset()))),
        Token::Null => Ok(None),
        other => Err(mismatch(r, "an integer", &other)),
    }
}

/// A bigDecimal, kept exactly as written.
pub fn big_decimal(r: &Reader<'_>, token: Token<'_>) -> Result<Option<BigDecimal>> {
    match token {
        Token::Number(text) => text.parse().map(Some).map_err(|e| DeserializeError::new(format!("{e} at byte {}", r.offset()))),
        Token::Null => Ok(None),
        other => Err(mismatch(r, "a number", &other)),
    }
}
// ship-end

// ship-if: blobs
/// A blob from its base64 string.
pub fn blob(r: &Reader<'_>, token: Token<'_>) -> Result<Option<Blob>> {
    match token {
        Token::String(s) => base64_decode(s.as_bytes())
            .map(|b| Some(Blob::new(b)))
            .map_err(|e| DeserializeError::new(format!("invalid base64 at byte {}: {e}", r.offset()))),
        Token::Null => Ok(None),
        other => Err(mismatch(r, "a base64 string", &other)),
    }
}
// ship-end

// ship-if: timestamps
/// [`timestamp`] of the value after a member name.
#[inline]
pub fn timestamp_member(r: &mut Reader<'_>, format: Format) -> Result<Option<DateTime>> {
    let token = match format {
        Format::EpochSeconds => r.member_number()?.map(Token::Number),
        Format::DateTime | Format::HttpDate => r.member_string()?.map(Token::String),
    };
    match token {
        Some(token) => timestamp(r, token, format),
        None => {
            let token = value(r)?;
            timestamp(r, token, format)
        }
    }
}

/// A timestamp: epoch seconds are numbers, the other formats strings.
pub fn timestamp(r: &Reader<'_>, token: Token<'_>, format: Format) -> Result<Option<DateTime>> {
    let parsed = match (&token, format) {
        (Token::Null, _) => return Ok(None),
        (Token::Number(text), Format::EpochSeconds) => DateTime::parse(format, text),
        (Token::String(text), Format::DateTime | Format::HttpDate) => DateTime::parse(format, text),
        (other, Format::EpochSeconds) => return Err(mismatch(r, "epoch seconds", other)),
        (other, _) => return Err(mismatch(r, "a timestamp string", other)),
    };
    parsed.map(Some).map_err(|e| DeserializeError::new(format!("{e} at byte {}", r.offset())))
}
// ship-end

// ship-if: documents
/// A document: any JSON value (the reader bounds its depth).
pub fn document(r: &mut Reader<'_>, token: Token<'_>) -> Result<Option<Document>> {
    match token {
        Token::Null => Ok(None),
        token => document_value(r, token).map(Some),
    }
}

fn document_value(r: &mut Reader<'_>, token: Token<'_>) -> Result<Document> {
    Ok(match token {
        Token::Null => Document::Null,
        Token::Bool(b) => Document::Bool(b),
        Token::String(s) => Document::String(s.into_owned()),
        Token::Number(text) => Document::Number(document_number(r, text)?),
        Token::BeginArray => {
            let mut items = Vec::new();
            while let Some(token) = next_element(r)? {
                items.push(document_value(r, token)?);
            }
            Document::Array(items)
        }
        Token::BeginObject => {
            let mut map = BTreeMap::new();
            while let Some(key) = next_key(r)? {
                let token = value(r)?;
                map.insert(key.into_owned(), document_value(r, token)?);
            }
            Document::Object(map)
        }
        other => return Err(mismatch(r, "a value", &other)),
    })
}

fn document_number(r: &Reader<'_>, text: &str) -> Result<Number> {
    if let Ok(n) = text.parse::<u64>() {
        return Ok(Number::PosInt(n));
    }
    if let Ok(n) = text.parse::<i64>() {
        return Ok(Number::NegInt(n));
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Number::Float(f)),
        _ => Err(DeserializeError::new(format!("`{}` is out of range at byte {}", truncate(text), r.offset()))),
    }
}
// ship-end

/// Hostile input can hold a huge number; error messages show only its start.
fn truncate(text: &str) -> &str {
    match text.char_indices().nth(32) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> (Reader<'_>, Token<'_>) {
        let mut r = Reader::new(text.as_bytes());
        let t = r.expect_token().unwrap();
        (r, t)
    }

    #[test]
    fn scalars() {
        let (r, t) = first("\"a\\u0041\"");
        assert_eq!(string(&r, t).unwrap().as_deref(), Some("aA"));
        let (r, t) = first("null");
        assert_eq!(string(&r, t).unwrap(), None);
        let (r, t) = first("2147483647");
        assert_eq!(integer::<i32>(&r, t).unwrap(), Some(i32::MAX));
        for bad in ["2147483648", "1.0", "1e2", "1e400", "\"1\""] {
            let (r, t) = first(bad);
            assert!(integer::<i32>(&r, t).is_err(), "{bad}");
        }
        let (r, t) = first("\"-Infinity\"");
        assert_eq!(double(&r, t).unwrap(), Some(f64::NEG_INFINITY));
        let (r, t) = first("\"NaN\"");
        assert!(double(&r, t).unwrap().unwrap().is_nan());
        let (r, t) = first("1e400");
        assert!(double(&r, t).is_err());
        let (r, t) = first("1e39");
        assert!(float(&r, t).is_err());
        let (r, t) = first("3.4028235e38");
        assert_eq!(float(&r, t).unwrap(), Some(f32::MAX));
        let (r, t) = first("\"-Infinity\"");
        assert_eq!(float(&r, t).unwrap(), Some(f32::NEG_INFINITY));
        let (r, t) = first("1.591735225353E9");
        let ts = timestamp(&r, t, Format::EpochSeconds).unwrap().unwrap();
        assert_eq!((ts.secs(), ts.subsec_nanos()), (1_591_735_225, 353_000_000));
        let (r, t) = first("\"2019-12-16T22:48:18-01:00\"");
        assert_eq!(timestamp(&r, t, Format::DateTime).unwrap(), Some(DateTime::from_secs(1_576_540_098)));
        let (r, t) = first("\"YmluYXJ5LXZhbHVl\"");
        assert_eq!(blob(&r, t).unwrap().unwrap().as_ref(), b"binary-value");
        let (r, t) = first("123456789012345678901234567890");
        assert_eq!(big_integer(&r, t).unwrap().unwrap().as_str(), "123456789012345678901234567890");
    }

    #[test]
    fn timestamps_keep_nanoseconds() {
        // Epoch-seconds numbers are read from their text, not through f64 (which would give
        // 1576540098.1234567165… and 9007199254.7409934997…).
        for (text, secs, nanos) in [
            ("1576540098.5", 1_576_540_098, 500_000_000),
            ("1576540098.123456789", 1_576_540_098, 123_456_789),
            ("9007199254.740993", 9_007_199_254, 740_993_000),
            ("1.576540098123456789E9", 1_576_540_098, 123_456_789),
            ("-1.5", -2, 500_000_000),
        ] {
            let (r, t) = first(text);
            let ts = timestamp(&r, t, Format::EpochSeconds).unwrap().unwrap();
            assert_eq!((ts.secs(), ts.subsec_nanos()), (secs, nanos), "{text}");
        }
        let (r, t) = first("\"2019-12-16T22:48:18.123456789-01:00\"");
        let ts = timestamp(&r, t, Format::DateTime).unwrap().unwrap();
        assert_eq!((ts.secs(), ts.subsec_nanos()), (1_576_540_098, 123_456_789));
        let (r, t) = first("\"Mon, 16 Dec 2019 23:48:18.000000001 GMT\"");
        let ts = timestamp(&r, t, Format::HttpDate).unwrap().unwrap();
        assert_eq!((ts.secs(), ts.subsec_nanos()), (1_576_540_098, 1));
    }

    #[test]
    fn documents_and_skipping() {
        let (mut r, t) = first(r#"{"a":[1,-2,1.5,"x",null,true],"b":{}}"#);
        let doc = document(&mut r, t).unwrap().unwrap();
        let a = doc.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[0], Document::Number(Number::PosInt(1)));
        assert_eq!(a[1], Document::Number(Number::NegInt(-2)));
        assert_eq!(a[4], Document::Null);
        let (mut r, t) = first(r#"{"skip":{"deep":[1,{"x":2}]},"keep":3}"#);
        assert!(object_start(&r, &t).unwrap());
        let key = next_key(&mut r).unwrap().unwrap();
        assert_eq!(key, "skip");
        let v = value(&mut r).unwrap();
        skip(&mut r, &v).unwrap();
        assert_eq!(next_key(&mut r).unwrap().unwrap(), "keep");
        let v = value(&mut r).unwrap();
        assert_eq!(integer::<i64>(&r, v).unwrap(), Some(3));
        assert!(next_key(&mut r).unwrap().is_none());
    }

    #[test]
    fn mismatches_name_the_offset() {
        let (r, t) = first("[1]");
        let err = string(&r, t).unwrap_err().to_string();
        assert_eq!(err, "expected a string, found an array at byte 1");
    }
}
