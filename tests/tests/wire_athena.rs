//! Golden wire tests for Athena `GetSession` (awsJson1_1). Expected bytes are written by hand
//! from the Smithy spec (aws-json-1_1-protocol.rst) and its compliance tests, never captured from
//! the generator.

use aws_lite::athena::operation::get_session::{parse_response, serialize_request, GetSessionError, GetSessionInput};
use aws_lite::athena::types::{EncryptionOption, SessionState};
use aws_lite::endpoint::Endpoint;
use aws_lite::error::{RequestId, RetryKind};
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

fn endpoint() -> Endpoint {
    Endpoint::new("https://athena.us-east-1.amazonaws.com")
}

#[test]
fn request_with_a_session_id() {
    let input = GetSessionInput::builder().session_id("abc-123").build();
    let req = serialize_request(&input, &endpoint()).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri().to_string(), "https://athena.us-east-1.amazonaws.com/");
    assert_eq!(
        all_headers(&req),
        [
            ("content-length".to_string(), "23".to_string()),
            ("content-type".to_string(), "application/x-amz-json-1.1".to_string()),
            ("x-amz-target".to_string(), "AmazonAthena.GetSession".to_string()),
        ]
    );
    assert_eq!(req.body(), br#"{"SessionId":"abc-123"}"#);
}

#[test]
fn request_with_nothing_set_sends_an_empty_object() {
    let req = serialize_request(&GetSessionInput::builder().build(), &endpoint()).unwrap();
    assert_eq!(req.body(), b"{}");
    assert_eq!(req.headers()["content-length"], "2");
    assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.1");
}

#[test]
fn request_escapes_strings_and_keeps_the_endpoint_path() {
    let input = GetSessionInput::builder().session_id("a\"b\\c\n\u{1}é").build();
    let req = serialize_request(&input, &Endpoint::new("https://example.com/custom")).unwrap();
    assert_eq!(req.uri().to_string(), "https://example.com/custom/");
    assert_eq!(req.body(), "{\"SessionId\":\"a\\\"b\\\\c\\n\\u0001é\"}".as_bytes());
}

const FULL: &str = r#"{
  "SessionId": "s-1",
  "Description": "nightly",
  "WorkGroup": "primary",
  "EngineVersion": "PySpark engine version 3",
  "EngineConfiguration": {
    "CoordinatorDpuSize": 1,
    "MaxConcurrentDpus": 20,
    "DefaultExecutorDpuSize": 1,
    "AdditionalConfigs": {"NotebookId": "nb-1"},
    "SparkProperties": {"spark.executor.memory": "4g", "spark.sql.shuffle.partitions": "8"}
  },
  "NotebookVersion": "1",
  "SessionConfiguration": {
    "ExecutionRole": "arn:aws:iam::111122223333:role/athena",
    "WorkingDirectory": "s3://bucket/work/",
    "IdleTimeoutSeconds": 1800,
    "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": "arn:aws:kms:us-east-1:111122223333:key/k"}
  },
  "Status": {
    "StartDateTime": 1700000000.123,
    "LastModifiedDateTime": 1.591735225353E9,
    "EndDateTime": 1700000100,
    "IdleSinceDateTime": null,
    "State": "IDLE",
    "StateChangeReason": "ready"
  },
  "Statistics": {"DpuExecutionInMillis": 9007199254740993}
}"#;

