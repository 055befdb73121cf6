//! Runs each example binary against a loopback HTTP server (`AWS_ENDPOINT_URL`), with fake
//! credentials and region in the child's environment, and checks what it printed, its exit
//! code and the request the server received. The child's environment is cleared first, and the
//! shared AWS files point at files that do not exist, so nothing of the real `~/.aws` or the
//! caller's `AWS_*` variables is read. No test reaches the internet.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-west-2";

/// What the server received.
#[derive(Debug)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A server on 127.0.0.1 (random port) that answers one request with `status` and `body`,
/// then stops. It gives up after 30 s without a request, so a test never hangs.
fn serve_once(status: &str, body: &str) -> (String, JoinHandle<Option<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\nx-amzn-requestid: req-1234\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => return None,
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
        let mut headers = Vec::new();
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).ok()?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':')?;
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        let length = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        let mut stream = stream;
        stream.write_all(response.as_bytes()).ok()?;
        Some(Received {
            method,
            target,
            headers,
            body: String::from_utf8(body).unwrap(),
        })
    });
    (url, handle)
}

/// A path that does not exist, for the shared AWS files and the home directory.
fn nowhere(name: &str) -> PathBuf {
    std::env::temp_dir()
        .join(format!("aws-lite-examples-absent-{}", std::process::id()))
        .join(name)
}

/// Runs an example with a cleared environment plus `vars`; the shared files point nowhere.
fn run(binary: &str, args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new(binary);
    command
        .args(args)
        .env_clear()
        .env("HOME", nowhere("home"))
        .env("AWS_CONFIG_FILE", nowhere("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", nowhere("credentials"));
    for (name, value) in vars {
        command.env(name, value);
    }
    command.output().expect("the example runs")
}

/// Runs an example with fake credentials and region against the server at `url`.
fn run_against(url: &str, binary: &str, args: &[&str]) -> Output {
    let vars = [
        ("AWS_ACCESS_KEY_ID", AKID),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_REGION", REGION),
        ("AWS_ENDPOINT_URL", url),
    ];
    run(binary, args, &vars)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The request was signed with the fake key, for the region and this service.
fn assert_signed(request: &Received, service: &str) {
    let authorization = request
        .header("authorization")
        .expect("an authorization header");
    let scope = format!("/{REGION}/{service}/aws4_request");
    assert!(
        authorization.starts_with(&format!("AWS4-HMAC-SHA256 Credential={AKID}/"))
            && authorization.contains(&scope),
        "{authorization}"
    );
    assert!(request.header("x-amz-date").is_some());
}

#[test]
fn athena_get_session_prints_the_session() {
    let body = r#"{"SessionId":"s-123","WorkGroup":"primary","EngineVersion":"PySpark engine version 3",
        "Status":{"State":"IDLE","StartDateTime":1717171717.123}}"#;
    let (url, server) = serve_once("200 OK", body);
    let out = run_against(&url, env!("CARGO_BIN_EXE_athena_get_session"), &["s-123"]);
    let request = server
        .join()
        .unwrap()
        .expect("the server received a request");

    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        text(&out.stdout),
        "session:    s-123\n\
         state:      IDLE\n\
         started:    2024-05-31T16:08:37.123Z\n\
         work group: primary\n\
         engine:     PySpark engine version 3\n"
    );
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("AmazonAthena.GetSession")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(request.body, r#"{"SessionId":"s-123"}"#);
    assert_eq!(
        request.header("host"),
        Some(url.trim_start_matches("http://"))
    );
    assert_signed(&request, "athena");
}

#[test]
fn athena_get_session_reports_a_service_error() {
    let body = r#"{"__type":"ResourceNotFoundException","Message":"Session s-404 was not found"}"#;
    let (url, server) = serve_once("400 Bad Request", body);
    let out = run_against(&url, env!("CARGO_BIN_EXE_athena_get_session"), &["s-404"]);
    let request = server
        .join()
        .unwrap()
        .expect("the server received a request");

    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "GetSession failed: ResourceNotFoundException: Session s-404 was not found (request id req-1234)\n"
    );
    assert_eq!(request.body, r#"{"SessionId":"s-404"}"#);
}

#[test]
fn emr_get_studio_session_mapping_prints_the_mapping() {
    let body = r#"{"SessionMapping":{"StudioId":"es-ABC","IdentityId":"id-42","IdentityName":"alice",
        "IdentityType":"USER","SessionPolicyArn":"arn:aws:iam::111122223333:policy/studio-user",
        "CreationTime":1748769330}}"#;
    let (url, server) = serve_once("200 OK", body);
    let out = run_against(
        &url,
        env!("CARGO_BIN_EXE_emr_get_studio_session_mapping"),
        &["es-ABC", "user", "alice"],
    );
    let request = server
        .join()
        .unwrap()
        .expect("the server received a request");

    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        text(&out.stdout),
        "studio:         es-ABC\n\
         identity:       USER alice (id-42)\n\
         session policy: arn:aws:iam::111122223333:policy/studio-user\n\
         created:        2025-06-01T09:15:30Z\n"
    );
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("ElasticMapReduce.GetStudioSessionMapping")
    );
    assert_eq!(
        request.body,
        r#"{"StudioId":"es-ABC","IdentityName":"alice","IdentityType":"USER"}"#
    );
    assert_signed(&request, "elasticmapreduce");
}

