//! Golden wire tests for EMR `GetStudioSessionMapping` (awsJson1_1). Expected bytes and values
//! are written by hand from the Smithy spec (aggregate-types.rst "Structure member optionality",
//! aws-json-1_1-protocol.rst) and its compliance tests, the AWS SDKs and Tools Reference Guide
//! ("Retry behavior") and the API reference of the operation, never captured from the generator.

use aws_lite::emr::operation::get_studio_session_mapping::{
    parse_response, serialize_request, GetStudioSessionMappingError, GetStudioSessionMappingInput,
};
use aws_lite::emr::types::IdentityType;
use aws_lite::endpoint::Endpoint;
use aws_lite::error::RetryKind;
use aws_lite::primitives::DateTime;
use http::HeaderMap;

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.insert(*k, v.parse().unwrap());
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

/// The three headers every awsJson1_1 request of this operation carries (aws-json-1_1-protocol.rst,
/// "Protocol Behaviors").
fn expected_headers(content_length: &str) -> Vec<(String, String)> {
    vec![
        ("content-length".to_string(), content_length.to_string()),
        ("content-type".to_string(), "application/x-amz-json-1.1".to_string()),
        ("x-amz-target".to_string(), "ElasticMapReduce.GetStudioSessionMapping".to_string()),
    ]
}

fn endpoint() -> Endpoint {
    Endpoint::new("https://elasticmapreduce.us-east-1.amazonaws.com")
}