#[test]
fn response_with_every_member() {
    let out = parse_response(200, &headers(&[("x-amzn-requestid", "req-1")]), FULL.as_bytes()).unwrap();
    assert_eq!(out.request_id(), Some("req-1"));
    assert_eq!(out.session_id(), Some("s-1"));
    assert_eq!(out.description(), Some("nightly"));
    assert_eq!(out.work_group(), Some("primary"));
    assert_eq!(out.engine_version(), Some("PySpark engine version 3"));
    assert_eq!(out.notebook_version(), Some("1"));
    let engine = out.engine_configuration().unwrap();
    assert_eq!(engine.coordinator_dpu_size(), Some(1));
    assert_eq!(engine.max_concurrent_dpus(), 20);
    assert_eq!(engine.default_executor_dpu_size(), Some(1));
    assert_eq!(engine.additional_configs().unwrap()["NotebookId"], "nb-1");
    let spark = engine.spark_properties().unwrap();
    assert_eq!((spark.len(), spark["spark.executor.memory"].as_str()), (2, "4g"));
    let config = out.session_configuration().unwrap();
    assert_eq!(config.execution_role(), Some("arn:aws:iam::111122223333:role/athena"));
    assert_eq!(config.working_directory(), Some("s3://bucket/work/"));
    assert_eq!(config.idle_timeout_seconds(), Some(1800));
    let encryption = config.encryption_configuration().unwrap();
    assert_eq!(encryption.encryption_option(), &EncryptionOption::SseKms);
    assert_eq!(encryption.kms_key(), Some("arn:aws:kms:us-east-1:111122223333:key/k"));
    let status = out.status().unwrap();
    assert_eq!(status.start_date_time(), Some(&DateTime::from_millis(1_700_000_000_123)));
    assert_eq!(status.last_modified_date_time(), Some(&DateTime::from_millis(1_591_735_225_353)));
    assert_eq!(status.end_date_time(), Some(&DateTime::from_secs(1_700_000_100)));
    assert_eq!(status.idle_since_date_time(), None, "null is absent");
    assert_eq!(status.state(), Some(&SessionState::Idle));
    assert_eq!(status.state_change_reason(), Some("ready"));
    assert_eq!(out.statistics().unwrap().dpu_execution_in_millis(), Some(9_007_199_254_740_993), "longs stay exact");
}

#[test]
fn response_member_names_may_be_escaped() {
    // RFC 8259 section 7: any character of a member name may be written as an escape, and the
    // name is the one the escapes spell; whitespace may surround every token (section 2).
    let body = br#"{ "\u0053essionId" :"s-\u0031", "W\u006frkGroup":"p\"q",
        "EngineConfiguration" : { "Max\u0043oncurrentDpus" : -7 , "AdditionalConfigs":{"Note\u0062ookId":"nb-1"} } ,
        "Status":{"\u0053tart\u0044ate\u0054ime" : -1.5 ,"St\u0061te":"\u0049DLE"},
        "Statistics":{"DpuExecutionInMillis\u0000":1},
        "SessionI\u0064":"s-2" }"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    assert_eq!(out.session_id(), Some("s-2"), "the last of a repeated member wins");
    assert_eq!(out.work_group(), Some("p\"q"));
    let engine = out.engine_configuration().unwrap();
    assert_eq!(engine.max_concurrent_dpus(), -7);
    assert_eq!(engine.additional_configs().unwrap()["NotebookId"], "nb-1");
    let status = out.status().unwrap();
    assert_eq!(status.start_date_time(), Some(&DateTime::from_millis(-1_500)));
    assert_eq!(status.state(), Some(&SessionState::Idle));
    // A name with an escaped NUL after it is another name: an unknown member, skipped.
    assert_eq!(out.statistics().unwrap().dpu_execution_in_millis(), None);
}

#[test]
fn response_empty_or_with_nothing() {
    for body in ["", "{}", "  \n"] {
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        assert_eq!(out.session_id(), None, "{body:?}");
        assert!(out.status().is_none());
    }
}

#[test]
fn response_with_unknown_members_and_values() {
    let body = br#"{"NewTopLevel":{"deep":[1,{"x":null}]},"Status":{"State":"HIBERNATING","Future":true},
        "SessionConfiguration":{"EncryptionConfiguration":{"KmsKey":"k"}},"SessionId":"s-2"}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    assert_eq!(out.session_id(), Some("s-2"));
    let state = out.status().unwrap().state().unwrap();
    assert_eq!(state.as_str(), "HIBERNATING");
    assert!(matches!(state, SessionState::Unknown(_)));
    // A required member the response left out is error-corrected to the unknown enum value.
    let encryption = out.session_configuration().unwrap().encryption_configuration().unwrap();
    assert_eq!(encryption.encryption_option().as_str(), "");
    assert_eq!(encryption.kms_key(), Some("k"));
}

