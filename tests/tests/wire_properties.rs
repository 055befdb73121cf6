//! Property tests of the fixture crate's wire code (`tests/fixture-crate`), deterministic: every
//! property runs a fixed number of cases from a fixed ChaCha seed, so a run is reproducible and
//! never writes failure files.
//!
//! (a) Round trips: an arbitrary value of an operation's input (every member: nested
//!     collections, unions, timestamps to the nanosecond, blobs, documents) goes through
//!     `serialize_request`; its body (and, for restJson1, its headers) goes into `parse_response`
//!     of the same operation, whose output shape is the input shape; the output must equal the
//!     input member by member (modulo the documented wire equivalences, named where they apply).
//! (b) Hostile input: truncated, bit-flipped, type-swapped, deeply nested, huge-number and
//!     invalid-UTF-8 bodies (and headers) must give `Ok` or `Err`, never a panic. Inputs are
//!     bounded in size, so every case finishes in bounded time.

use fixtures::endpoint::Endpoint;
use fixtures::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use http::{HeaderMap, HeaderName, HeaderValue};
use proptest::collection::{btree_map, hash_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

const SEED: [u8; 32] = *b"aws-lite wire property tests v1.";

/// Runs `test` on `cases` values of `strategy`, from the fixed seed.
fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

fn endpoint() -> Endpoint {
    Endpoint::new("https://example.com")
}

// ---------------------------------------------------------------------------------------------
// Value strategies.

/// Any string (control characters, quotes, non-ASCII), short.
fn text() -> impl Strategy<Value = String> {
    vec(any::<char>(), 0..10).prop_map(String::from_iter)
}

/// A string a header can carry unchanged: visible ASCII and inner spaces (values are trimmed).
fn header_text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[!-~]([ -~]{0,10}[!-~])?"]
}

/// Seconds within the years 0001–9999 (what date-time and http-date can write).
const MIN_SECS: i64 = -62_135_596_800;
const MAX_SECS: i64 = 253_402_300_799;

/// Any instant to the nanosecond (epoch-seconds and date-time keep every digit), whole
/// milliseconds (what services mostly send), or milliseconds around the epoch.
fn precise_timestamp() -> impl Strategy<Value = DateTime> {
    prop_oneof![
        (MIN_SECS..=MAX_SECS, 0..1_000_000_000u32).prop_map(|(secs, nanos)| DateTime::from_secs_and_nanos(secs, nanos)),
        (MIN_SECS * 1000..=MAX_SECS * 1000 + 999).prop_map(DateTime::from_millis),
        (-10_000i64..10_000).prop_map(DateTime::from_millis),
    ]
}

/// Whole seconds: http-date has no fraction.
fn seconds_timestamp() -> impl Strategy<Value = DateTime> {
    (MIN_SECS..=MAX_SECS).prop_map(DateTime::from_secs)
}

fn blob() -> impl Strategy<Value = Blob> {
    vec(any::<u8>(), 0..24).prop_map(Blob::new)
}

fn big_integer() -> impl Strategy<Value = BigInteger> {
    "-?(0|[1-9][0-9]{0,40})".prop_map(|s| s.parse().unwrap())
}

fn big_decimal() -> impl Strategy<Value = BigDecimal> {
    "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?".prop_map(|s| s.parse().unwrap())
}

/// A document; floats are finite (non-finite ones are written as strings and read back as
/// strings, the document type cannot tell them apart).
fn document() -> impl Strategy<Value = Document> {
    let leaf = prop_oneof![
        Just(Document::Null),
        any::<bool>().prop_map(Document::Bool),
        any::<u64>().prop_map(|n| Document::Number(Number::PosInt(n))),
        (i64::MIN..0).prop_map(|n| Document::Number(Number::NegInt(n))),
        double().prop_filter("finite", |f| f.is_finite()).prop_map(|f| Document::Number(Number::Float(f))),
        text().prop_map(Document::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![vec(inner.clone(), 0..4).prop_map(Document::Array), btree_map(text(), inner, 0..4).prop_map(Document::Object)]
    })
}

/// A document member: `null` is an absent member, so a present one is not `Null`.
fn member_document() -> impl Strategy<Value = Document> {
    document().prop_filter("a null member is absent", |d| !d.is_null())
}

/// Any `f32`, with its edge values (the extremes, the smallest normal and subnormal, the
/// non-finite ones) often enough to be met.
fn float() -> impl Strategy<Value = f32> {
    let edges = [f32::MAX, f32::MIN, f32::MIN_POSITIVE, 1e-45, -0.0, f32::EPSILON, f32::NAN, f32::INFINITY, f32::NEG_INFINITY];
    prop_oneof![3 => any::<f32>(), 1 => prop::sample::select(edges.to_vec())]
}

