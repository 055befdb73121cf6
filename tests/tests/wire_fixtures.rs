//! Golden wire tests of the fixture crate (`tests/fixture-crate`, generated from
//! `tests/fixtures/codegen.toml`): one test per rule of the Smithy spec on unions and on the
//! awsJson1_1 and restJson1 protocols. Expected requests (method, path and query, every header,
//! body bytes) and parsed responses are written by hand from the Smithy spec and its compliance
//! tests, never captured from the generator.

use fixtures::endpoint::Endpoint;
use fixtures::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use http::HeaderMap;
use std::collections::{BTreeMap, HashMap};

/// 2019-12-16T23:48:18Z, a Monday (the restJson1 compliance tests' label and header examples).
const DEC_16: i64 = 1_576_540_098;
/// 2000-01-02T20:34:56Z, a Sunday (the awsJson1_1 compliance tests' body examples).
const JAN_2: i64 = 946_845_296;

fn endpoint() -> Endpoint {
    Endpoint::new("https://example.com")
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.append(*k, v.parse().unwrap());
    }
    map
}

/// Every header of a request, as (name, value) sorted by name.
fn all_headers(req: &http::Request<Vec<u8>>) -> Vec<(String, String)> {
    let mut out: Vec<_> =
        req.headers().iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap().to_string())).collect();
    out.sort();
    out
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The path and query of a request, without the endpoint.
fn path_and_query(req: &http::Request<Vec<u8>>) -> String {
    req.uri().path_and_query().unwrap().as_str().to_string()
}

/// The body as text, for readable failures.
fn body(req: &http::Request<Vec<u8>>) -> &str {
    std::str::from_utf8(req.body()).unwrap()
}

fn doc_object(entries: &[(&str, Document)]) -> Document {
    Document::Object(entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<BTreeMap<_, _>>())
}

