//! The test doubles of the `test-util` feature (`aws_lite::testing`) with the real clients: canned
//! answers by operation (awsJson by `X-Amz-Target`, restJson1 by method and path), in order, for
//! retries; the requests recorded; the test configuration's stable signature; both call paths.

use aws_lite::config::{BlockingHttpClient, TransportSettings};
use aws_lite::error::{SdkError, TransportError, TransportErrorKind};
use aws_lite::mpa::operation::get_session::GetSessionError;
use aws_lite::testing::{config_builder, RecordedRequest, ReplayClient, ReplayResponse};
use aws_lite::{athena, emr, mpa};

const ARN: &str = "arn:aws:mpa:us-east-1:111122223333:session/team-a/s-1";
const MPA_ROUTE: &str = "GET /sessions/{SessionArn}";

fn target(request: &RecordedRequest) -> Option<&str> {
    request.header("x-amz-target")
}

#[tokio::test]
async fn an_awsjson_operation_is_answered_and_its_request_recorded_and_signed_alike_every_run() {
    let replay = ReplayClient::new().on(
        "GetSession",
        ReplayResponse::ok(r#"{"SessionId": "s-1", "Status": {"State": "IDLE"}}"#).header("x-amzn-requestid", "req-1"),
    );
    let config = replay.config_builder().build();
    let output = athena::Client::new(&config).get_session().session_id("s-1").send().await.unwrap();
    assert_eq!(output.session_id(), Some("s-1"));
    assert_eq!(output.status().and_then(|s| s.state()), Some(&athena::types::SessionState::Idle));
    assert_eq!(aws_lite::error::RequestId::request_id(&output), Some("req-1"));

    let sent = replay.sent("GetSession");
    assert_eq!(sent.len(), 1);
    let request = &sent[0];
    assert_eq!((request.method(), request.path(), target(request)), ("POST", "/", Some("AmazonAthena.GetSession")));
    assert_eq!(request.operation(), Some("GetSession"));
    assert_eq!(request.body_str(), Some(r#"{"SessionId":"s-1"}"#));
    assert_eq!(request.header("x-amz-date"), Some("20150830T123600Z"));
    // Computed by hand following the IAM User Guide's "Create a signed AWS API request" (SigV4),
    // with Python's hashlib and hmac, for this request at 2015-08-30T12:36:00Z in us-east-1 with
    // the test suite's keys: what `config_builder` fixes, so it holds on every run.
    assert_eq!(
        request.header("authorization"),
        Some(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/athena/aws4_request, \
             SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-target, \
             Signature=78f761a251f80bdac70d9ae5db4239a7e46cb1ea5ce140f253974db17068fabd"
        )
    );
    replay.assert_sent("AmazonAthena.GetSession", |r| {
        assert_eq!(r.as_http().uri(), "https://athena.us-east-1.amazonaws.com/");
    });
}

#[test]
fn a_restjson_operation_is_named_by_method_and_path_and_its_errors_are_modeled() {
    let not_found = ReplayResponse::error(404, "ResourceNotFoundException", "no such session").header("x-amzn-requestid", "r-9");
    let replay = ReplayClient::new().on(MPA_ROUTE, not_found);
    let config = replay.config_builder().build();
    let error = mpa::Client::new(&config).get_session().session_arn(ARN).send_blocking().unwrap_err();
    match error.as_service_error() {
        Some(GetSessionError::ResourceNotFoundException(e)) => {
            assert_eq!(e.message(), "no such session");
            assert_eq!(e.meta().request_id(), Some("r-9"));
        }
        other => panic!("{other:?}"),
    }
    replay.assert_sent(MPA_ROUTE, |request| {
        assert_eq!(request.path(), "/sessions/arn%3Aaws%3Ampa%3Aus-east-1%3A111122223333%3Asession%2Fteam-a%2Fs-1");
        assert!(request.body().is_empty());
    });
    assert!(replay.sent("GetSession").is_empty(), "a restJson1 request has no X-Amz-Target");
}

#[tokio::test]
async fn answers_in_order_test_a_retry_without_waiting() {
    let replay = ReplayClient::new()
        .on("GetStudioSessionMapping", ReplayResponse::error(500, "InternalServerError", "try again"))
        .on("GetStudioSessionMapping", ReplayResponse::transport_error(TransportError::timeout("read timed out")))
        .on("GetStudioSessionMapping", ReplayResponse::ok(r#"{"SessionMapping": {"StudioId": "es-1"}}"#));
    let config = replay.config_builder().build();
    let client = emr::Client::new(&config);
    let output = client.get_studio_session_mapping().studio_id("es-1").send().await.unwrap();
    assert_eq!(output.session_mapping().and_then(|m| m.studio_id()), Some("es-1"));
    let attempts: Vec<_> = replay.requests().iter().map(|r| r.header("amz-sdk-request").unwrap().to_string()).collect();
    assert_eq!(attempts, ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]);
    // The last answer stays: later calls get it too.
    client.get_studio_session_mapping().studio_id("es-1").send().await.unwrap();
    assert_eq!(replay.sent("ElasticMapReduce.GetStudioSessionMapping").len(), 4);
}

#[test]
fn a_request_without_an_answer_is_a_transport_error_naming_it() {
    let replay = ReplayClient::new().on("GetSession", ReplayResponse::ok("{}"));
    let config = replay.config_builder().build();
    let error = emr::Client::new(&config).get_studio_session_mapping().studio_id("es-1").send_blocking().unwrap_err();
    let SdkError::Dispatch(error) = error else { panic!("{error:?}") };
    assert_eq!(error.kind(), TransportErrorKind::Other);
    assert!(error.message().contains("X-Amz-Target: ElasticMapReduce.GetStudioSessionMapping"), "{error}");
    assert_eq!(replay.requests().len(), 1, "not retried: the error is not transient");

    let error = mpa::Client::new(&config).get_session().session_arn(ARN).send_blocking().unwrap_err();
    assert!(error.to_string().contains("\"METHOD /uri\""), "a hint for restJson1: {error}");
}

#[test]
fn unmatched_requests_take_the_in_order_answers() {
    let replay = ReplayClient::new()
        .on("GetSession", ReplayResponse::ok(r#"{"SessionId": "by-name"}"#))
        .then(ReplayResponse::ok(r#"{"SessionArn": "first"}"#))
        .then(ReplayResponse::ok(r#"{"SessionArn": "second"}"#));
    let config = replay.config_builder().build();
    let client = mpa::Client::new(&config);
    let first = client.get_session().session_arn(ARN).send_blocking().unwrap();
    let athena = athena::Client::new(&config).get_session().session_id("x").send_blocking().unwrap();
    let second = client.get_session().session_arn(ARN).send_blocking().unwrap();
    let answered = (first.session_arn(), athena.session_id(), second.session_arn());
    assert_eq!(answered, (Some("first"), Some("by-name"), Some("second")));
    assert!(client.get_session().session_arn(ARN).send_blocking().is_err(), "each in-order answer answers once");
}

#[test]
#[should_panic(expected = "no request for `GetSession` was sent; the requests received:\n  (none)")]
fn assert_sent_fails_when_nothing_was_sent() {
    ReplayClient::new().assert_sent("GetSession", |_| {});
}

#[test]
#[should_panic(expected = "expected a different session")]
fn assert_sent_runs_the_check() {
    let replay = ReplayClient::new().on("GetSession", ReplayResponse::ok("{}"));
    athena::Client::new(&replay.config_builder().build()).get_session().session_id("s-1").send_blocking().unwrap();
    replay.assert_sent("GetSession", |r| assert!(r.body_str().unwrap().contains("s-2"), "expected a different session"));
}

#[test]
fn the_body_cap_applies_as_on_a_real_transport() {
    let replay = ReplayClient::new().on("GetSession", ReplayResponse::ok(vec![b' '; 11]));
    let settings = TransportSettings { max_body_bytes: 10, ..TransportSettings::default() };
    let request = http::Request::builder().header("x-amz-target", "S.GetSession").body(Vec::new()).unwrap();
    let error = BlockingHttpClient::send(&replay, request, &settings).unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::BodyTooLarge);
}

#[test]
fn the_test_configuration_is_fixed() {
    let config = config_builder().build();
    assert_eq!(config.region(), Some(aws_lite::testing::REGION));
    let credentials = aws_lite::config::ProvideCredentials::provide_credentials(config.credentials_provider()).unwrap();
    assert_eq!(credentials.access_key_id(), aws_lite::testing::ACCESS_KEY_ID);
    let now = config.time_source().now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    assert_eq!(now, aws_lite::testing::FIXED_TIME_SECS);
}

/// A paginator over the test doubles: the answers of one operation, in order, are its pages, and
/// each page's token is in the next request (the fixture crate's `paginators` service, restJson1).
#[tokio::test]
async fn a_paginator_reads_the_pages_in_order() {
    use fixtures::testing::{ReplayClient, ReplayResponse};
    let replay = ReplayClient::new()
        .on("GET /things", ReplayResponse::ok(r#"{"Things": ["a", "b"], "NextToken": "t 1"}"#))
        .on("GET /things", ReplayResponse::ok(r#"{"Things": ["c"]}"#));
    // The fixture service has no endpoint rules: the URL is configured (nothing connects to it).
    let config = replay.config_builder().endpoint_url("https://paginators.example").build();
    let client = fixtures::paginators::Client::new(&config);
    let mut items = client.list_things().prefix("p").into_paginator().page_size(2).items();
    let mut read = Vec::new();
    while let Some(item) = items.next().await {
        read.push(item.unwrap());
    }
    assert_eq!(read, ["a", "b", "c"]);
    let queries: Vec<_> = replay.sent("GET /things").iter().map(|r| r.query().map(str::to_string)).collect();
    // The token percent-encoded as a query value (RFC 3986 section 3.4).
    assert_eq!(queries, [Some("max=2&prefix=p".to_string()), Some("token=t%201&max=2&prefix=p".to_string())]);
}