/// Any `f64`, with its edge values.
fn double() -> impl Strategy<Value = f64> {
    let edges = [f64::MAX, f64::MIN, f64::MIN_POSITIVE, 5e-324, -0.0, f64::EPSILON, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    prop_oneof![3 => any::<f64>(), 1 => prop::sample::select(edges.to_vec())]
}

fn same_f64(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || (a.is_nan() && b.is_nan()),
        (a, b) => a == b,
    }
}

fn same_f32(a: Option<f32>, b: Option<f32>) -> bool {
    same_f64(a.map(f64::from), b.map(f64::from))
}

macro_rules! same {
    ($out:expr, $in:expr, $($member:ident),+ $(,)?) => {
        $( prop_assert_eq!($out.$member(), $in.$member(), "{}", stringify!($member)); )+
    };
}

// ---------------------------------------------------------------------------------------------
// (a) Round trips.

mod simple_types {
    use super::*;
    use fixtures::simpletypes::operation::echo::{parse_response, serialize_request, EchoInput};
    use fixtures::simpletypes::types::Nested;

    pub fn input() -> impl Strategy<Value = EchoInput> {
        let scalars = (
            option::of(blob()),
            option::of(any::<bool>()),
            option::of(text()),
            option::of(any::<i8>()),
            option::of(any::<i16>()),
            option::of(any::<i32>()),
            option::of(any::<i64>()),
            option::of(float()),
            option::of(double()),
            option::of(big_integer()),
            option::of(big_decimal()),
        );
        let rest = (
            option::of(precise_timestamp()),
            option::of(precise_timestamp()),
            option::of(seconds_timestamp()),
            option::of(precise_timestamp()),
            option::of(seconds_timestamp()),
            option::of(precise_timestamp()),
            option::of(member_document()),
            option::of((any::<bool>(), any::<i32>(), option::of(float()))),
        );
        (scalars, rest).prop_map(|((blob, boolean, string, byte, short, integer, long, float, double, bi, bd), rest)| {
            let (ts, iso, http, member_dt, target_http, overrides, document, nested) = rest;
            EchoInput::builder()
                .set_blob(blob)
                .set_boolean(boolean)
                .set_string(string)
                .set_byte(byte)
                .set_short(short)
                .set_integer(integer)
                .set_long(long)
                .set_float(float)
                .set_double(double)
                .set_big_integer(bi)
                .set_big_decimal(bd)
                .set_timestamp(ts)
                .set_iso_timestamp(iso)
                .set_http_date(http)
                .set_member_date_time(member_dt)
                .set_target_http_date(target_http)
                .set_member_overrides_target(overrides)
                .set_document(document)
                .set_nested(nested.map(|(b, i, f)| {
                    Nested::builder().primitive_boolean(b).primitive_integer(i).set_float(f).build()
                }))
                .build()
        })
    }

    #[test]
    fn round_trip() {
        check(256, input(), |input| {
            let req = serialize_request(&input, &endpoint()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let out = parse_response(200, &HeaderMap::new(), req.body())
                .map_err(|e| TestCaseError::fail(format!("{e} in {}", String::from_utf8_lossy(req.body()))))?;
            same!(out, input, blob, boolean, string, byte, short, integer, long, big_integer, big_decimal);
            same!(out, input, timestamp, iso_timestamp, http_date, member_date_time, target_http_date);
            same!(out, input, member_overrides_target, document);
            prop_assert!(same_f32(out.float(), input.float()), "float {:?} {:?}", out.float(), input.float());
            prop_assert!(same_f64(out.double(), input.double()), "double {:?} {:?}", out.double(), input.double());
            match (out.nested(), input.nested()) {
                (Some(o), Some(i)) => {
                    prop_assert_eq!((o.primitive_boolean(), o.primitive_integer()), (i.primitive_boolean(), i.primitive_integer()));
                    prop_assert!(same_f32(o.float(), i.float()));
                }
                (o, i) => prop_assert_eq!(o.is_some(), i.is_some()),
            }
            Ok(())
        });
    }
}

mod collections {
    use super::*;
    use fixtures::collections::operation::echo::{parse_response, serialize_request, EchoInput};
    use fixtures::collections::types::{Color, Holder, Item};

