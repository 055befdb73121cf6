//! Amazon Athena `GetSession`: prints a Spark session's state and where it runs.
//!
//! ```sh
//! AWS_REGION=us-east-1 cargo run -p examples --bin athena_get_session -- SESSION_ID
//! ```
//!
//! Region and credentials come from the environment or the shared AWS files, as the AWS SDKs
//! read them; `AWS_ENDPOINT_URL` sends the request to another endpoint (a local mock, say).

use aws_lite::athena::Client;
use aws_lite::config::Config;
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(session_id) = std::env::args().nth(1) else {
        eprintln!("usage: athena_get_session SESSION_ID");
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
    match client.get_session().session_id(session_id).send().await {
        Ok(session) => {
            let status = session.status();
            println!("session:    {}", session.session_id().unwrap_or("-"));
            println!(
                "state:      {}",
                status.and_then(|s| s.state()).map_or("-", |s| s.as_str())
            );
            if let Some(reason) = status.and_then(|s| s.state_change_reason()) {
                println!("reason:     {reason}");
            }
            if let Some(started) = status.and_then(|s| s.start_date_time()) {
                println!("started:    {started}");
            }
            println!("work group: {}", session.work_group().unwrap_or("-"));
            println!("engine:     {}", session.engine_version().unwrap_or("-"));
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
