//! Our crate is generated from the seed-era models; AWS now answers with the current API
//! (`../shared/aws-models/SOURCES.md`). Those responses must parse, unknown values kept.

use aws_lite::athena::operation::get_session::parse_response as athena_get_session;
use aws_lite::mpa::operation::get_session::parse_response as mpa_get_session;
use aws_lite::mpa::types::SessionStatusCode;
use http::HeaderMap;

#[test]
fn athena_members_added_since_the_seed_era_are_skipped() {
    // MonitoringConfiguration, Classifications and SessionIdleTimeoutInMinutes are not in our
    // model; MaxConcurrentDpus is present, as the current model's servers send its default.
    let body = br#"{
      "SessionId": "s-1",
      "EngineConfiguration": {
        "MaxConcurrentDpus": 20,
        "Classifications": [{"Name": "spark-defaults", "Properties": {"spark.x": "1"}}]
      },
      "SessionConfiguration": {"SessionIdleTimeoutInMinutes": 15, "IdleTimeoutSeconds": 900},
      "MonitoringConfiguration": {
        "CloudWatchLoggingConfiguration": {"Enabled": true, "LogGroup": "g", "LogTypes": {"SPARK_DRIVER": ["STDOUT"]}},
        "ManagedLoggingConfiguration": {"Enabled": false},
        "S3LoggingConfiguration": {"Enabled": true, "LogLocation": "s3://b/l"}
      }
    }"#;
    let out = athena_get_session(200, &HeaderMap::new(), body).unwrap();
    assert_eq!(out.session_id(), Some("s-1"));
    assert_eq!(out.engine_configuration().unwrap().max_concurrent_dpus(), 20);
    assert_eq!(out.session_configuration().unwrap().idle_timeout_seconds(), Some(900));
}

#[test]
fn athena_max_concurrent_dpus_left_out_is_error_corrected() {
    // The current model gives MaxConcurrentDpus @default(20); a server may leave it out. Our
    // seed-era model says @required with no default, so the member is error-corrected to 0, as
    // the spec prescribes; regenerating from the current model makes it Option<i32> (see the
    // README, Optionality).
    let out = athena_get_session(200, &HeaderMap::new(), br#"{"EngineConfiguration":{"CoordinatorDpuSize":1}}"#).unwrap();
    assert_eq!(out.engine_configuration().unwrap().max_concurrent_dpus(), 0);
}

#[test]
fn mpa_status_code_added_since_the_seed_era_is_kept() {
    let body = br#"{"SessionArn":"arn:aws:mpa:us-east-1:111122223333:session/t/s","Status":"PENDING",
                    "StatusCode":"ALL_APPROVERS_IN_SESSION"}"#;
    let out = mpa_get_session(200, &HeaderMap::new(), body).unwrap();
    let code = out.status_code().unwrap();
    assert!(matches!(code, SessionStatusCode::Unknown(_)));
    assert_eq!(code.as_str(), "ALL_APPROVERS_IN_SESSION");
    assert_eq!(SessionStatusCode::from("ALL_APPROVERS_IN_SESSION"), code.clone(), "it round-trips unchanged");
}