    fn color() -> impl Strategy<Value = Color> {
        prop_oneof![Just(Color::Red), "[a-z]{0,6}".prop_map(|s| Color::from(s.as_str()))]
    }

    fn item() -> impl Strategy<Value = Item> {
        option::of(text()).prop_map(|name| Item::builder().set_name(name).build())
    }

    pub fn input() -> impl Strategy<Value = EchoInput> {
        let lists = (
            option::of(vec(text(), 0..4)),
            option::of(vec(vec(text(), 0..3), 0..3)),
            option::of(hash_map(text(), vec(item(), 0..3), 0..3)),
            option::of(hash_map(color(), any::<i32>(), 0..3)),
        );
        let sparse = (
            option::of(vec(option::of(text()), 0..4)),
            option::of(hash_map(text(), option::of(text()), 0..4)),
            option::of(vec(text(), 0..3)),
            option::of(hash_map(text(), hash_map(text(), vec(text(), 0..3), 0..3), 0..3)),
        );
        option::of((lists, sparse)).prop_map(|value| {
            let holder = value.map(|((strings, lol, mol, by_enum), (sparse, sparse_map, unique, mom))| {
                Holder::builder()
                    .set_strings(strings)
                    .set_list_of_lists(lol)
                    .set_map_of_lists(mol)
                    .set_by_enum(by_enum)
                    .set_sparse_strings(sparse)
                    .set_sparse_map(sparse_map)
                    .set_unique(unique)
                    .set_map_of_maps(mom)
                    .build()
            });
            EchoInput::builder().set_value(holder).build()
        })
    }