fn parse_err(status: u16, hdrs: &HeaderMap, body: &[u8]) -> GetStudioSessionMappingError {
    match parse_response(status, hdrs, body) {
        Ok(out) => panic!("status {status} parsed as a success: {out:?}"),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

#[test]
fn request_with_every_member_in_declared_order() {
    // Set in reverse order: the body must still follow the model's member order.
    let input = GetStudioSessionMappingInput::builder()
        .identity_type(IdentityType::User)
        .identity_name("alice@example.com")
        .identity_id("9067c9b2-d0e1-4f2a-8b6c-1234567890ab")
        .studio_id("es-D8VZ8WJW6OAHH5BAT1FDSZHM6")
        .build();
    let req = serialize_request(&input, &endpoint()).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri().to_string(), "https://elasticmapreduce.us-east-1.amazonaws.com/");
    assert_eq!(req.uri().path(), "/");
    assert_eq!(req.uri().query(), None);
    assert_eq!(all_headers(&req), expected_headers("152"));
    assert_eq!(
        req.body(),
        br#"{"StudioId":"es-D8VZ8WJW6OAHH5BAT1FDSZHM6","IdentityId":"9067c9b2-d0e1-4f2a-8b6c-1234567890ab","IdentityName":"alice@example.com","IdentityType":"USER"}"#
    );
}

#[test]
fn request_omits_unset_members_and_sends_group() {
    let input =
        GetStudioSessionMappingInput::builder().studio_id("es-1").identity_name("data-team").identity_type(IdentityType::Group).build();
    let req = serialize_request(&input, &endpoint()).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(all_headers(&req), expected_headers("69"));
    assert_eq!(req.body(), br#"{"StudioId":"es-1","IdentityName":"data-team","IdentityType":"GROUP"}"#);
    // An explicitly cleared member is omitted too, never written as null.
    let cleared = GetStudioSessionMappingInput::builder()
        .studio_id("es-1")
        .identity_id("gone")
        .set_identity_id(None)
        .set_identity_type(Some(IdentityType::from("GROUP")))
        .build();
    let req = serialize_request(&cleared, &endpoint()).unwrap();
    assert_eq!(req.body(), br#"{"StudioId":"es-1","IdentityType":"GROUP"}"#);
    assert_eq!(req.headers()["content-length"], "42");
}

#[test]
fn request_with_nothing_set_sends_an_empty_object() {
    let req = serialize_request(&GetStudioSessionMappingInput::builder().build(), &endpoint()).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri().to_string(), "https://elasticmapreduce.us-east-1.amazonaws.com/");
    assert_eq!(all_headers(&req), expected_headers("2"));
    assert_eq!(req.body(), b"{}");
}

#[test]
fn request_sends_an_unknown_enum_value_unchanged() {
    let value = IdentityType::from("SERVICE_ACCOUNT");
    assert!(matches!(value, IdentityType::Unknown(_)));
    assert_eq!(value.as_str(), "SERVICE_ACCOUNT");
    let input = GetStudioSessionMappingInput::builder().studio_id("es-1").identity_type(value).build();
    let req = serialize_request(&input, &endpoint()).unwrap();
    assert_eq!(req.body(), br#"{"StudioId":"es-1","IdentityType":"SERVICE_ACCOUNT"}"#);
    assert_eq!(all_headers(&req), expected_headers("52"));
    // Known values map to their variants and back.
    assert_eq!(IdentityType::from("USER"), IdentityType::User);
    assert_eq!(IdentityType::from("GROUP"), IdentityType::Group);
    assert_eq!((IdentityType::User.as_str(), IdentityType::Group.as_str()), ("USER", "GROUP"));
    // Enum values are case-sensitive: `user` is not `USER`.
    assert!(matches!(IdentityType::from("user"), IdentityType::Unknown(_)));
}

#[test]
fn request_escapes_strings() {
    let input = GetStudioSessionMappingInput::builder().studio_id("q\"b\\s\n\u{1}é😹").build();
    let req = serialize_request(&input, &endpoint()).unwrap();
    assert_eq!(req.body(), "{\"StudioId\":\"q\\\"b\\\\s\\n\\u0001é😹\"}".as_bytes());
    assert_eq!(req.headers()["content-length"], "36", "the length counts bytes, not chars");

    // Every control character, DEL, `/` and U+2028 survive a round trip through a JSON parser.
    let nasty: String = (0u8..0x20).map(char::from).chain(['\u{7f}', '/', '\u{2028}', '"', '\\']).collect();
    let input = GetStudioSessionMappingInput::builder().identity_name(nasty.clone()).build();
    let req = serialize_request(&input, &endpoint()).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(parsed, serde_json::json!({ "IdentityName": nasty }));
    assert_eq!(req.headers()["content-length"], req.body().len().to_string());
}

#[test]
fn request_keeps_the_endpoint_path() {
    let input = GetStudioSessionMappingInput::builder().studio_id("es-1").build();
    for url in ["https://example.com/custom", "https://example.com/custom/"] {
        let req = serialize_request(&input, &Endpoint::new(url)).unwrap();
        assert_eq!(req.uri().to_string(), "https://example.com/custom/", "{url}");
        assert_eq!(req.body(), br#"{"StudioId":"es-1"}"#);
    }
    let req = serialize_request(&input, &Endpoint::new("http://localhost:8080")).unwrap();
    assert_eq!(req.uri().to_string(), "http://localhost:8080/");
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

const FULL: &str = r#"{
  "SessionMapping": {
    "StudioId": "es-D8VZ8WJW6OAHH5BAT1FDSZHM6",
    "IdentityId": "9067c9b2-d0e1-4f2a-8b6c-1234567890ab",
    "IdentityName": "alice@example.com",
    "IdentityType": "USER",
    "SessionPolicyArn": "arn:aws:iam::111122223333:policy/EMRStudioSessionPolicy",
    "CreationTime": 1.591735225353E9,
    "LastModifiedTime": 1700000000
  }
}"#;

#[test]
fn response_with_every_member() {
    let out = parse_response(200, &headers(&[("x-amzn-requestid", "req-1")]), FULL.as_bytes()).unwrap();
    let mapping = out.session_mapping().expect("SessionMapping");
    assert_eq!(mapping.studio_id(), Some("es-D8VZ8WJW6OAHH5BAT1FDSZHM6"));
    assert_eq!(mapping.identity_id(), Some("9067c9b2-d0e1-4f2a-8b6c-1234567890ab"));
    assert_eq!(mapping.identity_name(), Some("alice@example.com"));
    assert_eq!(mapping.identity_type(), Some(&IdentityType::User));
    assert_eq!(mapping.session_policy_arn(), Some("arn:aws:iam::111122223333:policy/EMRStudioSessionPolicy"));
    // 1.591735225353E9 s = 2020-06-09T20:40:25.353Z.
    assert_eq!(mapping.creation_time(), Some(&DateTime::from_millis(1_591_735_225_353)));
    assert_eq!(mapping.last_modified_time(), Some(&DateTime::from_secs(1_700_000_000)));
}

#[test]
fn response_with_group_and_any_success_status() {
    let body = br#"{"SessionMapping":{"IdentityType":"GROUP","IdentityName":"data-team"}}"#;
    for status in [200, 201, 204, 299] {
        let out = parse_response(status, &HeaderMap::new(), body).unwrap();
        let mapping = out.session_mapping().unwrap();
        assert_eq!(mapping.identity_type(), Some(&IdentityType::Group), "{status}");
        assert_eq!(mapping.identity_name(), Some("data-team"));
        assert_eq!((mapping.studio_id(), mapping.identity_id(), mapping.session_policy_arn()), (None, None, None));
        assert_eq!((mapping.creation_time(), mapping.last_modified_time()), (None, None));
    }
}

#[test]
fn response_epoch_second_timestamps() {
    for (text, millis) in [
        ("1700000000", 1_700_000_000_000),
        ("0", 0),
        ("1700000000.5", 1_700_000_000_500),
        ("1700000000.001", 1_700_000_000_001),
        ("1591735225.353", 1_591_735_225_353),
        ("1.591735225353E9", 1_591_735_225_353),
        ("1.591735225353e9", 1_591_735_225_353),
        ("1.591735225353E+9", 1_591_735_225_353),
        ("15917352253.53E-1", 1_591_735_225_353),
        ("1.7E9", 1_700_000_000_000),
        ("-1.5", -1_500),
        ("946845296.123", 946_845_296_123),
    ] {
        let body = format!(r#"{{"SessionMapping":{{"CreationTime":{text},"LastModifiedTime":{text}}}}}"#);
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        let mapping = out.session_mapping().unwrap();
        assert_eq!(mapping.creation_time(), Some(&DateTime::from_millis(millis)), "{text}");
        assert_eq!(mapping.last_modified_time(), Some(&DateTime::from_millis(millis)), "{text}");
    }
}

#[test]
fn response_epoch_seconds_keep_every_digit_to_the_nanosecond() {
    // Epoch numbers are read exactly from their text, with no rounding: the first two cases used
    // to round to milliseconds (…000.124 and …000.000) and now keep the digits sent. Beyond the
    // ninth digit they are truncated toward the past.
    for (text, secs, nanos) in [
        ("1700000000.1236", 1_700_000_000, 123_600_000),
        ("1700000000.0004", 1_700_000_000, 400_000),
        ("1576540098.123456789", 1_576_540_098, 123_456_789),
        ("1.576540098123456789E9", 1_576_540_098, 123_456_789),
        ("9007199254.740993", 9_007_199_254, 740_993_000),
        ("1700000000.0000000019", 1_700_000_000, 1),
        // −1.5 s is 2 s before the epoch plus 0.5 s.
        ("-1.5", -2, 500_000_000),
    ] {
        let body = format!(r#"{{"SessionMapping":{{"CreationTime":{text}}}}}"#);
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        let expected = DateTime::from_secs_and_nanos(secs, nanos);
        assert_eq!(out.session_mapping().unwrap().creation_time(), Some(&expected), "{text}");
    }
}

#[test]
fn response_empty_or_with_nothing() {
    for body in ["", "{}", "  \n", "\t{ }\r\n", r#"{"SessionMapping":null}"#] {
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        assert!(out.session_mapping().is_none(), "{body:?}");
    }
    let out = parse_response(200, &HeaderMap::new(), br#"{"SessionMapping":{}}"#).unwrap();
    let mapping = out.session_mapping().expect("an empty object is a present structure");
    assert_eq!((mapping.studio_id(), mapping.identity_type(), mapping.creation_time()), (None, None, None));
}

#[test]
fn response_nulls_are_absent() {
    let body = br#"{"SessionMapping":{"StudioId":null,"IdentityId":null,"IdentityName":null,"IdentityType":null,
        "SessionPolicyArn":null,"CreationTime":null,"LastModifiedTime":null}}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    let mapping = out.session_mapping().unwrap();
    assert_eq!((mapping.studio_id(), mapping.identity_id(), mapping.identity_name()), (None, None, None));
    assert_eq!(mapping.identity_type(), None);
    assert_eq!(mapping.session_policy_arn(), None);
    assert_eq!((mapping.creation_time(), mapping.last_modified_time()), (None, None));
}

#[test]
fn response_with_unknown_members_and_values() {
    let body = br#"{"Extra":{"a":[1,{"b":null,"c":[[],{}]}],"d":"x\"}"},"SessionMapping":{"Future":{"deep":[[{"e":1.5e300}]]},
        "StudioId":"es-2","IdentityType":"SERVICE_ROLE","Flag":true,"LastModifiedTime":1700000001},"Tail":[true,false,null,-0.0]}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    let mapping = out.session_mapping().unwrap();
    assert_eq!(mapping.studio_id(), Some("es-2"));
    let kind = mapping.identity_type().unwrap();
    assert!(matches!(kind, IdentityType::Unknown(_)), "{kind:?}");
    assert_eq!(kind.as_str(), "SERVICE_ROLE");
    assert_eq!(kind.to_string(), "SERVICE_ROLE");
    assert_eq!(mapping.last_modified_time(), Some(&DateTime::from_secs(1_700_000_001)));
    assert_eq!(mapping.identity_name(), None);
}

#[test]
fn response_strings_are_unescaped() {
    let body = br#"{"SessionMapping":{"IdentityName":"a\"b\\c\/d\n\u00e9\ud83d\ude39 \u0041"}}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    assert_eq!(out.session_mapping().unwrap().identity_name(), Some("a\"b\\c/d\né😹 A"));
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

const INVALID_BODY: &[u8] = br#"{"ErrorCode":"INVALID_STUDIO","Message":"Studio es-1 does not exist"}"#;

fn assert_invalid_request(err: &GetStudioSessionMappingError, error_code: Option<&str>, message: Option<&str>) {
    let GetStudioSessionMappingError::InvalidRequestException(e) = err else { panic!("{err:?}") };
    assert_eq!(e.error_code(), error_code);
    assert_eq!(e.message(), message);
    assert!(err.is_invalid_request_exception());
    assert!(!err.is_internal_server_error() && !err.is_unhandled());
    assert_eq!(err.code(), Some("InvalidRequestException"));
}

#[test]
fn invalid_request_from_the_errortype_header() {
    let err = parse_err(
        400,
        &headers(&[("x-amzn-errortype", "InvalidRequestException"), ("x-amzn-requestid", "r-1")]),
        INVALID_BODY,
    );
    assert_invalid_request(&err, Some("INVALID_STUDIO"), Some("Studio es-1 does not exist"));
    assert_eq!(err.message(), Some("Studio es-1 does not exist"));
    assert_eq!(err.request_id(), Some("r-1"));
    assert_eq!(err.meta().status(), 400);
    assert_eq!(err.retry_kind(), None);
    assert_eq!(err.to_string(), "InvalidRequestException: Studio es-1 does not exist");

    // With the Coral URL suffix servers append: cut at the first `:`.
    let err = parse_err(
        400,
        &headers(&[("x-amzn-errortype", "InvalidRequestException:http://internal.amazon.com/coral/com.amazon.coral.validate/")]),
        INVALID_BODY,
    );
    assert_invalid_request(&err, Some("INVALID_STUDIO"), Some("Studio es-1 does not exist"));

    // A namespaced shape id in the header, with a suffix.
    let err = parse_err(
        400,
        &headers(&[("x-amzn-errortype", "com.amazonaws.emr#InvalidRequestException:http://internal.amazon.com/coral/")]),
        INVALID_BODY,
    );
    assert_invalid_request(&err, Some("INVALID_STUDIO"), Some("Studio es-1 does not exist"));
}

#[test]
fn invalid_request_from_the_body_code_and_type() {
    let err = parse_err(
        400,
        &HeaderMap::new(),
        br#"{"code":"InvalidRequestException","ErrorCode":"E1","Message":"from code"}"#,
    );
    assert_invalid_request(&err, Some("E1"), Some("from code"));
    assert_eq!(err.request_id(), None);

    let err = parse_err(
        400,
        &headers(&[("x-amzn-requestid", "r-2")]),
        br#"{"__type":"InvalidRequestException","ErrorCode":"E2","Message":"from bare type"}"#,
    );
    assert_invalid_request(&err, Some("E2"), Some("from bare type"));
    assert_eq!(err.request_id(), Some("r-2"));

    let err = parse_err(
        400,
        &HeaderMap::new(),
        br#"{"__type":"com.amazonaws.emr#InvalidRequestException","Message":"from namespaced type"}"#,
    );
    assert_invalid_request(&err, None, Some("from namespaced type"));

    let err = parse_err(
        400,
        &HeaderMap::new(),
        br#"{"__type":"com.amazonaws.emr#InvalidRequestException:http://internal.amazon.com/coral/"}"#,
    );
    assert_invalid_request(&err, None, None);
    assert_eq!(err.to_string(), "InvalidRequestException");
}

#[test]
fn invalid_request_with_only_a_header_and_no_body() {
    for body in [&b""[..], b"{}", b"  "] {
        let err = parse_err(400, &headers(&[("x-amzn-errortype", "InvalidRequestException")]), body);
        assert_invalid_request(&err, None, None);
        assert_eq!(err.message(), None);
    }
    // Members sent as null are absent; unknown members are skipped.
    let err = parse_err(
        400,
        &headers(&[("x-amzn-errortype", "InvalidRequestException")]),
        br#"{"ErrorCode":null,"Message":null,"Details":{"nested":[1,2,{"code":"x"}]}}"#,
    );
    assert_invalid_request(&err, None, None);
}

fn assert_internal_server_error(err: &GetStudioSessionMappingError) {
    assert!(matches!(err, GetStudioSessionMappingError::InternalServerError(_)), "{err:?}");
    assert!(err.is_internal_server_error());
    assert!(!err.is_invalid_request_exception() && !err.is_unhandled());
    assert_eq!(err.code(), Some("InternalServerError"));
}

#[test]
fn internal_server_error_from_each_code_source() {
    let cases: [(HeaderMap, &[u8]); 6] = [
        (headers(&[("x-amzn-errortype", "InternalServerError")]), b""),
        (headers(&[("x-amzn-errortype", "InternalServerError:http://internal.amazon.com/coral/com.amazon.coral.service/")]), b"{}"),
        (HeaderMap::new(), br#"{"code":"InternalServerError"}"#),
        (HeaderMap::new(), br#"{"__type":"InternalServerError"}"#),
        (HeaderMap::new(), br#"{"__type":"com.amazonaws.emr#InternalServerError"}"#),
        (HeaderMap::new(), br#"{"__type":"com.amazonaws.emr#InternalServerError:http://internal.amazon.com/"}"#),
    ];
    for (hdrs, body) in &cases {
        let err = parse_err(500, hdrs, body);
        assert_internal_server_error(&err);
        assert_eq!(err.meta().status(), 500);
        assert_eq!(err.retry_kind(), Some(RetryKind::Transient), "a 500 is transient: {hdrs:?} {body:?}");
        assert_eq!(err.to_string(), "InternalServerError");
    }
}

#[test]
fn internal_server_error_with_a_message_and_request_id() {
    // The shape has no members; the message still reaches the metadata.
    let err = parse_err(
        500,
        &headers(&[("x-amzn-requestid", "r-500")]),
        br#"{"__type":"com.amazonaws.emr#InternalServerError","Message":"Internal error"}"#,
    );
    assert_internal_server_error(&err);
    assert_eq!(err.message(), Some("Internal error"));
    assert_eq!(err.request_id(), Some("r-500"));
    let GetStudioSessionMappingError::InternalServerError(e) = &err else { unreachable!() };
    assert_eq!(e.meta().code(), Some("InternalServerError"));
    assert_eq!(e.meta().status(), 500);
    assert!(err.to_string().starts_with("InternalServerError"), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn internal_server_error_retry_comes_from_the_status_only() {
    // EMR's InternalServerError is not @retryable: only 500/502/503/504 make it transient.
    let body = br#"{"__type":"InternalServerError"}"#;
    for (status, kind) in [(500, Some(RetryKind::Transient)), (503, Some(RetryKind::Transient)), (400, None)] {
        let err = parse_err(status, &HeaderMap::new(), body);
        assert_internal_server_error(&err);
        assert_eq!(err.retry_kind(), kind, "{status}");
    }
}

#[test]
fn the_code_sources_take_precedence_in_order() {
    // Header beats body `code` beats body `__type`, whatever the order of the keys.
    let all = br#"{"__type":"Bogus","code":"InvalidRequestException","Message":"m"}"#;
    let err = parse_err(500, &headers(&[("x-amzn-errortype", "InternalServerError")]), all);
    assert_internal_server_error(&err);

    let err = parse_err(400, &HeaderMap::new(), all);
    assert_invalid_request(&err, None, Some("m"));

    let code_last = br#"{"__type":"InternalServerError","Message":"m","code":"InvalidRequestException"}"#;
    let err = parse_err(400, &HeaderMap::new(), code_last);
    assert_invalid_request(&err, None, Some("m"));

    let err = parse_err(400, &headers(&[("x-amzn-errortype", "InvalidRequestException")]), br#"{"__type":"InternalServerError"}"#);
    assert_invalid_request(&err, None, None);

    // An unmodeled code in the header wins over a modeled one in the body.
    let err = parse_err(400, &headers(&[("x-amzn-errortype", "ValidationException")]), br#"{"__type":"InvalidRequestException"}"#);
    assert!(err.is_unhandled(), "{err:?}");
    assert_eq!(err.code(), Some("ValidationException"));

    // The status does not pick the error: a 500 with a client error code is that client error
    // (and, being a 500, transient).
    let err = parse_err(500, &HeaderMap::new(), br#"{"__type":"InvalidRequestException"}"#);
    assert_invalid_request(&err, None, None);
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
}

#[test]
fn the_aws_query_error_code_is_not_an_error_code_here() {
    // `aws.protocols#awsQueryError` (code `InternalFailure`) is ignored: the service has no
    // `awsQueryCompatible`, so `InternalFailure` is just an unmodeled code.
    let err = parse_err(500, &HeaderMap::new(), br#"{"__type":"InternalFailure"}"#);
    assert!(err.is_unhandled(), "{err:?}");
    assert_eq!(err.code(), Some("InternalFailure"));
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
}

#[test]
fn every_non_2xx_status_is_an_error() {
    for status in [100, 199, 300, 301, 304, 399] {
        let err = parse_err(status, &HeaderMap::new(), b"");
        assert!(err.is_unhandled(), "{status}");
        assert_eq!((err.code(), err.meta().status(), err.retry_kind()), (None, status, None));
    }
    let err = parse_err(301, &headers(&[("x-amzn-errortype", "InvalidRequestException")]), b"{}");
    assert_invalid_request(&err, None, None);
}

#[test]
fn only_top_level_keys_name_the_error() {
    let err = parse_err(
        400,
        &HeaderMap::new(),
        br#"{"Nested":{"__type":"InvalidRequestException","code":"InternalServerError"},"Message":"deep"}"#,
    );
    assert!(err.is_unhandled(), "{err:?}");
    assert_eq!(err.code(), None);
    assert_eq!(err.message(), Some("deep"));
}

#[test]
fn unhandled_error_codes() {
    let err = parse_err(
        400,
        &headers(&[("x-amzn-requestid", "r-9")]),
        br#"{"__type":"com.amazonaws.emr#AccessDeniedException","Message":"no"}"#,
    );
    assert!(err.is_unhandled());
    assert!(!err.is_invalid_request_exception() && !err.is_internal_server_error());
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert_eq!(err.message(), Some("no"));
    assert_eq!(err.request_id(), Some("r-9"));
    assert_eq!(err.meta().status(), 400);
    assert_eq!(err.retry_kind(), None, "a 400 with an unknown code is not retried");
    let text = err.to_string();
    assert!(text.contains("AccessDeniedException") && text.contains("no") && text.contains("400"), "{text}");
    assert!(std::error::Error::source(&err).is_some());

    // Error codes are case-sensitive.
    let err = parse_err(400, &HeaderMap::new(), br#"{"__type":"invalidrequestexception"}"#);
    assert!(err.is_unhandled());
    assert_eq!(err.code(), Some("invalidrequestexception"));
}

#[test]
fn retry_kinds_of_unmodeled_errors() {
    for (status, code, kind) in [
        (400, "ThrottlingException", Some(RetryKind::Throttling)),
        (400, "Throttling", Some(RetryKind::Throttling)),
        (400, "ThrottledException", Some(RetryKind::Throttling)),
        (429, "TooManyRequestsException", Some(RetryKind::Throttling)),
        (400, "RequestLimitExceeded", Some(RetryKind::Throttling)),
        (400, "LimitExceededException", Some(RetryKind::Throttling)),
        (503, "SlowDown", Some(RetryKind::Throttling)),
        (400, "RequestTimeout", Some(RetryKind::Transient)),
        (400, "RequestTimeoutException", Some(RetryKind::Transient)),
        (503, "ServiceUnavailable", Some(RetryKind::Transient)),
        (504, "GatewayTimeout", Some(RetryKind::Transient)),
        (429, "SomethingElse", None),
        (400, "RequestTimeTooSkewed", None),
        (400, "InvalidSignatureException", None),
        (403, "AccessDeniedException", None),
        (404, "NotFound", None),
        (501, "NotImplemented", None),
    ] {
        let body = format!(r#"{{"__type":"{code}","message":"m"}}"#);
        let err = parse_err(status, &HeaderMap::new(), body.as_bytes());
        assert!(err.is_unhandled(), "{code}");
        assert_eq!(err.code(), Some(code));
        assert_eq!(err.message(), Some("m"));
        assert_eq!(err.retry_kind(), kind, "{status} {code}");
        // The same code from the header classifies the same way.
        let err = parse_err(status, &headers(&[("x-amzn-errortype", code)]), b"");
        assert_eq!(err.retry_kind(), kind, "header: {status} {code}");
    }
}

#[test]
fn an_html_502_is_an_unhandled_transient_error() {
    let err = parse_err(
        502,
        &headers(&[("x-amz-request-id", "r-2"), ("content-type", "text/html")]),
        b"<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>",
    );
    assert!(err.is_unhandled(), "{err:?}");
    assert_eq!((err.code(), err.message(), err.meta().status(), err.request_id()), (None, None, 502, Some("r-2")));
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
    assert!(err.to_string().contains("502"), "{err}");
}

#[test]
fn empty_error_bodies() {
    for status in [500, 503, 504] {
        let err = parse_err(status, &HeaderMap::new(), b"");
        assert!(err.is_unhandled());
        assert_eq!((err.code(), err.message(), err.meta().status()), (None, None, status));
        assert_eq!(err.retry_kind(), Some(RetryKind::Transient), "{status}");
    }
    let err = parse_err(400, &HeaderMap::new(), b"");
    assert!(err.is_unhandled());
    assert_eq!((err.code(), err.meta().status(), err.retry_kind()), (None, 400, None));
    let err = parse_err(403, &HeaderMap::new(), b"{}");
    assert!(err.is_unhandled());
    assert_eq!((err.code(), err.meta().status(), err.retry_kind()), (None, 403, None));
    // x-amzn-requestid is preferred over x-amz-request-id.
    let err = parse_err(500, &headers(&[("x-amz-request-id", "second"), ("x-amzn-requestid", "first")]), b"");
    assert_eq!(err.request_id(), Some("first"));
}

#[test]
fn hostile_error_bodies_never_panic() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let bodies: Vec<&[u8]> = vec![
        b"{\"__type\":",
        b"{\"__type\":5}",
        b"{\"code\":null,\"__type\":null}",
        b"[\"InvalidRequestException\"]",
        b"\"InvalidRequestException\"",
        b"\xff\xfe\xfd",
        b"{\"Message\":\"\xff\"}",
        deep.as_bytes(),
    ];
    for body in bodies {
        for hdrs in [HeaderMap::new(), headers(&[("x-amzn-errortype", "InvalidRequestException")])] {
            let err = parse_err(400, &hdrs, body);
            let _ = (err.to_string(), format!("{err:?}"), err.retry_kind());
            assert_eq!(err.meta().status(), 400);
        }
    }
    // A modeled error whose body is broken: no panic, the code and status are still known.
    let err = parse_err(400, &headers(&[("x-amzn-errortype", "InvalidRequestException")]), b"{\"ErrorCode\":5}");
    assert_eq!((err.code(), err.meta().status()), (Some("InvalidRequestException"), 400));
}

#[test]
fn hostile_success_bodies_are_errors_not_panics() {
    let deep = format!("{{\"SessionMapping\":{{\"X\":{}{}}}}}", "[".repeat(200), "]".repeat(200));
    let very_deep = format!("{{\"Extra\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let very_deep_objects = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let bodies: Vec<&[u8]> = vec![
        b"{\"SessionMapping\":",
        b"{\"SessionMapping\":{\"StudioId\":\"a\"",
        b"{\"SessionMapping\":{\"StudioId\":\"a}}",
        b"[1,2]",
        b"\"SessionMapping\"",
        b"42",
        b"null x",
        b"{\"SessionMapping\":5}",
        b"{\"SessionMapping\":[]}",
        b"{\"SessionMapping\":\"x\"}",
        b"{\"SessionMapping\":{\"StudioId\":5}}",
        b"{\"SessionMapping\":{\"StudioId\":[\"a\"]}}",
        b"{\"SessionMapping\":{\"IdentityType\":7}}",
        b"{\"SessionMapping\":{\"IdentityType\":{}}}",
        b"{\"SessionMapping\":{\"CreationTime\":\"2020-06-09T20:40:25Z\"}}",
        b"{\"SessionMapping\":{\"CreationTime\":1e400}}",
        b"{\"SessionMapping\":{\"CreationTime\":-1e400}}",
        b"{\"SessionMapping\":{\"CreationTime\":1e300}}",
        b"{\"SessionMapping\":{\"CreationTime\":true}}",
        b"{\"SessionMapping\":{\"StudioId\":\"\xff\xfe\"}}",
        b"{\"SessionMapping\":{}} trailing",
        b"{}{}",
        b"{\"a\":1,}",
        b"{'SessionMapping':{}}",
        b"<html>",
        deep.as_bytes(),
        very_deep.as_bytes(),
        very_deep_objects.as_bytes(),
    ];
    for body in bodies {
        let err = match parse_response(200, &headers(&[("x-amzn-requestid", "r-h")]), body) {
            Ok(out) => panic!("{:?} parsed: {out:?}", String::from_utf8_lossy(&body[..body.len().min(80)])),
            Err(e) => e,
        };
        assert!(err.is_unhandled(), "{err:?}");
        assert_eq!((err.meta().status(), err.request_id()), (200, Some("r-h")));
        assert!(std::error::Error::source(&err).is_some());
        let _ = (err.to_string(), format!("{err:?}"));
    }
}

#[test]
fn odd_success_bodies_never_panic() {
    // Inputs where more than one reading is defensible: only "no panic" is required.
    for body in [
        &b"{\"SessionMapping\":{\"StudioId\":\"\\ud800\"}}"[..],
        b"{\"SessionMapping\":{\"StudioId\":\"a\x01b\"}}",
        b"{\"SessionMapping\":{\"StudioId\":\"a\",\"StudioId\":\"b\"}}",
        b"{\"SessionMapping\":{\"CreationTime\":-0}}",
        b"{\"SessionMapping\":{\"CreationTime\":1700000000.123456789123456789}}",
        b"{\"SessionMapping\":{\"CreationTime\":99999999999999999999}}",
        b"{\"SessionMapping\":{\"CreationTime\":-99999999999999999999}}",
        b"{\"SessionMapping\":{\"CreationTime\":9.2233720368547758E18}}",
        b"\xef\xbb\xbf{}",
    ] {
        let _ = parse_response(200, &HeaderMap::new(), body);
    }
}
