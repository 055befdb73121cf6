//! The std-only JSON reader: values, the token stream, and hostile input.

use runtime::json::{parse, JsonErrorKind, Reader, Token, MAX_DEPTH};

fn err(input: &[u8]) -> (usize, JsonErrorKind) {
    let e = parse(input).expect_err("input must be rejected");
    (e.offset, e.kind)
}

#[test]
fn parses_every_kind_of_value_in_order() {
    let v = parse(br#" {"b": [1, -2.5e3, true, false, null], "a": "x\ty", "b2": {}} "#).unwrap();
    let members = v.as_object().unwrap();
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["b", "a", "b2"]);
    let b = v.get("b").unwrap().as_array().unwrap();
    assert_eq!(b[0].as_i64(), Some(1));
    assert_eq!(b[1].as_number().unwrap().as_str(), "-2.5e3");
    assert_eq!(b[1].as_number().unwrap().as_f64(), Some(-2500.0));
    assert_eq!(b[2].as_bool(), Some(true));
    assert!(b[4].is_null());
    assert_eq!(v.get("a").unwrap().as_str(), Some("x\ty"));
    assert_eq!(v.get("b2").unwrap().as_object().map(<[_]>::len), Some(0));
    assert_eq!(v.get("missing"), None);
}

#[test]
fn integers_stay_exact() {
    let v = parse(b"[9007199254740993, 18446744073709551615, -9223372036854775808, 123456789012345678901234567890]")
        .unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items[0].as_i64(), Some(9_007_199_254_740_993)); // not representable in f64
    assert_eq!(items[1].as_number().unwrap().as_u64(), Some(u64::MAX));
    assert_eq!(items[1].as_i64(), None);
    assert_eq!(items[2].as_i64(), Some(i64::MIN));
    assert_eq!(
        items[3].as_number().unwrap().as_str(),
        "123456789012345678901234567890"
    );
    assert_eq!(items[3].as_i64(), None);
}

#[test]
fn huge_exponents_parse_but_have_no_f64() {
    let v = parse(b"1e400").unwrap();
    let n = v.as_number().unwrap();
    assert_eq!(n.as_str(), "1e400");
    assert_eq!(n.as_f64(), None);
    assert_eq!(n.as_i64(), None);
    assert_eq!(
        parse(b"1e-400").unwrap().as_number().unwrap().as_f64(),
        Some(0.0)
    );
}

