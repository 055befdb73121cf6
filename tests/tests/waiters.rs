//! Waiters end to end: the fixture service's waiters (`tests/fixtures/waiters.smithy`) call a
//! loopback server through the real async and blocking transports, with the clock, the sleep
//! and the randomness injected: the sleep moves the clock instead of waiting, so the tests
//! check the delays of waiters.rst ("Waiter retries") and never sleep.

use fixtures::config::{AsyncSleep, BlockingSleep, BoxFuture, Config, RandomSource, TimeSource};
use fixtures::error::SdkError;
use fixtures::waitable::waiters::{AcceptorState, WaiterError};
use fixtures::waitable::Client;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A clock that only the sleeps move, and the sleeps asked for.
#[derive(Debug, Clone, Default)]
struct FakeTime {
    elapsed: Arc<Mutex<Duration>>,
    slept: Arc<Mutex<Vec<Duration>>>,
}

impl FakeTime {
    fn advance(&self, duration: Duration) {
        *self.elapsed.lock().unwrap() += duration;
        self.slept.lock().unwrap().push(duration);
    }
    fn slept(&self) -> Vec<Duration> {
        self.slept.lock().unwrap().clone()
    }
}

impl TimeSource for FakeTime {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_767_323_045) + *self.elapsed.lock().unwrap()
    }
}

impl AsyncSleep for FakeTime {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.advance(duration);
        Box::pin(async {})
    }
}

impl BlockingSleep for FakeTime {
    fn sleep(&self, duration: Duration) {
        self.advance(duration);
    }
}

#[derive(Debug)]
struct Half;
impl RandomSource for Half {
    fn next_f64(&self) -> f64 {
        0.5
    }
}

/// A request as the server received it: its `x-amz-target` and body.
#[derive(Debug)]
struct Received {
    target: Option<String>,
    body: String,
}

/// Serves one canned response per connection, in order; returns the base URL and, once every
/// response went out, the requests received.
fn serve(responses: Vec<String>) -> (String, std::thread::JoinHandle<Vec<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut received = Vec::new();
        for raw in responses {
            let (stream, _) = listener.accept().unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let (mut length, mut target) = (0, None);
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                let (name, value) = header.split_once(':').unwrap();
                match name.trim().to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap(),
                    "x-amz-target" => target = Some(value.trim().to_string()),
                    _ => {}
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            received.push(Received { target, body: String::from_utf8(body).unwrap() });
            let mut stream = stream;
            stream.write_all(raw.as_bytes()).unwrap();
        }
        received
    });
    (url, handle)
}

