//! AWS Multi-party Approval `GetSession`: prints an approval session's status and who
//! answered.
//!
//! ```sh
//! AWS_REGION=us-east-1 cargo run -p examples --bin mpa_get_session -- SESSION_ARN
//! ```
//!
//! Region and credentials come from the environment or the shared AWS files, as the AWS SDKs
//! read them; `AWS_ENDPOINT_URL` sends the request to another endpoint (a local mock, say).

use aws_lite::config::Config;
use aws_lite::mpa::Client;
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(session_arn) = std::env::args().nth(1) else {
        eprintln!("usage: mpa_get_session SESSION_ARN");
        return ExitCode::from(2);
    };
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: no AWS configuration: {e}");
            eprintln!(
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, a profile \
                 with static keys in ~/.aws/credentials), and AWS_REGION"
            );
            return ExitCode::from(2);
        }
    };

    let client = Client::new(&config);
    match client.get_session().session_arn(session_arn).send().await {
        Ok(session) => {
            println!("session:  {}", session.session_arn().unwrap_or("-"));
            println!("team:     {}", session.approval_team_name().unwrap_or("-"));
            println!("action:   {}", session.action_name().unwrap_or("-"));
            println!("status:   {}", session.status().map_or("-", |s| s.as_str()));
            if let Some(expires) = session.expiration_time() {
                println!("expires:  {expires}");
            }
            for answer in session.approver_responses() {
                println!(
                    "approver: {} {}",
                    answer.approver_id().unwrap_or("-"),
                    answer.response().map_or("-", |r| r.as_str()),
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            match e.as_service_error() {
                Some(error) => eprintln!(
                    "GetSession failed: {}: {} (request id {})",
                    error.code().unwrap_or("unknown error"),
                    error.message().unwrap_or("no message"),
                    error.request_id().unwrap_or("none"),
                ),
                None => eprintln!("GetSession failed: {e}"),
            }
            ExitCode::FAILURE
        }
    }
}