#[test]
fn mpa_get_session_prints_the_session() {
    let arn = "arn:aws:mpa:us-west-2:111122223333:approval-team/at-1/session/s-1";
    let body = r#"{"SessionArn":"arn:aws:mpa:us-west-2:111122223333:approval-team/at-1/session/s-1",
        "ApprovalTeamName":"break-glass","ActionName":"StartRestoreJob","Status":"PENDING",
        "ExpirationTime":"2025-06-08T09:15:30.123Z",
        "ApproverResponses":[{"ApproverId":"ap-1","Response":"APPROVED"},{"ApproverId":"ap-2","Response":"NO_RESPONSE"}]}"#;
    let (url, server) = serve_once("200 OK", body);
    let out = run_against(&url, env!("CARGO_BIN_EXE_mpa_get_session"), &[arn]);
    let request = server
        .join()
        .unwrap()
        .expect("the server received a request");

    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        text(&out.stdout),
        format!(
            "session:  {arn}\n\
             team:     break-glass\n\
             action:   StartRestoreJob\n\
             status:   PENDING\n\
             expires:  2025-06-08T09:15:30.123Z\n\
             approver: ap-1 APPROVED\n\
             approver: ap-2 NO_RESPONSE\n"
        )
    );
    // restJson1: the ARN is a label, percent-encoded into the path; no body.
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/sessions/arn%3Aaws%3Ampa%3Aus-west-2%3A111122223333%3Aapproval-team%2Fat-1%2Fsession%2Fs-1"
    );
    assert_eq!(request.body, "");
    assert_signed(&request, "mpa");
}

#[test]
fn without_credentials_the_examples_say_what_to_set_and_exit_2() {
    let examples: [(&str, &[&str]); 3] = [
        (env!("CARGO_BIN_EXE_athena_get_session"), &["s-1"]),
        (
            env!("CARGO_BIN_EXE_emr_get_studio_session_mapping"),
            &["es-1", "USER", "alice"],
        ),
        (
            env!("CARGO_BIN_EXE_mpa_get_session"),
            &["arn:aws:mpa:us-west-2:111122223333:approval-team/at-1/session/s-1"],
        ),
    ];
    for (binary, args) in examples {
        // No server: the example must stop before sending anything.
        let out = run(binary, args, &[("AWS_REGION", REGION)]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{binary}: {out:?}");
        assert!(
            stderr.starts_with("error: no AWS configuration: no credentials found"),
            "{stderr}"
        );
        assert!(
            stderr.contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
            "{stderr}"
        );
        assert!(stderr.contains("AWS_REGION"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(text(&out.stdout), "");
    }
}

#[test]
fn without_a_region_the_example_says_what_to_set_and_exits_2() {
    let out = run(
        env!("CARGO_BIN_EXE_athena_get_session"),
        &["s-1"],
        &[
            ("AWS_ACCESS_KEY_ID", AKID),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr.starts_with("error: no AWS configuration: no region: set AWS_REGION"),
        "{stderr}"
    );
    assert!(
        stderr.contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
        "{stderr}"
    );
}

#[test]
fn without_arguments_the_examples_print_their_usage_and_exit_2() {
    let out = run(
        env!("CARGO_BIN_EXE_emr_get_studio_session_mapping"),
        &["es-1"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(
        text(&out.stderr),
        "usage: emr_get_studio_session_mapping STUDIO_ID USER|GROUP IDENTITY_NAME\n"
    );
    let out = run(env!("CARGO_BIN_EXE_athena_get_session"), &[], &[]);
    assert_eq!(
        (out.status.code(), text(&out.stderr)),
        (Some(2), "usage: athena_get_session SESSION_ID\n".into())
    );
}