/// An awsJson1_0 response (aws-json-1_0-protocol.rst): 200 with the output, or 400 with the
/// error's `__type`.
fn ok(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn error(code: &str) -> String {
    let body = format!(r#"{{"__type":"{code}","message":"from the test"}}"#);
    format!(
        "HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// A client of the loopback server; one attempt per call, so each response is one poll.
fn client(url: &str, time: &FakeTime) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(url)
        .time_source(time.clone())
        .async_sleep(time.clone())
        .blocking_sleep(time.clone())
        .random(Half)
        .max_attempts(1)
        .build();
    Client::new(&config)
}

#[tokio::test]
async fn retries_twice_then_succeeds() {
    let (url, server) = serve(vec![error("NotFound"), ok(r#"{"status":"PENDING"}"#), ok(r#"{"status":"READY","count":3}"#)]);
    let time = FakeTime::default();
    let poll = client(&url, &time).wait_until_thing_ready().name("thing-1").wait(Duration::from_secs(60)).await.unwrap();
    let output = poll.output().expect("the success acceptor matched an output");
    assert_eq!((output.status().map(|s| s.as_str()), output.count()), (Some("READY"), Some(3)));
    assert_eq!(poll.attempts(), 3);
    // ThingReady: minDelay 2, maxDelay 8; random 0.5. Retry 1 draws from 2..=2; retry 2 from
    // 2..=4 (2 × 2^1): 2 + ⌊0.5 × 3⌋ = 3 (waiters.rst, "Waiter retries").
    assert_eq!(time.slept(), [Duration::from_secs(2), Duration::from_secs(3)]);
    assert_eq!(poll.elapsed(), Duration::from_secs(5));
    let received = server.join().unwrap();
    assert_eq!(received.len(), 3);
    for r in &received {
        assert_eq!((r.target.as_deref(), r.body.as_str()), (Some("Waiters.WaitForThing"), r#"{"name":"thing-1"}"#));
    }
}

#[test]
fn a_failure_acceptor_ends_the_wait() {
    let (url, server) = serve(vec![ok(r#"{"status":"PENDING"}"#), ok(r#"{"status":"FAILED"}"#)]);
    let time = FakeTime::default();
    let err = client(&url, &time).wait_until_thing_ready().name("thing-1").wait_blocking(Duration::from_secs(60)).unwrap_err();
    let WaiterError::FailureState(poll) = &err else { panic!("expected a failure state: {err:?}") };
    assert_eq!(poll.output().and_then(|o| o.status()).map(|s| s.as_str()), Some("FAILED"));
    assert_eq!((poll.attempts(), time.slept()), (2, vec![Duration::from_secs(2)]));
    assert!(err.to_string().contains("`ThingReady`"), "{err}");
    assert_eq!(server.join().unwrap().len(), 2);
}

#[tokio::test]
async fn the_wait_stops_at_the_maximum_and_never_sleeps_past_it() {
    let (url, server) = serve(vec![ok(r#"{"status":"PENDING"}"#); 3]);
    let time = FakeTime::default();
    let err = client(&url, &time).wait_until_thing_ready().name("thing-1").wait(Duration::from_secs(6)).await.unwrap_err();
    // t=0: first call; 2 s (6 − 2 > minDelay); t=2: second call; 3 s drawn, but 4 − 3 ≤ 2, so
    // the delay is the 4 s left; t=6: the last call, and the maximum is reached.
    let WaiterError::ExceededMaxWait { max_wait, last } = &err else { panic!("expected a timeout: {err:?}") };
    assert_eq!((*max_wait, last.attempts(), last.elapsed()), (Duration::from_secs(6), 3, Duration::from_secs(6)));
    assert_eq!(last.output().and_then(|o| o.status()).map(|s| s.as_str()), Some("PENDING"));
    assert_eq!(time.slept(), [Duration::from_secs(2), Duration::from_secs(4)]);
    assert_eq!(server.join().unwrap().len(), 3);
}

#[test]
fn error_type_matches_the_modeled_error_and_an_error_code() {
    // ThingGone: success on `fixture.waiters#NotFound` (a modeled error, matched by its name),
    // success on `Gone` (not in the model: matched by code), retry on any output.
    let (url, server) = serve(vec![ok("{}"), error("NotFound"), error("Gone"), error("AccessDenied")]);
    let time = FakeTime::default();
    let client = client(&url, &time);
    let poll = client.wait_until_thing_gone().name("thing-1").wait_blocking(Duration::from_secs(60)).unwrap();
    let service = poll.error().and_then(SdkError::as_service_error).expect("a service error");
    assert!(service.is_not_found(), "{service:?}");
    assert_eq!(poll.attempts(), 2);

    let poll = client.wait_until_thing_gone().name("thing-1").wait_blocking(Duration::from_secs(60)).unwrap();
    let service = poll.error().and_then(SdkError::as_service_error).expect("a service error");
    assert_eq!((service.is_unhandled(), service.code()), (true, Some("Gone")));

    // An error no acceptor matches ends the wait (waiters.rst, "Waiter workflow", step 4).
    let err = client.wait_until_thing_gone().name("thing-1").wait_blocking(Duration::from_secs(60)).unwrap_err();
    let WaiterError::OperationFailed(poll) = &err else { panic!("expected the operation's error: {err:?}") };
    assert_eq!(poll.error().and_then(SdkError::as_service_error).and_then(|e| e.code()), Some("AccessDenied"));
    assert_eq!(server.join().unwrap().len(), 4);
}

#[tokio::test]
#[allow(deprecated, reason = "ThingSettled is deprecated in the model; its method says so")]
async fn success_false_matches_any_error() {
    let (url, server) = serve(vec![ok(r#"{"status":"PENDING"}"#), error("Throttled")]);
    let time = FakeTime::default();
    let poll = client(&url, &time).wait_until_thing_settled().name("thing-1").wait(Duration::from_secs(60)).await.unwrap();
    assert_eq!(poll.error().and_then(SdkError::as_service_error).and_then(|e| e.code()), Some("Throttled"));
    // minDelay = maxDelay = 3: linear.
    assert_eq!(time.slept(), [Duration::from_secs(3)]);
    server.join().unwrap();
}

#[test]
fn acceptor_state_is_the_first_acceptor_that_matches() {
    let time = FakeTime::default();
    let client = client("http://127.0.0.1:9", &time);
    let waiter = client.wait_until_thing_ready().name("thing-1");
    let parse = |body: &str| {
        fixtures::waitable::operation::wait_for_thing::parse_response(200, &http::HeaderMap::new(), body.as_bytes()).unwrap()
    };
    assert_eq!(waiter.acceptor_state(Ok(&parse(r#"{"status":"READY"}"#))), Some(AcceptorState::Success));
    assert_eq!(waiter.acceptor_state(Ok(&parse(r#"{"status":"FAILED"}"#))), Some(AcceptorState::Failure));
    assert_eq!(waiter.acceptor_state(Ok(&parse(r#"{"status":"PENDING"}"#))), None);
    assert_eq!(waiter.acceptor_state(Ok(&parse("{}"))), None);
    assert_eq!(waiter.as_input().get_name().as_deref(), Some("thing-1"));
}

#[test]
fn the_wait_future_can_move_between_threads() {
    fn is_send<T: Send>(_: &T) {}
    let time = FakeTime::default();
    let wait = client("http://127.0.0.1:9", &time).wait_until_thing_ready().name("t").wait(Duration::from_secs(1));
    is_send(&wait);
}
