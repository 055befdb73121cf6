//! Golden wire tests for Multi-party Approval `GetSession` (restJson1). Expected bytes and values
//! are written by hand from the Smithy spec (aggregate-types.rst, aws-restjson1-protocol.rst,
//! http-bindings.rst) and its compliance tests, the AWS SDKs and Tools Reference Guide ("Retry
//! behavior") and the API reference of the operation, never captured from the generator.

use aws_lite::endpoint::Endpoint;
use aws_lite::error::RetryKind;
use aws_lite::mpa::operation::get_session::{parse_response, serialize_request, GetSessionError, GetSessionInput};
use aws_lite::mpa::types::{
    ActionCompletionStrategy, AdditionalSecurityRequirement, ApprovalStrategyResponse, SessionExecutionStatus,
    SessionResponse, SessionStatus, SessionStatusCode,
};
use aws_lite::primitives::DateTime;
use http::HeaderMap;

const REDACTED: &str = "*** Sensitive Data Redacted ***";

const ARN: &str = "arn:aws:mpa:us-east-1:111122223333:session/team-a/s-0123456789abcdef";
const ENCODED_ARN: &str = "arn%3Aaws%3Ampa%3Aus-east-1%3A111122223333%3Asession%2Fteam-a%2Fs-0123456789abcdef";

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.insert(*k, v.parse().unwrap());
    }
    map
}

fn endpoint() -> Endpoint {
    Endpoint::new("https://mpa.us-east-1.api.aws")
}

fn request_for(arn: &str, endpoint: &Endpoint) -> http::Request<Vec<u8>> {
    serialize_request(&GetSessionInput::builder().session_arn(arn).build(), endpoint).unwrap()
}

