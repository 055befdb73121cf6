//! Amazon Athena `GetSession` with credentials from the official `aws-config` crate: every
//! source the AWS SDKs know (SSO, assumed roles, web identity, ECS and EC2 instance metadata,
//! credential processes...), where the generated client alone reads static keys only.
//!
//! ```sh
//! AWS_PROFILE=my-sso-profile cargo run -- SESSION_ID
//! ```

use aws_config::BehaviorVersion;
use aws_credential_types::provider::{ProvideCredentials as _, SharedCredentialsProvider};
use aws_lite::config::{Config, Credentials, CredentialsError, ProvideCredentials};
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

/// Credentials that `aws-config` loaded, for the generated client.
///
/// Our `ProvideCredentials` is synchronous (it is called on every attempt, and the async and
/// the blocking call paths share it), while `aws-config`'s providers are async: they may call
/// STS, SSO or the instance metadata service. Blocking on one inside a call would stall or
/// deadlock the runtime that drives it. So the credentials are loaded once, up front, with
/// `await`, and kept here; when they expire (temporary credentials do), a background task loads
/// new ones a few minutes before, and each call reads whatever is current: no call waits on
/// the network for credentials. (On a current-thread runtime, as here, that task runs whenever
/// the runtime is driven, which a long-running program does.)
#[derive(Debug)]
struct AwsConfigCredentials {
    current: RwLock<Credentials>,
}

impl AwsConfigCredentials {
    /// Loads credentials once from `provider` and, when they expire, keeps refreshing them on
    /// the current Tokio runtime.
    async fn load(provider: SharedCredentialsProvider) -> Result<Arc<Self>, String> {
        let (credentials, expiry) = fetch(&provider).await?;
        let this = Arc::new(AwsConfigCredentials {
            current: RwLock::new(credentials),
        });
        if let Some(expiry) = expiry {
            tokio::spawn(refresh(Arc::downgrade(&this), provider, expiry));
        }
        Ok(this)
    }
}

impl ProvideCredentials for AwsConfigCredentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Ok(self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone())
    }
}

/// One load from `aws-config`'s provider, converted to our credentials.
async fn fetch(
    provider: &SharedCredentialsProvider,
) -> Result<(Credentials, Option<SystemTime>), String> {
    let loaded = provider
        .provide_credentials()
        .await
        .map_err(|e| with_sources(&e))?;
    let mut credentials = Credentials::new(
        loaded.access_key_id(),
        loaded.secret_access_key(),
        loaded.session_token().map(str::to_owned),
    );
    if let Some(expiry) = loaded.expiry() {
        credentials = credentials.with_expiry(expiry);
    }
    Ok((credentials, loaded.expiry()))
}

/// An error and its sources, as one line.
fn with_sources(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text = format!("{text}: {e}");
        source = e.source();
    }
    text
}

/// Reloads the credentials 5 minutes before they expire (retrying a failed load after 10 s),
/// until the provider is dropped.
async fn refresh(
    target: std::sync::Weak<AwsConfigCredentials>,
    provider: SharedCredentialsProvider,
    mut expiry: SystemTime,
) {
    loop {
        let wait = expiry.duration_since(SystemTime::now()).unwrap_or_default();
        tokio::time::sleep(wait.saturating_sub(Duration::from_secs(300))).await;
        let Some(target) = target.upgrade() else {
            return;
        };
        match fetch(&provider).await {
            Ok((credentials, next)) => {
                *target.current.write().unwrap_or_else(|e| e.into_inner()) = credentials;
                match next {
                    Some(next) => expiry = next,
                    None => return,
                }
            }
            Err(e) => {
                eprintln!("warning: cannot refresh the AWS credentials: {e}");
                tokio::time::sleep(Duration::from_secs(10)).await;
            }
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(session_id) = std::env::args().nth(1) else {
        eprintln!("usage: examples-aws-config SESSION_ID");
        return ExitCode::from(2);
    };

    // Region, endpoint override and credentials, exactly as the AWS SDK for Rust finds them.
    let sdk_config = aws_config::load_defaults(BehaviorVersion::latest()).await;
    let (Some(region), Some(provider)) = (sdk_config.region(), sdk_config.credentials_provider())
    else {
        eprintln!(
            "error: no region or no credentials provider: set AWS_REGION (or a profile's `region`)"
        );
        return ExitCode::from(2);
    };
    let credentials = match AwsConfigCredentials::load(provider).await {
        Ok(credentials) => credentials,
        Err(e) => {
            eprintln!("error: no AWS credentials: {e}");
            eprintln!("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (SSO: `aws sso login`)");
            return ExitCode::from(2);
        }
    };
    let mut builder = Config::builder()
        .region(region.as_ref())
        .credentials_provider(credentials);
    if let Some(url) = sdk_config.endpoint_url() {
        builder = builder.endpoint_url(url);
    }
    let config = builder.build();

    let client = aws_lite::athena::Client::new(&config);
    match client.get_session().session_id(session_id).send().await {
        Ok(session) => {
            let state = session.status().and_then(|s| s.state());
            println!("session: {}", session.session_id().unwrap_or("-"));
            println!("state:   {}", state.map_or("-", |s| s.as_str()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("GetSession failed: {e}");
            ExitCode::FAILURE
        }
    }
}
