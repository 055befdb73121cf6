//! The AWS SDK for Rust in `cargo xtask bench --against-sdk`: Athena `GetSession`, EMR
//! `GetStudioSessionMapping` and MPA `GetSession` through `Client::...send()` on a Tokio
//! current-thread runtime, one shared `SdkConfig` (as `aws-config` would hand out) with a fixed
//! region, static credentials, the latest behavior version and a custom `HttpClient` that answers
//! at once with a canned, complete 200 response: the same bodies and headers as our side.
//! `bench_harness::main` does the rest (see its documentation for the modes).

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::{Headers, StatusCode};
use aws_smithy_types::body::SdkBody;
use aws_types::region::Region;
use aws_types::SdkConfig;
use bench_harness::{CountingAlloc, Op, Program};
use std::hint::black_box;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Answers each request with a 200, the request id, the content type and length, and the
/// operation's full body, building the response as a transport would (the headers and the body
/// are the response's own). The SDK asks its `HttpClient` for a connector per call; this one
/// hands out a clone of itself.
#[derive(Clone, Debug)]
struct CannedHttp {
    headers: [Headers; 3],
}

impl CannedHttp {
    fn new() -> Self {
        CannedHttp {
            headers: Op::ALL.map(|op| {
                let mut headers = Headers::new();
                headers.insert("x-amzn-requestid", bench_harness::REQUEST_ID);
                headers.insert("content-type", op.content_type());
                headers.insert("content-length", op.body().len().to_string());
                headers
            }),
        }
    }
}

impl HttpConnector for CannedHttp {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let op = Op::of_uri(request.uri()).expect("a request to one of the three services");
        drop(black_box(request));
        let status = StatusCode::try_from(200).expect("200 is a status");
        let mut response = HttpResponse::new(status, SdkBody::from(op.body().as_bytes().to_vec()));
        *response.headers_mut() = self.headers[Op::ALL.iter().position(|o| *o == op).unwrap_or_default()].clone();
        HttpConnectorFuture::ready(Ok(response))
    }
}

impl HttpClient for CannedHttp {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

struct Sdk {
    runtime: tokio::runtime::Runtime,
    athena: Option<aws_sdk_athena::Client>,
    emr: Option<aws_sdk_emr::Client>,
    mpa: Option<aws_sdk_mpa::Client>,
}

impl Sdk {
    fn athena(&self) -> aws_sdk_athena::operation::get_session::GetSessionOutput {
        let client = self.athena.as_ref().expect("the Athena client");
        let send = client.get_session().session_id(bench_harness::ATHENA_SESSION_ID).send();
        self.runtime.block_on(send).expect("the Athena call succeeds")
    }

    fn emr(&self) -> aws_sdk_emr::operation::get_studio_session_mapping::GetStudioSessionMappingOutput {
        use aws_sdk_emr::types::IdentityType;
        let client = self.emr.as_ref().expect("the EMR client");
        let send = client
            .get_studio_session_mapping()
            .studio_id(bench_harness::EMR_STUDIO_ID)
            .identity_name(bench_harness::EMR_IDENTITY_NAME)
            .identity_type(IdentityType::User)
            .send();
        self.runtime.block_on(send).expect("the EMR call succeeds")
    }

    fn mpa(&self) -> aws_sdk_mpa::operation::get_session::GetSessionOutput {
        let client = self.mpa.as_ref().expect("the MPA client");
        let send = client.get_session().session_arn(bench_harness::MPA_SESSION_ARN).send();
        self.runtime.block_on(send).expect("the MPA call succeeds")
    }
}

impl Program for Sdk {
    fn new(ops: &[Op]) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime");
        let credentials =
            Credentials::new(bench_harness::ACCESS_KEY_ID, bench_harness::SECRET_ACCESS_KEY, None, None, "static");
        let config = SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::from_static(bench_harness::REGION))
            .credentials_provider(SharedCredentialsProvider::new(credentials))
            .http_client(CannedHttp::new())
            .build();
        Sdk {
            runtime,
            athena: ops.contains(&Op::Athena).then(|| aws_sdk_athena::Client::new(&config)),
            emr: ops.contains(&Op::Emr).then(|| aws_sdk_emr::Client::new(&config)),
            mpa: ops.contains(&Op::Mpa).then(|| aws_sdk_mpa::Client::new(&config)),
        }
    }

    fn call(&self, op: Op) {
        match op {
            Op::Athena => assert_eq!(black_box(self.athena()).session_id(), Some(bench_harness::ATHENA_SESSION_ID)),
            Op::Emr => {
                let out = black_box(self.emr());
                assert_eq!(out.session_mapping().and_then(|m| m.studio_id()), Some(bench_harness::EMR_STUDIO_ID));
            }
            Op::Mpa => assert_eq!(black_box(self.mpa()).session_arn(), Some(bench_harness::MPA_SESSION_ARN)),
        }
    }

    fn check(&self, op: Op) {
        match op {
            Op::Athena => {
                let out = self.athena();
                assert_eq!(out.session_id(), Some(bench_harness::ATHENA_SESSION_ID));
                let status = out.status().expect("Status");
                assert_eq!(status.state().map(|s| s.as_str()), Some("TERMINATED"));
                // 1717171717.123 seconds since the epoch. The SDK reads epoch-seconds through an
                // f64, so the fraction arrives within a microsecond of .123, not exactly.
                assert!(status.start_date_time().is_some_and(|t| near(t, 1_717_171_717, 123_000_000)));
                let encryption = out.session_configuration().and_then(|c| c.encryption_configuration());
                let kms = encryption.and_then(|e| e.kms_key());
                assert_eq!(kms, Some("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
                assert_eq!(out.statistics().and_then(|s| s.dpu_execution_in_millis()), Some(7_265_000));
            }
            Op::Emr => {
                let out = self.emr();
                let mapping = out.session_mapping().expect("SessionMapping");
                assert_eq!(mapping.identity_name(), Some(bench_harness::EMR_IDENTITY_NAME));
                assert_eq!(mapping.identity_type().map(|t| t.as_str()), Some("USER"));
                // 1.591735225353E9 seconds since the epoch (through an f64, as above).
                assert!(mapping.creation_time().is_some_and(|t| near(t, 1_591_735_225, 353_000_000)));
            }
            Op::Mpa => {
                let out = self.mpa();
                assert_eq!(out.session_arn(), Some(bench_harness::MPA_SESSION_ARN));
                // 2025-06-01T09:15:30.123Z.
                assert_eq!(out.initiation_time().and_then(|t| t.to_millis().ok()), Some(1_748_769_330_123));
                let m = out.approval_strategy().and_then(|s| s.as_mof_n().ok()).map(|m| m.min_approvals_required());
                assert_eq!(m, Some(2));
                let responses = out.approver_responses();
                assert_eq!(responses.len(), 3);
                assert_eq!(responses[2].response().map(|r| r.as_str()), Some("NO_RESPONSE"));
                assert_eq!(out.metadata().and_then(|m| m.get("ticket")).map(String::as_str), Some("OPS-48213"));
            }
        }
    }
}

/// Whether `t` is `secs` and `nanos` give or take a microsecond.
fn near(t: &aws_smithy_types::DateTime, secs: i64, nanos: u32) -> bool {
    t.secs() == secs && t.subsec_nanos().abs_diff(nanos) < 1_000
}

fn main() -> std::process::ExitCode {
    bench_harness::main::<Sdk>()
}