    #[test]
    fn round_trip() {
        check(256, input(), |input| {
            let req = serialize_request(&input, &endpoint()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let out = parse_response(200, &HeaderMap::new(), req.body()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            same!(out, input, value);
            Ok(())
        });
    }
}

mod json_unions {
    use super::*;
    use fixtures::jsonunions::operation::echo::{parse_response, serialize_request, EchoInput};
    use fixtures::jsonunions::types::{Choice, Nested};

    pub fn choice() -> impl Strategy<Value = Choice> {
        let leaf = prop_oneof![
            Just(Choice::Stop),
            text().prop_map(Choice::Text),
            any::<i32>().prop_map(Choice::Number),
            precise_timestamp().prop_map(Choice::Time),
            vec(text(), 0..3).prop_map(Choice::List),
            hash_map(text(), text(), 0..3).prop_map(Choice::Map),
        ];
        leaf.prop_recursive(4, 16, 2, |inner| {
            (option::of(text()), option::of(inner)).prop_map(|(inner_text, choice)| {
                Choice::Nested(Box::new(Nested::builder().set_inner(inner_text).set_choice(choice.map(Box::new)).build()))
            })
        })
    }

    pub fn input() -> impl Strategy<Value = EchoInput> {
        (option::of(choice()), option::of(text()), option::of(text())).prop_map(|(choice, renamed, header)| {
            EchoInput::builder().set_choice(choice).set_renamed(renamed).set_header(header).build()
        })
    }

    #[test]
    fn round_trip() {
        check(256, input(), |input| {
            let req = serialize_request(&input, &endpoint()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let out = parse_response(200, &HeaderMap::new(), req.body()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            same!(out, input, choice, renamed, header);
            Ok(())
        });
    }
}

mod rest_unions {
    use super::*;
    use fixtures::unions::operation::echo::{parse_response, serialize_request, EchoInput};
    use fixtures::unions::types::{Action, Move};

    pub fn input() -> impl Strategy<Value = EchoInput> {
        let action = prop_oneof![
            Just(Action::Quit),
            text().prop_map(Action::Say),
            any::<i32>().prop_map(|n| Action::Move(Move::builder().steps(n).build().unwrap())),
            any::<i32>().prop_map(Action::UnknownValue),
            text().prop_map(Action::Secret),
        ];
        option::of(action).prop_map(|a| EchoInput::builder().set_action(a).build())
    }

    #[test]
    fn round_trip() {
        check(128, input(), |input| {
            let req = serialize_request(&input, &endpoint()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let out = parse_response(200, req.headers(), req.body()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            same!(out, input, action);
            Ok(())
        });
    }
}

mod rest_json_names {
    use super::*;
    use fixtures::restjson::operation::json_names::{parse_response, serialize_request, JsonNamesInput};
    use fixtures::restjson::types::{Choice, Nested};

    pub fn input() -> impl Strategy<Value = JsonNamesInput> {
        let choice = prop_oneof![Just(Choice::Stop), text().prop_map(Choice::Text), any::<i32>().prop_map(Choice::Number)];
        (
            option::of(text()),
            option::of(text()),
            option::of(option::of(text())),
            option::of(choice),
            option::of(precise_timestamp()),
            option::of(precise_timestamp()),
        )
            .prop_map(|(renamed, plain, nested, choice, when, iso_when)| {
                JsonNamesInput::builder()
                    .set_renamed(renamed)
                    .set_plain(plain)
                    .set_nested(nested.map(|inner| Nested::builder().set_inner(inner).build()))
                    .set_choice(choice)
                    .set_when(when)
                    .set_iso_when(iso_when)
                    .build()
            })
    }

    #[test]
    fn round_trip() {
        check(256, input(), |input| {
            let req = serialize_request(&input, &endpoint()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let out = parse_response(200, req.headers(), req.body()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            same!(out, input, renamed, plain, nested, choice, when, iso_when);
            Ok(())
        });
    }
}

mod headers {
    use super::*;
    use fixtures::httpheaders::operation::headers::{parse_response, serialize_request, HeadersInput};
    use fixtures::httpheaders::types::Color;

    /// A string list a header carries unchanged: a list of one empty string would be sent as an
    /// empty value, which reads back as the empty list.
    fn header_list() -> impl Strategy<Value = Vec<String>> {
        vec(header_text(), 0..4).prop_filter("[\"\"] is sent as []", |v| !(v.len() == 1 && v[0].is_empty()))
    }

    pub fn input() -> impl Strategy<Value = HeadersInput> {
        let scalars = (
            option::of(header_text()),
            option::of(any::<i32>()),
            option::of(any::<i64>()),
            option::of(double()),
            option::of(any::<bool>()),
            option::of(seconds_timestamp()),
            option::of(precise_timestamp()),
            option::of(prop_oneof![Just(Color::Red), "[a-z]{1,8}".prop_map(|s| Color::from(s.as_str()))]),
        );
        let lists = (
            option::of(header_list()),
            option::of(vec(any::<i32>(), 0..4)),
            option::of(vec(seconds_timestamp(), 0..4)),
            option::of(header_text()),
            // Header names are case-insensitive (and lower-cased by the HTTP stack): lower-case
            // keys read back as written.
            option::of(hash_map("[a-z0-9-]{1,8}".prop_filter("not the concrete header", |k| k != "fixed"), header_text(), 0..4)),
        );
        (scalars, lists).prop_map(
            |((string, integer, long, double, boolean, ts, iso, color), (strings, ints, stamps, fixed, meta))| {
                HeadersInput::builder()
                    .set_string(string)
                    .set_integer(integer)
                    .set_long(long)
                    .set_double(double)
                    .set_boolean(boolean)
                    .set_timestamp(ts)
                    .set_iso_timestamp(iso)
                    .set_enum(color)
                    .set_string_list(strings)
                    .set_integer_list(ints)
                    .set_timestamp_list(stamps)
                    .set_fixed(fixed)
                    .set_meta(meta)
                    .build()
            },
        )
    }

    #[test]
    fn round_trip() {
        check(256, input(), |input| {
            let req = serialize_request(&input, &endpoint()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let out = parse_response(200, req.headers(), req.body())
                .map_err(|e| TestCaseError::fail(format!("{e} in {:?}", req.headers())))?;
            same!(out, input, string, integer, long, boolean, timestamp, iso_timestamp, r#enum, fixed);
            same!(out, input, string_list, integer_list, timestamp_list);
            prop_assert!(same_f64(out.double(), input.double()));
            // The prefix map holds every `X-Meta-` header, the concrete `X-Meta-Fixed` too; no
            // such header reads as an empty map.
            let mut expected = input.meta().cloned().unwrap_or_default();
            if let Some(fixed) = input.fixed() {
                expected.insert("fixed".to_string(), fixed.to_string());
            }
            prop_assert_eq!(out.meta(), Some(&expected));
            Ok(())
        });
    }
}

mod payloads {
    use super::*;
    use fixtures::httppayloads::operation::{blob_payload, document_payload, string_payload, structure_payload, union_payload};
    use fixtures::httppayloads::types::{Choice, Nested};

    pub fn structure_input() -> impl Strategy<Value = structure_payload::StructurePayloadInput> {
        let nested = (option::of(text()), option::of(any::<i32>()), option::of(text()))
            .prop_map(|(g, c, r)| Nested::builder().set_greeting(g).set_count(c).set_renamed(r).build());
        (option::of(header_text()), option::of(nested))
            .prop_map(|(tag, payload)| structure_payload::StructurePayloadInput::builder().set_tag(tag).set_payload(payload).build())
    }

    pub fn union_input() -> impl Strategy<Value = union_payload::UnionPayloadInput> {
        option::of(prop_oneof![Just(Choice::Stop), text().prop_map(Choice::Greeting)])
            .prop_map(|p| union_payload::UnionPayloadInput::builder().set_payload(p).build())
    }

    pub fn document_input() -> impl Strategy<Value = document_payload::DocumentPayloadInput> {
        option::of(document()).prop_map(|p| document_payload::DocumentPayloadInput::builder().set_payload(p).build())
    }

    #[test]
    fn structure_round_trip() {
        check(128, structure_input(), |input| {
            let req = structure_payload::serialize_request(&input, &endpoint()).unwrap();
            let out = structure_payload::parse_response(200, req.headers(), req.body()).unwrap();
            same!(out, input, tag);
            // An unset structure payload is sent as `{}`, which reads as an empty structure.
            let empty = Nested::builder().build();
            prop_assert_eq!(out.payload(), Some(input.payload().unwrap_or(&empty)));
            Ok(())
        });
    }

    #[test]
    fn union_round_trip() {
        check(64, union_input(), |input| {
            let req = union_payload::serialize_request(&input, &endpoint()).unwrap();
            let out = union_payload::parse_response(200, req.headers(), req.body()).unwrap();
            same!(out, input, payload);
            Ok(())
        });
    }

    #[test]
    fn document_round_trip() {
        check(128, document_input(), |input| {
            let req = document_payload::serialize_request(&input, &endpoint()).unwrap();
            let out = document_payload::parse_response(200, req.headers(), req.body()).unwrap();
            // Unset is sent as `{}`; a `null` document is an empty body's absence.
            let expected = match input.payload() {
                None => Some(Document::Object(Default::default())),
                Some(Document::Null) => None,
                Some(d) => Some(d.clone()),
            };
            prop_assert_eq!(out.payload(), expected.as_ref());
            Ok(())
        });
    }

    #[test]
    fn string_and_blob_round_trip() {
        let strategy = (option::of(header_text()), option::of(text()), option::of(blob()));
        check(128, strategy, |(tag, text, bytes)| {
            let input = string_payload::StringPayloadInput::builder().set_tag(tag.clone()).set_payload(text).build();
            let req = string_payload::serialize_request(&input, &endpoint()).unwrap();
            let out = string_payload::parse_response(200, req.headers(), req.body()).unwrap();
            same!(out, input, tag);
            // An empty payload is no payload.
            prop_assert_eq!(out.payload(), input.payload().filter(|s| !s.is_empty()));

            let input = blob_payload::BlobPayloadInput::builder().set_tag(tag).set_payload(bytes).build();
            let req = blob_payload::serialize_request(&input, &endpoint()).unwrap();
            let out = blob_payload::parse_response(200, req.headers(), req.body()).unwrap();
            same!(out, input, tag);
            prop_assert_eq!(out.payload(), input.payload().filter(|b| !b.as_ref().is_empty()));
            Ok(())
        });
    }
}

mod labels {
    use super::*;
    use fixtures::httplabels::operation::greedy_label::{serialize_request, GreedyLabelInput};

    fn percent_decode(text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn any_label_is_encoded_once_and_decodes_back() {
        let strategy = (text().prop_filter("not empty", |s| !s.is_empty()), text().prop_filter("not empty", |s| !s.is_empty()));
        check(256, strategy, |(bucket, key)| {
            let input = GreedyLabelInput::builder().bucket(bucket.clone()).key(key.clone()).build();
            let req = serialize_request(&input, &endpoint()).unwrap();
            let path = req.uri().path().to_string();
            let rest = path.strip_prefix("/greedy/").unwrap();
            let (encoded_bucket, encoded_key) = rest.split_once('/').unwrap();
            let unreserved = |c: char| c.is_ascii_alphanumeric() || "-._~%".contains(c);
            prop_assert!(encoded_bucket.chars().all(unreserved), "{}", encoded_bucket);
            prop_assert!(encoded_key.chars().all(|c| unreserved(c) || c == '/'), "{}", encoded_key);
            prop_assert_eq!(percent_decode(encoded_bucket), bucket.as_bytes());
            prop_assert_eq!(percent_decode(encoded_key), key.as_bytes());
            Ok(())
        });
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Hostile input.

/// An operation's `parse_response`, its result dropped (only panics matter here).
type Parse = fn(u16, &HeaderMap, &[u8]);

/// Every operation whose responses have a body, with a strategy for its valid bodies (the body
/// of a serialized arbitrary input, which is what a response of the same shape looks like).
fn targets() -> Vec<(&'static str, Parse, BoxedStrategy<Vec<u8>>)> {
    type Serialize<I> = fn(&I, &Endpoint) -> Result<http::Request<Vec<u8>>, fixtures::error::SerializeError>;
    fn bodies<I: std::fmt::Debug + 'static>(
        strategy: impl Strategy<Value = I> + 'static,
        serialize: Serialize<I>,
    ) -> BoxedStrategy<Vec<u8>> {
        strategy.prop_filter_map("serializable", move |i| serialize(&i, &endpoint()).ok().map(http::Request::into_body)).boxed()
    }
    use fixtures::httppayloads::operation::{document_payload, structure_payload, union_payload};
    use fixtures::{collections, httplabels, jsonunions, restjson, simpletypes, unions};
    let labels = Just(
        br#"{"String":"s","Short":1,"Integer":2,"Long":3,"Float":"NaN","Double":0.5,"Boolean":true,"Timestamp":1576540098,"EpochTimestamp":1.5,"HttpDateTimestamp":"Mon, 16 Dec 2019 23:48:18 GMT","Enum":"dark red"}"#.to_vec(),
    );
    vec![
        (
            "simpletypes",
            (|s, h, b| drop(simpletypes::operation::echo::parse_response(s, h, b))) as Parse,
            bodies(simple_types::input(), simpletypes::operation::echo::serialize_request),
        ),
        (
            "collections",
            |s, h, b| drop(collections::operation::echo::parse_response(s, h, b)),
            bodies(crate::collections::input(), collections::operation::echo::serialize_request),
        ),
        (
            "jsonunions",
            |s, h, b| drop(jsonunions::operation::echo::parse_response(s, h, b)),
            bodies(json_unions::input(), jsonunions::operation::echo::serialize_request),
        ),
        (
            "unions",
            |s, h, b| drop(unions::operation::echo::parse_response(s, h, b)),
            bodies(rest_unions::input(), unions::operation::echo::serialize_request),
        ),
        (
            "restjson",
            |s, h, b| drop(restjson::operation::json_names::parse_response(s, h, b)),
            bodies(rest_json_names::input(), restjson::operation::json_names::serialize_request),
        ),
        ("labels", |s, h, b| drop(httplabels::operation::labels::parse_response(s, h, b)), labels.boxed()),
        (
            "structure payload",
            |s, h, b| drop(structure_payload::parse_response(s, h, b)),
            bodies(payloads::structure_input(), structure_payload::serialize_request),
        ),
        (
            "union payload",
            |s, h, b| drop(union_payload::parse_response(s, h, b)),
            bodies(payloads::union_input(), union_payload::serialize_request),
        ),
        (
            "document payload",
            |s, h, b| drop(document_payload::parse_response(s, h, b)),
            bodies(payloads::document_input(), document_payload::serialize_request),
        ),
    ]
}

/// Headers that make a non-2xx response dispatch to each fixture's modeled error (and to none).
fn error_headers() -> Vec<HeaderMap> {
    ["ComplexError", "Unknown", ""]
        .iter()
        .map(|code| {
            let mut h = HeaderMap::new();
            if !code.is_empty() {
                h.insert("x-amzn-errortype", HeaderValue::from_static(code));
            }
            h.insert("x-header", HeaderValue::from_static("h"));
            h
        })
        .collect()
}

/// Parses `body` as a success and as every kind of error.
fn parse_every_way(parse: Parse, body: &[u8]) {
    parse(200, &HeaderMap::new(), body);
    for headers in error_headers() {
        parse(400, &headers, body);
    }
}

#[test]
fn truncated_bodies() {
    for (name, parse, strategy) in targets() {
        check(24, strategy, |body| {
            for end in 0..body.len() {
                parse(200, &HeaderMap::new(), &body[..end]);
                parse(400, &error_headers()[0], &body[..end]);
            }
            Ok(())
        });
        println!("{name}: truncations ok");
    }
}

#[test]
fn flipped_bytes() {
    for (name, parse, strategy) in targets() {
        let flips = vec((any::<prop::sample::Index>(), any::<u8>()), 1..6);
        check(96, (strategy, flips), |(mut body, flips)| {
            if !body.is_empty() {
                for (at, byte) in flips {
                    let i = at.index(body.len());
                    body[i] ^= byte | 1;
                }
            }
            parse_every_way(parse, &body);
            Ok(())
        });
        println!("{name}: flips ok");
    }
}

/// A JSON value of another type than `value`'s, or a hostile one.
fn swap_type(value: &serde_json::Value, pick: u8) -> serde_json::Value {
    use serde_json::{json, Value};
    let replacements = [
        json!("string"),
        json!(""),
        json!(-12.5),
        json!(1),
        json!({}),
        json!({"__type": "x", "Nested": {}}),
        json!([]),
        json!([null]),
        json!(null),
        json!(true),
        json!("NaN"),
        json!("2019-12-16T23:48:18Z"),
        json!("Mon, 16 Dec 2019 23:48:18 GMT"),
        json!(u64::MAX),
        json!(i64::MIN),
    ];
    let candidates: Vec<&Value> = replacements.iter().filter(|r| std::mem::discriminant(*r) != std::mem::discriminant(value)).collect();
    candidates[usize::from(pick) % candidates.len()].clone()
}

/// Replaces the `target`-th value (pre-order) of `value`, counting from `*seen`.
fn replace_nth(value: &mut serde_json::Value, target: usize, seen: &mut usize, pick: u8) {
    if *seen == target {
        *value = swap_type(value, pick);
        *seen += 1;
        return;
    }
    *seen += 1;
    match value {
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| replace_nth(v, target, seen, pick)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| replace_nth(v, target, seen, pick)),
        _ => {}
    }
}

fn count_values(value: &serde_json::Value) -> usize {
    1 + match value {
        serde_json::Value::Array(items) => items.iter().map(count_values).sum(),
        serde_json::Value::Object(map) => map.values().map(count_values).sum(),
        _ => 0,
    }
}

#[test]
fn swapped_types() {
    for (name, parse, strategy) in targets() {
        let swaps = vec((any::<prop::sample::Index>(), any::<u8>()), 1..4);
        check(128, (strategy, swaps), |(body, swaps)| {
            let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&body) else { return Ok(()) };
            for (at, pick) in swaps {
                let target = at.index(count_values(&value));
                replace_nth(&mut value, target, &mut 0, pick);
            }
            parse_every_way(parse, &serde_json::to_vec(&value).unwrap());
            Ok(())
        });
        println!("{name}: type swaps ok");
    }
}

#[test]
fn deep_nesting_is_refused_past_the_cap() {
    use fixtures::{collections, jsonunions, simpletypes};
    let depth = 100usize..400;
    check(48, depth, |depth| {
        // Arrays and objects in a document, past the reader's cap of 128.
        let arrays = format!(r#"{{"Document":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        let result = simpletypes::operation::echo::parse_response(200, &HeaderMap::new(), arrays.as_bytes());
        prop_assert_eq!(result.is_err(), depth + 1 > 128, "document depth {}", depth);
        let objects = format!(r#"{{"Document":{}1{}}}"#, r#"{"a":"#.repeat(depth), "}".repeat(depth));
        let result = simpletypes::operation::echo::parse_response(200, &HeaderMap::new(), objects.as_bytes());
        prop_assert_eq!(result.is_err(), depth + 1 > 128, "document depth {}", depth);
        // A recursive union through generated deserializers (two JSON levels per step).
        let steps = depth / 2;
        let unions = format!(r#"{{"Choice":{}{{"Stop":{{}}}}{}}}"#, r#"{"Nested":{"Choice":"#.repeat(steps), "}}".repeat(steps));
        let result = jsonunions::operation::echo::parse_response(200, &HeaderMap::new(), unions.as_bytes());
        prop_assert_eq!(result.is_err(), 2 * steps + 3 > 128, "union depth {}", steps);
        // Unknown members are skipped, still within the cap.
        let skipped = format!(r#"{{"Value":{{"Unknown":{}{}}}}}"#, "[".repeat(depth), "]".repeat(depth));
        let result = collections::operation::echo::parse_response(200, &HeaderMap::new(), skipped.as_bytes());
        prop_assert_eq!(result.is_err(), depth + 2 > 128, "skipped depth {}", depth);
        // Unclosed nesting, and nesting in an error body.
        simpletypes::operation::echo::parse_response(200, &HeaderMap::new(), "[".repeat(depth * 10).as_bytes()).unwrap_err();
        let error = format!(r#"{{"__type":"ComplexError","Nested":{}}}"#, "[".repeat(depth));
        jsonunions::operation::echo::parse_response(400, &HeaderMap::new(), error.as_bytes()).unwrap_err();
        Ok(())
    });
}

#[test]
fn huge_numbers() {
    use fixtures::simpletypes::operation::echo::parse_response;
    const MEMBERS: &[&str] =
        &["Byte", "Short", "Integer", "Long", "Float", "Double", "BigInteger", "BigDecimal", "Timestamp", "MemberOverridesTarget", "Document"];
    let number = prop_oneof![
        (1usize..5000).prop_map(|n| "9".repeat(n)),
        (1usize..5000).prop_map(|n| format!("-0.{}1", "0".repeat(n))),
        (1usize..2000, any::<i32>()).prop_map(|(n, e)| format!("{}e{e}", "1".repeat(n))),
        Just("1e999999999999999999999".to_string()),
        Just("-1E-999999999999999999999".to_string()),
        Just("1e400".to_string()),
        Just("18446744073709551616".to_string()),
    ];
    check(256, (prop::sample::select(MEMBERS), number), |(member, number)| {
        let body = format!(r#"{{"{member}":{number}}}"#);
        let result = parse_response(200, &HeaderMap::new(), body.as_bytes());
        // The exact-text types keep any valid number; bounded types refuse what they cannot hold.
        if matches!(member, "BigInteger" | "BigDecimal") {
            if let Ok(out) = &result {
                let kept = out.big_integer().map(BigInteger::as_str).or(out.big_decimal().map(BigDecimal::as_str));
                prop_assert_eq!(kept, Some(number.as_str()));
            }
        }
        Ok(())
    });
}

#[test]
fn invalid_utf8_and_bad_escapes() {
    let garbage = prop_oneof![
        Just(b"\xff".to_vec()),
        Just(b"\xc0\x80".to_vec()),
        Just(b"\xed\xa0\x80".to_vec()),
        Just(b"\\ud800".to_vec()),
        Just(b"\\udc00\\ud800".to_vec()),
        Just(b"\\u00".to_vec()),
        Just(b"\\x".to_vec()),
        Just(b"\x00".to_vec()),
        vec(any::<u8>(), 1..4),
    ];
    for (name, parse, strategy) in targets() {
        check(64, (strategy, any::<prop::sample::Index>(), garbage.clone()), |(body, at, garbage)| {
            // Into the middle of the body (often a string), and as a whole string value.
            let i = if body.is_empty() { 0 } else { at.index(body.len()) };
            let mut spliced = body[..i].to_vec();
            spliced.extend_from_slice(&garbage);
            spliced.extend_from_slice(&body[i..]);
            parse_every_way(parse, &spliced);
            Ok(())
        });
        println!("{name}: garbage ok");
    }
    // Every string member of a structure and a union.
    for bad in [&b"\xff"[..], b"\\ud800", b"\xf0\x9f\x98"] {
        let mut body = br#"{"Choice":{"Text":""#.to_vec();
        body.extend_from_slice(bad);
        body.extend_from_slice(br#""},"Renamed":"x"}"#);
        fixtures::jsonunions::operation::echo::parse_response(200, &HeaderMap::new(), &body).unwrap_err();
    }
}

#[test]
fn hostile_headers() {
    use fixtures::httpheaders::operation::headers::parse_response;
    use fixtures::restjson::operation::json_names;
    const NAMES: &[&str] = &[
        "x-string", "x-integer", "x-long", "x-double", "x-boolean", "x-timestamp", "x-isotimestamp", "x-enum", "x-stringlist",
        "x-integerlist", "x-timestamplist", "x-meta-fixed", "x-meta-", "x-header", "x-amzn-errortype",
    ];
    let value = prop_oneof![
        vec(any::<u8>(), 0..24),
        Just(b"\"unterminated, \\".to_vec()),
        Just(b",,,".to_vec()),
        Just(b"Mon, 16 Dec 2019 23:48:18 GMT, Mon,".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just("9".repeat(400).into_bytes()),
    ];
    check(512, vec((prop::sample::select(NAMES), value), 1..6), |headers| {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            if let Ok(value) = HeaderValue::from_bytes(&value) {
                map.append(HeaderName::from_static(name), value);
            }
        }
        drop(parse_response(200, &map, b""));
        drop(json_names::parse_response(403, &map, br#"{"TopLevel":"t"}"#));
        Ok(())
    });
}

#[test]
fn round_trip_inputs_are_not_all_trivial() {
    // A guard on the strategies: most generated inputs set several members.
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    let tree = simple_types::input().new_tree(&mut runner).unwrap();
    let debug = format!("{:?}", tree.current());
    assert!(debug.matches("Some(").count() >= 3, "{debug}");
}
