//! Paginators of the fixture crate's `paginators` service (`tests/fixtures/paginators.smithy`)
//! against a loopback server: the token of each page sent for the next, the page size, the
//! last page (no token, or an empty one), a token sent twice, items across pages (list and map),
//! tokens read through a structure and map tokens, async and blocking.

use fixtures::config::{Config, Credentials};
use fixtures::error::SdkError;
use fixtures::paginators::Client;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::time::Duration;

/// A request as the server received it: the request target and the body.
#[derive(Debug)]
struct Received {
    target: String,
    body: String,
}

/// Serves one canned JSON response per connection (status 200 unless given), then stops;
/// returns the base URL and the requests received.
fn serve(responses: Vec<(u16, &'static str)>) -> (String, std::thread::JoinHandle<Vec<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut received = Vec::new();
        for (status, body) in responses {
            let (stream, _) = listener.accept().unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let target = line.split_whitespace().nth(1).unwrap().to_string();
            let mut length = 0;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().unwrap();
                    }
                }
            }
            let mut request_body = vec![0; length];
            reader.read_exact(&mut request_body).unwrap();
            received.push(Received { target, body: String::from_utf8(request_body).unwrap() });
            let reason = if status == 200 { "OK" } else { "Error" };
            let response = format!(
                "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let mut stream = stream;
            stream.write_all(response.as_bytes()).unwrap();
        }
        received
    });
    (url, handle)
}

fn client(url: &str) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(url)
        .credentials(Credentials::new("AKID", "SECRET", None))
        .max_attempts(1)
        .build();
    Client::new(&config)
}

