//! Amazon EMR `GetStudioSessionMapping`: prints which session policy a user or group gets in
//! an EMR Studio.
//!
//! ```sh
//! AWS_REGION=us-east-1 cargo run -p examples --bin emr_get_studio_session_mapping -- \
//!     es-0123456789ABCDEFGHIJKLMNO USER alice
//! ```
//!
//! Region and credentials come from the environment or the shared AWS files, as the AWS SDKs
//! read them; `AWS_ENDPOINT_URL` sends the request to another endpoint (a local mock, say).

use aws_lite::config::Config;
use aws_lite::emr::Client;
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [studio_id, identity_type, identity_name] = args.as_slice() else {
        eprintln!("usage: emr_get_studio_session_mapping STUDIO_ID USER|GROUP IDENTITY_NAME");
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

    let result = Client::new(&config)
        .get_studio_session_mapping()
        .studio_id(studio_id)
        .identity_type(identity_type.to_uppercase().as_str())
        .identity_name(identity_name)
        .send()
        .await;
    match result {
        Ok(output) => {
            let Some(mapping) = output.session_mapping() else {
                println!("no session mapping");
                return ExitCode::SUCCESS;
            };
            println!("studio:         {}", mapping.studio_id().unwrap_or("-"));
            println!(
                "identity:       {} {} ({})",
                mapping.identity_type().map_or("-", |t| t.as_str()),
                mapping.identity_name().unwrap_or("-"),
                mapping.identity_id().unwrap_or("-"),
            );
            println!(
                "session policy: {}",
                mapping.session_policy_arn().unwrap_or("-")
            );
            if let Some(created) = mapping.creation_time() {
                println!("created:        {created}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            match e.as_service_error() {
                Some(error) => eprintln!(
                    "GetStudioSessionMapping failed: {}: {} (request id {})",
                    error.code().unwrap_or("unknown error"),
                    error.message().unwrap_or("no message"),
                    error.request_id().unwrap_or("none"),
                ),
                None => eprintln!("GetStudioSessionMapping failed: {e}"),
            }
            ExitCode::FAILURE
        }
    }
}