#[test]
fn string_escapes_and_surrogate_pairs() {
    let v = parse(br#""\"\\\/\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00""#).unwrap();
    assert_eq!(
        v.as_str(),
        Some("\"\\/\u{8}\u{c}\n\r\tA\u{e9}\u{20ac}\u{1f600}")
    );
    // Raw UTF-8 passes through untouched.
    assert_eq!(
        parse("\"h\u{e9}llo \u{1f600}\"".as_bytes())
            .unwrap()
            .as_str(),
        Some("h\u{e9}llo \u{1f600}")
    );
}

#[test]
fn bad_escapes_are_rejected_with_offsets() {
    assert_eq!(err(br#""\x""#), (1, JsonErrorKind::InvalidEscape));
    assert_eq!(err(br#""\u12G4""#), (5, JsonErrorKind::InvalidEscape));
    assert_eq!(err(br#""\u12""#), (5, JsonErrorKind::InvalidEscape));
    // Lone high surrogate, high followed by a non-low escape, lone low surrogate.
    assert_eq!(err(br#""\ud83d""#), (1, JsonErrorKind::LoneSurrogate));
    assert_eq!(err(br#""\ud83dx""#), (1, JsonErrorKind::LoneSurrogate));
    assert_eq!(err(br#""\ud83d\u0041""#), (7, JsonErrorKind::LoneSurrogate));
    assert_eq!(err(br#""\ude00""#), (1, JsonErrorKind::LoneSurrogate));
}

#[test]
fn invalid_utf8_and_control_characters() {
    assert_eq!(err(b"\"ab\xff\""), (3, JsonErrorKind::InvalidUtf8));
    assert_eq!(err(b"\"\xe2\x82\""), (1, JsonErrorKind::InvalidUtf8)); // truncated sequence
    assert_eq!(
        err(b"[\"a\", \"\xc0\x80\"]"),
        (7, JsonErrorKind::InvalidUtf8)
    ); // overlong NUL
    assert_eq!(err(b"\"a\nb\""), (2, JsonErrorKind::ControlCharacter));
    assert_eq!(err(b"\xef\xbb\xbf{}"), (0, JsonErrorKind::UnexpectedByte)); // a BOM is not JSON
}

#[test]
fn truncated_input_reports_unexpected_end() {
    for input in [
        &b""[..],
        b"  ",
        b"{",
        b"[1,",
        b"{\"a\"",
        b"{\"a\":",
        b"\"abc",
        b"tru",
        b"-",
        b"1.",
        b"1e+",
        b"\"\\u00",
    ] {
        let e = parse(input).expect_err("truncated input must fail");
        assert_eq!(
            e.kind,
            JsonErrorKind::UnexpectedEnd,
            "{:?}",
            String::from_utf8_lossy(input)
        );
        assert!(e.offset <= input.len());
    }
}

#[test]
fn grammar_errors() {
    assert_eq!(err(b"[1,]"), (3, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"{\"a\":1,}"), (7, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"{a:1}"), (1, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"[1 2]"), (3, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"{\"a\" 1}"), (5, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"01"), (1, JsonErrorKind::TrailingCharacters));
    assert_eq!(err(b"+1"), (0, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b".5"), (0, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"1.e5"), (2, JsonErrorKind::InvalidNumber));
    assert_eq!(err(b"NaN"), (0, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"truex"), (4, JsonErrorKind::TrailingCharacters));
    assert_eq!(err(b"nul!"), (3, JsonErrorKind::UnexpectedByte));
    assert_eq!(err(b"{} {}"), (3, JsonErrorKind::TrailingCharacters));
    assert_eq!(err(b"]"), (0, JsonErrorKind::UnexpectedByte));
}

#[test]
fn nesting_is_capped_at_128() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(ok.as_bytes()).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(err(deep.as_bytes()), (MAX_DEPTH, JsonErrorKind::TooDeep));
    // A hostile million-deep prefix fails fast at the cap instead of overflowing the stack.
    let hostile = "[{\"a\":".repeat(1_000_000);
    assert_eq!(err(hostile.as_bytes()).1, JsonErrorKind::TooDeep);
}

#[test]
fn closing_a_container_returns_to_the_one_around_it_at_every_depth() {
    // Arrays and objects alternate down to the cap; after each inner value closes, a sibling
    // follows, which is only valid if the reader knows what it is back in (a `,` then a name
    // in an object, a `,` then a value in an array).
    let mut text = String::from("0");
    let mut expected = runtime::json::Value::from(0);
    for depth in 0..MAX_DEPTH {
        if depth % 2 == 0 {
            text = format!("{{\"k\":{text},\"n\":{depth}}}");
            expected = runtime::json::Value::Object(vec![("k".into(), expected), ("n".into(), (depth as i64).into())]);
        } else {
            text = format!("[{text},{depth}]");
            expected = runtime::json::Value::Array(vec![expected, (depth as i64).into()]);
        }
    }
    assert_eq!(parse(text.as_bytes()).unwrap(), expected);
    // The wrong closer at any depth is an error at its offset.
    let at = text.find("],").unwrap();
    let wrong = text.replacen("],", "},", 1);
    assert_eq!(err(wrong.as_bytes()), (at, JsonErrorKind::UnexpectedByte));
}

#[test]
fn errors_display_reason_and_offset() {
    let e = parse(b"[1,]").unwrap_err();
    assert_eq!(e.to_string(), "unexpected character at byte 3");
}

#[test]
fn object_equality_ignores_member_order_but_not_array_order() {
    let a = parse(br#"{"x": 1, "y": [1, 2], "z": {"p": true, "q": null}}"#).unwrap();
    let b = parse(br#"{"z": {"q": null, "p": true}, "y": [1, 2], "x": 1.0}"#).unwrap();
    assert_eq!(a, b);
    assert_ne!(
        a,
        parse(br#"{"x": 1, "y": [2, 1], "z": {"p": true, "q": null}}"#).unwrap()
    );
    assert_ne!(a, parse(br#"{"x": 1, "y": [1, 2]}"#).unwrap());
    assert_eq!(parse(b"-0").unwrap(), parse(b"0").unwrap());
}

#[test]
fn duplicate_keys_are_kept_and_get_sees_the_last() {
    let v = parse(br#"{"a": 1, "a": 2}"#).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 2);
    assert_eq!(v.get("a").unwrap().as_i64(), Some(2));
}

#[test]
fn display_writes_compact_escaped_json_that_parses_back() {
    let v = parse(br#"{"k\"ey": ["a\u0001\n", 1.5, null, {"t": false}]}"#).unwrap();
    let text = v.to_string();
    assert_eq!(text, r#"{"k\"ey":["a\u0001\n",1.5,null,{"t":false}]}"#);
    assert_eq!(parse(text.as_bytes()).unwrap(), v);
}

#[test]
fn strings_are_escaped_around_multi_byte_characters() {
    // RFC 8259, section 7: `"`, `\` and U+0000..U+001F are escaped, everything else is as it is.
    let mut out = String::new();
    runtime::json::write_escaped_str(&mut out, "\u{e9}\"\u{1}\u{1f600}\\\u{1f}x\r\t\u{7f}\u{2028}");
    assert_eq!(out, "\"\u{e9}\\\"\\u0001\u{1f600}\\\\\\u001fx\\r\\t\u{7f}\u{2028}\"");
    out.clear();
    runtime::json::write_escaped_str(&mut out, "");
    assert_eq!(out, "\"\"");
}

#[test]
fn reader_streams_tokens_and_borrows_plain_strings() {
    let input = br#"{"name": "plain", "esc": "a\nb", "list": [1, {"deep": [true]}], "n": null}"#;
    let mut r = Reader::new(input);
    assert_eq!(r.next_token().unwrap(), Some(Token::BeginObject));
    match r.next_token().unwrap() {
        Some(Token::Key(std::borrow::Cow::Borrowed("name"))) => {}
        other => panic!("expected a borrowed key, got {other:?}"),
    }
    match r.next_token().unwrap() {
        Some(Token::String(std::borrow::Cow::Borrowed("plain"))) => {}
        other => panic!("expected a borrowed string, got {other:?}"),
    }
    assert_eq!(r.next_token().unwrap(), Some(Token::Key("esc".into())));
    assert_eq!(r.next_token().unwrap(), Some(Token::String("a\nb".into())));
    assert_eq!(r.next_token().unwrap(), Some(Token::Key("list".into())));
    // Skip an unknown member's whole value.
    let first = r.expect_token().unwrap();
    assert_eq!(first, Token::BeginArray);
    r.skip_value(&first).unwrap();
    assert_eq!(r.depth(), 1);
    assert_eq!(r.next_token().unwrap(), Some(Token::Key("n".into())));
    assert_eq!(r.next_token().unwrap(), Some(Token::Null));
    assert_eq!(r.next_token().unwrap(), Some(Token::EndObject));
    assert_eq!(r.next_token().unwrap(), None);
    assert_eq!(r.next_token().unwrap(), None);
}

#[test]
fn reader_skip_value_of_a_scalar_is_a_no_op_and_errors_surface() {
    let mut r = Reader::new(b"[3, [1, }");
    assert_eq!(r.next_token().unwrap(), Some(Token::BeginArray));
    let n = r.expect_token().unwrap();
    r.skip_value(&n).unwrap();
    let inner = r.expect_token().unwrap();
    let e = r.skip_value(&inner).unwrap_err();
    assert_eq!((e.offset, e.kind), (8, JsonErrorKind::UnexpectedByte));
}

#[test]
fn every_prefix_of_a_document_fails_cleanly() {
    let doc = r#"{"a": [1, 2.5e-3, "\u00e9\ud83d\ude00", {"b": null}], "c": true}"#.as_bytes();
    for end in 0..doc.len() {
        assert!(
            parse(&doc[..end]).is_err(),
            "prefix of length {end} must not parse"
        );
    }
    assert!(parse(doc).is_ok());
}

#[test]
fn string_scanning_finds_the_first_stop_at_every_offset() {
    // Plain runs of every length up to three sixteen-byte chunks, with multi-byte characters
    // and DEL (both plain), then a quote, a control byte, an escape, or the end of the input:
    // in the middle of a chunk, at its edges, and in the last few bytes.
    for len in 0..50 {
        let plain: String = "a\u{e9}b\u{7f}cdefghijklmn\u{1f600}".chars().cycle().take(len).collect();
        let start = 1;
        let ended = format!("\"{plain}\"");
        assert_eq!(parse(ended.as_bytes()).unwrap().as_str(), Some(plain.as_str()), "{len}");
        let padded = format!("[\"{plain}\", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
        let first = parse(padded.as_bytes()).unwrap().as_array().and_then(|a| a.first().and_then(|v| v.as_str().map(String::from)));
        assert_eq!(first.as_deref(), Some(plain.as_str()), "{len}");
        let control = format!("\"{plain}\u{1f}\"");
        assert_eq!(err(control.as_bytes()), (start + plain.len(), JsonErrorKind::ControlCharacter), "{len}");
        let escaped = format!("\"{plain}\\u0041\\\"z\"");
        assert_eq!(parse(escaped.as_bytes()).unwrap().as_str(), Some(format!("{plain}A\"z").as_str()), "{len}");
        let unended = format!("\"{plain}");
        assert_eq!(err(unended.as_bytes()).1, JsonErrorKind::UnexpectedEnd, "{len}");
    }
}
