//! The readers generated deserializers call (`wire::json_read`): the `*_member` readers, which
//! read a member's value straight from the reader, must accept, reject and report exactly what
//! the token readers do, for every kind of value and every way of breaking one; integers and
//! epoch-seconds timestamps are checked at their bounds against values written by hand.

use runtime::datetime::{DateTime, Format};
use runtime::json::{parse, JsonError, Reader, Token, Value};
use runtime::wire::json_read as read;
use runtime::wire::DeserializeError;

/// A result as text: the value's `Debug`, or the error's message.
fn shown<T: std::fmt::Debug>(result: Result<T, DeserializeError>) -> String {
    match result {
        Ok(v) => format!("ok {v:?}"),
        Err(e) => format!("error {e}"),
    }
}

/// Reads `{"k":<value>,"z":1}` (with `value` spliced in as bytes) through `member` and then the
/// rest of the object; the outcome of every step as text, up to the first error.
fn drive<T: std::fmt::Debug>(
    doc: &[u8],
    member: impl Fn(&mut Reader<'_>) -> Result<Option<T>, DeserializeError>,
) -> Vec<String> {
    let mut steps = Vec::new();
    let r = &mut Reader::new(doc);
    let mut step = |r: &mut Reader<'_>| -> Result<(), DeserializeError> {
        let Some(token) = read::first_token(r, doc)? else { return Ok(()) };
        if !read::object_start(r, &token)? {
            return Ok(());
        }
        while let Some(key) = read::next_key(r)? {
            let got = if key == "k" { shown(member(r)) } else { shown(read::integer_member::<i64>(r)) };
            let failed = got.starts_with("error");
            steps.push(format!("{key}: {got}"));
            if failed {
                return Ok(());
            }
        }
        read::end_of_body(r)
    };
    let end = shown(step(r));
    steps.push(end);
    steps
}

/// Member values of every kind, well-formed and not (spliced in after `"k":`).
fn values() -> Vec<Vec<u8>> {
    let mut values: Vec<Vec<u8>> = [
        r#""plain""#, r#""""#, r#""a\u0041b""#, r#""\ud83d\ude00""#, r#""\"\\\/\b\f\n\r\t""#, "\"\u{e9}\u{1f600}\"",
        r#""\x""#, r#""\ud83d""#, r#""\udc00x""#, r#""\u12""#, "\"a\u{1}b\"", r#""unterminated"#, r#""a\"#,
        "0", "-0", "7", "-7", "127", "128", "-128", "-129", "32767", "32768", "-32768", "-32769",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "00", "01", "-01", "1.", "1.0", ".5",
        "-", "--1", "+1", "1e", "1e2", "1E+2", "1e-2", "1e400", "1.5e-400", "0.000001", "1717171717.123",
        "1717171717.1234567891", "-1.5", "-0.0000000001", "123456789012345678", "1234567890123456789.5",
        "null", "true", "false", "nul", "tru", "[]", "[1,\"a\"]", "{}", r#"{"a":{"b":[null]}}"#, "[", "{", "}", "]",
        r#""2019-12-16T22:48:18-01:00""#, r#""2019-12-16T22:48:18.123456789Z""#, r#""Mon, 16 Dec 2019 23:48:18 GMT""#,
        r#""2019-13-16T22:48:18Z""#, r#""SSE_KMS""#, r#""NaN""#, "", " ", ",",
    ]
    .iter()
    .map(|v| v.as_bytes().to_vec())
    .collect();
    // Invalid UTF-8 inside a string, and a stray high byte outside one.
    values.push(b"\"a\xff\"".to_vec());
    values.push(b"\"\xc3\"".to_vec());
    values.push(b"\xe9".to_vec());
    values
}

/// Every value, bare and surrounded by whitespace, in a full object and cut short anywhere.
fn documents() -> Vec<Vec<u8>> {
    let mut docs = Vec::new();
    for value in values() {
        for (before, after) in [("", ""), (" \n\t", "\r\n ")] {
            let mut doc = format!("{{\"k\"{before}:{before}").into_bytes();
            doc.extend_from_slice(&value);
            doc.extend_from_slice(format!("{after},\"z\":1}}").as_bytes());
            for end in 0..doc.len() {
                docs.push(doc[..end].to_vec());
            }
            docs.push(doc);
        }
    }
    docs
}