#[test]
fn a_missing_required_number_is_error_corrected_to_zero() {
    let out = parse_response(200, &HeaderMap::new(), br#"{"EngineConfiguration":{"CoordinatorDpuSize":2}}"#).unwrap();
    let engine = out.engine_configuration().unwrap();
    assert_eq!((engine.coordinator_dpu_size(), engine.max_concurrent_dpus()), (Some(2), 0));
}

#[test]
fn modeled_errors_from_each_code_source() {
    let body = br#"{"AthenaErrorCode":"INVALID_INPUT","Message":"Session not found"}"#;
    let from_header = parse_response(
        400,
        &headers(&[("x-amzn-errortype", "InvalidRequestException:http://internal.amazon.com/coral/"), ("x-amzn-requestid", "r-1")]),
        body,
    )
    .unwrap_err();
    let GetSessionError::InvalidRequestException(e) = &from_header else { panic!("{from_header:?}") };
    assert_eq!(e.athena_error_code(), Some("INVALID_INPUT"));
    assert_eq!(e.message(), Some("Session not found"));
    assert_eq!(from_header.code(), Some("InvalidRequestException"));
    assert_eq!(from_header.message(), Some("Session not found"));
    assert_eq!(from_header.request_id(), Some("r-1"));
    assert_eq!(from_header.meta().status(), 400);

    let from_code = br#"{"code":"ResourceNotFoundException","Message":"gone","ResourceName":"s-9"}"#;
    // An empty X-Amzn-Errortype is no code: the body's `code` decides.
    let err = parse_response(400, &headers(&[("x-amzn-errortype", "")]), from_code).unwrap_err();
    let GetSessionError::ResourceNotFoundException(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.message(), e.resource_name()), (Some("gone"), Some("s-9")));
    assert!(err.is_resource_not_found_exception());
    assert_eq!(err.retry_kind(), None);

    let from_type = br#"{"__type":"com.amazonaws.athena#InternalServerException","Message":"oops"}"#;
    let err = parse_response(500, &HeaderMap::new(), from_type).unwrap_err();
    assert!(err.is_internal_server_exception(), "{err:?}");
    assert_eq!(err.message(), Some("oops"));
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient), "a 500 is transient");
    assert_eq!(err.to_string(), "InternalServerException: oops");
}

#[test]
fn unhandled_errors() {
    let throttled = parse_response(400, &HeaderMap::new(), br#"{"__type":"TooManyRequestsException","message":"slow"}"#).unwrap_err();
    assert!(throttled.is_unhandled());
    assert_eq!(throttled.code(), Some("TooManyRequestsException"));
    assert_eq!(throttled.retry_kind(), Some(RetryKind::Throttling));

    let html = parse_response(502, &headers(&[("x-amz-request-id", "r-2")]), b"<html><body>Bad Gateway</body></html>").unwrap_err();
    assert!(html.is_unhandled());
    assert_eq!((html.code(), html.meta().status(), html.request_id()), (None, 502, Some("r-2")));
    assert_eq!(html.retry_kind(), Some(RetryKind::Transient));

    let empty = parse_response(503, &HeaderMap::new(), b"").unwrap_err();
    assert_eq!((empty.code(), empty.meta().status()), (None, 503));
}

#[test]
fn hostile_success_bodies_are_errors_not_panics() {
    for body in [
        &b"{\"SessionId\":"[..],
        b"[1,2]",
        b"{\"SessionId\":5}",
        b"{\"Statistics\":{\"DpuExecutionInMillis\":1e400}}",
        b"{\"EngineConfiguration\":{\"MaxConcurrentDpus\":2147483648}}",
        b"{\"SessionId\":\"\xff\xfe\"}",
        b"{} trailing",
        b"<html>",
    ] {
        let err = parse_response(200, &HeaderMap::new(), body).unwrap_err();
        assert!(err.is_unhandled(), "{:?}", String::from_utf8_lossy(body));
        assert!(std::error::Error::source(&err).is_some());
    }
    let deep = format!("{{\"Status\":{}{}}}", "[".repeat(200), "]".repeat(200));
    assert!(parse_response(200, &HeaderMap::new(), deep.as_bytes()).is_err());
}
