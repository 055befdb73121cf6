//! The serde forms of the value types (the `serde` feature), checked against JSON written by hand
//! from RFC 3339 (timestamps), RFC 4648 (base64) and RFC 8259 (JSON numbers); bad input is an
//! error, never a panic.

use runtime::bignum::{BigDecimal, BigInteger};
use runtime::blob::Blob;
use runtime::byte_stream::ByteStream;
use runtime::datetime::DateTime;
use runtime::document::{Document, Number};
use runtime::unknown::{UnknownIntValue, UnknownValue};
use serde::de::value::{Error as ValueError, MapDeserializer, SeqDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Debug;

#[track_caller]
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, expected: Value) {
    let text = serde_json::to_string(value).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), expected, "the JSON form of {value:?}");
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text} does not read back: {e}"));
    assert_eq!(&back, value, "{text}");
}

#[track_caller]
fn read_error<T: DeserializeOwned + Debug>(json: &str) -> String {
    match serde_json::from_str::<T>(json) {
        Ok(value) => panic!("{json} read as {value:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn timestamps_are_rfc3339_date_times_with_the_fraction_needed() {
    round_trip(&DateTime::from_secs(0), json!("1970-01-01T00:00:00Z"));
    round_trip(&DateTime::from_secs(-1), json!("1969-12-31T23:59:59Z"));
    round_trip(&DateTime::from_millis(482_196_050_520), json!("1985-04-12T23:20:50.52Z"));
    round_trip(&DateTime::from_secs_and_nanos(0, 1), json!("1970-01-01T00:00:00.000000001Z"));
    round_trip(&DateTime::from_secs_and_nanos(253_402_300_799, 999_999_999), json!("9999-12-31T23:59:59.999999999Z"));
    // RFC 3339 section 5.8's examples, read with their offsets applied.
    let read = |text: &str| serde_json::from_value::<DateTime>(json!(text)).unwrap();
    assert_eq!(read("1985-04-12T23:20:50.52Z"), DateTime::from_millis(482_196_050_520));
    assert_eq!(read("1996-12-19T16:39:57-08:00"), read("1996-12-20T00:39:57Z"));
    assert_eq!(read("1937-01-01T12:00:27.87+00:20"), read("1937-01-01T11:40:27.87Z"));
    // Not a date-time: an error value.
    for bad in [r#""Sun, 02 Jan 2000 20:34:56 GMT""#, r#""2000-01-02""#, "946845296", "null", r#""""#] {
        assert!(!read_error::<DateTime>(bad).is_empty());
    }
    // Outside years 0001-9999 RFC 3339 has no form for the instant: serializing fails.
    let e = serde_json::to_string(&DateTime::from_secs(253_402_300_800)).unwrap_err().to_string();
    assert!(e.contains("date-time"), "{e}");
}

#[test]
fn blobs_and_byte_streams_are_base64() {
    // RFC 4648 section 10.
    let vectors =
        [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
    for (bytes, text) in vectors {
        round_trip(&Blob::new(bytes.as_bytes()), json!(text));
        round_trip(&ByteStream::from(bytes), json!(text));
    }
    round_trip(&Blob::new(vec![0xfb, 0xff]), json!("+/8="));
    for bad in [r#""Zm9v!""#, r#""Zg=""#, r#""Zm9v YmFy""#, "[102]", "7"] {
        let e = read_error::<Blob>(bad);
        assert!(e.contains("base64") || e.contains("invalid type"), "{bad}: {e}");
        assert!(serde_json::from_str::<ByteStream>(bad).is_err(), "{bad}");
    }
}

#[test]
fn big_numbers_are_exact_strings() {
    let big: BigInteger = "-123456789012345678901234567890".parse().unwrap();
    round_trip(&big, json!("-123456789012345678901234567890"));
    let decimal: BigDecimal = "6.02214076E23".parse().unwrap();
    round_trip(&decimal, json!("6.02214076E23"));
    // Textual: `1.0` stays `1.0`.
    round_trip(&"1.0".parse::<BigDecimal>().unwrap(), json!("1.0"));
    for bad in [r#""1.5""#, r#""01""#, r#""+1""#, r#""""#, "15"] {
        assert!(!read_error::<BigInteger>(bad).is_empty(), "{bad}");
    }
    for bad in [r#"".5""#, r#""1e""#, r#""NaN""#, "1.5"] {
        assert!(!read_error::<BigDecimal>(bad).is_empty(), "{bad}");
    }
}

#[test]
fn documents_are_plain_json() {
    let mut inner = BTreeMap::new();
    inner.insert("k".to_string(), Document::from("v"));
    let mut object = BTreeMap::new();
    object.insert("null".to_string(), Document::Null);
    object.insert("bool".to_string(), Document::from(false));
    object.insert("pos".to_string(), Document::from(u64::MAX));
    object.insert("neg".to_string(), Document::from(i64::MIN));
    object.insert("float".to_string(), Document::from(-2.5));
    object.insert("list".to_string(), Document::from(vec![Document::from(1u8), Document::Object(inner)]));
    round_trip(
        &Document::Object(object),
        json!({
            "null": null, "bool": false, "pos": 18446744073709551615_u64, "neg": -9223372036854775808_i64,
            "float": -2.5, "list": [1, {"k": "v"}],
        }),
    );
    round_trip(&Document::Null, json!(null));
    round_trip(&Number::Float(0.1), json!(0.1));
    // An integer beyond 64 bits reads as the nearest float (RFC 8259 section 6 leaves the range
    // to implementations); `-0` and `0` are the same non-negative integer.
    let big: Document = serde_json::from_str("18446744073709551616").unwrap();
    assert_eq!(big, Document::Number(Number::Float(18_446_744_073_709_551_616.0)));
    assert!(matches!(serde_json::from_str::<Number>("-0").unwrap(), Number::PosInt(0)));
    assert!(read_error::<Number>(r#""1""#).contains("expected a number"));
    // Deep nesting is the format's error (serde_json stops at 128 levels), not a stack overflow.
    let deep = "[".repeat(100_000);
    assert!(serde_json::from_str::<Document>(&deep).is_err());
}

/// `serde_json` hands numbers over as a one-entry map when its `arbitrary_precision` feature is
/// on (as in this workspace), and as plain numbers otherwise: both read the same.
#[test]
fn document_numbers_read_from_any_deserializer() {
    let from_map = |text: &str| {
        let entries = vec![("$serde_json::private::Number", text)];
        Document::deserialize(MapDeserializer::<_, ValueError>::new(entries.into_iter())).unwrap()
    };
    assert_eq!(from_map("42"), Document::Number(Number::PosInt(42)));
    assert_eq!(from_map("-42"), Document::Number(Number::NegInt(-42)));
    assert_eq!(from_map("1.25e2"), Document::Number(Number::Float(125.0)));
    let plain = |d: Result<Document, ValueError>| d.unwrap();
    assert_eq!(plain(Document::deserialize(7u64.into_deserializer())), Document::Number(Number::PosInt(7)));
    assert_eq!(plain(Document::deserialize((-7i64).into_deserializer())), Document::Number(Number::NegInt(-7)));
    assert_eq!(plain(Document::deserialize(7i64.into_deserializer())), Document::Number(Number::PosInt(7)));
    assert_eq!(plain(Document::deserialize(0.5f64.into_deserializer())), Document::Number(Number::Float(0.5)));
    let seq = SeqDeserializer::<_, ValueError>::new(vec![true, false].into_iter());
    assert_eq!(Document::deserialize(seq).unwrap(), Document::from(vec![Document::from(true), Document::from(false)]));
    // A map whose first key is an ordinary one is an object.
    let entries = vec![("a", 1u32), ("b", 2)];
    let object = Document::deserialize(MapDeserializer::<_, ValueError>::new(entries.into_iter())).unwrap();
    assert_eq!(object.get("b"), Some(&Document::from(2u32)));
}

#[test]
fn unknown_values_are_their_raw_values() {
    let value: UnknownValue = serde_json::from_str(r#""NEW_STATE""#).unwrap();
    assert_eq!(value.as_str(), "NEW_STATE");
    round_trip(&value, json!("NEW_STATE"));
    let value: UnknownIntValue = serde_json::from_str("-7").unwrap();
    assert_eq!(value.value(), -7);
    round_trip(&value, json!(-7));
    assert!(!read_error::<UnknownIntValue>("2147483648").is_empty());
    assert!(!read_error::<UnknownValue>("1").is_empty());
}