#[test]
fn member_readers_agree_with_the_token_readers_on_every_input() {
    let docs = documents();
    assert!(docs.len() > 3_000);
    for doc in &docs {
        let text = String::from_utf8_lossy(doc);
        let by_token = drive(doc, |r| {
            let token = read::value(r)?;
            read::string(r, token)
        });
        assert_eq!(drive(doc, read::string_member), by_token, "string: {text}");
        let by_token = drive(doc, |r| {
            let token = read::value(r)?;
            read::enum_value::<String>(r, token)
        });
        assert_eq!(drive(doc, read::enum_member::<String>), by_token, "enum: {text}");
        macro_rules! integers {
            ($($t:ty),*) => {$(
                let by_token = drive(doc, |r| {
                    let token = read::value(r)?;
                    read::integer::<$t>(r, token)
                });
                assert_eq!(drive(doc, read::integer_member::<$t>), by_token, "{}: {text}", stringify!($t));
            )*};
        }
        integers!(i8, i16, i32, i64);
        for format in [Format::EpochSeconds, Format::DateTime, Format::HttpDate] {
            let by_token = drive(doc, |r| {
                let token = read::value(r)?;
                read::timestamp(r, token, format)
            });
            assert_eq!(drive(doc, |r| read::timestamp_member(r, format)), by_token, "{format}: {text}");
        }
        // Containers are left open: the steps after compare what is read inside them.
        let by_token = drive(doc, |r| {
            let token = read::value(r)?;
            read::object_start(r, &token).map(Some)
        });
        assert_eq!(drive(doc, |r| read::object_member(r).map(Some)), by_token, "object: {text}");
        assert_eq!(drive(doc, |r| read::object_begin(r, None).map(Some)), by_token, "object: {text}");
        let by_token = drive(doc, |r| {
            let token = read::value(r)?;
            read::array_start(r, &token).map(Some)
        });
        assert_eq!(drive(doc, |r| read::array_member(r).map(Some)), by_token, "array: {text}");
        let by_token = drive(doc, |r| {
            let token = read::value(r)?;
            read::skip(r, &token).map(Some)
        });
        assert_eq!(drive(doc, |r| read::skip_member(r).map(Some)), by_token, "skip: {text}");
    }
}

