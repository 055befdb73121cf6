//! Our client in `cargo xtask bench --against-sdk`: Athena `GetSession`, EMR
//! `GetStudioSessionMapping` and MPA `GetSession` through `Client::...send()` on a Tokio
//! current-thread runtime, one shared `Config` with a fixed region, static credentials and an
//! in-memory `HttpClient` that answers at once with a canned, complete 200 response.
//! `bench_harness::main` does the rest (see its documentation for the modes).

use aws_lite::config::{BoxFuture, Config, Credentials, HttpClient, HttpResponse, TransportSettings};
use aws_lite::error::TransportError;
use bench_harness::{CountingAlloc, Op, Program};
use http::{HeaderMap, HeaderValue};
use std::hint::black_box;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Answers each request with a 200, the request id, the content type and length, and the
/// operation's full body, building the response as a transport would (the header map and the
/// body are the response's own).
#[derive(Debug)]
struct CannedHttp {
    headers: [HeaderMap; 3],
}

impl CannedHttp {
    fn new() -> Self {
        CannedHttp {
            headers: Op::ALL.map(|op| {
                let mut headers = HeaderMap::new();
                headers.insert("x-amzn-requestid", HeaderValue::from_static(bench_harness::REQUEST_ID));
                headers.insert("content-type", HeaderValue::from_static(op.content_type()));
                headers.insert("content-length", HeaderValue::from(op.body().len()));
                headers
            }),
        }
    }
}

impl HttpClient for CannedHttp {
    fn send<'a>(
        &'a self,
        request: http::Request<Vec<u8>>,
        _settings: &'a TransportSettings,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        // The host is enough to tell the operation; `Uri` has no `&str` of the whole (the SDK's
        // request has), and formatting one would count three allocations against our client.
        let op = Op::of_uri(request.uri().host().unwrap_or_default()).expect("a request to one of the three services");
        drop(black_box(request));
        let headers = self.headers[Op::ALL.iter().position(|o| *o == op).unwrap_or_default()].clone();
        let response = HttpResponse { status: 200, headers, body: op.body().as_bytes().to_vec() };
        Box::pin(std::future::ready(Ok(response)))
    }
}

struct Ours {
    runtime: tokio::runtime::Runtime,
    athena: Option<aws_lite::athena::Client>,
    emr: Option<aws_lite::emr::Client>,
    mpa: Option<aws_lite::mpa::Client>,
}

impl Ours {
    fn athena(&self) -> aws_lite::athena::operation::get_session::GetSessionOutput {
        let client = self.athena.as_ref().expect("the Athena client");
        let send = client.get_session().session_id(bench_harness::ATHENA_SESSION_ID).send();
        self.runtime.block_on(send).expect("the Athena call succeeds")
    }

    fn emr(&self) -> aws_lite::emr::operation::get_studio_session_mapping::GetStudioSessionMappingOutput {
        use aws_lite::emr::types::IdentityType;
        let client = self.emr.as_ref().expect("the EMR client");
        let send = client
            .get_studio_session_mapping()
            .studio_id(bench_harness::EMR_STUDIO_ID)
            .identity_name(bench_harness::EMR_IDENTITY_NAME)
            .identity_type(IdentityType::User)
            .send();
        self.runtime.block_on(send).expect("the EMR call succeeds")
    }

    fn mpa(&self) -> aws_lite::mpa::operation::get_session::GetSessionOutput {
        let client = self.mpa.as_ref().expect("the MPA client");
        let send = client.get_session().session_arn(bench_harness::MPA_SESSION_ARN).send();
        self.runtime.block_on(send).expect("the MPA call succeeds")
    }
}

impl Program for Ours {
    fn new(ops: &[Op]) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime");
        let config = Config::builder()
            .region(bench_harness::REGION)
            .credentials(Credentials::new(bench_harness::ACCESS_KEY_ID, bench_harness::SECRET_ACCESS_KEY, None))
            .http_client(CannedHttp::new())
            .build();
        Ours {
            runtime,
            athena: ops.contains(&Op::Athena).then(|| aws_lite::athena::Client::new(&config)),
            emr: ops.contains(&Op::Emr).then(|| aws_lite::emr::Client::new(&config)),
            mpa: ops.contains(&Op::Mpa).then(|| aws_lite::mpa::Client::new(&config)),
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
                // 1717171717.123 seconds since the epoch.
                assert_eq!(status.start_date_time().and_then(|t| t.to_millis().ok()), Some(1_717_171_717_123));
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
                // 1.591735225353E9 seconds since the epoch.
                assert_eq!(mapping.creation_time().and_then(|t| t.to_millis().ok()), Some(1_591_735_225_353));
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

fn main() -> std::process::ExitCode {
    bench_harness::main::<Ours>()
}