fn map_of<V: Clone>(entries: &[(&str, V)]) -> HashMap<String, V> {
    entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

// ---------------------------------------------------------------------------------------------
// awsJson1_1 (aws-json-1_1-protocol.rst): framing, value mapping, timestamps, numbers, documents.

mod aws_json {
    use super::*;
    use fixtures::simpletypes::operation::echo::{parse_response, serialize_request, EchoInput};
    use fixtures::simpletypes::types::Nested;

    #[test]
    fn request_framing_and_an_empty_input_sends_an_empty_object() {
        let req = serialize_request(&EchoInput::builder().build(), &endpoint()).unwrap();
        assert_eq!(req.method(), "POST");
        assert_eq!(path_and_query(&req), "/");
        assert_eq!(
            all_headers(&req),
            pairs(&[
                ("content-length", "2"),
                ("content-type", "application/x-amz-json-1.1"),
                ("x-amz-target", "Simple.Echo"),
            ])
        );
        assert_eq!(body(&req), "{}");
    }

    #[test]
    fn every_simple_type_in_a_request_body() {
        let document = doc_object(&[
            (
                "b",
                Document::Array(vec![
                    Document::Number(Number::PosInt(1)),
                    Document::Number(Number::NegInt(-2)),
                    Document::Number(Number::Float(1.5)),
                    Document::String("x".into()),
                    Document::Null,
                    Document::Bool(true),
                ]),
            ),
            ("a", doc_object(&[])),
        ]);
        let input = EchoInput::builder()
            .blob(Blob::new(b"binary-value".to_vec()))
            .boolean(true)
            .string("hi")
            .byte(-128)
            .short(32767)
            .integer(i32::MIN)
            .long(9_007_199_254_740_993)
            .float(0.1)
            .double(1.5)
            .big_integer("123456789012345678901234567890".parse::<BigInteger>().unwrap())
            .big_decimal("3.141592653589793238462643383279502884197".parse::<BigDecimal>().unwrap())
            .timestamp(DateTime::from_millis(JAN_2 * 1000 + 123))
            .iso_timestamp(DateTime::from_millis(JAN_2 * 1000 + 123))
            .http_date(DateTime::from_secs(JAN_2))
            .member_date_time(DateTime::from_secs(DEC_16))
            .target_http_date(DateTime::from_secs(DEC_16))
            .member_overrides_target(DateTime::from_millis(DEC_16 * 1000 + 100))
            .document(document)
            .nested(Nested::builder().build())
            .build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        // Timestamps: epoch-seconds by default with only the fraction digits needed; the member's
        // @timestampFormat first, then the target's. Defaulted nested members are written.
        let expected = concat!(
            r#"{"Blob":"YmluYXJ5LXZhbHVl","Boolean":true,"String":"hi","Byte":-128,"Short":32767,"#,
            r#""Integer":-2147483648,"Long":9007199254740993,"Float":0.1,"Double":1.5,"#,
            r#""BigInteger":123456789012345678901234567890,"BigDecimal":3.141592653589793238462643383279502884197,"#,
            r#""Timestamp":946845296.123,"IsoTimestamp":"2000-01-02T20:34:56.123Z","#,
            r#""HttpDate":"Sun, 02 Jan 2000 20:34:56 GMT","MemberDateTime":"2019-12-16T23:48:18Z","#,
            r#""TargetHttpDate":"Mon, 16 Dec 2019 23:48:18 GMT","MemberOverridesTarget":1576540098.1,"#,
            r#""Document":{"a":{},"b":[1,-2,1.5,"x",null,true]},"#,
            r#""Nested":{"PrimitiveBoolean":false,"PrimitiveInteger":0}}"#
        );
        assert_eq!(body(&req), expected);
        assert_eq!(req.headers()["content-length"], expected.len().to_string());
    }

    #[test]
    fn non_finite_floats_are_strings() {
        let input = EchoInput::builder()
            .float(f32::NAN)
            .double(f64::NEG_INFINITY)
            .nested(Nested::builder().float(f32::INFINITY).primitive_boolean(true).primitive_integer(7).build())
            .build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(
            body(&req),
            r#"{"Float":"NaN","Double":"-Infinity","Nested":{"PrimitiveBoolean":true,"PrimitiveInteger":7,"Float":"Infinity"}}"#
        );
        let out = parse_response(200, &HeaderMap::new(), req.body()).unwrap();
        assert!(out.float().unwrap().is_nan());
        assert_eq!(out.double(), Some(f64::NEG_INFINITY));
        assert_eq!(out.nested().unwrap().float(), Some(f32::INFINITY));
    }

    const EVERY_TYPE: &str = r#"{
        "Blob": "YmluYXJ5LXZhbHVl",
        "Boolean": false,
        "String": "\ud83d\ude39\u00e9\n",
        "Byte": 127,
        "Short": -32768,
        "Integer": 2147483647,
        "Long": -9223372036854775808,
        "Float": "NaN",
        "Double": "Infinity",
        "BigInteger": -98765432109876543210987654321,
        "BigDecimal": 1.000000000000000000000000000000000001e-400,
        "Timestamp": 1.591735225353E9,
        "IsoTimestamp": "2019-12-16T22:48:18.5-01:00",
        "HttpDate": "Mon, 16 Dec 2019 23:48:18 GMT",
        "MemberDateTime": "2019-12-16T23:48:18.123456Z",
        "TargetHttpDate": "Sun, 02 Jan 2000 20:34:56 GMT",
        "MemberOverridesTarget": 946845296,
        "Document": [{"k": null}, 1e3, -0.5, 18446744073709551615],
        "Nested": {"Float": -1.5}
    }"#;

    #[test]
    fn every_simple_type_in_a_response_body() {
        let out = parse_response(200, &HeaderMap::new(), EVERY_TYPE.as_bytes()).unwrap();
        assert_eq!(out.blob().unwrap().as_ref(), b"binary-value");
        assert_eq!(out.boolean(), Some(false));
        assert_eq!(out.string(), Some("😹é\n"));
        assert_eq!(out.byte(), Some(127));
        assert_eq!(out.short(), Some(-32768));
        assert_eq!(out.integer(), Some(i32::MAX));
        assert_eq!(out.long(), Some(i64::MIN));
        assert!(out.float().unwrap().is_nan());
        assert_eq!(out.double(), Some(f64::INFINITY));
        // bigInteger and bigDecimal keep the exact text (never through f64).
        assert_eq!(out.big_integer().unwrap().as_str(), "-98765432109876543210987654321");
        assert_eq!(out.big_decimal().unwrap().as_str(), "1.000000000000000000000000000000000001e-400");
        // Epoch seconds in exponent notation, read exactly (never through f64).
        assert_eq!(out.timestamp(), Some(&DateTime::from_millis(1_591_735_225_353)));
        // Offsets are applied; fractions are kept to the nanosecond (`.123456` was rounded to
        // `.123` when parsing stopped at milliseconds).
        assert_eq!(out.iso_timestamp(), Some(&DateTime::from_millis(DEC_16 * 1000 + 500)));
        assert_eq!(out.http_date(), Some(&DateTime::from_secs(DEC_16)));
        assert_eq!(out.member_date_time(), Some(&DateTime::from_secs_and_nanos(DEC_16, 123_456_000)));
        assert_eq!(out.target_http_date(), Some(&DateTime::from_secs(JAN_2)));
        assert_eq!(out.member_overrides_target(), Some(&DateTime::from_secs(JAN_2)));
        assert_eq!(
            out.document(),
            Some(&Document::Array(vec![
                doc_object(&[("k", Document::Null)]),
                Document::Number(Number::Float(1000.0)),
                Document::Number(Number::Float(-0.5)),
                Document::Number(Number::PosInt(u64::MAX)),
            ]))
        );
        let nested = out.nested().unwrap();
        // Missing members with a default take it.
        assert_eq!((nested.primitive_boolean(), nested.primitive_integer(), nested.float()), (false, 0, Some(-1.5)));
    }

    #[test]
    fn epoch_seconds_are_written_without_trailing_zeros() {
        for (time, text) in [
            (DateTime::from_secs(JAN_2), "946845296"),
            (DateTime::from_millis(JAN_2 * 1000 + 100), "946845296.1"),
            (DateTime::from_millis(JAN_2 * 1000 + 120), "946845296.12"),
            (DateTime::from_millis(-1500), "-1.5"),
            // Up to nine digits, and they come back exactly.
            (DateTime::from_secs_and_nanos(JAN_2, 123_456_789), "946845296.123456789"),
            (DateTime::from_secs_and_nanos(JAN_2, 123_400_000), "946845296.1234"),
            (DateTime::from_secs_and_nanos(JAN_2, 1), "946845296.000000001"),
            // 1 ns before the epoch: −1 s + 999_999_999 ns.
            (DateTime::from_secs_and_nanos(-1, 999_999_999), "-0.000000001"),
        ] {
            let req = serialize_request(&EchoInput::builder().timestamp(time).build(), &endpoint()).unwrap();
            assert_eq!(body(&req), format!(r#"{{"Timestamp":{text}}}"#));
            let out = parse_response(200, &HeaderMap::new(), req.body()).unwrap();
            assert_eq!(out.timestamp(), Some(&time), "{text}");
        }
    }

    #[test]
    fn null_members_are_absent_and_unknown_members_are_skipped() {
        let body = br#"{"Integer":null,"String":null,"Nested":null,"Document":null,"Future":{"a":[1,{"b":null}]},"Long":5}"#;
        let out = parse_response(200, &HeaderMap::new(), body).unwrap();
        assert_eq!((out.integer(), out.string(), out.long()), (None, None, Some(5)));
        assert!(out.nested().is_none());
        assert!(out.document().is_none());
        for empty in ["", "{}", " \r\n\t"] {
            let out = parse_response(200, &HeaderMap::new(), empty.as_bytes()).unwrap();
            assert_eq!(out.integer(), None, "{empty:?}");
        }
    }

    #[test]
    fn out_of_range_and_mistyped_numbers_are_errors() {
        for body in [
            r#"{"Integer":1e400}"#,
            r#"{"Integer":2147483648}"#,
            r#"{"Integer":1.5}"#,
            r#"{"Integer":"1"}"#,
            r#"{"Byte":128}"#,
            r#"{"Short":-32769}"#,
            r#"{"Long":9223372036854775808}"#,
            r#"{"Double":1e400}"#,
            r#"{"Float":1e39}"#,
            r#"{"Float":"nan"}"#,
            r#"{"Timestamp":"1576540098"}"#,
            r#"{"IsoTimestamp":1576540098}"#,
            r#"{"BigInteger":1.5}"#,
            r#"{"Blob":"not base64!"}"#,
            r#"{"Boolean":"true"}"#,
            r#"{"Nested":[]}"#,
        ] {
            let err = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap_err();
            assert!(err.is_unhandled(), "{body}: {err}");
            assert!(std::error::Error::source(&err).is_some(), "{body}: the reason is kept");
        }
    }

    #[test]
    fn floats_at_the_edge_of_their_range() {
        let body = br#"{"Float":3.4028235e38,"Double":1.7976931348623157e308}"#;
        let out = parse_response(200, &HeaderMap::new(), body).unwrap();
        assert_eq!(out.float(), Some(f32::MAX));
        assert_eq!(out.double(), Some(f64::MAX));
        let req = serialize_request(&EchoInput::builder().float(f32::MAX).build(), &endpoint()).unwrap();
        assert_eq!(parse_response(200, &HeaderMap::new(), req.body()).unwrap().float(), Some(f32::MAX));
    }
}

// ---------------------------------------------------------------------------------------------
// Collections (aggregate-types.rst, type-refinement-traits.rst "`sparse` trait"): dense and sparse
// lists and maps, nested maps of lists.

mod collections {
    use super::*;
    use fixtures::collections::operation::echo::{parse_response, serialize_request, EchoInput};
    use fixtures::collections::types::{Color, Holder, Item};

    #[test]
    fn sparse_collections_write_nulls() {
        let holder = Holder::builder()
            .sparse_strings(None)
            .sparse_strings(Some("a".to_string()))
            .sparse_map("foo", None::<String>)
            .build();
        let req = serialize_request(&EchoInput::builder().value(holder.clone()).build(), &endpoint()).unwrap();
        assert_eq!(body(&req), r#"{"Value":{"SparseStrings":[null,"a"],"SparseMap":{"foo":null}}}"#);
        let out = parse_response(200, &HeaderMap::new(), req.body()).unwrap();
        assert_eq!(out.value(), Some(&holder));
    }

    #[test]
    fn sparse_nulls_are_kept_and_dense_nulls_dropped_on_read() {
        let body = br#"{"Value":{"SparseStrings":[null],"SparseMap":{"a":null,"b":"x"},
            "Strings":[null,"s",null],"MapOfLists":{"k":null,"m":[null,{"Name":"n"}]}}}"#;
        let out = parse_response(200, &HeaderMap::new(), body).unwrap();
        let holder = out.value().unwrap();
        assert_eq!(holder.sparse_strings(), [None]);
        assert_eq!(holder.sparse_map(), Some(&map_of(&[("a", None), ("b", Some("x".to_string()))])));
        // Our documented policy for a null inside a dense collection: the entry is dropped.
        assert_eq!(holder.strings(), ["s"]);
        let lists = holder.map_of_lists().unwrap();
        assert_eq!(lists.len(), 1);
        assert_eq!(lists["m"], [Item::builder().name("n").build()]);
    }

    #[test]
    fn nested_maps_of_lists() {
        let holder = Holder::builder()
            .list_of_lists(vec!["a".to_string()])
            .list_of_lists(vec![])
            .map_of_lists("k", vec![Item::builder().name("x").build(), Item::builder().build()])
            .map_of_maps("outer", map_of(&[("inner", vec!["1".to_string(), "2".to_string()]), ("empty", vec![])]))
            .by_enum(Color::Red, 1)
            .by_enum(Color::from("blue"), 2)
            .unique("u")
            .build();
        let req = serialize_request(&EchoInput::builder().value(holder.clone()).build(), &endpoint()).unwrap();
        // JSON object members have no order: compared as JSON values.
        let expected = concat!(
            r#"{"Value":{"ListOfLists":[["a"],[]],"MapOfLists":{"k":[{"Name":"x"},{}]},"#,
            r#""ByEnum":{"blue":2,"red":1},"Unique":["u"],"#,
            r#""MapOfMaps":{"outer":{"empty":[],"inner":["1","2"]}}}}"#
        );
        let json = |text: &[u8]| serde_json::from_slice::<serde_json::Value>(text).unwrap();
        assert_eq!(json(req.body()), json(expected.as_bytes()));
        let out = parse_response(200, &HeaderMap::new(), req.body()).unwrap();
        assert_eq!(out.value(), Some(&holder));
    }

    #[test]
    fn collections_of_the_wrong_type_are_errors() {
        for body in [r#"{"Value":{"Strings":{}}}"#, r#"{"Value":{"SparseMap":[]}}"#, r#"{"Value":{"Strings":[1]}}"#] {
            assert!(parse_response(200, &HeaderMap::new(), body.as_bytes()).is_err(), "{body}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Unions (aggregate-types.rst "Union"), in both protocols; awsJson ignores jsonName and HTTP
// bindings (aws-json-1_1-protocol.rst "Supported traits", "Protocol Behaviors").

mod unions {
    use super::*;
    use fixtures::jsonunions::operation::echo::{parse_response, serialize_request, EchoError, EchoInput};
    use fixtures::jsonunions::types::{Choice, Nested};

    fn choice_of(body: &str) -> Result<Option<Choice>, Box<EchoError>> {
        parse_response(200, &HeaderMap::new(), body.as_bytes()).map(|out| out.choice().cloned()).map_err(Box::new)
    }

    #[test]
    fn unit_member_is_an_empty_object_in_aws_json() {
        let req = serialize_request(&EchoInput::builder().choice(Choice::Stop).build(), &endpoint()).unwrap();
        assert_eq!(body(&req), r#"{"Choice":{"Stop":{}}}"#);
        assert_eq!(req.headers()["x-amz-target"], "JsonUnions.Echo");
        assert_eq!(choice_of(r#"{"Choice":{"Stop":{}}}"#).unwrap(), Some(Choice::Stop));
    }

    #[test]
    fn unit_member_is_an_empty_object_in_rest_json() {
        use fixtures::unions::operation::echo::{parse_response, serialize_request, EchoInput};
        use fixtures::unions::types::Action;
        let req = serialize_request(&EchoInput::builder().action(Action::Quit).build(), &endpoint()).unwrap();
        assert_eq!((req.method().as_str(), path_and_query(&req).as_str()), ("POST", "/echo"));
        assert_eq!(
            all_headers(&req),
            pairs(&[("content-length", "22"), ("content-type", "application/json")])
        );
        assert_eq!(body(&req), r#"{"Action":{"Quit":{}}}"#);
        let out = parse_response(200, &HeaderMap::new(), br#"{"Action":{"Quit":{}}}"#).unwrap();
        assert_eq!(out.action(), Some(&Action::Quit));
        // A member the model names `Unknown` is an ordinary member on the wire.
        let out = parse_response(200, &HeaderMap::new(), br#"{"Action":{"Unknown":3}}"#).unwrap();
        assert_eq!(out.action(), Some(&Action::UnknownValue(3)));
    }

    #[test]
    fn aws_json_ignores_json_name_and_http_bindings() {
        let input = EchoInput::builder()
            .choice(Choice::Text("t".into()))
            .renamed("r")
            .header("h")
            .build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(body(&req), r#"{"Choice":{"Text":"t"},"Renamed":"r","Header":"h"}"#);
        assert!(req.headers().get("x-header").is_none());
        let out = parse_response(200, &headers(&[("x-header", "from-header")]), req.body()).unwrap();
        assert_eq!((out.renamed(), out.header()), (Some("r"), Some("h")));
        // The jsonName is just an unknown key.
        let out = parse_response(200, &HeaderMap::new(), br#"{"renamed":"x","Choice":{"text_value":"y"}}"#).unwrap();
        assert_eq!(out.renamed(), None);
        assert!(matches!(out.choice(), Some(Choice::Unknown(name)) if name.as_str() == "text_value"));
    }

    #[test]
    fn every_variant_round_trips() {
        let nested = Nested::builder().inner("i").choice(Choice::Number(-1)).build();
        for (choice, json) in [
            (Choice::Text("a\"b".into()), r#"{"Text":"a\"b"}"#),
            (Choice::Number(7), r#"{"Number":7}"#),
            (Choice::Time(DateTime::from_millis(JAN_2 * 1000 + 5)), r#"{"Time":946845296.005}"#),
            (Choice::Nested(Box::new(nested)), r#"{"Nested":{"Inner":"i","Choice":{"Number":-1}}}"#),
            (Choice::List(vec![]), r#"{"List":[]}"#),
            (Choice::Map(map_of(&[("k", "v".to_string())])), r#"{"Map":{"k":"v"}}"#),
        ] {
            let req = serialize_request(&EchoInput::builder().choice(choice.clone()).build(), &endpoint()).unwrap();
            assert_eq!(body(&req), format!(r#"{{"Choice":{json}}}"#));
            assert_eq!(choice_of(body(&req)).unwrap(), Some(choice));
        }
    }

    #[test]
    fn deserialization_skips_type_and_null_members() {
        // AwsJson10DeserializeIgnoreType and AwsJson10DeserializeAllowNulls.
        let body = r#"{"Choice":{"__type":"fixture.jsonunions#Choice","Text":null,"Number":5,"List":null,"Stop":null}}"#;
        assert_eq!(choice_of(body).unwrap(), Some(Choice::Number(5)));
        assert_eq!(choice_of(r#"{"Choice":null}"#).unwrap(), None, "a null union is absent");
    }

    #[test]
    fn unit_variant_skips_its_value() {
        assert_eq!(choice_of(r#"{"Choice":{"Stop":{"ignored":[1,2]}}}"#).unwrap(), Some(Choice::Stop));
    }

    #[test]
    fn unknown_member_keeps_its_name() {
        let choice = choice_of(r#"{"Choice":{"Added":{"deep":[{"x":null}]}}}"#).unwrap().unwrap();
        let Choice::Unknown(name) = &choice else { panic!("{choice:?}") };
        assert_eq!(name.as_str(), "Added");
        // An unknown variant cannot be sent back.
        let err = serialize_request(&EchoInput::builder().choice(choice).build(), &endpoint()).unwrap_err();
        assert!(err.to_string().contains("unknown"), "{err}");
    }

    #[test]
    fn two_members_or_none_are_errors() {
        for body in [
            r#"{"Choice":{"Text":"a","Number":1}}"#,
            r#"{"Choice":{"Stop":{},"Added":1}}"#,
            r#"{"Choice":{}}"#,
            r#"{"Choice":{"__type":"x","Text":null}}"#,
            r#"{"Choice":{"Number":"1"}}"#,
            r#"{"Choice":[]}"#,
        ] {
            assert!(choice_of(body).is_err(), "{body}");
        }
    }

    #[test]
    fn aws_json_error_ignores_json_name_and_header_bindings() {
        // AwsJson11ComplexError: `Fooooo` is not used, and the header binding is ignored.
        let body = br#"{"__type":"fixture.jsonunions#ComplexError","Header":"in-body","TopLevel":"Top level","Nested":{"Foo":"bar","Fooooo":"no"}}"#;
        let err = parse_response(400, &headers(&[("x-header", "in-header"), ("x-amzn-requestid", "r-1")]), body).unwrap_err();
        let EchoError::ComplexError(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.header(), Some("in-body"));
        assert_eq!(e.top_level(), Some("Top level"));
        assert_eq!(e.nested().unwrap().foo(), Some("bar"));
        assert_eq!((err.code(), err.request_id(), err.meta().status()), (Some("ComplexError"), Some("r-1"), 400));
    }
}

// ---------------------------------------------------------------------------------------------
// restJson1 labels (http-bindings.rst "`httpLabel` trait").

mod labels {
    use super::*;
    use fixtures::httplabels::operation::greedy_label::{self, GreedyLabelInput};
    use fixtures::httplabels::operation::labels::{parse_response, serialize_request, LabelsInput};
    use fixtures::httplabels::types::Color;

    fn all_labels() -> fixtures::httplabels::operation::labels::builders::LabelsInputBuilder {
        LabelsInput::builder()
            .string(" %:/?#[]@!$&'()*+,;=😹")
            .short(-1)
            .integer(2)
            .long(9_007_199_254_740_993)
            .float(f32::NAN)
            .double(f64::NEG_INFINITY)
            .boolean(true)
            .timestamp(DateTime::from_secs(DEC_16))
            .epoch_timestamp(DateTime::from_secs(DEC_16))
            .http_date_timestamp(DateTime::from_secs(DEC_16))
            .r#enum(Color::DarkRed)
    }

    #[test]
    fn every_scalar_label_type_in_a_bodiless_get() {
        let req = serialize_request(&all_labels().build(), &endpoint()).unwrap();
        assert_eq!(req.method(), "GET");
        assert_eq!(
            path_and_query(&req),
            concat!(
                "/labels/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9",
                "/-1/2/9007199254740993/NaN/-Infinity/true",
                "/2019-12-16T23%3A48%3A18Z/1576540098/Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT/dark%20red"
            )
        );
        // RestJsonHttpGetWithNoModeledBody: no Content-Type, no Content-Length, no body.
        assert_eq!(all_headers(&req), pairs(&[]));
        assert!(req.body().is_empty());
    }

    #[test]
    fn numbers_print_in_decimal_at_their_own_width() {
        let input = all_labels().float(1.1).double(0.1).timestamp(DateTime::from_millis(DEC_16 * 1000 + 120)).build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        let path = path_and_query(&req);
        assert!(path.contains("/9007199254740993/1.1/0.1/true/2019-12-16T23%3A48%3A18.12Z/"), "{path}");
        let req = serialize_request(&all_labels().float(f32::INFINITY).double(f64::NAN).boolean(false).build(), &endpoint())
            .unwrap();
        assert!(path_and_query(&req).contains("/Infinity/NaN/false/"), "{}", path_and_query(&req));
    }

    #[test]
    fn an_unset_or_empty_label_is_an_error() {
        let unset = serialize_request(&all_labels().set_string(None).build(), &endpoint()).unwrap_err();
        assert!(unset.to_string().contains("String"), "{unset}");
        let empty = serialize_request(&all_labels().string("").build(), &endpoint()).unwrap_err();
        assert!(empty.to_string().contains("cannot be empty or unset"), "{empty}");
        assert!(serialize_request(&all_labels().set_integer(None).build(), &endpoint()).is_err());
        assert!(serialize_request(&all_labels().set_timestamp(None).build(), &endpoint()).is_err());
    }

    #[test]
    fn greedy_label_keeps_slashes() {
        let input = GreedyLabelInput::builder().bucket("hello/escape").key("there/guy").build();
        let req = greedy_label::serialize_request(&input, &Endpoint::new("https://example.com/custom/")).unwrap();
        assert_eq!(req.uri().to_string(), "https://example.com/custom/greedy/hello%2Fescape/there/guy");
        let input = GreedyLabelInput::builder().bucket("b").key("a b/%/😹").build();
        let req = greedy_label::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(path_and_query(&req), "/greedy/b/a%20b/%25/%F0%9F%98%B9");
    }

    #[test]
    fn labels_are_body_members_in_a_response() {
        // Query and label traits are ignored on output (http-bindings.rst, "`httpLabel` is only
        // used on top-level input", "`httpQuery` is only used on top-level input").
        let body = br#"{"String":"s","Short":1,"Integer":2,"Long":3,"Float":"NaN","Double":0.5,"Boolean":true,
            "Timestamp":1576540098,"EpochTimestamp":1576540098,"HttpDateTimestamp":"Mon, 16 Dec 2019 23:48:18 GMT","Enum":"dark red"}"#;
        let out = parse_response(200, &HeaderMap::new(), body).unwrap();
        assert_eq!((out.string(), out.short(), out.integer(), out.long()), ("s", 1, 2, 3));
        assert!(out.float().is_nan());
        assert_eq!((out.double(), out.boolean()), (0.5, true));
        assert_eq!(out.timestamp(), &DateTime::from_secs(DEC_16));
        assert_eq!(out.epoch_timestamp(), &DateTime::from_secs(DEC_16));
        assert_eq!(out.http_date_timestamp(), &DateTime::from_secs(DEC_16));
        assert_eq!(out.r#enum(), &Color::DarkRed);
    }
}

// ---------------------------------------------------------------------------------------------
// restJson1 query strings (http-bindings.rst "Query string literals", "`httpQuery` trait",
// "`httpQueryParams` trait").

mod query {
    use super::*;
    use fixtures::httpquery::operation::query::{serialize_request, QueryInput};
    use fixtures::httpquery::operation::query_params::{self, QueryParamsInput};

    #[test]
    fn every_query_type_with_the_literal_query_and_a_map_of_lists() {
        let input = QueryInput::builder()
            .string("Hello there")
            .integer(-3)
            .boolean(false)
            .double(f64::NAN)
            .timestamp(DateTime::from_secs(DEC_16))
            .epoch_timestamp(DateTime::from_millis(DEC_16 * 1000 + 5))
            .string_list("a")
            .string_list("b c&d=e")
            .integer_list(1)
            .integer_list(2)
            .params("String", vec!["from the map".to_string()])
            .params("Extra", vec!["x".to_string(), "y".to_string()])
            .params("a b", vec!["+".to_string()])
            .build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(req.method(), "GET");
        assert_eq!(
            path_and_query(&req),
            concat!(
                // The literal query of the URI pattern, sent as written.
                "/query?literal&fixed=a%20b",
                "&String=Hello%20there&Integer=-3&Boolean=false&Double=NaN",
                "&Timestamp=2019-12-16T23%3A48%3A18Z&EpochTimestamp=1576540098.005",
                "&StringList=a&StringList=b%20c%26d%3De&IntegerList=1&IntegerList=2",
                // Map entries (each as if bound with httpQuery); the explicit `String` wins.
                "&Extra=x&Extra=y&a%20b=%2B"
            )
        );
        assert_eq!(all_headers(&req), pairs(&[]));
    }

    #[test]
    fn query_timestamps_keep_nanoseconds() {
        let time = DateTime::from_secs_and_nanos(DEC_16, 123_456_789);
        let req = serialize_request(&QueryInput::builder().timestamp(time).epoch_timestamp(time).build(), &endpoint())
            .unwrap();
        assert_eq!(
            path_and_query(&req),
            "/query?literal&fixed=a%20b&Timestamp=2019-12-16T23%3A48%3A18.123456789Z&EpochTimestamp=1576540098.123456789"
        );
    }

    #[test]
    fn empty_list_sends_nothing_and_empty_string_sends_the_key() {
        let input = QueryInput::builder().string("").set_string_list(Some(vec![])).set_params(Some(HashMap::new())).build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(path_and_query(&req), "/query?literal&fixed=a%20b&String=");
        let req = serialize_request(&QueryInput::builder().build(), &endpoint()).unwrap();
        assert_eq!(path_and_query(&req), "/query?literal&fixed=a%20b");
    }

    #[test]
    fn explicit_query_member_wins_over_the_map_in_a_bodiless_delete() {
        // RestJsonQueryPrecedence.
        let input = QueryParamsInput::builder().named("named").params("bar", "fromMap").params("qux", "alsoFromMap").build();
        let req = query_params::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(req.method(), "DELETE");
        assert_eq!(path_and_query(&req), "/params?bar=named&qux=alsoFromMap");
        // A DELETE without a body has no content headers.
        assert_eq!(all_headers(&req), pairs(&[]));
        assert!(req.body().is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// restJson1 headers and prefix headers (http-bindings.rst "`httpHeader` trait",
// "`httpPrefixHeaders` trait").

mod header_bindings {
    use super::*;
    use fixtures::httpheaders::operation::headers::{parse_response, serialize_request, HeadersInput, HeadersOutput};
    use fixtures::httpheaders::types::Color;

    #[test]
    fn every_header_type_in_a_bodiless_post() {
        let input = HeadersInput::builder()
            .string("Hello, \"World\"")
            .integer(-1)
            .long(9_007_199_254_740_993)
            .double(1.5)
            .boolean(true)
            .timestamp(DateTime::from_secs(DEC_16))
            .iso_timestamp(DateTime::from_millis(DEC_16 * 1000 + 123))
            .r#enum(Color::Red)
            .string_list("b,c")
            .string_list("\"def\"")
            .string_list("a")
            .integer_list(1)
            .integer_list(-2)
            .timestamp_list(DateTime::from_secs(DEC_16))
            .timestamp_list(DateTime::from_secs(DEC_16 + 1))
            .fixed("from the member")
            .meta("Fixed", "from the map")
            .meta("Foo", "Foo")
            .meta("hello", "Hello")
            .build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!((req.method().as_str(), path_and_query(&req).as_str()), ("POST", "/headers"));
        assert_eq!(
            all_headers(&req),
            pairs(&[
                // RestJsonHttpPostWithNoModeledBody: Content-Length 0, no Content-Type.
                ("content-length", "0"),
                ("x-boolean", "true"),
                ("x-double", "1.5"),
                ("x-enum", "red"),
                ("x-integer", "-1"),
                ("x-integerlist", "1, -2"),
                ("x-isotimestamp", "2019-12-16T23:48:18.123Z"),
                ("x-long", "9007199254740993"),
                // A concrete @httpHeader wins over a prefix-header entry of the same name.
                ("x-meta-fixed", "from the member"),
                ("x-meta-foo", "Foo"),
                ("x-meta-hello", "Hello"),
                ("x-string", "Hello, \"World\""),
                // String items holding `,` or `"` are quoted, inner quotes escaped.
                ("x-stringlist", r#""b,c", "\"def\"", a"#),
                ("x-timestamp", "Mon, 16 Dec 2019 23:48:18 GMT"),
                // http-date lists are not quoted.
                ("x-timestamplist", "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT"),
            ])
        );
        assert!(req.body().is_empty());
    }

    #[test]
    fn header_timestamps_keep_nanoseconds() {
        // date-time writes every digit needed; http-date has no fraction and truncates.
        let time = DateTime::from_secs_and_nanos(DEC_16, 123_456_789);
        let input = HeadersInput::builder().timestamp(time).iso_timestamp(time).timestamp_list(time).build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(req.headers()["x-isotimestamp"], "2019-12-16T23:48:18.123456789Z");
        assert_eq!(req.headers()["x-timestamp"], "Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(req.headers()["x-timestamplist"], "Mon, 16 Dec 2019 23:48:18 GMT");
        let out = parse_response(200, req.headers(), b"").unwrap();
        assert_eq!(out.iso_timestamp(), Some(&time));
        assert_eq!(out.timestamp(), Some(&DateTime::from_secs(DEC_16)));
        // Read with offsets and fractions of any length (truncated after the ninth digit).
        let response = headers(&[
            ("x-isotimestamp", "2019-12-16T22:48:18.1234567891-01:00"),
            ("x-timestamp", "Mon, 16 Dec 2019 23:48:18.000000001 GMT"),
        ]);
        let out = parse_response(200, &response, b"").unwrap();
        assert_eq!(out.iso_timestamp(), Some(&time));
        assert_eq!(out.timestamp(), Some(&DateTime::from_secs_and_nanos(DEC_16, 1)));
    }

    #[test]
    fn null_and_empty_headers() {
        // RestJsonNullAndEmptyHeaders: unset → absent; "" and [] → an empty value.
        let input = HeadersInput::builder().string("").set_string_list(Some(vec![])).set_integer(None).build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(
            all_headers(&req),
            pairs(&[("content-length", "0"), ("x-string", ""), ("x-stringlist", "")])
        );
        // Read back: the empty string and the empty list, nothing else (no prefix headers
        // gives an empty map).
        let out = parse_response(200, req.headers(), b"").unwrap();
        let expected =
            HeadersOutput::builder().string("").set_string_list(Some(vec![])).set_meta(Some(HashMap::new())).build();
        assert_eq!(out, expected);
    }

    #[test]
    fn every_header_type_in_a_response() {
        let response = headers(&[
            ("x-string", " padded "),
            ("x-integer", "-1"),
            ("x-long", "9007199254740993"),
            ("x-double", "NaN"),
            ("x-boolean", "false"),
            ("x-timestamp", "Mon, 16 Dec 2019 23:48:18 GMT"),
            ("x-isotimestamp", "2019-12-16T22:48:18.5-01:00"),
            ("x-enum", "green"),
            ("x-stringlist", r#""b,c", "\"def\"", a"#),
            ("x-integerlist", "1,2, 3"),
            ("x-timestamplist", "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT"),
            ("x-meta-fixed", "f"),
            ("X-Meta-Foo", "Foo"),
            ("x-other", "not a prefix header"),
            ("content-type", "application/json"),
        ]);
        let out = parse_response(200, &response, b"{}").unwrap();
        assert_eq!(out.string(), Some("padded"), "header values are trimmed");
        assert_eq!((out.integer(), out.long(), out.boolean()), (Some(-1), Some(9_007_199_254_740_993), Some(false)));
        assert!(out.double().unwrap().is_nan());
        assert_eq!(out.timestamp(), Some(&DateTime::from_secs(DEC_16)));
        assert_eq!(out.iso_timestamp(), Some(&DateTime::from_millis(DEC_16 * 1000 + 500)));
        assert_eq!(out.r#enum().map(Color::as_str), Some("green"));
        assert_eq!(out.string_list(), ["b,c", "\"def\"", "a"]);
        assert_eq!(out.integer_list(), [1, 2, 3]);
        assert_eq!(out.timestamp_list(), [DateTime::from_secs(DEC_16), DateTime::from_secs(DEC_16 + 1)]);
        assert_eq!(out.fixed(), Some("f"));
        // Every header starting with the prefix (case-insensitively), prefix stripped.
        assert_eq!(out.meta(), Some(&map_of(&[("fixed", "f".to_string()), ("foo", "Foo".to_string())])));
    }

    #[test]
    fn an_unparsable_header_is_an_error() {
        for (name, value) in [
            ("x-integer", "1.5"),
            ("x-boolean", "yes"),
            ("x-timestamp", "2019-12-16T23:48:18Z"),
            ("x-integerlist", "1, x"),
        ] {
            let err = parse_response(200, &headers(&[(name, value)]), b"").unwrap_err();
            assert!(err.to_string().contains(name) || format!("{err:?}").to_lowercase().contains(name), "{name}: {err}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// restJson1 payloads (http-bindings.rst "`httpPayload` trait"; aws-restjson1-protocol.rst
// "Content-Type").

mod payloads {
    use super::*;
    use fixtures::httppayloads::operation::{blob_payload, document_payload, string_payload, structure_payload, union_payload};
    use fixtures::httppayloads::types::{Choice, Nested};

    #[test]
    fn structure_payload_is_the_whole_body_with_json_names() {
        let input = structure_payload::StructurePayloadInput::builder()
            .tag("t")
            .payload(Nested::builder().greeting("hi").count(3).renamed("r").build())
            .build();
        let req = structure_payload::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!((req.method().as_str(), path_and_query(&req).as_str()), ("PUT", "/payload/structure"));
        let expected = r#"{"Greeting":"hi","Count":3,"renamed":"r"}"#;
        assert_eq!(body(&req), expected);
        assert_eq!(
            all_headers(&req),
            pairs(&[("content-length", "41"), ("content-type", "application/json"), ("x-tag", "t")])
        );
        assert_eq!(expected.len(), 41);
    }

    #[test]
    fn unset_structure_payload_sends_an_empty_object() {
        // RestJsonHttpWithHeadersButNoPayload.
        let input = structure_payload::StructurePayloadInput::builder().tag("t").build();
        let req = structure_payload::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(body(&req), "{}");
        assert_eq!(
            all_headers(&req),
            pairs(&[("content-length", "2"), ("content-type", "application/json"), ("x-tag", "t")])
        );
    }

    #[test]
    fn structure_payload_response() {
        let out = structure_payload::parse_response(
            200,
            &headers(&[("x-tag", "t")]),
            br#"{"Greeting":"hi","renamed":"r","Renamed":"ignored"}"#,
        )
        .unwrap();
        assert_eq!(out.tag(), Some("t"));
        assert_eq!(out.payload(), Some(&Nested::builder().greeting("hi").renamed("r").build()));
        // RestJsonHttpPayloadWithStructureAndEmptyResponseBody: an empty body is an absent payload.
        let out = structure_payload::parse_response(200, &HeaderMap::new(), b"").unwrap();
        assert_eq!(out.payload(), None);
        assert!(structure_payload::parse_response(200, &HeaderMap::new(), b"[]").is_err());
    }

    #[test]
    fn union_payload_and_unset_union_payload() {
        let input = union_payload::UnionPayloadInput::builder().payload(Choice::Greeting("hello".into())).build();
        let req = union_payload::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(body(&req), r#"{"Greeting":"hello"}"#);
        assert_eq!(all_headers(&req), pairs(&[("content-length", "20"), ("content-type", "application/json")]));
        let input = union_payload::UnionPayloadInput::builder().payload(Choice::Stop).build();
        assert_eq!(body(&union_payload::serialize_request(&input, &endpoint()).unwrap()), r#"{"Stop":{}}"#);
        // RestJsonHttpPayloadWithUnsetUnion: no body (a bodiless PUT still sends Content-Length: 0).
        let req = union_payload::serialize_request(&union_payload::UnionPayloadInput::builder().build(), &endpoint()).unwrap();
        assert!(req.body().is_empty());
        assert_eq!(all_headers(&req), pairs(&[("content-length", "0")]));

        let out = union_payload::parse_response(200, &HeaderMap::new(), br#"{"Greeting":"hi"}"#).unwrap();
        assert_eq!(out.payload(), Some(&Choice::Greeting("hi".into())));
        let out = union_payload::parse_response(200, &HeaderMap::new(), b"").unwrap();
        assert_eq!(out.payload(), None);
    }

    #[test]
    fn document_payload() {
        let doc = doc_object(&[("b", Document::Array(vec![Document::Null, Document::String("x".into())])), ("a", 1u64.into())]);
        let input = document_payload::DocumentPayloadInput::builder().payload(doc.clone()).build();
        let req = document_payload::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(body(&req), r#"{"a":1,"b":[null,"x"]}"#);
        assert_eq!(req.headers()["content-type"], "application/json");
        let out = document_payload::parse_response(200, &HeaderMap::new(), req.body()).unwrap();
        assert_eq!(out.payload(), Some(&doc));
        let out = document_payload::parse_response(200, &HeaderMap::new(), b"\"text\"").unwrap();
        assert_eq!(out.payload(), Some(&Document::String("text".into())));
    }

    #[test]
    fn string_payload_is_raw_text() {
        let input = string_payload::StringPayloadInput::builder().tag("t").payload("{not json} 😹").build();
        let req = string_payload::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(body(&req), "{not json} 😹");
        assert_eq!(
            all_headers(&req),
            pairs(&[("content-length", "15"), ("content-type", "text/plain"), ("x-tag", "t")])
        );
        let req = string_payload::serialize_request(&string_payload::StringPayloadInput::builder().build(), &endpoint()).unwrap();
        assert!(req.body().is_empty());
        assert_eq!(all_headers(&req), pairs(&[("content-length", "0")]));

        let out = string_payload::parse_response(200, &HeaderMap::new(), "  raw \"text\" ".as_bytes()).unwrap();
        assert_eq!(out.payload(), Some("  raw \"text\" "));
        assert!(string_payload::parse_response(200, &HeaderMap::new(), b"\xff\xfe").is_err());
    }

    #[test]
    fn blob_payload_is_raw_bytes_and_an_unset_blob_sends_nothing() {
        let input = blob_payload::BlobPayloadInput::builder().payload(Blob::new(vec![0u8, 255, b'{'])).build();
        let req = blob_payload::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(req.body(), &[0u8, 255, b'{']);
        assert_eq!(
            all_headers(&req),
            pairs(&[("content-length", "3"), ("content-type", "application/octet-stream")])
        );
        // RestJsonHttpWithEmptyBlobPayload: never `{}` and never a JSON content type.
        let req = blob_payload::serialize_request(&blob_payload::BlobPayloadInput::builder().build(), &endpoint()).unwrap();
        assert!(req.body().is_empty());
        assert_eq!(all_headers(&req), pairs(&[("content-length", "0")]));

        let out = blob_payload::parse_response(200, &headers(&[("x-tag", "t")]), b"\x00\xff").unwrap();
        assert_eq!((out.tag(), out.payload().map(Blob::as_ref)), (Some("t"), Some(&b"\x00\xff"[..])));
        let out = blob_payload::parse_response(200, &HeaderMap::new(), b"").unwrap();
        assert_eq!(out.payload(), None);
    }
}

// ---------------------------------------------------------------------------------------------
// restJson1 bodies: jsonName, empty bodies, the response code, errors (aws-restjson1-protocol.rst
// "JSON shape serialization", "Operation error serialization"; http-bindings.rst
// "`httpResponseCode` trait").

mod rest_json {
    use super::*;
    use fixtures::restjson::operation::json_names::{parse_response, serialize_request, JsonNamesError, JsonNamesInput};
    use fixtures::restjson::operation::response_code;
    use fixtures::restjson::types::{Choice, Nested};

    #[test]
    fn json_name_is_honoured_in_bodies_and_unions() {
        let input = JsonNamesInput::builder()
            .renamed("r")
            .plain("p")
            .nested(Nested::builder().inner("i").build())
            .choice(Choice::Text("t".into()))
            .when(DateTime::from_secs(DEC_16))
            .iso_when(DateTime::from_millis(DEC_16 * 1000 + 1))
            .build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        assert_eq!((req.method().as_str(), path_and_query(&req).as_str()), ("POST", "/json-names"));
        let expected = concat!(
            r#"{"renamed_member":"r","Plain":"p","nested":{"inner_name":"i"},"Choice":{"text_value":"t"},"#,
            r#""When":1576540098,"IsoWhen":"2019-12-16T23:48:18.001Z"}"#
        );
        assert_eq!(body(&req), expected);
        assert_eq!(
            all_headers(&req),
            pairs(&[("content-length", &expected.len().to_string()), ("content-type", "application/json")])
        );
        let out = parse_response(200, &HeaderMap::new(), expected.as_bytes()).unwrap();
        assert_eq!((out.renamed(), out.plain()), (Some("r"), Some("p")));
        assert_eq!(out.nested().and_then(Nested::inner), Some("i"));
        assert_eq!(out.choice(), Some(&Choice::Text("t".into())));
        assert_eq!(out.when(), Some(&DateTime::from_secs(DEC_16)));
        assert_eq!(out.iso_when(), Some(&DateTime::from_millis(DEC_16 * 1000 + 1)));
        // The member names are not the keys.
        let out = parse_response(200, &HeaderMap::new(), br#"{"Renamed":"x","Nested":{"Inner":"y"}}"#).unwrap();
        assert_eq!((out.renamed(), out.nested()), (None, None));
    }

    #[test]
    fn document_members_with_nothing_set_send_an_empty_object() {
        // RestJsonHttpWithEmptyBody.
        let req = serialize_request(&JsonNamesInput::builder().build(), &endpoint()).unwrap();
        assert_eq!(body(&req), "{}");
        assert_eq!(all_headers(&req), pairs(&[("content-length", "2"), ("content-type", "application/json")]));
    }

    #[test]
    fn an_empty_response_body_is_an_empty_object() {
        for empty in ["", "{}", "\n"] {
            let out = parse_response(200, &HeaderMap::new(), empty.as_bytes()).unwrap();
            assert_eq!(out.plain(), None, "{empty:?}");
        }
        assert!(parse_response(200, &HeaderMap::new(), b"{} {}").is_err(), "trailing data");
        assert!(parse_response(200, &HeaderMap::new(), b"[]").is_err());
    }

    #[test]
    fn response_code_binds_the_status() {
        let out = response_code::parse_response(201, &HeaderMap::new(), br#"{"Value":"v","Status":500}"#).unwrap();
        assert_eq!(out.status(), Some(201));
        assert_eq!(out.value(), Some("v"));
        let out = response_code::parse_response(204, &HeaderMap::new(), b"").unwrap();
        assert_eq!(out.status(), Some(204));
    }

    const COMPLEX: &[u8] = br#"{"TopLevel":"Top level","Nested":{"Fooooo":"bar","Foo":"ignored"},"Header":"not in the body"}"#;

    #[test]
    fn error_members_bound_to_headers_and_json_names() {
        // RestJsonComplexErrorWithNoMessage, plus a sanitized code from the header.
        let response = headers(&[
            ("x-amzn-errortype", "aws.protocoltests.restjson#ComplexError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            ("x-header", "Header"),
            ("x-amzn-requestid", "rid"),
        ]);
        let err = parse_response(403, &response, COMPLEX).unwrap_err();
        let JsonNamesError::ComplexError(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.header(), Some("Header"));
        assert_eq!(e.top_level(), Some("Top level"));
        assert_eq!(e.nested().unwrap().foo(), Some("bar"));
        assert_eq!((err.code(), err.request_id(), err.meta().status()), (Some("ComplexError"), Some("rid"), 403));
        assert!(err.is_complex_error());
    }

    #[test]
    fn error_code_sources_in_priority_order() {
        let code_of = |pairs: &[(&'static str, &str)], body: &str| {
            let err = parse_response(400, &headers(pairs), body.as_bytes()).unwrap_err();
            (err.code().map(str::to_string), err.is_complex_error())
        };
        let both = r#"{"code":"ComplexError","__type":"Other"}"#;
        assert_eq!(code_of(&[("x-amzn-errortype", "Other")], both), (Some("Other".into()), false));
        assert_eq!(code_of(&[], both), (Some("ComplexError".into()), true));
        assert_eq!(code_of(&[], r#"{"__type":"ns#ComplexError:http://x"}"#), (Some("ComplexError".into()), true));
        // Only top-level keys count.
        assert_eq!(code_of(&[], r#"{"Nested":{"__type":"ComplexError"}}"#), (None, false));
        // The status does not choose the error: a 500 with this code is still this error.
        let err = parse_response(500, &headers(&[("x-amzn-errortype", "ComplexError")]), b"").unwrap_err();
        assert!(err.is_complex_error());
    }

    #[test]
    fn unknown_empty_and_non_json_errors_are_unhandled() {
        let err = parse_response(404, &headers(&[("x-amzn-errortype", "NotFound")]), br#"{"message":"gone"}"#).unwrap_err();
        assert!(err.is_unhandled());
        assert_eq!((err.code(), err.message(), err.meta().status()), (Some("NotFound"), Some("gone"), 404));
        let err = parse_response(502, &HeaderMap::new(), b"<html>Bad Gateway</html>").unwrap_err();
        assert!(err.is_unhandled());
        assert_eq!((err.code(), err.meta().status()), (None, 502));
        let err = parse_response(500, &HeaderMap::new(), b"").unwrap_err();
        assert!(err.is_unhandled());
        // A modeled error whose body does not match the model is unhandled, with the reason.
        let err = parse_response(403, &headers(&[("x-amzn-errortype", "ComplexError")]), br#"{"TopLevel":1}"#).unwrap_err();
        assert!(err.is_unhandled());
        assert!(std::error::Error::source(&err).is_some());
    }
}

// ---------------------------------------------------------------------------------------------
// `@mediaType`: a string header travels base64-encoded (http-bindings.rst "`httpHeader` trait"); a
// payload's media type is its Content-Type (aws-restjson1-protocol.rst "Content-Type").

mod media_types {
    use super::*;
    use fixtures::httpheaders::operation::headers::{parse_response, serialize_request, HeadersInput};
    use fixtures::httppayloads::operation::media_type_payload;

    #[test]
    fn a_media_typed_string_header_is_base64() {
        let input = HeadersInput::builder().json("{\"a\":1}").build();
        let req = serialize_request(&input, &endpoint()).unwrap();
        // base64 of `{"a":1}` written out by hand (RFC 4648).
        assert_eq!(req.headers()["x-json"], "eyJhIjoxfQ==");
        let out = parse_response(200, &headers(&[("x-json", "eyJhIjoxfQ==")]), b"").unwrap();
        assert_eq!(out.json(), Some("{\"a\":1}"));
        assert!(parse_response(200, &headers(&[("x-json", "not base64!")]), b"").is_err());
    }

    #[test]
    fn a_payload_sends_its_media_type() {
        let input = media_type_payload::MediaTypePayloadInput::builder().payload(Blob::new(b"\x89PNG".to_vec())).build();
        let req = media_type_payload::serialize_request(&input, &endpoint()).unwrap();
        assert_eq!(req.headers()["content-type"], "image/png");
        assert_eq!(req.body(), b"\x89PNG");
    }
}

// ---------------------------------------------------------------------------------------------
// A service without endpoint rules: the configuration's endpoint URL, checked.

#[test]
fn a_service_without_rules_uses_the_endpoint_url_once_checked() {
    use fixtures::config::{Config, EndpointError};
    use fixtures::unions::endpoint::resolve_endpoint;
    let with = |url: &str| Config::builder().endpoint_url(url).build();
    assert_eq!(resolve_endpoint(&with("http://127.0.0.1:8080/base")).unwrap().url, "http://127.0.0.1:8080/base");
    assert_eq!(resolve_endpoint(&Config::builder().build()).unwrap_err(), EndpointError::NoEndpointUrl);
    for bad in ["http://127.0.0.1:8080/?q=1", "http://127.0.0.1:99999", "mailto:x@example.com"] {
        let err = resolve_endpoint(&with(bad)).unwrap_err();
        assert!(matches!(err, EndpointError::InvalidEndpointUrl { ref url, .. } if url == bad), "{bad}: {err:?}");
    }
}