/// The value of `"k"` in `{"k":<text>}` read by `member`.
fn member<T>(text: &str, member: impl Fn(&mut Reader<'_>) -> Result<Option<T>, DeserializeError>) -> Result<Option<T>, String> {
    let doc = format!("{{\"k\":{text}}}");
    let r = &mut Reader::new(doc.as_bytes());
    let token = read::first_token(r, doc.as_bytes()).unwrap().unwrap();
    assert!(read::object_start(r, &token).unwrap());
    assert_eq!(read::next_key(r).unwrap().as_deref(), Some("k"));
    let value = member(r).map_err(|e| e.to_string())?;
    assert!(read::next_key(r).unwrap().is_none());
    read::end_of_body(r).unwrap();
    Ok(value)
}

#[test]
fn integers_at_their_bounds_and_one_past() {
    assert_eq!(member("2147483647", read::integer_member::<i32>), Ok(Some(i32::MAX)));
    assert_eq!(member("-2147483648", read::integer_member::<i32>), Ok(Some(i32::MIN)));
    assert_eq!(member("9223372036854775807", read::integer_member::<i64>), Ok(Some(i64::MAX)));
    assert_eq!(member("-9223372036854775808", read::integer_member::<i64>), Ok(Some(i64::MIN)));
    assert_eq!(member("127", read::integer_member::<i8>), Ok(Some(127i8)));
    assert_eq!(member("-32768", read::integer_member::<i16>), Ok(Some(i16::MIN)));
    assert_eq!(member("-0", read::integer_member::<i32>), Ok(Some(0)));
    assert_eq!(member("null", read::integer_member::<i32>), Ok(None));
    for (text, message) in [
        ("2147483648", "`2147483648` is not an integer of the expected range at byte 15"),
        ("-2147483649", "`-2147483649` is not an integer of the expected range at byte 16"),
        ("1.0", "`1.0` is not an integer of the expected range at byte 8"),
        ("1e2", "`1e2` is not an integer of the expected range at byte 8"),
        ("\"1\"", "expected an integer, found a string at byte 8"),
    ] {
        assert_eq!(member(text, read::integer_member::<i32>), Err(message.to_string()), "{text}");
    }
    for text in ["9223372036854775808", "-9223372036854775809", "99999999999999999999999"] {
        assert!(member(text, read::integer_member::<i64>).is_err(), "{text}");
    }
    assert!(member("128", read::integer_member::<i8>).is_err());
    assert!(member("-32769", read::integer_member::<i16>).is_err());
}

#[test]
fn strings_and_escaped_member_names() {
    assert_eq!(member(r#""a\u0041\n\ud83d\ude00""#, read::string_member), Ok(Some("aA\n\u{1f600}".to_string())));
    assert_eq!(member("\"caf\u{e9}\"", read::string_member), Ok(Some("caf\u{e9}".to_string())));
    assert_eq!(member("null", read::string_member), Ok(None));
    assert_eq!(member("[1]", read::string_member), Err("expected a string, found an array at byte 6".to_string()));
    // A plain string is copied into a `String` of exactly its length.
    let s = member(r#""arn:aws:kms:us-east-1:111122223333:key/k""#, read::string_member).unwrap().unwrap();
    assert_eq!(s.capacity(), s.len());
    // Escaped member names are the names they spell (RFC 8259 section 7).
    let doc = br#"{"\u004bms\u004Bey" : "x", "K\/ey":1, "\"":2}"#;
    let r = &mut Reader::new(doc);
    let token = read::first_token(r, doc).unwrap().unwrap();
    assert!(read::object_start(r, &token).unwrap());
    assert_eq!(read::next_key(r).unwrap().as_deref(), Some("KmsKey"));
    assert_eq!(read::string_member(r).unwrap().as_deref(), Some("x"));
    assert_eq!(read::next_key(r).unwrap().as_deref(), Some("K/ey"));
    assert_eq!(read::integer_member::<i32>(r).unwrap(), Some(1));
    assert_eq!(read::next_key(r).unwrap().as_deref(), Some("\""));
    assert_eq!(read::integer_member::<i32>(r).unwrap(), Some(2));
    assert!(read::next_key(r).unwrap().is_none());
}

#[test]
fn epoch_seconds_at_the_edges() {
    let ts = |text: &str| member(text, |r| read::timestamp_member(r, Format::EpochSeconds));
    let at = |secs: i64, nanos: u32| Ok(Some(DateTime::from_secs_and_nanos(secs, nanos)));
    assert_eq!(ts("0"), at(0, 0));
    assert_eq!(ts("-0"), at(0, 0));
    assert_eq!(ts("-0.0"), at(0, 0));
    assert_eq!(ts("1717171717.123"), at(1_717_171_717, 123_000_000));
    assert_eq!(ts("1717171717.123456789"), at(1_717_171_717, 123_456_789));
    // Below a nanosecond: toward the past.
    assert_eq!(ts("1717171717.1234567899"), at(1_717_171_717, 123_456_789));
    assert_eq!(ts("-1.5"), at(-2, 500_000_000));
    assert_eq!(ts("-1.0000000001"), at(-2, 999_999_999));
    assert_eq!(ts("-0.9999999999"), at(-1, 0));
    assert_eq!(ts("-0.0000000001"), at(-1, 999_999_999));
    assert_eq!(ts("-1.0000000000"), at(-1, 0));
    assert_eq!(ts("-1717171717.5"), at(-1_717_171_718, 500_000_000));
    // 18 integer digits (the most the plain-decimal reading takes) and more.
    assert_eq!(ts("999999999999999999.999999999"), at(999_999_999_999_999_999, 999_999_999));
    assert_eq!(ts("-999999999999999999.9999999991"), at(-1_000_000_000_000_000_000, 0));
    assert_eq!(ts("9223372036854775807"), at(i64::MAX, 0));
    assert_eq!(ts("-9223372036854775808"), at(i64::MIN, 0));
    assert!(ts("9223372036854775808").is_err());
    assert!(ts("-9223372036854775808.5").is_err());
    // Exponents, large and small.
    assert_eq!(ts("1.717171717123E9"), at(1_717_171_717, 123_000_000));
    assert_eq!(ts("17171717171230e-4"), at(1_717_171_717, 123_000_000));
    assert_eq!(ts("-15e-1"), at(-2, 500_000_000));
    assert_eq!(ts("1e-400"), at(0, 0));
    assert_eq!(ts("-1e-400"), at(-1, 999_999_999));
    assert_eq!(ts("0e999999999999999999999"), at(0, 0));
    assert!(ts("1e19").is_err());
    assert!(ts("1e999999999999999999999").is_err());
    assert_eq!(ts("\"1\""), Err("expected epoch seconds, found a string at byte 8".to_string()));
}

#[test]
fn epoch_seconds_read_the_same_with_and_without_an_exponent() {
    // The plain decimal form takes its own path; `e0` (and shifted exponents) the general one.
    let mut random: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: u64| {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        random % bound
    };
    for _ in 0..20_000 {
        let sign = if next(2) == 0 { "" } else { "-" };
        let integer = match next(4) {
            0 => "0".to_string(),
            1 => next(1_000).to_string(),
            2 => next(10_000_000_000).to_string(),
            _ => (next(900_000_000_000_000_000) + 100_000_000_000_000_000).to_string(),
        };
        let fraction: String = (0..next(14)).map(|_| char::from(b'0' + next(10) as u8)).collect();
        let plain = if fraction.is_empty() { format!("{sign}{integer}") } else { format!("{sign}{integer}.{fraction}") };
        let digits = format!("{integer}{fraction}");
        let digits = match digits.trim_start_matches('0') {
            "" => "0",
            trimmed => trimmed,
        };
        let shifted = format!("{sign}{digits}e-{}", fraction.len());
        let plain_ts = DateTime::parse(Format::EpochSeconds, &plain);
        assert_eq!(plain_ts, DateTime::parse(Format::EpochSeconds, &format!("{plain}e0")), "{plain}");
        assert_eq!(plain_ts, DateTime::parse(Format::EpochSeconds, &shifted), "{plain}");
    }
}

/// The value starting with `first`, with objects read by `next_member` and `member_value`
/// (the calls generated code makes) and arrays by `expect_token`.
fn build_by_members<'a>(r: &mut Reader<'a>, first: Token<'a>) -> Result<Value, JsonError> {
    Ok(match first {
        Token::BeginObject => {
            let mut members = Vec::new();
            while let Some(key) = r.next_member()? {
                let token = r.member_value()?;
                members.push((key.into_owned(), build_by_members(r, token)?));
            }
            Value::Object(members)
        }
        Token::BeginArray => {
            let mut items = Vec::new();
            loop {
                match r.expect_token()? {
                    Token::EndArray => break Value::Array(items),
                    token => items.push(build_by_members(r, token)?),
                }
            }
        }
        Token::Null => Value::Null,
        Token::Bool(b) => Value::Bool(b),
        Token::String(s) => Value::String(s.into_owned()),
        Token::Number(n) => parse(n.as_bytes())?,
        Token::Key(_) | Token::EndObject | Token::EndArray => return Err(r.error(runtime::json::JsonErrorKind::UnexpectedToken)),
    })
}

fn parse_by_members(doc: &[u8]) -> Result<Value, JsonError> {
    let r = &mut Reader::new(doc);
    let first = r.expect_token()?;
    let value = build_by_members(r, first)?;
    match r.next_token()? {
        None => Ok(value),
        Some(_) => Err(r.error(runtime::json::JsonErrorKind::TrailingCharacters)),
    }
}

#[test]
fn member_names_read_as_the_token_stream_reads_them() {
    let docs = [
        r#"{"a":1,"b":{"c":[true,{"d":null}],"\u0065":"\"x\""},"f":[],"g":{}}"#,
        r#"{ "a" : 1 , "b" :{ } ,"c" :[ 1 , { } ] }"#,
        r#"{"\u004bms\u004Bey":"k","K\/ey":2,"\ud83d\ude00":3,"caf\u00e9":4}"#,
        r#"{"a":1,}"#, r#"{,}"#, r#"{"a" 1}"#, r#"{"a":1 "b":2}"#, r#"{"a":1]"#, r#"[1}"#, r#"{"a"}"#, r#"{1:2}"#,
        r#"{"a":1}}"#, r#"{"a":[}]}"#, r#"{"a\x":1}"#, r#"{"a\ud800":1}"#, "{\"a\u{1}\":1}", r#"{"a":1,"a":2}"#,
        "{\"\u{e9}\":\"\u{1f600}\"}",
    ];
    let mut checked = 0;
    for doc in docs {
        for end in 0..=doc.len() {
            let prefix = &doc.as_bytes()[..end];
            assert_eq!(parse_by_members(prefix), parse(prefix), "{:?}", String::from_utf8_lossy(prefix));
            checked += 1;
        }
    }
    // Bytes that are not UTF-8, in a name and after one.
    for doc in [&b"{\"a\xff\":1}"[..], b"{\"a\":1,\xff}", b"{\"\xc3\":1}"] {
        assert_eq!(parse_by_members(doc), parse(doc), "{:?}", String::from_utf8_lossy(doc));
    }
    assert!(checked > 300);
}

/// Reads `doc` as an array of `T` both ways: `next_item` with `member`, and `next_element` with
/// `token`; every step's outcome as text, up to the first error.
fn items_both_ways<T: std::fmt::Debug>(
    doc: &[u8],
    member: impl Fn(&mut Reader<'_>) -> Result<Option<T>, DeserializeError>,
    token: impl for<'a> Fn(&mut Reader<'a>, Token<'a>) -> Result<Option<T>, DeserializeError>,
) -> (Vec<String>, Vec<String>) {
    let run = |by_items: bool| {
        let mut steps = Vec::new();
        let r = &mut Reader::new(doc);
        let mut step = |r: &mut Reader<'_>| -> Result<(), DeserializeError> {
            let Some(first) = read::first_token(r, doc)? else { return Ok(()) };
            if !read::array_start(r, &first)? {
                return Ok(());
            }
            loop {
                let got = if by_items {
                    if !read::next_item(r)? {
                        break;
                    }
                    member(r)?
                } else {
                    let Some(t) = read::next_element(r)? else { break };
                    token(r, t)?
                };
                // Where an error surfaces (reading the `,` or the element) may differ: only
                // its message is compared, as the last step.
                steps.push(shown(Ok(got)));
            }
            read::end_of_body(r)
        };
        let end = shown(step(r));
        steps.push(end);
        steps
    };
    (run(true), run(false))
}

fn skip_token<'a>(r: &mut Reader<'a>, token: Token<'a>) -> Result<Option<()>, DeserializeError> {
    read::skip(r, &token).map(Some)
}

#[test]
fn array_items_read_as_the_token_stream_reads_them() {
    let docs = [
        r#"[1, -2 ,3,null, 9223372036854775807]"#, r#"["a","b\n", null ,"\u00e9"]"#, "[]", "[ ]", "[\n1\n]", "[1,]", "[,1]",
        "[1 2]", "[1}", "[1]]", "[[1],2]", r#"[{"a":1},"x"]"#, r#"["a" "b"]"#, "[1,,2]", "[1.5,1e3]", r#"["a",]"#, "[null]",
        "[true]", "null", "[", "]",
    ];
    let mut checked = 0;
    for doc in docs {
        for end in 0..=doc.len() {
            let prefix = &doc.as_bytes()[..end];
            let text = String::from_utf8_lossy(prefix);
            let (a, b) = items_both_ways(prefix, read::integer_member::<i64>, |r, t| read::integer::<i64>(r, t));
            assert_eq!(a, b, "integers: {text}");
            let (a, b) = items_both_ways(prefix, read::string_member, |r, t| read::string(r, t));
            assert_eq!(a, b, "strings: {text}");
            let (a, b) = items_both_ways(prefix, |r| read::skip_member(r).map(Some), skip_token);
            assert_eq!(a, b, "skipped: {text}");
            checked += 1;
        }
    }
    assert!(checked > 150);
    // The values themselves, against what was written.
    let (a, _) = items_both_ways(br#"[1, -2 ,3,null, 9223372036854775807]"#, read::integer_member::<i64>, |r, t| read::integer::<i64>(r, t));
    assert_eq!(a, ["ok Some(1)", "ok Some(-2)", "ok Some(3)", "ok None", "ok Some(9223372036854775807)", "ok ()"]);
}
