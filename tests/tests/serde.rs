//! The `serde` feature of generated crates: every type of our three operations (inputs, outputs,
//! errors and each nested type), filled in every member, round trips through JSON, and its JSON
//! is the documented form, written here by hand: members by their names in the model, enums as
//! their wire strings, unions as `{"Member": value}`, timestamps as RFC 3339 `date-time` strings
//! (RFC 3339 section 5.6) with the fraction digits needed, blobs as base64 (RFC 4648 section 4),
//! big numbers as exact strings, documents as plain JSON. The fixture crate adds the types our
//! operations do not use (blobs, documents, big numbers, intEnums, unit union members).

use aws_lite::primitives::DateTime;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Debug;

/// Serializes `value`, checks that its JSON is `expected` and that it reads back equal.
#[track_caller]
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, expected: Value) {
    let text = serde_json::to_string(value).unwrap();
    let written: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(written, expected, "the JSON form of {value:?}");
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text} does not read back: {e}"));
    assert_eq!(&back, value, "{text}");
}

/// The error `serde_json` gives when `json` is read as `T`.
#[track_caller]
fn read_error<T: DeserializeOwned + Debug>(json: &str) -> String {
    match serde_json::from_str::<T>(json) {
        Ok(value) => panic!("{json} read as {value:?}"),
        Err(e) => e.to_string(),
    }
}

/// 2009-02-13T23:31:30Z and 2023-11-14T22:13:20Z, in seconds since the epoch.
const T1: i64 = 1_234_567_890;
const T2: i64 = 1_700_000_000;

mod athena {
    use super::*;
    use aws_lite::athena::operation::get_session::{parse_response, GetSessionError, GetSessionInput, GetSessionOutput};
    use aws_lite::athena::types::error::{InternalServerException, InvalidRequestException, ResourceNotFoundException};
    use aws_lite::athena::types::{
        EncryptionConfiguration, EncryptionOption, EngineConfiguration, SessionConfiguration, SessionState, SessionStatistics,
        SessionStatus,
    };
    use aws_lite::error::RequestId;

    fn encryption() -> EncryptionConfiguration {
        EncryptionConfiguration::builder().encryption_option(EncryptionOption::SseKms).kms_key("arn:aws:kms:k").build().unwrap()
    }

    fn engine() -> EngineConfiguration {
        EngineConfiguration::builder()
            .coordinator_dpu_size(1)
            .max_concurrent_dpus(20)
            .default_executor_dpu_size(2)
            .additional_configs("NotebookId", "nb-1")
            .spark_properties("spark.executor.memory", "4g")
            .build()
            .unwrap()
    }

    fn session_configuration() -> SessionConfiguration {
        SessionConfiguration::builder()
            .execution_role("arn:aws:iam::1:role/r")
            .working_directory("s3://bucket/dir/")
            .idle_timeout_seconds(3600)
            .encryption_configuration(encryption())
            .build()
    }

    fn status() -> SessionStatus {
        SessionStatus::builder()
            .start_date_time(DateTime::from_secs(T1))
            .last_modified_date_time(DateTime::from_secs_and_nanos(T1, 500_000_000))
            .end_date_time(DateTime::from_secs_and_nanos(T2, 123_000_000))
            .idle_since_date_time(DateTime::from_secs_and_nanos(T2, 1))
            .state(SessionState::Idle)
            .state_change_reason("idle")
            .build()
    }

