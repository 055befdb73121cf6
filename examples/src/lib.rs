//! Code of the kind that calls a client, and its unit tests: they run without a network or AWS
//! account, with the test doubles of the generated crate's `test-util` feature
//! (`aws_lite::testing`), which `Cargo.toml` turns on for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! aws-lite = { path = "../generated", features = ["test-util"] }
//! ```

use aws_lite::athena::operation::get_session::GetSessionError;
use aws_lite::athena::types::SessionState;
use aws_lite::athena::Client;
use aws_lite::error::SdkError;

/// Whether an Athena session can still run calculations: it exists and is starting, idle or
/// busy. A session Athena does not know (`ResourceNotFoundException`) is not active; any other
/// failure is returned.
pub async fn is_session_active(
    client: &Client,
    session_id: &str,
) -> Result<bool, SdkError<GetSessionError>> {
    match client.get_session().session_id(session_id).send().await {
        Ok(output) => Ok(matches!(
            output.status().and_then(|s| s.state()),
            Some(
                SessionState::Creating
                    | SessionState::Created
                    | SessionState::Idle
                    | SessionState::Busy
            )
        )),
        Err(SdkError::Service(GetSessionError::ResourceNotFoundException(_))) => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lite::testing::{ReplayClient, ReplayResponse};

    /// A client whose requests `replay` answers.
    fn client(replay: &ReplayClient) -> Client {
        Client::new(&replay.config_builder().build())
    }

    #[tokio::test]
    async fn an_idle_session_is_active() {
        let replay = ReplayClient::new().on(
            "GetSession",
            ReplayResponse::ok(r#"{"SessionId": "s-1", "Status": {"State": "IDLE"}}"#),
        );
        assert!(is_session_active(&client(&replay), "s-1").await.unwrap());
        replay.assert_sent("GetSession", |request| {
            assert_eq!(request.body_str(), Some(r#"{"SessionId":"s-1"}"#));
        });
    }

    #[tokio::test]
    async fn a_terminated_session_is_not() {
        let replay = ReplayClient::new().on(
            "GetSession",
            ReplayResponse::ok(r#"{"SessionId": "s-1", "Status": {"State": "TERMINATED"}}"#),
        );
        assert!(!is_session_active(&client(&replay), "s-1").await.unwrap());
    }

    #[tokio::test]
    async fn a_session_athena_does_not_know_is_not_active() {
        let replay = ReplayClient::new().on(
            "GetSession",
            ReplayResponse::error(400, "ResourceNotFoundException", "Session s-9 not found"),
        );
        assert!(!is_session_active(&client(&replay), "s-9").await.unwrap());
        assert_eq!(replay.requests().len(), 1, "not an error to retry");
    }

    #[tokio::test]
    async fn other_errors_are_returned_after_the_retries() {
        let replay = ReplayClient::new().on(
            "GetSession",
            ReplayResponse::error(500, "InternalServerException", "try again later"),
        );
        let error = is_session_active(&client(&replay), "s-1")
            .await
            .unwrap_err();
        assert!(matches!(
            error.as_service_error(),
            Some(GetSessionError::InternalServerException(_))
        ));
        // Three attempts, the default, without waiting between them: the test configuration's
        // sleeps return at once.
        assert_eq!(replay.sent("GetSession").len(), 3);
    }
}