fn targets(received: &[Received]) -> Vec<&str> {
    received.iter().map(|r| r.target.as_str()).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn pages_follow_the_token_until_the_last() {
    let (url, server) = serve(vec![
        (200, r#"{"NextToken":"t1","Things":["a","b"]}"#),
        (200, r#"{"NextToken":"t2","Things":["c"]}"#),
        (200, r#"{"Things":["d"]}"#),
    ]);
    let mut pages = client(&url).list_things().prefix("p").next_token("start").into_paginator().page_size(2);
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        seen.push(page.unwrap().things().to_vec());
    }
    assert_eq!(seen, [vec!["a", "b"], vec!["c"], vec!["d"]]);
    assert!(pages.next().await.is_none(), "done stays done");
    // The caller's own token starts it; the same input every time, with the page size.
    assert_eq!(
        targets(&server.join().unwrap()),
        ["/things?token=start&max=2&prefix=p", "/things?token=t1&max=2&prefix=p", "/things?token=t2&max=2&prefix=p"]
    );
}

#[tokio::test(flavor = "current_thread")]
async fn an_empty_token_is_the_last_page() {
    let (url, server) = serve(vec![(200, r#"{"NextToken":"","Things":["a"]}"#)]);
    let mut pages = client(&url).list_things().into_paginator();
    assert_eq!(pages.next().await.unwrap().unwrap().things(), ["a"]);
    assert!(pages.next().await.is_none());
    assert_eq!(targets(&server.join().unwrap()), ["/things"]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_token_sent_twice_in_a_row_stops_with_an_error() {
    let (url, server) = serve(vec![(200, r#"{"NextToken":"same","Things":["a"]}"#), (200, r#"{"NextToken":"same","Things":["b"]}"#)]);
    let mut pages = client(&url).list_things().into_paginator();
    assert!(pages.next().await.unwrap().is_ok());
    match pages.next().await {
        Some(Err(SdkError::Construction(e))) => assert!(e.to_string().contains("same pagination token twice"), "{e}"),
        other => panic!("expected the repeated-token error, got {other:?}"),
    }
    assert!(pages.next().await.is_none(), "no endless loop");
    assert_eq!(server.join().unwrap().len(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn an_error_ends_the_pages() {
    let (url, server) = serve(vec![(200, r#"{"NextToken":"t1","Things":["a"]}"#), (500, r#"{"__type":"InternalFailure"}"#)]);
    let mut pages = client(&url).list_things().into_paginator();
    assert!(pages.next().await.unwrap().is_ok());
    assert!(matches!(pages.next().await, Some(Err(SdkError::Service(_)))));
    assert!(pages.next().await.is_none());
    assert_eq!(server.join().unwrap().len(), 2);
}

#[test]
fn items_across_pages_blocking_an_empty_page_too() {
    let (url, server) = serve(vec![
        (200, r#"{"NextToken":"t1","Things":["a","b"]}"#),
        (200, r#"{"NextToken":"t2","Things":[]}"#),
        (200, r#"{"Things":["c"]}"#),
    ]);
    let items: Vec<String> = client(&url).list_things().into_paginator().items().blocking().map(Result::unwrap).collect();
    assert_eq!(items, ["a", "b", "c"]);
    assert_eq!(targets(&server.join().unwrap()), ["/things", "/things?token=t1", "/things?token=t2"]);
}

#[test]
fn tokens_and_items_through_a_structure() {
    let (url, server) = serve(vec![
        (200, r#"{"Result":{"Next":"n1","Items":["a"]}}"#),
        (200, r#"{"Result":{"Items":["b"]}}"#),
    ]);
    let pages: Vec<_> = client(&url).list_nested().into_paginator().blocking().map(Result::unwrap).collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1].result().unwrap().items(), ["b"]);
    assert_eq!(targets(&server.join().unwrap()), ["/nested", "/nested?token=n1"]);
}

#[test]
fn map_tokens_go_back_as_they_came() {
    let (url, server) = serve(vec![
        (200, r#"{"LastKey":{"id":"7","part":"x"},"Items":["a"]}"#),
        (200, r#"{"LastKey":{},"Items":["b"]}"#),
    ]);
    let items: Vec<String> = client(&url).list_mapped().into_paginator().page_size(5).items().blocking().map(Result::unwrap).collect();
    assert_eq!(items, ["a", "b"], "an empty map is the last token");
    let received = server.join().unwrap();
    assert_eq!(received[0].body, r#"{"Limit":5}"#);
    let second: serde_json::Value = serde_json::from_str(&received[1].body).unwrap();
    assert_eq!(second, serde_json::json!({"StartKey": {"id": "7", "part": "x"}, "Limit": 5}));
}

#[test]
fn map_items_are_entries() {
    let (url, server) = serve(vec![(200, r#"{"NextToken":"t1","Entries":{"k1":"v1"}}"#), (200, r#"{"Entries":{"k2":"v2"}}"#)]);
    let mut entries: Vec<(String, String)> = client(&url).list_entries().into_paginator().items().blocking().map(Result::unwrap).collect();
    entries.sort();
    assert_eq!(entries, [("k1".to_string(), "v1".to_string()), ("k2".to_string(), "v2".to_string())]);
    assert_eq!(server.join().unwrap().len(), 2);
}

#[test]
fn items_of_a_required_member() {
    let (url, server) = serve(vec![(200, r#"{"NextToken":"t1","Things":["a","b"]}"#), (200, r#"{"Things":["c"]}"#)]);
    let items: Vec<String> = client(&url).list_required().into_paginator().items().blocking().map(Result::unwrap).collect();
    assert_eq!(items, ["a", "b", "c"]);
    assert_eq!(targets(&server.join().unwrap()), ["/required", "/required?token=t1"]);
}

/// Generates the one service of IDL `text`; the error, when generation fails.
fn generation_error(name: &str, text: &str) -> String {
    let dir = tests::temp_dir(name);
    std::fs::write(dir.join("model.smithy"), text).unwrap();
    let manifest = tests::manifest_for(&[dir.join("model.smithy")], codegen::select::Operations::All);
    match codegen::generate(&manifest) {
        Ok(_) => panic!("{name}: generation succeeded"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn paginated_traits_that_cannot_work_are_errors_naming_the_operation() {
    let model = |paginated: &str, output: &str| {
        format!(
            "$version: \"2\"\nnamespace ex\nuse aws.protocols#awsJson1_1\n@awsJson1_1\nservice S {{ version: \"1\", operations: [L] }}\n\
             @paginated({paginated})\noperation L {{ input := {{ Token: String, Size: Integer }}, output := {{ {output} }} }}\n\
             map M {{ key: String, value: String }}\n"
        )
    };
    let e = generation_error("no-output-token", &model(r#"inputToken: "Token""#, "Next: String"));
    assert!(e.contains("ex#L") && e.contains("needs `inputToken` and `outputToken`"), "{e}");
    let e = generation_error("missing-member", &model(r#"inputToken: "Token", outputToken: "Nope""#, "Next: String"));
    assert!(e.contains("outputToken `Nope`") && e.contains("no member `Nope`"), "{e}");
    let e = generation_error("types-differ", &model(r#"inputToken: "Token", outputToken: "Next""#, "Next: M"));
    assert!(e.contains("different types"), "{e}");
    let e = generation_error("page-size", &model(r#"inputToken: "Token", outputToken: "Next", pageSize: "Token""#, "Next: String"));
    assert!(e.contains("pageSize `Token` must target an integer"), "{e}");
}