    #[test]
    fn nested_types() {
        round_trip(&encryption(), json!({"EncryptionOption": "SSE_KMS", "KmsKey": "arn:aws:kms:k"}));
        round_trip(
            &engine(),
            json!({
                "CoordinatorDpuSize": 1, "MaxConcurrentDpus": 20, "DefaultExecutorDpuSize": 2,
                "AdditionalConfigs": {"NotebookId": "nb-1"}, "SparkProperties": {"spark.executor.memory": "4g"},
            }),
        );
        round_trip(
            &session_configuration(),
            json!({
                "ExecutionRole": "arn:aws:iam::1:role/r", "WorkingDirectory": "s3://bucket/dir/", "IdleTimeoutSeconds": 3600,
                "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": "arn:aws:kms:k"},
            }),
        );
        round_trip(
            &status(),
            json!({
                "StartDateTime": "2009-02-13T23:31:30Z",
                "LastModifiedDateTime": "2009-02-13T23:31:30.5Z",
                "EndDateTime": "2023-11-14T22:13:20.123Z",
                "IdleSinceDateTime": "2023-11-14T22:13:20.000000001Z",
                "State": "IDLE",
                "StateChangeReason": "idle",
            }),
        );
        round_trip(&SessionStatistics::builder().dpu_execution_in_millis(1234).build(), json!({"DpuExecutionInMillis": 1234}));
        use EncryptionOption::{CseKms, SseKms, SseS3};
        for (option, text) in [(SseS3, "SSE_S3"), (SseKms, "SSE_KMS"), (CseKms, "CSE_KMS")] {
            round_trip(&option, json!(text));
        }
        for text in SessionState::values() {
            let state = SessionState::from(*text);
            assert!(!matches!(state, SessionState::Unknown(_)));
            round_trip(&state, json!(text));
        }
    }

    #[test]
    fn input_and_output() {
        round_trip(&GetSessionInput::builder().session_id("s-1").build(), json!({"SessionId": "s-1"}));
        let output = GetSessionOutput::builder()
            .session_id("s-1")
            .description("a session")
            .work_group("primary")
            .engine_version("PySpark engine version 3")
            .engine_configuration(engine())
            .notebook_version("Athena notebook version 1")
            .session_configuration(session_configuration())
            .status(status())
            .statistics(SessionStatistics::builder().dpu_execution_in_millis(1234).build())
            .build();
        round_trip(
            &output,
            json!({
                "SessionId": "s-1",
                "Description": "a session",
                "WorkGroup": "primary",
                "EngineVersion": "PySpark engine version 3",
                "EngineConfiguration": {
                    "CoordinatorDpuSize": 1, "MaxConcurrentDpus": 20, "DefaultExecutorDpuSize": 2,
                    "AdditionalConfigs": {"NotebookId": "nb-1"}, "SparkProperties": {"spark.executor.memory": "4g"},
                },
                "NotebookVersion": "Athena notebook version 1",
                "SessionConfiguration": {
                    "ExecutionRole": "arn:aws:iam::1:role/r", "WorkingDirectory": "s3://bucket/dir/", "IdleTimeoutSeconds": 3600,
                    "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": "arn:aws:kms:k"},
                },
                "Status": {
                    "StartDateTime": "2009-02-13T23:31:30Z",
                    "LastModifiedDateTime": "2009-02-13T23:31:30.5Z",
                    "EndDateTime": "2023-11-14T22:13:20.123Z",
                    "IdleSinceDateTime": "2023-11-14T22:13:20.000000001Z",
                    "State": "IDLE",
                    "StateChangeReason": "idle",
                },
                "Statistics": {"DpuExecutionInMillis": 1234},
            }),
        );
        // Members left unset are `null`, and read back as unset when `null` or absent.
        round_trip(&GetSessionInput::builder().build(), json!({"SessionId": null}));
        assert_eq!(serde_json::from_str::<GetSessionOutput>("{}").unwrap(), GetSessionOutput::builder().build());
    }

    #[test]
    fn errors() {
        round_trip(&InternalServerException::builder().message("try again").build(), json!({"Message": "try again"}));
        round_trip(
            &InvalidRequestException::builder().athena_error_code("1001").message("bad").build(),
            json!({"AthenaErrorCode": "1001", "Message": "bad"}),
        );
        round_trip(
            &ResourceNotFoundException::builder().message("no such session").resource_name("s-1").build(),
            json!({"Message": "no such session", "ResourceName": "s-1"}),
        );
    }

    /// An error's metadata (code, request id, status) and an output's request id describe the
    /// response, not the value: they are left out, and read back empty.
    #[test]
    fn response_metadata_is_left_out() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amzn-requestid", "req-42".parse().unwrap());
        let body = br#"{"__type": "ResourceNotFoundException", "Message": "gone", "ResourceName": "s-1"}"#;
        let Err(GetSessionError::ResourceNotFoundException(error)) = parse_response(400, &headers, body) else { panic!() };
        assert_eq!(error.request_id(), Some("req-42"));
        let text = serde_json::to_string(&error).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), json!({"Message": "gone", "ResourceName": "s-1"}));
        let back: ResourceNotFoundException = serde_json::from_str(&text).unwrap();
        assert_eq!((back.request_id(), back.meta().code(), back.message()), (None, None, Some("gone")));

        let output = parse_response(200, &headers, br#"{"SessionId": "s-1"}"#).unwrap();
        assert_eq!(output.request_id(), Some("req-42"));
        let text = serde_json::to_string(&output).unwrap();
        assert!(!text.contains("req-42"), "{text}");
        let back: GetSessionOutput = serde_json::from_str(&text).unwrap();
        assert_eq!((back.request_id(), back.session_id()), (None, Some("s-1")));
    }

    #[test]
    fn unknown_enum_values_are_their_strings() {
        let state = SessionState::from("HIBERNATING");
        round_trip(&state, json!("HIBERNATING"));
        assert!(matches!(serde_json::from_str::<SessionState>("\"HIBERNATING\"").unwrap(), SessionState::Unknown(_)));
        // A known value reads as its variant.
        assert_eq!(serde_json::from_str::<SessionState>("\"IDLE\"").unwrap(), SessionState::Idle);
    }

    #[test]
    fn bad_values_are_errors() {
        // A required member without a default must be there.
        let e = read_error::<EncryptionConfiguration>(r#"{"KmsKey": "k"}"#);
        assert!(e.contains("missing field `EncryptionOption`"), "{e}");
        let e = read_error::<EngineConfiguration>("{}");
        assert!(e.contains("missing field `MaxConcurrentDpus`"), "{e}");
        let e = read_error::<SessionStatus>(r#"{"StartDateTime": "yesterday"}"#);
        assert!(e.contains("date-time"), "{e}");
        let e = read_error::<SessionStatus>(r#"{"StartDateTime": 1234567890}"#);
        assert!(e.contains("invalid type"), "{e}");
        let e = read_error::<SessionStatus>(r#"{"State": 3}"#);
        assert!(e.contains("invalid type"), "{e}");
        // The Rust field name is not the model's.
        let e = read_error::<GetSessionInput>(r#"{"session_id": 1, "SessionId": 2}"#);
        assert!(e.contains("invalid type: integer `2`"), "{e}");
    }
}

mod emr {
    use super::*;
    use aws_lite::emr::operation::get_studio_session_mapping::{GetStudioSessionMappingInput, GetStudioSessionMappingOutput};
    use aws_lite::emr::types::error::{InternalServerError, InvalidRequestException};
    use aws_lite::emr::types::{IdentityType, SessionMappingDetail};

    #[test]
    fn every_type() {
        round_trip(
            &GetStudioSessionMappingInput::builder()
                .studio_id("es-1")
                .identity_id("id-1")
                .identity_name("alice")
                .identity_type(IdentityType::User)
                .build(),
            json!({"StudioId": "es-1", "IdentityId": "id-1", "IdentityName": "alice", "IdentityType": "USER"}),
        );
        let detail = SessionMappingDetail::builder()
            .studio_id("es-1")
            .identity_id("id-1")
            .identity_name("admins")
            .identity_type(IdentityType::Group)
            .session_policy_arn("arn:aws:iam::1:policy/p")
            .creation_time(DateTime::from_secs(T1))
            .last_modified_time(DateTime::from_secs_and_nanos(T2, 250_000_000))
            .build();
        let detail_json = json!({
            "StudioId": "es-1", "IdentityId": "id-1", "IdentityName": "admins", "IdentityType": "GROUP",
            "SessionPolicyArn": "arn:aws:iam::1:policy/p",
            "CreationTime": "2009-02-13T23:31:30Z", "LastModifiedTime": "2023-11-14T22:13:20.25Z",
        });
        round_trip(&detail, detail_json.clone());
        let output = GetStudioSessionMappingOutput::builder().session_mapping(detail).build();
        round_trip(&output, json!({"SessionMapping": detail_json}));
        round_trip(&IdentityType::from("ROLE"), json!("ROLE"));
        round_trip(&InternalServerError::builder().build(), json!({}));
        round_trip(
            &InvalidRequestException::builder().error_code("E1").message("bad studio").build(),
            json!({"ErrorCode": "E1", "Message": "bad studio"}),
        );
    }
}

mod mpa {
    use super::*;
    use aws_lite::mpa::operation::get_session::{parse_response, GetSessionInput, GetSessionOutput};
    use aws_lite::mpa::types::error::{
        AccessDeniedException, InternalServerException, ResourceNotFoundException, ThrottlingException, ValidationException,
    };
    use aws_lite::mpa::types::{
        ActionCompletionStrategy, AdditionalSecurityRequirement, ApprovalStrategyResponse, GetSessionResponseApproverResponse,
        MofNApprovalStrategy, SessionExecutionStatus, SessionResponse, SessionStatus, SessionStatusCode,
    };

    const ARN: &str = "arn:aws:mpa:us-east-1:111122223333:session/team-a/s-1";

    fn strategy() -> ApprovalStrategyResponse {
        ApprovalStrategyResponse::MofN(MofNApprovalStrategy::builder().min_approvals_required(2).build().unwrap())
    }

    fn approver(id: &str, response: SessionResponse) -> GetSessionResponseApproverResponse {
        GetSessionResponseApproverResponse::builder()
            .approver_id(id)
            .identity_source_arn("arn:aws:mpa:us-east-1:111122223333:identity-source/is-1")
            .identity_id(format!("user-{id}"))
            .response(response)
            .response_time(DateTime::from_secs_and_nanos(T2, 7_000_000))
            .build()
    }

    fn approver_json(id: &str, response: &str) -> Value {
        json!({
            "ApproverId": id,
            "IdentitySourceArn": "arn:aws:mpa:us-east-1:111122223333:identity-source/is-1",
            "IdentityId": format!("user-{id}"),
            "Response": response,
            "ResponseTime": "2023-11-14T22:13:20.007Z",
        })
    }

    #[test]
    fn nested_types() {
        round_trip(&strategy(), json!({"MofN": {"MinApprovalsRequired": 2}}));
        let strategy = MofNApprovalStrategy::builder().min_approvals_required(3).build().unwrap();
        round_trip(&strategy, json!({"MinApprovalsRequired": 3}));
        round_trip(&approver("a-1", SessionResponse::Approved), approver_json("a-1", "APPROVED"));
        round_trip(&ActionCompletionStrategy::AutoCompletionUponApproval, json!("AUTO_COMPLETION_UPON_APPROVAL"));
        round_trip(&AdditionalSecurityRequirement::ApproverVerificationRequired, json!("APPROVER_VERIFICATION_REQUIRED"));
        use SessionExecutionStatus::{Executed, Failed, Pending};
        for (value, text) in [(Executed, "EXECUTED"), (Failed, "FAILED"), (Pending, "PENDING")] {
            round_trip(&value, json!(text));
        }
        use SessionResponse::{Approved, NoResponse, Rejected};
        for (value, text) in [(Approved, "APPROVED"), (Rejected, "REJECTED"), (NoResponse, "NO_RESPONSE")] {
            round_trip(&value, json!(text));
        }
        for text in SessionStatus::values() {
            round_trip(&SessionStatus::from(*text), json!(text));
        }
        for text in SessionStatusCode::values() {
            round_trip(&SessionStatusCode::from(*text), json!(text));
        }
    }

    #[test]
    fn input_and_output() {
        round_trip(&GetSessionInput::builder().session_arn(ARN).build(), json!({"SessionArn": ARN}));
        let output = GetSessionOutput::builder()
            .session_arn(ARN)
            .approval_team_arn("arn:aws:mpa:us-east-1:111122223333:approval-team/team-a")
            .approval_team_name("team-a")
            .protected_resource_arn("arn:aws:backup:us-east-1:111122223333:backup-vault:v")
            .approval_strategy(strategy())
            .number_of_approvers(3)
            .initiation_time(DateTime::from_secs(T1))
            .expiration_time(DateTime::from_secs(T2))
            .completion_time(DateTime::from_secs_and_nanos(T2, 999_999_999))
            .description("restore the vault")
            .metadata("ticket", "T-1")
            .status(SessionStatus::Approved)
            .status_code(SessionStatusCode::ConfigurationChanged)
            .status_message("approved by 2 of 3")
            .execution_status(SessionExecutionStatus::Executed)
            .action_name("RestoreVault")
            .requester_service_principal("backup.amazonaws.com")
            .requester_principal_arn("arn:aws:iam::111122223333:role/requester")
            .requester_account_id("111122223333")
            .requester_region("us-east-1")
            .requester_comment("please")
            .action_completion_strategy(ActionCompletionStrategy::AutoCompletionUponApproval)
            .approver_responses(approver("a-1", SessionResponse::Approved))
            .approver_responses(approver("a-2", SessionResponse::NoResponse))
            .additional_security_requirements(AdditionalSecurityRequirement::ApproverVerificationRequired)
            .build();
        round_trip(
            &output,
            json!({
                "SessionArn": ARN,
                "ApprovalTeamArn": "arn:aws:mpa:us-east-1:111122223333:approval-team/team-a",
                "ApprovalTeamName": "team-a",
                "ProtectedResourceArn": "arn:aws:backup:us-east-1:111122223333:backup-vault:v",
                "ApprovalStrategy": {"MofN": {"MinApprovalsRequired": 2}},
                "NumberOfApprovers": 3,
                "InitiationTime": "2009-02-13T23:31:30Z",
                "ExpirationTime": "2023-11-14T22:13:20Z",
                "CompletionTime": "2023-11-14T22:13:20.999999999Z",
                "Description": "restore the vault",
                "Metadata": {"ticket": "T-1"},
                "Status": "APPROVED",
                "StatusCode": "CONFIGURATION_CHANGED",
                "StatusMessage": "approved by 2 of 3",
                "ExecutionStatus": "EXECUTED",
                "ActionName": "RestoreVault",
                "RequesterServicePrincipal": "backup.amazonaws.com",
                "RequesterPrincipalArn": "arn:aws:iam::111122223333:role/requester",
                "RequesterAccountId": "111122223333",
                "RequesterRegion": "us-east-1",
                "RequesterComment": "please",
                "ActionCompletionStrategy": "AUTO_COMPLETION_UPON_APPROVAL",
                "ApproverResponses": [approver_json("a-1", "APPROVED"), approver_json("a-2", "NO_RESPONSE")],
                "AdditionalSecurityRequirements": ["APPROVER_VERIFICATION_REQUIRED"],
            }),
        );
    }

    #[test]
    fn errors() {
        round_trip(&AccessDeniedException::builder().message("denied").build().unwrap(), json!({"Message": "denied"}));
        round_trip(&InternalServerException::builder().message("oops").build().unwrap(), json!({"Message": "oops"}));
        round_trip(&ResourceNotFoundException::builder().message("gone").build().unwrap(), json!({"Message": "gone"}));
        round_trip(&ThrottlingException::builder().message("slow down").build().unwrap(), json!({"Message": "slow down"}));
        round_trip(&ValidationException::builder().message("invalid").build().unwrap(), json!({"Message": "invalid"}));
        // `Message` is required: reading fails without it rather than inventing one.
        let e = read_error::<ValidationException>("{}");
        assert!(e.contains("missing field `Message`"), "{e}");
    }

    /// A union member the model does not know is kept by name, as `{"$unknown": name}`; a name
    /// that is neither a known member nor `$unknown` cannot be read.
    #[test]
    fn unknown_union_members() {
        let body = br#"{"ApprovalStrategy": {"QuorumOf": {"Size": 5}}}"#;
        let output = parse_response(200, &http::HeaderMap::new(), body).unwrap();
        let strategy = output.approval_strategy().unwrap().clone();
        assert!(strategy.is_unknown());
        round_trip(&strategy, json!({"$unknown": "QuorumOf"}));
        let e = read_error::<ApprovalStrategyResponse>(r#"{"QuorumOf": {"Size": 5}}"#);
        assert!(e.contains("unknown variant `QuorumOf`"), "{e}");
    }
}

/// The fixture crate's types: what our three operations do not use.
mod fixture_types {
    use super::*;
    use ::fixtures::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};

    #[test]
    fn simple_types() {
        use ::fixtures::simpletypes::operation::echo::EchoOutput;
        use ::fixtures::simpletypes::types::Nested;
        let mut object = std::collections::BTreeMap::new();
        object.insert("list".to_string(), Document::Array(vec![Document::Null, true.into(), (-3).into(), 2.5.into()]));
        object.insert("text".to_string(), "x".into());
        let output = EchoOutput::builder()
            .blob(Blob::new(b"foobar".to_vec()))
            .boolean(true)
            .string("s")
            .byte(-8)
            .short(300)
            .integer(-70_000)
            .long(9_007_199_254_740_993)
            .float(1.5)
            .double(-0.25)
            .big_integer("123456789012345678901234567890".parse::<BigInteger>().unwrap())
            .big_decimal("3.141592653589793238462643383279".parse::<BigDecimal>().unwrap())
            .timestamp(DateTime::from_secs(T1))
            .iso_timestamp(DateTime::from_secs_and_nanos(T1, 100_000_000))
            .http_date(DateTime::from_secs(T2))
            .member_date_time(DateTime::from_secs(-1))
            .target_http_date(DateTime::from_secs(0))
            .member_overrides_target(DateTime::from_secs_and_nanos(T2, 10))
            .document(Document::Object(object))
            .nested(Nested::builder().primitive_boolean(true).primitive_integer(7).float(0.5).build())
            .build();
        round_trip(
            &output,
            json!({
                // RFC 4648 section 10: BASE64("foobar") = "Zm9vYmFy".
                "Blob": "Zm9vYmFy",
                "Boolean": true,
                "String": "s",
                "Byte": -8,
                "Short": 300,
                "Integer": -70000,
                "Long": 9007199254740993_i64,
                "Float": 1.5,
                "Double": -0.25,
                "BigInteger": "123456789012345678901234567890",
                "BigDecimal": "3.141592653589793238462643383279",
                // Every timestamp is a date-time here, whatever its wire format.
                "Timestamp": "2009-02-13T23:31:30Z",
                "IsoTimestamp": "2009-02-13T23:31:30.1Z",
                "HttpDate": "2023-11-14T22:13:20Z",
                "MemberDateTime": "1969-12-31T23:59:59Z",
                "TargetHttpDate": "1970-01-01T00:00:00Z",
                "MemberOverridesTarget": "2023-11-14T22:13:20.00000001Z",
                "Document": {"list": [null, true, -3, 2.5], "text": "x"},
                "Nested": {"PrimitiveBoolean": true, "PrimitiveInteger": 7, "Float": 0.5},
            }),
        );
        // Documents hold numbers as they came: integers exactly, others as floats.
        let document: Document = serde_json::from_str(r#"[18446744073709551615, -9223372036854775808, 1e3, {}]"#).unwrap();
        let items = document.as_array().unwrap();
        assert_eq!(items[0].as_number(), Some(&Number::PosInt(u64::MAX)));
        assert_eq!(items[1].as_number(), Some(&Number::NegInt(i64::MIN)));
        assert!(matches!(items[2].as_number(), Some(Number::Float(f)) if *f == 1000.0));
        assert_eq!(items[3], Document::Object(Default::default()));
        // Bad values are errors, never panics.
        let e = read_error::<EchoOutput>(r#"{"Blob": "Zm9v YmFy"}"#);
        assert!(e.contains("invalid base64"), "{e}");
        let e = read_error::<EchoOutput>(r#"{"BigInteger": "1.5"}"#);
        assert!(e.contains("invalid BigInteger"), "{e}");
        let e = read_error::<EchoOutput>(r#"{"BigDecimal": 1.5}"#);
        assert!(e.contains("invalid type"), "{e}");
        let e = read_error::<Nested>(r#"{"PrimitiveBoolean": true}"#);
        assert!(e.contains("missing field `PrimitiveInteger`"), "{e}");
    }

    #[test]
    fn collections_and_enum_keys() {
        use ::fixtures::collections::types::{Color, Holder, Item};
        let holder = Holder::builder()
            .strings("a")
            .list_of_lists(vec!["b".to_string()])
            .map_of_lists("k", vec![Item::builder().name("i").build()])
            .by_enum(Color::Red, 1)
            .by_enum(Color::from("blue"), 2)
            .sparse_strings(None)
            .sparse_strings(Some("c".to_string()))
            .sparse_map("gone", None)
            .unique("u")
            .map_of_maps("m", std::collections::HashMap::from([("n".to_string(), vec!["o".to_string()])]))
            .build();
        round_trip(
            &holder,
            json!({
                "Strings": ["a"],
                "ListOfLists": [["b"]],
                "MapOfLists": {"k": [{"Name": "i"}]},
                "ByEnum": {"red": 1, "blue": 2},
                "SparseStrings": [null, "c"],
                "SparseMap": {"gone": null},
                "Unique": ["u"],
                "MapOfMaps": {"m": {"n": ["o"]}},
            }),
        );
    }

    #[test]
    fn enums_and_int_enums() {
        use ::fixtures::enums::types::{EndpointMode, Priority};
        round_trip(&EndpointMode::DualStack, json!("dual-stack"));
        round_trip(&EndpointMode::Python3_9, json!("python3.9"));
        round_trip(&Priority::High, json!(10));
        round_trip(&Priority::from(7), json!(7));
        assert!(matches!(serde_json::from_str::<Priority>("7").unwrap(), Priority::Unknown(_)));
        assert_eq!(serde_json::from_str::<Priority>("1").unwrap(), Priority::Low);
        let e = read_error::<Priority>("\"HIGH\"");
        assert!(e.contains("invalid type"), "{e}");
    }

    #[test]
    fn unions() {
        use ::fixtures::jsonunions::types::{Choice, Nested};
        use ::fixtures::unions::types::{Action, Move};
        // A member targeting Unit is its name alone, as serde writes unit variants.
        round_trip(&Choice::Stop, json!("Stop"));
        round_trip(&Choice::Text("t".into()), json!({"Text": "t"}));
        round_trip(&Choice::Number(-1), json!({"Number": -1}));
        round_trip(&Choice::Time(DateTime::from_secs(T1)), json!({"Time": "2009-02-13T23:31:30Z"}));
        round_trip(&Choice::List(vec!["l".into()]), json!({"List": ["l"]}));
        let map = std::collections::HashMap::from([("k".to_string(), "v".to_string())]);
        round_trip(&Choice::Map(map), json!({"Map": {"k": "v"}}));
        let nested = Nested::builder().inner("i").choice(Choice::Stop).build();
        round_trip(&Choice::Nested(Box::new(nested)), json!({"Nested": {"Inner": "i", "Choice": "Stop"}}));
        // A member called `Unknown` is not the unknown member.
        round_trip(&Action::UnknownValue(3), json!({"Unknown": 3}));
        round_trip(&Action::Move(Move::builder().steps(2).build().unwrap()), json!({"Move": {"Steps": 2}}));
        round_trip(&Action::Quit, json!("Quit"));
        round_trip(&Action::Secret("s".into()), json!({"Secret": "s"}));
    }
}

/// A float that is not finite is the format's business: `serde_json` writes `null` (it has no
/// other form: RFC 8259 section 6 allows no NaN or Infinity), which reads back as unset.
#[test]
fn floats_that_are_not_finite_are_as_the_format_writes_them() {
    use ::fixtures::simpletypes::operation::echo::EchoOutput;
    let output = EchoOutput::builder().float(f32::NAN).double(f64::INFINITY).build();
    let written: Value = serde_json::to_value(&output).unwrap();
    assert_eq!((&written["Float"], &written["Double"]), (&Value::Null, &Value::Null));
    let back: EchoOutput = serde_json::from_value(written).unwrap();
    assert_eq!((back.float(), back.double()), (None, None));
}