fn parse_err(status: u16, hdrs: &HeaderMap, body: &[u8]) -> GetSessionError {
    match parse_response(status, hdrs, body) {
        Ok(out) => panic!("status {status} parsed as a success: {out:?}"),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

#[test]
fn request_is_a_bodiless_get_with_the_label_encoded_once() {
    let req = request_for(ARN, &endpoint());
    assert_eq!(req.method(), "GET");
    assert_eq!(req.uri().to_string(), format!("https://mpa.us-east-1.api.aws/sessions/{ENCODED_ARN}"));
    assert_eq!(req.uri().path(), format!("/sessions/{ENCODED_ARN}"));
    assert_eq!(req.uri().query(), None);
    assert_eq!(req.uri().host(), Some("mpa.us-east-1.api.aws"));
    // No Content-Type, no Content-Length, no other header at all; an empty body.
    assert!(req.headers().is_empty(), "{:?}", req.headers());
    assert!(req.body().is_empty());
}

#[test]
fn request_percent_encodes_every_reserved_character() {
    // Everything but `A-Z a-z 0-9 - . _ ~` is encoded, with uppercase hex (http-bindings.rst,
    // "`httpLabel` trait", "Serialization rules"; RFC 3986 §2.1, §2.3).
    let req = request_for(" %:/?#[]@!$&'()*+,;=😹", &endpoint());
    assert_eq!(
        req.uri().path(),
        "/sessions/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
    );
    let req = request_for("AZaz09-._~", &endpoint());
    assert_eq!(req.uri().path(), "/sessions/AZaz09-._~");
    let req = request_for("é\"<>\\^`{|}\u{7f}\t", &endpoint());
    assert_eq!(req.uri().path(), "/sessions/%C3%A9%22%3C%3E%5C%5E%60%7B%7C%7D%7F%09");
    // Not greedy: `/` is encoded; already-encoded text is encoded again (once, by us).
    let req = request_for("hello/escape", &endpoint());
    assert_eq!(req.uri().path(), "/sessions/hello%2Fescape");
    let req = request_for("a%3Ab%2F", &endpoint());
    assert_eq!(req.uri().path(), "/sessions/a%253Ab%252F");
    assert!(req.headers().is_empty());
}

#[test]
fn request_joins_the_endpoint_base_path() {
    for url in ["https://example.com/base", "https://example.com/base/"] {
        let req = request_for(ARN, &Endpoint::new(url));
        assert_eq!(req.uri().to_string(), format!("https://example.com/base/sessions/{ENCODED_ARN}"), "{url}");
        assert_eq!(req.method(), "GET");
        assert!(req.headers().is_empty());
        assert!(req.body().is_empty());
    }
    let req = request_for(ARN, &Endpoint::new("https://example.com/a/b"));
    assert_eq!(req.uri().path(), format!("/a/b/sessions/{ENCODED_ARN}"));
    let req = request_for("s", &Endpoint::new("http://localhost:8080"));
    assert_eq!(req.uri().to_string(), "http://localhost:8080/sessions/s");
}

#[test]
fn request_with_an_unset_or_empty_label_fails() {
    let unset = serialize_request(&GetSessionInput::builder().build(), &endpoint());
    let err = unset.expect_err("an unset label cannot be sent");
    assert!(err.to_string().contains("SessionArn"), "{err}");

    let empty = serialize_request(&GetSessionInput::builder().session_arn("").build(), &endpoint());
    let err = empty.expect_err("an empty label cannot be sent");
    assert!(err.to_string().contains("SessionArn"), "{err}");

    let cleared = GetSessionInput::builder().session_arn(ARN).set_session_arn(None).build();
    assert!(serialize_request(&cleared, &endpoint()).is_err());
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

const FULL: &str = r#"{
  "SessionArn": "arn:aws:mpa:us-east-1:111122223333:session/team-a/s-0123456789abcdef",
  "ApprovalTeamArn": "arn:aws:mpa:us-east-1:111122223333:approval-team/team-a",
  "ApprovalTeamName": "team-a",
  "ProtectedResourceArn": "arn:aws:backup:us-east-1:111122223333:backup-vault:vault-1",
  "ApprovalStrategy": {"MofN": {"MinApprovalsRequired": 2}},
  "NumberOfApprovers": 3,
  "InitiationTime": "2024-01-02T03:04:05Z",
  "ExpirationTime": "2024-01-09T03:04:05.123Z",
  "CompletionTime": "2024-01-02T03:04:05-01:00",
  "Description": "restore vault-1 after the incident",
  "Metadata": {"ticket": "OPS-42", "env": "prod"},
  "Status": "APPROVED",
  "StatusCode": "CONFIGURATION_CHANGED",
  "StatusMessage": "Approved by 2 of 3 approvers",
  "ExecutionStatus": "EXECUTED",
  "ActionName": "StartRestoreJob",
  "RequesterServicePrincipal": "backup.amazonaws.com",
  "RequesterPrincipalArn": "arn:aws:iam::111122223333:role/Operator",
  "RequesterAccountId": "111122223333",
  "RequesterRegion": "us-east-1",
  "RequesterComment": "please approve quickly",
  "ActionCompletionStrategy": "AUTO_COMPLETION_UPON_APPROVAL",
  "ApproverResponses": [
    {
      "ApproverId": "ap-1",
      "IdentitySourceArn": "arn:aws:mpa:us-east-1:111122223333:identity-source/is-1",
      "IdentityId": "id-1",
      "Response": "APPROVED",
      "ResponseTime": "2024-01-02T08:34:05.5+05:30"
    },
    {
      "ApproverId": "ap-2",
      "IdentitySourceArn": "arn:aws:mpa:us-east-1:111122223333:identity-source/is-1",
      "IdentityId": "id-2",
      "Response": "NO_RESPONSE"
    },
    {"Response": "REJECTED", "ResponseTime": "2024-01-02T03:04:06Z"}
  ],
  "AdditionalSecurityRequirements": ["APPROVER_VERIFICATION_REQUIRED"]
}"#;

#[test]
fn response_with_every_member() {
    let out = parse_response(200, &headers(&[("x-amzn-requestid", "req-1")]), FULL.as_bytes()).unwrap();
    assert_eq!(out.session_arn(), Some(ARN));
    assert_eq!(out.approval_team_arn(), Some("arn:aws:mpa:us-east-1:111122223333:approval-team/team-a"));
    assert_eq!(out.approval_team_name(), Some("team-a"));
    assert_eq!(out.protected_resource_arn(), Some("arn:aws:backup:us-east-1:111122223333:backup-vault:vault-1"));
    let strategy = out.approval_strategy().unwrap();
    assert!(strategy.is_mof_n() && !strategy.is_unknown());
    assert_eq!(strategy.as_mof_n().unwrap().min_approvals_required(), 2);
    assert_eq!(out.number_of_approvers(), Some(3));
    // IsoTimestamp is @timestampFormat("date-time"): strings in the body, not epoch numbers.
    assert_eq!(out.initiation_time(), Some(&DateTime::from_secs(1_704_164_645))); // 2024-01-02T03:04:05Z
    assert_eq!(out.expiration_time(), Some(&DateTime::from_millis(1_704_769_445_123)));
    assert_eq!(out.completion_time(), Some(&DateTime::from_secs(1_704_168_245)), "-01:00 is an hour later in UTC");
    assert_eq!(out.description(), Some("restore vault-1 after the incident"));
    let metadata = out.metadata().unwrap();
    assert_eq!(metadata.len(), 2);
    assert_eq!(metadata["ticket"], "OPS-42");
    assert_eq!(metadata["env"], "prod");
    assert_eq!(out.status(), Some(&SessionStatus::Approved));
    assert_eq!(out.status_code(), Some(&SessionStatusCode::ConfigurationChanged));
    assert_eq!(out.status_message(), Some("Approved by 2 of 3 approvers"));
    assert_eq!(out.execution_status(), Some(&SessionExecutionStatus::Executed));
    assert_eq!(out.action_name(), Some("StartRestoreJob"));
    assert_eq!(out.requester_service_principal(), Some("backup.amazonaws.com"));
    assert_eq!(out.requester_principal_arn(), Some("arn:aws:iam::111122223333:role/Operator"));
    assert_eq!(out.requester_account_id(), Some("111122223333"));
    assert_eq!(out.requester_region(), Some("us-east-1"));
    assert_eq!(out.requester_comment(), Some("please approve quickly"));
    assert_eq!(out.action_completion_strategy(), Some(&ActionCompletionStrategy::AutoCompletionUponApproval));

    let responses = out.approver_responses();
    assert_eq!(responses.len(), 3);
    let first = &responses[0];
    assert_eq!(first.approver_id(), Some("ap-1"));
    assert_eq!(first.identity_source_arn(), Some("arn:aws:mpa:us-east-1:111122223333:identity-source/is-1"));
    assert_eq!(first.identity_id(), Some("id-1"));
    assert_eq!(first.response(), Some(&SessionResponse::Approved));
    assert_eq!(first.response_time(), Some(&DateTime::from_millis(1_704_164_645_500)), "+05:30 with a fraction");
    let second = &responses[1];
    assert_eq!((second.approver_id(), second.identity_id()), (Some("ap-2"), Some("id-2")));
    assert_eq!(second.identity_source_arn(), Some("arn:aws:mpa:us-east-1:111122223333:identity-source/is-1"));
    assert_eq!(second.response(), Some(&SessionResponse::NoResponse));
    assert_eq!(second.response_time(), None);
    let third = &responses[2];
    assert_eq!((third.approver_id(), third.identity_source_arn(), third.identity_id()), (None, None, None));
    assert_eq!(third.response(), Some(&SessionResponse::Rejected));
    assert_eq!(third.response_time(), Some(&DateTime::from_secs(1_704_164_646)));

    assert_eq!(out.additional_security_requirements(), &[AdditionalSecurityRequirement::ApproverVerificationRequired]);
}

#[test]
fn sensitive_members_are_redacted_in_debug_but_readable() {
    let out = parse_response(200, &HeaderMap::new(), FULL.as_bytes()).unwrap();
    let debug = format!("{out:?}");
    assert!(debug.contains(REDACTED), "{debug}");
    assert!(debug.matches(REDACTED).count() >= 3, "Description, Metadata and RequesterComment: {debug}");
    for secret in ["restore vault-1 after the incident", "please approve quickly", "OPS-42", "ticket", "prod\""] {
        assert!(!debug.contains(secret), "{secret:?} leaked in {debug}");
    }
    // Members that are not sensitive are printed.
    for visible in ["team-a", "StartRestoreJob", "111122223333", "Approved by 2 of 3 approvers"] {
        assert!(debug.contains(visible), "{visible:?} missing from {debug}");
    }
    let pretty = format!("{out:#?}");
    assert!(!pretty.contains("please approve quickly") && !pretty.contains("OPS-42"));
    // The values are still there for the caller.
    assert_eq!(out.description(), Some("restore vault-1 after the incident"));
    assert_eq!(out.requester_comment(), Some("please approve quickly"));
    assert_eq!(out.metadata().unwrap()["ticket"], "OPS-42");
}

#[test]
fn response_date_time_timestamps() {
    for (text, millis) in [
        ("2024-01-02T03:04:05Z", 1_704_164_645_000),
        ("2024-01-02T03:04:05.123Z", 1_704_164_645_123),
        ("2024-01-02T03:04:05.1Z", 1_704_164_645_100),
        ("2024-01-02T03:04:05.120000Z", 1_704_164_645_120),
        ("2024-01-02T03:04:05+00:00", 1_704_164_645_000),
        ("2024-01-02T03:04:05-01:00", 1_704_168_245_000),
        ("2024-01-02T08:34:05.5+05:30", 1_704_164_645_500),
        ("2019-12-16T22:48:18-01:00", 1_576_540_098_000),
        ("2000-01-02T20:34:56Z", 946_845_296_000),
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ] {
        let body = format!(r#"{{"InitiationTime":"{text}","ApproverResponses":[{{"ResponseTime":"{text}"}}]}}"#);
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        assert_eq!(out.initiation_time(), Some(&DateTime::from_millis(millis)), "{text}");
        assert_eq!(out.approver_responses()[0].response_time(), Some(&DateTime::from_millis(millis)), "{text}");
    }
}

#[test]
fn response_date_time_timestamps_keep_nanoseconds() {
    // 2024-01-02T03:04:05Z is 1_704_164_645 (above); fractions are kept to the ninth digit and
    // truncated beyond it, and an offset moves only the seconds.
    for (text, nanos) in [
        ("2024-01-02T03:04:05.123456789Z", 123_456_789),
        ("2024-01-02T03:04:05.000000001Z", 1),
        ("2024-01-02T03:04:05.1234Z", 123_400_000),
        ("2024-01-02T03:04:05.9999999999Z", 999_999_999),
        ("2024-01-02t03:04:05.123456789z", 123_456_789),
        ("2024-01-02T02:04:05.123456789-01:00", 123_456_789),
        ("2024-01-02T07:04:05.123456789+04:00", 123_456_789),
        ("2024-01-02T03:04:05.123456789-00:00", 123_456_789),
    ] {
        let body = format!(r#"{{"InitiationTime":"{text}"}}"#);
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        assert_eq!(out.initiation_time(), Some(&DateTime::from_secs_and_nanos(1_704_164_645, nanos)), "{text}");
    }
}

#[test]
fn response_empty_or_with_nothing() {
    for body in ["", "{}", " \n", "\t{ }\r\n"] {
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        assert_eq!((out.session_arn(), out.approval_team_arn(), out.approval_team_name()), (None, None, None), "{body:?}");
        assert_eq!(out.protected_resource_arn(), None);
        assert!(out.approval_strategy().is_none());
        assert_eq!(out.number_of_approvers(), None);
        assert_eq!((out.initiation_time(), out.expiration_time(), out.completion_time()), (None, None, None));
        assert_eq!((out.description(), out.metadata()), (None, None));
        assert_eq!((out.status(), out.status_code(), out.status_message()), (None, None, None));
        assert_eq!((out.execution_status(), out.action_name()), (None, None));
        assert_eq!((out.requester_service_principal(), out.requester_principal_arn()), (None, None));
        assert_eq!((out.requester_account_id(), out.requester_region(), out.requester_comment()), (None, None, None));
        assert_eq!(out.action_completion_strategy(), None);
        assert!(out.approver_responses().is_empty());
        assert!(out.additional_security_requirements().is_empty());
    }
}

#[test]
fn response_nulls_are_absent() {
    let body = br#"{"SessionArn":null,"ApprovalTeamArn":null,"ApprovalTeamName":null,"ProtectedResourceArn":null,
        "ApprovalStrategy":null,"NumberOfApprovers":null,"InitiationTime":null,"ExpirationTime":null,"CompletionTime":null,
        "Description":null,"Metadata":null,"Status":null,"StatusCode":null,"StatusMessage":null,"ExecutionStatus":null,
        "ActionName":null,"RequesterServicePrincipal":null,"RequesterPrincipalArn":null,"RequesterAccountId":null,
        "RequesterRegion":null,"RequesterComment":null,"ActionCompletionStrategy":null,"ApproverResponses":null,
        "AdditionalSecurityRequirements":null}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    assert_eq!(out.session_arn(), None);
    assert!(out.approval_strategy().is_none());
    assert_eq!(out.number_of_approvers(), None);
    assert_eq!((out.initiation_time(), out.expiration_time(), out.completion_time()), (None, None, None));
    assert_eq!((out.description(), out.metadata(), out.requester_comment()), (None, None, None));
    assert_eq!((out.status(), out.status_code(), out.execution_status()), (None, None, None));
    assert_eq!(out.action_completion_strategy(), None);
    assert!(out.approver_responses().is_empty() && out.additional_security_requirements().is_empty());
    // Inside list elements too.
    let body = br#"{"ApproverResponses":[{"ApproverId":null,"Response":null,"ResponseTime":null,"IdentityId":"id-9"}]}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    let only = &out.approver_responses()[0];
    assert_eq!((only.approver_id(), only.response(), only.response_time()), (None, None, None));
    assert_eq!(only.identity_id(), Some("id-9"));
}

#[test]
fn response_keeps_unknown_enum_values() {
    let body = br#"{"Status":"ARCHIVED","StatusCode":"ALL_APPROVERS_IN_SESSION","ExecutionStatus":"ROLLED_BACK",
        "ActionCompletionStrategy":"MANUAL_COMPLETION","ApproverResponses":[{"Response":"ABSTAINED"}],
        "AdditionalSecurityRequirements":["APPROVER_VERIFICATION_REQUIRED","HARDWARE_KEY_REQUIRED"]}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    // ALL_APPROVERS_IN_SESSION was added to SessionStatusCode after the API reference this model
    // follows: it must arrive as an unknown value, never as an error.
    let code = out.status_code().unwrap();
    assert!(matches!(code, SessionStatusCode::Unknown(_)), "{code:?}");
    assert_eq!(code.as_str(), "ALL_APPROVERS_IN_SESSION");
    let status = out.status().unwrap();
    assert!(matches!(status, SessionStatus::Unknown(_)));
    assert_eq!(status.as_str(), "ARCHIVED");
    let exec = out.execution_status().unwrap();
    assert!(matches!(exec, SessionExecutionStatus::Unknown(_)));
    assert_eq!(exec.as_str(), "ROLLED_BACK");
    let strategy = out.action_completion_strategy().unwrap();
    assert!(matches!(strategy, ActionCompletionStrategy::Unknown(_)));
    assert_eq!(strategy.as_str(), "MANUAL_COMPLETION");
    let response = out.approver_responses()[0].response().unwrap();
    assert!(matches!(response, SessionResponse::Unknown(_)));
    assert_eq!(response.as_str(), "ABSTAINED");
    let reqs = out.additional_security_requirements();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0], AdditionalSecurityRequirement::ApproverVerificationRequired);
    assert!(matches!(reqs[1], AdditionalSecurityRequirement::Unknown(_)));
    assert_eq!(reqs[1].as_str(), "HARDWARE_KEY_REQUIRED");
    // The known values of every enum.
    for (text, value) in [
        ("PENDING", SessionStatus::Pending),
        ("CANCELLED", SessionStatus::Cancelled),
        ("APPROVED", SessionStatus::Approved),
        ("FAILED", SessionStatus::Failed),
        ("CREATING", SessionStatus::Creating),
    ] {
        let out = parse_response(200, &HeaderMap::new(), format!(r#"{{"Status":"{text}"}}"#).as_bytes()).unwrap();
        assert_eq!(out.status(), Some(&value));
    }
    for (text, value) in [
        ("REJECTED", SessionStatusCode::Rejected),
        ("EXPIRED", SessionStatusCode::Expired),
        ("CONFIGURATION_CHANGED", SessionStatusCode::ConfigurationChanged),
    ] {
        let out = parse_response(200, &HeaderMap::new(), format!(r#"{{"StatusCode":"{text}"}}"#).as_bytes()).unwrap();
        assert_eq!(out.status_code(), Some(&value));
    }
    for (text, value) in [
        ("EXECUTED", SessionExecutionStatus::Executed),
        ("FAILED", SessionExecutionStatus::Failed),
        ("PENDING", SessionExecutionStatus::Pending),
    ] {
        let out = parse_response(200, &HeaderMap::new(), format!(r#"{{"ExecutionStatus":"{text}"}}"#).as_bytes()).unwrap();
        assert_eq!(out.execution_status(), Some(&value));
    }
}

#[test]
fn response_skips_unknown_members_nested_anywhere() {
    let body = br#"{"NewTopLevel":{"deep":[1,{"x":null,"y":[[],{}]}],"s":"}\""},"SessionArn":"arn:1",
        "ApprovalStrategy":{"MofN":{"MinApprovalsRequired":4,"MaxSomething":{"a":[1]}}},
        "ApproverResponses":[{"ApproverId":"ap-1","Future":{"z":true},"Response":"APPROVED"}],
        "Metadata":{},"NumberOfApprovers":0,"AnotherNewOne":[null,1e300,-0.5]}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    assert_eq!(out.session_arn(), Some("arn:1"));
    assert_eq!(out.approval_strategy().unwrap().as_mof_n().unwrap().min_approvals_required(), 4);
    let only = &out.approver_responses()[0];
    assert_eq!((only.approver_id(), only.response()), (Some("ap-1"), Some(&SessionResponse::Approved)));
    assert!(out.metadata().unwrap().is_empty(), "an empty map is present, not absent");
    assert_eq!(out.number_of_approvers(), Some(0));
}

#[test]
fn union_with_an_unknown_member_keeps_its_name() {
    let body = br#"{"ApprovalStrategy":{"WeightedVote":{"Threshold":0.6,"Weights":[1,2]}}}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    let strategy = out.approval_strategy().unwrap();
    assert!(strategy.is_unknown() && !strategy.is_mof_n(), "{strategy:?}");
    assert!(strategy.as_mof_n().is_err());
    let ApprovalStrategyResponse::Unknown(name) = strategy else { panic!("{strategy:?}") };
    assert_eq!(name.as_str(), "WeightedVote");
    // Also for a Unit-like or scalar value.
    for (value, name) in [("{}", "Quorum"), ("true", "Quorum"), ("\"x\"", "Quorum"), ("[1]", "Quorum")] {
        let body = format!(r#"{{"ApprovalStrategy":{{"{name}":{value}}}}}"#);
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        let ApprovalStrategyResponse::Unknown(got) = out.approval_strategy().unwrap() else { panic!("{value}") };
        assert_eq!(got.as_str(), name);
    }
}

#[test]
fn union_ignores_type_and_null_members() {
    for body in [
        r#"{"ApprovalStrategy":{"__type":"com.amazonaws.mpa#ApprovalStrategyResponse","MofN":{"MinApprovalsRequired":5}}}"#,
        r#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":5},"__type":"com.amazonaws.mpa#ApprovalStrategyResponse"}}"#,
        r#"{"ApprovalStrategy":{"Future":null,"MofN":{"MinApprovalsRequired":5},"Other":null}}"#,
        r#"{"ApprovalStrategy":{"__type":{"odd":"object"},"Future":null,"MofN":{"MinApprovalsRequired":5}}}"#,
    ] {
        let out = parse_response(200, &HeaderMap::new(), body.as_bytes()).unwrap();
        let strategy = out.approval_strategy().unwrap();
        assert_eq!(strategy.as_mof_n().map(|m| m.min_approvals_required()), Ok(5), "{body}");
    }
    // A null known member next to an unknown one: the unknown one is the value.
    let body = br#"{"ApprovalStrategy":{"MofN":null,"Consensus":{}}}"#;
    let out = parse_response(200, &HeaderMap::new(), body).unwrap();
    let ApprovalStrategyResponse::Unknown(name) = out.approval_strategy().unwrap() else { panic!() };
    assert_eq!(name.as_str(), "Consensus");
}

#[test]
fn union_with_two_members_or_none_is_an_error() {
    for body in [
        &br#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":1},"Consensus":{}}}"#[..],
        br#"{"ApprovalStrategy":{"Consensus":{},"MofN":{"MinApprovalsRequired":1}}}"#,
        br#"{"ApprovalStrategy":{"Consensus":{},"Quorum":{}}}"#,
        br#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":1},"MofN":{"MinApprovalsRequired":2}}}"#,
        br#"{"ApprovalStrategy":{}}"#,
        br#"{"ApprovalStrategy":{"__type":"com.amazonaws.mpa#ApprovalStrategyResponse"}}"#,
        br#"{"ApprovalStrategy":{"MofN":null}}"#,
        br#"{"ApprovalStrategy":[]}"#,
        br#"{"ApprovalStrategy":"MofN"}"#,
    ] {
        let err = match parse_response(200, &HeaderMap::new(), body) {
            Ok(out) => panic!("{} parsed: {:?}", String::from_utf8_lossy(body), out.approval_strategy()),
            Err(e) => e,
        };
        assert!(err.is_unhandled(), "{err:?}");
        assert!(std::error::Error::source(&err).is_some());
    }
}

#[test]
fn a_missing_min_approvals_required_is_error_corrected_to_zero() {
    for body in [
        &br#"{"ApprovalStrategy":{"MofN":{}}}"#[..],
        br#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":null}}}"#,
        br#"{"ApprovalStrategy":{"MofN":{"Future":7}}}"#,
    ] {
        let out = parse_response(200, &HeaderMap::new(), body).unwrap();
        let strategy = out.approval_strategy().unwrap();
        assert_eq!(strategy.as_mof_n().unwrap().min_approvals_required(), 0, "{}", String::from_utf8_lossy(body));
    }
    let out = parse_response(200, &HeaderMap::new(), br#"{"ApprovalStrategy":{"MofN":{"MinApprovalsRequired":-3}}}"#).unwrap();
    assert_eq!(out.approval_strategy().unwrap().as_mof_n().unwrap().min_approvals_required(), -3);
}

#[test]
fn hostile_success_bodies_are_errors_not_panics() {
    let deep = format!("{{\"Metadata\":{{\"k\":{}{}}}}}", "[".repeat(200), "]".repeat(200));
    let very_deep = format!("{{\"X\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let very_deep_union = format!("{{\"ApprovalStrategy\":{{\"U\":{}{}}}}}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let bodies: Vec<&[u8]> = vec![
        b"{\"SessionArn\":",
        b"{\"SessionArn\":\"x",
        b"[]",
        b"\"x\"",
        b"<html><body>OK</body></html>",
        b"{} trailing",
        b"{\"SessionArn\":5}",
        b"{\"NumberOfApprovers\":\"3\"}",
        b"{\"NumberOfApprovers\":2147483648}",
        b"{\"NumberOfApprovers\":-2147483649}",
        b"{\"NumberOfApprovers\":1.5}",
        b"{\"NumberOfApprovers\":1e400}",
        b"{\"NumberOfApprovers\":123456789012345678901234567890}",
        b"{\"InitiationTime\":1704164645}",
        b"{\"InitiationTime\":\"not a date\"}",
        b"{\"InitiationTime\":\"2024-13-45T99:00:00Z\"}",
        b"{\"InitiationTime\":\"2024-01-02\"}",
        b"{\"InitiationTime\":\"Tue, 02 Jan 2024 03:04:05 GMT\"}",
        b"{\"Metadata\":{\"k\":1}}",
        b"{\"Metadata\":[]}",
        b"{\"Metadata\":\"k=v\"}",
        b"{\"ApproverResponses\":{}}",
        b"{\"ApproverResponses\":[1]}",
        b"{\"ApproverResponses\":[{\"ResponseTime\":5}]}",
        b"{\"AdditionalSecurityRequirements\":[1]}",
        b"{\"AdditionalSecurityRequirements\":\"APPROVER_VERIFICATION_REQUIRED\"}",
        b"{\"Status\":true}",
        b"{\"ApprovalStrategy\":{\"MofN\":{\"MinApprovalsRequired\":\"2\"}}}",
        b"{\"ApprovalStrategy\":{\"MofN\":5}}",
        b"{\"Description\":\"\xff\"}",
        deep.as_bytes(),
        very_deep.as_bytes(),
        very_deep_union.as_bytes(),
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
        &b"{\"InitiationTime\":\"2024-01-02T03:04:05\"}"[..],
        b"{\"InitiationTime\":\"2024-01-02t03:04:05z\"}",
        b"{\"InitiationTime\":\"2024-01-02T03:04:60Z\"}",
        b"{\"InitiationTime\":\"2024-01-02T03:04:05.123456789123Z\"}",
        b"{\"InitiationTime\":\"0000-01-01T00:00:00Z\"}",
        b"{\"InitiationTime\":\"9999-12-31T23:59:59.999+23:59\"}",
        b"{\"InitiationTime\":\"\"}",
        b"{\"Metadata\":{\"k\":null}}",
        b"{\"ApproverResponses\":[null]}",
        b"{\"AdditionalSecurityRequirements\":[null]}",
        b"{\"Description\":\"\\ud800\"}",
        b"{\"SessionArn\":\"a\",\"SessionArn\":\"b\"}",
        b"\xef\xbb\xbf{}",
    ] {
        let _ = parse_response(200, &HeaderMap::new(), body);
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// The five modeled errors: (code, the status servers send, expected retry kind at that status).
const MODELED: [(&str, u16, Option<RetryKind>); 5] = [
    ("AccessDeniedException", 403, None),
    ("InternalServerException", 500, Some(RetryKind::ServerError)),
    ("ResourceNotFoundException", 404, None),
    ("ThrottlingException", 429, Some(RetryKind::Throttling)),
    ("ValidationException", 400, None),
];

/// The variant's name and its `Message` member, for a modeled error; `None` for `Unhandled`.
fn modeled(err: &GetSessionError) -> Option<(&'static str, &str)> {
    match err {
        GetSessionError::AccessDeniedException(e) => Some(("AccessDeniedException", e.message())),
        GetSessionError::InternalServerException(e) => Some(("InternalServerException", e.message())),
        GetSessionError::ResourceNotFoundException(e) => Some(("ResourceNotFoundException", e.message())),
        GetSessionError::ThrottlingException(e) => Some(("ThrottlingException", e.message())),
        GetSessionError::ValidationException(e) => Some(("ValidationException", e.message())),
        _ => None,
    }
}

fn is_checks(err: &GetSessionError) -> [bool; 6] {
    [
        err.is_access_denied_exception(),
        err.is_internal_server_exception(),
        err.is_resource_not_found_exception(),
        err.is_throttling_exception(),
        err.is_validation_exception(),
        err.is_unhandled(),
    ]
}

fn assert_modeled(err: &GetSessionError, code: &str, message: &str, status: u16, retry: Option<RetryKind>) {
    assert_eq!(modeled(err), Some((code, message)), "{err:?}");
    assert_eq!(err.code(), Some(code));
    assert_eq!(err.meta().status(), status);
    assert_eq!(err.retry_kind(), retry, "{code} at {status}");
    let index = MODELED.iter().position(|(c, _, _)| *c == code).unwrap();
    let mut expected = [false; 6];
    expected[index] = true;
    assert_eq!(is_checks(err), expected, "{code}");
    assert!(std::error::Error::source(err).is_some());
}

#[test]
fn modeled_errors_from_the_errortype_header() {
    for (code, status, retry) in MODELED {
        for header in [
            code.to_string(),
            format!("{code}:http://internal.amazon.com/coral/com.amazon.coral.service/"),
            format!("com.amazonaws.mpa#{code}"),
            format!("com.amazonaws.mpa#{code}:http://internal.amazon.com/coral/"),
        ] {
            let mut hdrs = headers(&[("x-amzn-requestid", "rid-1")]);
            hdrs.insert("x-amzn-errortype", header.parse().unwrap());
            let body = format!(r#"{{"Message":"{code} happened"}}"#);
            let err = parse_err(status, &hdrs, body.as_bytes());
            let message = format!("{code} happened");
            assert_modeled(&err, code, &message, status, retry);
            assert_eq!(err.message(), Some(message.as_str()));
            assert_eq!(err.request_id(), Some("rid-1"));
            assert_eq!(err.to_string(), format!("{code}: {code} happened"));
        }
    }
}

#[test]
fn modeled_errors_from_the_body_code_and_type() {
    for (code, status, retry) in MODELED {
        for body in [
            format!(r#"{{"code":"{code}","Message":"m"}}"#),
            format!(r#"{{"__type":"{code}","Message":"m"}}"#),
            format!(r#"{{"__type":"com.amazonaws.mpa#{code}","Message":"m"}}"#),
            format!(r#"{{"Message":"m","__type":"com.amazonaws.mpa#{code}:http://internal.amazon.com/"}}"#),
        ] {
            let err = parse_err(status, &HeaderMap::new(), body.as_bytes());
            assert_modeled(&err, code, "m", status, retry);
            assert_eq!(err.request_id(), None);
        }
    }
}

#[test]
fn a_missing_message_is_error_corrected_to_empty() {
    for (code, status, retry) in MODELED {
        for body in [&b""[..], b"{}", br#"{"Message":null}"#, br#"{"Other":"x"}"#] {
            let mut hdrs = HeaderMap::new();
            hdrs.insert("x-amzn-errortype", code.parse().unwrap());
            let err = parse_err(status, &hdrs, body);
            assert_modeled(&err, code, "", status, retry);
        }
        let err = parse_err(status, &HeaderMap::new(), format!(r#"{{"__type":"{code}"}}"#).as_bytes());
        assert_modeled(&err, code, "", status, retry);
    }
}

#[test]
fn retry_kinds_of_modeled_errors() {
    // InternalServerException is @retryable (not throttling): a server error at any status.
    for status in [500, 503, 400] {
        let err = parse_err(status, &headers(&[("x-amzn-errortype", "InternalServerException")]), b"{\"Message\":\"m\"}");
        assert!(err.is_internal_server_exception());
        assert_eq!(err.retry_kind(), Some(RetryKind::ServerError), "{status}");
    }
    // ThrottlingException is retried by its code, whatever the status.
    for status in [429, 400] {
        let err = parse_err(status, &headers(&[("x-amzn-errortype", "ThrottlingException")]), b"{\"Message\":\"m\"}");
        assert!(err.is_throttling_exception());
        assert_eq!(err.retry_kind(), Some(RetryKind::Throttling), "{status}");
    }
    // Client errors are not retried, except that a 5xx status is transient.
    let err = parse_err(403, &headers(&[("x-amzn-errortype", "AccessDeniedException")]), b"{}");
    assert_eq!(err.retry_kind(), None);
    let err = parse_err(503, &headers(&[("x-amzn-errortype", "ValidationException")]), b"{}");
    assert!(err.is_validation_exception());
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
}

#[test]
fn the_code_sources_take_precedence_in_order() {
    // Header, then body `code`, then body `__type`; the status never picks the error.
    let body = br#"{"__type":"ValidationException","code":"ResourceNotFoundException","Message":"m"}"#;
    let err = parse_err(404, &headers(&[("x-amzn-errortype", "AccessDeniedException")]), body);
    assert_modeled(&err, "AccessDeniedException", "m", 404, None);
    let err = parse_err(404, &HeaderMap::new(), body);
    assert_modeled(&err, "ResourceNotFoundException", "m", 404, None);
    let err = parse_err(404, &HeaderMap::new(), br#"{"__type":"ValidationException","Message":"m"}"#);
    assert_modeled(&err, "ValidationException", "m", 404, None);
    let err = parse_err(400, &headers(&[("x-amzn-errortype", "ThrottlingException")]), br#"{"code":"ValidationException"}"#);
    assert_modeled(&err, "ThrottlingException", "", 400, Some(RetryKind::Throttling));
    // An unmodeled header code wins over a modeled body code.
    let err = parse_err(409, &headers(&[("x-amzn-errortype", "ConflictException")]), br#"{"__type":"ValidationException"}"#);
    assert!(err.is_unhandled());
    assert_eq!(err.code(), Some("ConflictException"));
}

#[test]
fn only_top_level_keys_name_the_error() {
    let err = parse_err(
        400,
        &HeaderMap::new(),
        br#"{"Detail":{"__type":"ValidationException","code":"ValidationException"},"Message":"m"}"#,
    );
    assert!(err.is_unhandled(), "{err:?}");
    assert_eq!((err.code(), err.message()), (None, Some("m")));
}

#[test]
fn a_status_without_a_code_is_unhandled() {
    // Clients dispatch on the code, not the status (aws-restjson1-protocol.rst, "Operation error
    // serialization").
    for (status, body) in [(403, &b""[..]), (404, b"{}"), (429, br#"{"Message":"slow down"}"#), (400, b"{}")] {
        let err = parse_err(status, &HeaderMap::new(), body);
        assert!(err.is_unhandled(), "{status}: {err:?}");
        assert_eq!((err.code(), err.meta().status()), (None, status));
        assert_eq!(err.retry_kind(), None, "{status}");
    }
}

#[test]
fn unhandled_error_codes() {
    let err = parse_err(
        409,
        &headers(&[("x-amzn-errortype", "ConflictException:http://internal.amazon.com/"), ("x-amzn-requestid", "r-c")]),
        br#"{"Message":"already approved"}"#,
    );
    assert!(err.is_unhandled());
    assert_eq!(modeled(&err), None);
    assert_eq!(err.code(), Some("ConflictException"));
    assert_eq!(err.message(), Some("already approved"));
    assert_eq!(err.request_id(), Some("r-c"));
    assert_eq!(err.meta().status(), 409);
    assert_eq!(err.retry_kind(), None);
    let text = err.to_string();
    assert!(text.contains("ConflictException") && text.contains("already approved") && text.contains("409"), "{text}");

    let err = parse_err(400, &headers(&[("x-amzn-errortype", "TooManyRequestsException")]), b"");
    assert!(err.is_unhandled());
    assert_eq!(err.retry_kind(), Some(RetryKind::Throttling));
    let err = parse_err(408, &HeaderMap::new(), br#"{"__type":"RequestTimeoutException"}"#);
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
    // Codes are case-sensitive.
    let err = parse_err(400, &HeaderMap::new(), br#"{"__type":"validationexception"}"#);
    assert!(err.is_unhandled());
}

#[test]
fn html_and_empty_error_bodies() {
    let err = parse_err(
        502,
        &headers(&[("x-amz-request-id", "r-2"), ("content-type", "text/html")]),
        b"<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>",
    );
    assert!(err.is_unhandled());
    assert_eq!((err.code(), err.message(), err.meta().status(), err.request_id()), (None, None, 502, Some("r-2")));
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
    for status in [500, 503, 504] {
        let err = parse_err(status, &HeaderMap::new(), b"");
        assert!(err.is_unhandled());
        assert_eq!((err.code(), err.meta().status()), (None, status));
        assert_eq!(err.retry_kind(), Some(RetryKind::Transient), "{status}");
    }
    // A modeled code with a body that is not JSON: never a panic; code and status are kept.
    let err = parse_err(403, &headers(&[("x-amzn-errortype", "AccessDeniedException")]), b"<html>Forbidden</html>");
    assert_eq!((err.code(), err.meta().status()), (Some("AccessDeniedException"), 403));
    assert_eq!(err.retry_kind(), None);
}

#[test]
fn hostile_error_bodies_never_panic() {
    let deep = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let bodies: Vec<&[u8]> = vec![
        b"{\"__type\":",
        b"{\"Message\":5}",
        b"{\"Message\":[\"x\"]}",
        b"{\"code\":{},\"__type\":[]}",
        b"[\"ValidationException\"]",
        b"\xff\xfe",
        deep.as_bytes(),
    ];
    for body in bodies {
        for hdrs in [HeaderMap::new(), headers(&[("x-amzn-errortype", "ValidationException")])] {
            let err = parse_err(400, &hdrs, body);
            let _ = (err.to_string(), format!("{err:?}"), err.retry_kind());
            assert_eq!(err.meta().status(), 400);
        }
    }
}

#[test]
fn a_message_under_another_key_fills_the_message_member() {
    // `Message` is the error message (type-refinement-traits.rst, "`error` trait"); servers also
    // spell it `message` or `errorMessage`, which the metadata reads, and the member takes it.
    for body in [&br#"{"message":"lower"}"#[..], br#"{"errorMessage":"lower"}"#] {
        let err = parse_err(404, &headers(&[("x-amzn-errortype", "ResourceNotFoundException")]), body);
        let GetSessionError::ResourceNotFoundException(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.message(), "lower");
        assert_eq!(err.to_string(), "ResourceNotFoundException: lower");
    }
    // The member as sent wins.
    let both = br#"{"Message":"upper","message":"lower"}"#;
    let err = parse_err(404, &headers(&[("x-amzn-errortype", "ResourceNotFoundException")]), both);
    let GetSessionError::ResourceNotFoundException(e) = &err else { panic!("{err:?}") };
    assert_eq!(e.message(), "upper");
}
