//! Credentials, region and retry settings from the environment and the shared `config` and
//! `credentials` files, as the AWS SDKs read them (static keys only).
//!
//! Sources, first match wins: explicit configuration (a [`Credentials`] value is itself a
//! provider), then environment variables, then the selected profile of the shared files
//! (`AWS_PROFILE`, else `default`). A profile that uses another kind of credentials (an assumed
//! role, SSO, a credential process, ...) is an error naming the profile and the key: this client
//! never falls back to static keys that the SDKs would ignore.
//!
//! Reading is synchronous: these sources wait on nothing but a local file. All lookups go through
//! an [`Env`], so tests can supply variables and a home directory. [`ProfileCredentials`] (and so
//! [`DefaultCredentialsChain`]) keeps the parsed files and reads them again only when one changes,
//! so an attempt costs two `stat` calls, not a parse; a file over [`MAX_PROFILE_FILE_SIZE`] is
//! refused unread.

use super::config::is_valid_region;
use super::text::escaped;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

// ---------------------------------------------------------------------------------------------
// Credentials

/// AWS credentials: an access key id, its secret, and for temporary credentials a session token.
/// `Debug` never shows the secret or the token. Cloning shares the text (a provider hands out a
/// clone for every attempt).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: Arc<str>,
    secret_access_key: Arc<str>,
    session_token: Option<Arc<str>>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Credentials from an access key id, its secret and an optional session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: Arc::from(access_key_id.into()),
            secret_access_key: Arc::from(secret_access_key.into()),
            session_token: session_token.map(Arc::from),
            expiry: None,
        }
    }

    /// The same credentials, marked as expiring at `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The access key id (`AKIA...`, `ASIA...`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key. Never log it.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The secret as shared by the clones of these credentials (the signer's key cache knows
    /// them by it).
    pub(crate) fn shared_secret(&self) -> &Arc<str> {
        &self.secret_access_key
    }

    /// The session token of temporary credentials. Never log it.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials stop working, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// These credentials, unless they have an expiry and it is `now` or earlier: then
    /// [`CredentialsError::Expired`], so a call fails before it is signed rather than with the
    /// service's answer to an expired signature. Credentials without an expiry (static keys from
    /// the environment or the shared files) always pass.
    pub fn unexpired_at(self, now: SystemTime) -> Result<Credentials, CredentialsError> {
        match self.expiry {
            Some(expiry) if expiry <= now => Err(CredentialsError::Expired { expiry }),
            _ => Ok(self),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// A source of credentials. Implement it to plug in your own; [`Credentials`] is the static
/// source, [`DefaultCredentialsChain`] the usual one.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials to sign the next request with. [`CredentialsError::NotLoaded`] means
    /// "this source has none", so a chain moves on; any other error stops it.
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Ok(self.clone())
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        (**self).provide_credentials()
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Box<T> {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        (**self).provide_credentials()
    }
}

/// Why no credentials could be had. Messages name files, lines, profiles and keys, never a
/// secret; `Display` shows them [`escaped`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsError {
    /// This source has no credentials (why); a chain moves on to the next source.
    NotLoaded(String),
    /// No source of a chain had credentials (each source's reason, in order).
    NoCredentials(Vec<String>),
    /// A shared file could not be read or parsed.
    ProfileFile(ProfileFileError),
    /// The selected profile uses a kind of credentials this client does not support.
    UnsupportedProfile {
        /// The profile's name.
        profile: String,
        /// The key that selects that kind (`role_arn`, `sso_session`, `credential_process`, ...).
        key: String,
    },
    /// The selected profile has one static key without the other.
    IncompleteProfile {
        /// The profile's name.
        profile: String,
        /// The key that is missing (`aws_access_key_id` or `aws_secret_access_key`).
        missing: &'static str,
    },
    /// A credentials property of the selected profile is followed by indented lines, which the
    /// file format reads as the continuation of its value (an indented `# comment` included).
    MultiLineValue {
        /// The file that sets the property.
        file: String,
        /// The property's line (1-based).
        line: usize,
        /// The profile's name.
        profile: String,
        /// The property (`aws_access_key_id`, `aws_secret_access_key` or `aws_session_token`).
        key: &'static str,
    },
    /// The credentials expired at this time (see [`Credentials::unexpired_at`]).
    Expired {
        /// When they expired.
        expiry: SystemTime,
    },
    /// A custom provider failed.
    Provider(String),
}

impl CredentialsError {
    /// Whether this is [`CredentialsError::NotLoaded`], which lets a chain move on.
    pub fn is_not_loaded(&self) -> bool {
        matches!(self, CredentialsError::NotLoaded(_))
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::NotLoaded(why) => write!(f, "credentials not loaded: {}", escaped(why)),
            CredentialsError::NoCredentials(reasons) if reasons.is_empty() => f.write_str("no credentials found"),
            CredentialsError::NoCredentials(reasons) => write!(f, "no credentials found ({})", escaped(&reasons.join("; "))),
            CredentialsError::ProfileFile(e) => e.fmt(f),
            CredentialsError::UnsupportedProfile { profile, key } => write!(
                f,
                "profile `{}` sets `{}`, a kind of credentials this client does not support; \
                 use static keys (aws_access_key_id, aws_secret_access_key) or environment variables",
                escaped(profile),
                escaped(key)
            ),
            CredentialsError::IncompleteProfile { profile, missing } => {
                write!(f, "profile `{}` has static credentials without `{missing}`", escaped(profile))
            }
            CredentialsError::MultiLineValue { file, line, profile, key } => write!(
                f,
                "{}, line {line}: `{}` of profile `{}` continues on the indented line after it; \
                 a credentials value must fit on one line (remove the indentation, and start comments in the \
                 first column)",
                escaped(file),
                escaped(key),
                escaped(profile)
            ),
            CredentialsError::Expired { expiry } => match super::sigv4::format_amz_date(*expiry) {
                Ok(at) => write!(f, "the credentials expired at {at}"),
                Err(_) => write!(f, "the credentials expired at {expiry:?}"),
            },
            CredentialsError::Provider(message) => write!(f, "credentials provider failed: {}", escaped(message)),
        }
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CredentialsError::ProfileFile(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ProfileFileError> for CredentialsError {
    fn from(e: ProfileFileError) -> Self {
        CredentialsError::ProfileFile(e)
    }
}

// ---------------------------------------------------------------------------------------------
// Environment

/// Environment variables and the home directory, real or given (for tests).
#[derive(Clone)]
pub struct Env {
    vars: Option<BTreeMap<String, String>>,
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.vars {
            None => f.write_str("Env::real()"),
            // Values can be secrets: show names only.
            Some(vars) => f
                .debug_struct("Env")
                .field("names", &vars.keys().collect::<Vec<_>>())
                .finish(),
        }
    }
}

impl Env {
    /// The process environment.
    pub fn real() -> Self {
        Env { vars: None }
    }

    /// Exactly these variables (a later pair replaces an earlier one with the same name); the home
    /// directory is `HOME` (on Windows also `USERPROFILE`, `HOMEDRIVE` + `HOMEPATH`).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Env {
            vars: Some(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()),
        }
    }

    /// A variable's value as it is; `None` when unset or not Unicode.
    pub fn get(&self, name: &str) -> Option<String> {
        match &self.vars {
            None => std::env::var(name).ok(),
            Some(vars) => vars.get(name).cloned(),
        }
    }

    /// A variable's value trimmed of whitespace; `None` when unset, empty or only whitespace.
    pub fn value(&self, name: &str) -> Option<String> {
        self.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// The home directory: `HOME`; on Windows then `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`.
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = self.value("HOME") {
            return Some(PathBuf::from(home));
        }
        if cfg!(windows) {
            if let Some(profile) = self.value("USERPROFILE") {
                return Some(PathBuf::from(profile));
            }
            if let (Some(drive), Some(path)) = (self.value("HOMEDRIVE"), self.value("HOMEPATH")) {
                return Some(PathBuf::from(format!("{drive}{path}")));
            }
        }
        None
    }
}

/// The selected profile: `AWS_PROFILE`, else `default`.
pub fn profile_name(env: &Env) -> String {
    env.value("AWS_PROFILE").unwrap_or_else(|| "default".to_owned())
}

// ---------------------------------------------------------------------------------------------
// Providers

/// Credentials from `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (or the legacy
/// `SECRET_ACCESS_KEY`), with `AWS_SESSION_TOKEN` if set. Empty or whitespace-only values count
/// as unset; without both keys the source is [`CredentialsError::NotLoaded`].
#[derive(Clone, Debug)]
pub struct EnvironmentCredentials {
    env: Env,
}

impl EnvironmentCredentials {
    /// Reads from `env`.
    pub fn new(env: Env) -> Self {
        EnvironmentCredentials { env }
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let Some(access_key_id) = self.env.value("AWS_ACCESS_KEY_ID") else {
            return Err(CredentialsError::NotLoaded(
                "environment variable AWS_ACCESS_KEY_ID is not set".into(),
            ));
        };
        let Some(secret) = self
            .env
            .value("AWS_SECRET_ACCESS_KEY")
            .or_else(|| self.env.value("SECRET_ACCESS_KEY"))
        else {
            return Err(CredentialsError::NotLoaded(
                "environment variable AWS_SECRET_ACCESS_KEY is not set".into(),
            ));
        };
        Ok(Credentials::new(
            access_key_id,
            secret,
            self.env.value("AWS_SESSION_TOKEN"),
        ))
    }
}

/// Keys that make a profile use a kind of credentials other than static keys.
pub const UNSUPPORTED_PROFILE_KEYS: [&str; 10] = [
    "role_arn",
    "credential_source",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "sso_region",
    "sso_account_id",
    "sso_role_name",
    "login_session",
    "credential_process",
];

/// The properties that hold static credentials.
const CREDENTIAL_KEYS: [&str; 3] = ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"];

/// Static credentials from a profile of the shared files: `aws_access_key_id`,
/// `aws_secret_access_key`, optional `aws_session_token`. A missing profile, or one without
/// credential keys, is [`CredentialsError::NotLoaded`]; one that uses another kind of
/// credentials ([`UNSUPPORTED_PROFILE_KEYS`]) or has one key without the other is an error.
///
/// The parsed files are kept, and shared by clones: each call compares the files' size and
/// modification time (and whether they exist) with the ones read, and reads both again only
/// when one differs. An edit that keeps both the size and the modification time is not seen.
#[derive(Clone, Debug)]
pub struct ProfileCredentials {
    env: Env,
    profile: Option<String>,
    files: Arc<ProfileFileCache>,
}

impl ProfileCredentials {
    /// Reads the profile that `env` selects ([`profile_name`]) from the files it points to.
    pub fn new(env: Env) -> Self {
        ProfileCredentials { env, profile: None, files: Arc::default() }
    }

    /// Reads the named profile instead of the one the environment selects.
    pub fn with_profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let profiles = self.files.load(&self.env)?;
        match &self.profile {
            Some(name) => profiles.credentials(name),
            None => profiles.credentials(&profile_name(&self.env)),
        }
    }
}

/// The usual chain: [`EnvironmentCredentials`], then [`ProfileCredentials`]. A source that is
/// [`CredentialsError::NotLoaded`] passes to the next; any other error stops the chain; when no
/// source has credentials the error is [`CredentialsError::NoCredentials`]. The environment is
/// read on every call; the shared files only when they change (see [`ProfileCredentials`]), and
/// clones share what was read.
#[derive(Clone, Debug)]
pub struct DefaultCredentialsChain {
    environment: EnvironmentCredentials,
    profile: ProfileCredentials,
}

impl DefaultCredentialsChain {
    /// The chain over `env`.
    pub fn new(env: Env) -> Self {
        DefaultCredentialsChain {
            environment: EnvironmentCredentials::new(env.clone()),
            profile: ProfileCredentials::new(env),
        }
    }
}

impl Default for DefaultCredentialsChain {
    fn default() -> Self {
        DefaultCredentialsChain::new(Env::real())
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let sources: [&dyn ProvideCredentials; 2] = [&self.environment, &self.profile];
        let mut reasons = Vec::new();
        for source in sources {
            match source.provide_credentials() {
                Ok(credentials) => return Ok(credentials),
                Err(CredentialsError::NotLoaded(why)) => reasons.push(why),
                Err(e) => return Err(e),
            }
        }
        Err(CredentialsError::NoCredentials(reasons))
    }
}

// ---------------------------------------------------------------------------------------------
// Region and retry settings

/// Why a setting could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SettingError {
    /// No region is set anywhere.
    NoRegion {
        /// The selected profile, which had no `region`.
        profile: String,
    },
    /// A value is set but not valid.
    Invalid {
        /// Where it is set (`environment variable AWS_REGION`, `` `region` of profile `dev` ``).
        origin: String,
        /// The value.
        value: String,
        /// What a valid value looks like.
        expected: &'static str,
    },
    /// A shared file could not be read or parsed.
    ProfileFile(ProfileFileError),
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingError::NoRegion { profile } => write!(
                f,
                "no region: set AWS_REGION, or `region` in profile `{profile}` of the shared config file"
            ),
            SettingError::Invalid {
                origin,
                value,
                expected,
            } => {
                write!(f, "invalid value {value:?} in {origin}: expected {expected}")
            }
            SettingError::ProfileFile(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SettingError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SettingError::ProfileFile(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ProfileFileError> for SettingError {
    fn from(e: ProfileFileError) -> Self {
        SettingError::ProfileFile(e)
    }
}

const REGION_EXPECTED: &str = "a region name such as us-east-1";

/// The region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `region` of the selected profile
/// (following `source_profile` when the profile has none), else [`SettingError::NoRegion`].
/// Empty values count as unset; the region is validated before it is returned.
pub fn region_from_env(env: &Env) -> Result<String, SettingError> {
    for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(region) = env.value(name) {
            return checked_region(region, || format!("environment variable {name}"));
        }
    }
    let profile = profile_name(env);
    match ProfileSet::load(env)?.region(&profile) {
        Some((region, from)) => checked_region(region.to_owned(), || format!("`region` of profile `{from}`")),
        None => Err(SettingError::NoRegion { profile }),
    }
}

fn checked_region(region: String, origin: impl FnOnce() -> String) -> Result<String, SettingError> {
    if is_valid_region(&region) {
        Ok(region)
    } else {
        Err(SettingError::Invalid {
            origin: origin(),
            value: region,
            expected: REGION_EXPECTED,
        })
    }
}

/// A setting the AWS SDKs read from an environment variable, else from a key of the selected
/// profile in the shared config file: its value and where it was set (for errors), or `None`
/// when neither sets it (an empty profile value counts as unset).
pub fn setting_from_env(env: &Env, variable: &str, key: &str) -> Result<Option<(String, String)>, SettingError> {
    if let Some(value) = env.value(variable) {
        return Ok(Some((value, format!("environment variable {variable}"))));
    }
    let profile = profile_name(env);
    let profiles = ProfileSet::load(env)?;
    let value = profiles.get(&profile).and_then(|p| p.get(key)).filter(|v| !v.is_empty());
    Ok(value.map(|v| (v.to_owned(), format!("`{key}` of profile `{profile}`"))))
}

/// The maximum number of attempts (the first included): `AWS_MAX_ATTEMPTS`, else `max_attempts`
/// of the selected profile, else `None` (the caller's default, 3 in the SDKs). It must be an
/// integer of at least 1.
pub fn max_attempts_from_env(env: &Env) -> Result<Option<u32>, SettingError> {
    let Some((value, origin)) = setting_from_env(env, "AWS_MAX_ATTEMPTS", "max_attempts")? else {
        return Ok(None);
    };
    match value.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(Some(n)),
        _ => Err(SettingError::Invalid { origin, value, expected: "an integer of at least 1" }),
    }
}

// ---------------------------------------------------------------------------------------------
// Shared files

/// The two shared files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config` (`AWS_CONFIG_FILE`): sections `[profile NAME]` and `[default]`.
    Config,
    /// `~/.aws/credentials` (`AWS_SHARED_CREDENTIALS_FILE`): sections `[NAME]`.
    Credentials,
}

impl FileKind {
    /// The variable that overrides the file's path.
    pub fn env_var(self) -> &'static str {
        match self {
            FileKind::Config => "AWS_CONFIG_FILE",
            FileKind::Credentials => "AWS_SHARED_CREDENTIALS_FILE",
        }
    }

    /// The default path, under the home directory.
    pub fn default_path(self) -> &'static str {
        match self {
            FileKind::Config => "~/.aws/config",
            FileKind::Credentials => "~/.aws/credentials",
        }
    }
}

/// The path of a shared file: the override variable, else the default, with a leading `~`
/// component replaced by the home directory (left as it is when there is none).
pub fn profile_file_path(env: &Env, kind: FileKind) -> PathBuf {
    let path = env
        .value(kind.env_var())
        .unwrap_or_else(|| kind.default_path().to_owned());
    expand_home(&path, env)
}

fn expand_home(path: &str, env: &Env) -> PathBuf {
    let rest = if path == "~" {
        Some("")
    } else {
        path.strip_prefix("~/")
            .or_else(|| if cfg!(windows) { path.strip_prefix("~\\") } else { None })
    };
    match (rest, env.home_dir()) {
        (Some(""), Some(home)) => home,
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// The largest shared file read, in bytes (1 MiB): a credentials or config file is a few
/// kilobytes, and a larger one is refused unread ([`ProfileFileErrorKind::TooLarge`]) rather
/// than parsed on every attempt.
pub const MAX_PROFILE_FILE_SIZE: u64 = 1024 * 1024;

/// What kind of problem a [`ProfileFileError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProfileFileErrorKind {
    /// The file exists but could not be read.
    Unreadable,
    /// The file is larger than [`MAX_PROFILE_FILE_SIZE`].
    TooLarge,
    /// The file is not UTF-8.
    NotUtf8,
    /// A line breaks the file format (the error has its number).
    Syntax,
}

/// A shared file that could not be read or parsed: the file, the line (1-based) when known, and
/// what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileFileError {
    file: String,
    line: Option<usize>,
    kind: ProfileFileErrorKind,
    message: String,
}

impl ProfileFileError {
    fn new(file: &str, line: Option<usize>, kind: ProfileFileErrorKind, message: String) -> Self {
        ProfileFileError { file: file.to_owned(), line, kind, message }
    }

    /// The file, as its path or the name it was given.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ProfileFileErrorKind {
        self.kind
    }

    /// The line (1-based), for parse errors.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ProfileFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", escaped(&self.file), escaped(&self.message)),
            None => write!(f, "{}: {}", escaped(&self.file), escaped(&self.message)),
        }
    }
}

impl std::error::Error for ProfileFileError {}

/// One profile: its properties, keys lower-cased. `Debug` shows the keys, never the values.
#[derive(Clone, PartialEq, Eq)]
pub struct Profile {
    name: String,
    properties: BTreeMap<String, Property>,
}

/// A property's value and where it was set, for errors.
#[derive(Clone, PartialEq, Eq)]
struct Property {
    value: String,
    /// The index of its file in `ProfileSet::files`.
    file: usize,
    /// Its line (1-based).
    line: usize,
}

impl Profile {
    /// The profile's name (`default`, `dev`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A property's value (the key is compared lower-cased). A value continued over several
    /// lines, or a block of sub-properties, holds `\n` between its lines.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties.get(&key.to_ascii_lowercase()).map(|p| p.value.as_str())
    }

    /// The property keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.properties.keys().map(String::as_str)
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("name", &self.name)
            .field("keys", &self.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The profiles of the shared files: the config file read first, the credentials file merged
/// into it (for a key set in both, the credentials file wins).
#[derive(Clone, Default)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    files: Vec<String>,
}

impl fmt::Debug for ProfileSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileSet")
            .field("profiles", &self.profiles.values().collect::<Vec<_>>())
            .finish()
    }
}

impl ProfileSet {
    /// No profiles.
    pub fn new() -> Self {
        ProfileSet::default()
    }

    /// Reads the config file, then the credentials file, at the paths `env` gives
    /// ([`profile_file_path`]). A missing file is empty; an unreadable one, one over
    /// [`MAX_PROFILE_FILE_SIZE`], or one that is not UTF-8, is an error.
    pub fn load(env: &Env) -> Result<Self, ProfileFileError> {
        load_files(&PROFILE_FILES.map(|kind| profile_file_path(env, kind))).1
    }

    /// Parses `text` as a file of `kind` and merges its profiles in; `file` names it in errors.
    pub fn add_file(&mut self, kind: FileKind, file: &str, text: &str) -> Result<(), ProfileFileError> {
        let sections = parse_sections(file, text)?;
        let file_index = self.files.len();
        let named: Vec<(String, bool, &RawSection)> = sections
            .iter()
            .filter_map(|section| section_name(&section.header, kind).map(|(name, prefixed)| (name, prefixed, section)))
            .collect();
        // `[profile default]` in a config file hides that file's `[default]` sections.
        let prefixed_default = named.iter().any(|(name, prefixed, _)| name == "default" && *prefixed);
        for (name, prefixed, section) in named {
            if prefixed_default && name == "default" && !prefixed {
                continue;
            }
            let profile = self.profiles.entry(name.clone()).or_insert_with(|| Profile {
                name,
                properties: BTreeMap::new(),
            });
            for (key, value, line) in &section.properties {
                if is_identifier(key) {
                    let property = Property { value: value.clone(), file: file_index, line: *line };
                    profile.properties.insert(key.clone(), property);
                }
            }
        }
        self.files.push(file.to_owned());
        Ok(())
    }

    /// A profile by name (case-sensitive).
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The profile names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    /// Static credentials from the named profile (see [`ProfileCredentials`]).
    pub fn credentials(&self, name: &str) -> Result<Credentials, CredentialsError> {
        let Some(profile) = self.get(name) else {
            return Err(CredentialsError::NotLoaded(if self.files.is_empty() {
                format!("profile `{name}` is not defined")
            } else {
                format!("profile `{name}` is not defined in {}", self.files.join(" or "))
            }));
        };
        if let Some(key) = UNSUPPORTED_PROFILE_KEYS.iter().find(|key| profile.get(key).is_some()) {
            return Err(CredentialsError::UnsupportedProfile {
                profile: name.to_owned(),
                key: (*key).to_owned(),
            });
        }
        // Indented lines belong under a nested setting, a property whose own value is empty (AWS
        // SDKs and Tools Reference Guide, "General configuration settings", `api_versions`; "SDK
        // and tool settings for Amazon S3 APIs"); the SDKs' parsers also append an indented line
        // to a non-empty value, comment characters included. Neither makes a key or a secret: a
        // secret followed by an indented `# comment` would only fail later as a signature
        // mismatch, so refuse it here, naming where it is.
        for key in CREDENTIAL_KEYS {
            if let Some(property) = profile.properties.get(key).filter(|p| p.value.contains('\n')) {
                return Err(CredentialsError::MultiLineValue {
                    file: self.files.get(property.file).cloned().unwrap_or_default(),
                    line: property.line,
                    profile: name.to_owned(),
                    key,
                });
            }
        }
        let non_empty = |key: &str| profile.get(key).filter(|v| !v.is_empty());
        let access_key_id = non_empty("aws_access_key_id");
        let secret = non_empty("aws_secret_access_key");
        let token = non_empty("aws_session_token");
        match (access_key_id, secret) {
            (Some(access_key_id), Some(secret)) => {
                Ok(Credentials::new(access_key_id, secret, token.map(str::to_owned)))
            }
            (None, None) if token.is_none() => Err(CredentialsError::NotLoaded(format!(
                "profile `{name}` has no credentials"
            ))),
            (None, _) => Err(CredentialsError::IncompleteProfile {
                profile: name.to_owned(),
                missing: "aws_access_key_id",
            }),
            (Some(_), None) => Err(CredentialsError::IncompleteProfile {
                profile: name.to_owned(),
                missing: "aws_secret_access_key",
            }),
        }
    }

    /// The `region` of the named profile, following `source_profile` while a profile has none;
    /// with the name of the profile it came from.
    pub fn region(&self, name: &str) -> Option<(&str, &str)> {
        let mut current = name;
        let mut seen = Vec::new();
        loop {
            if seen.contains(&current) {
                return None;
            }
            seen.push(current);
            let profile = self.get(current)?;
            if let Some(region) = profile.get("region").filter(|v| !v.is_empty()) {
                return Some((region, profile.name()));
            }
            current = profile.get("source_profile").filter(|v| !v.is_empty())?;
        }
    }
}

/// The shared files in the order they are merged: config first, so credentials win.
const PROFILE_FILES: [FileKind; 2] = [FileKind::Config, FileKind::Credentials];

/// Reads and merges the files at `paths` (config, credentials), with what each file was when
/// it was read (`None` for a file whose state is unknown, whose result must not be kept).
fn load_files(paths: &[PathBuf; 2]) -> ([Option<FileStamp>; 2], Result<ProfileSet, ProfileFileError>) {
    // Both files are read even when the first fails, so that both stamps are known.
    let [config, credentials] = paths.each_ref().map(|path| {
        let name = path.display().to_string();
        let (stamp, text) = read_file(path, &name);
        (stamp, name, text)
    });
    let stamps = [config.0, credentials.0];
    let mut set = ProfileSet::new();
    for (kind, (_, name, text)) in PROFILE_FILES.into_iter().zip([config, credentials]) {
        if let Err(e) = text.and_then(|text| set.add_file(kind, &name, &text)) {
            return (stamps, Err(e));
        }
    }
    (stamps, Ok(set))
}

/// A shared file as last seen: absent, or its size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileStamp {
    Absent,
    Present { len: u64, modified: SystemTime },
}

impl FileStamp {
    /// The stamp of `metadata`; `None` where the platform has no modification time.
    fn of(metadata: &std::fs::Metadata) -> Option<FileStamp> {
        let modified = metadata.modified().ok()?;
        Some(FileStamp::Present { len: metadata.len(), modified })
    }

    /// The file at `path` now; `None` when it cannot be told.
    fn now(path: &Path) -> Option<FileStamp> {
        match std::fs::metadata(path) {
            Ok(metadata) => FileStamp::of(&metadata),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(FileStamp::Absent),
            Err(_) => None,
        }
    }
}

/// Reads a shared file whole, and what it was when read. A missing file is empty. The size is
/// checked before reading and the read stops after [`MAX_PROFILE_FILE_SIZE`] bytes either way,
/// so a file that grows, or a device that never ends, cannot use more memory.
fn read_file(path: &Path, name: &str) -> (Option<FileStamp>, Result<String, ProfileFileError>) {
    use ProfileFileErrorKind::{NotUtf8, TooLarge, Unreadable};
    let error = |kind, message: String| Err(ProfileFileError::new(name, None, kind, message));
    let limit = format!("the limit of {MAX_PROFILE_FILE_SIZE} bytes (1 MiB) for a shared config or credentials file");
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Some(FileStamp::Absent), Ok(String::new())),
        Err(e) => return (None, error(Unreadable, format!("cannot read the file: {e}"))),
    };
    let metadata = match file.metadata() {
        Ok(metadata) => metadata,
        Err(e) => return (None, error(Unreadable, format!("cannot read the file: {e}"))),
    };
    let stamp = FileStamp::of(&metadata);
    if metadata.len() > MAX_PROFILE_FILE_SIZE {
        return (stamp, error(TooLarge, format!("the file has {} bytes, over {limit}", metadata.len())));
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(MAX_PROFILE_FILE_SIZE + 1).read_to_end(&mut bytes) {
        return (stamp, error(Unreadable, format!("cannot read the file: {e}")));
    }
    if bytes.len() as u64 > MAX_PROFILE_FILE_SIZE {
        return (stamp, error(TooLarge, format!("the file is over {limit}")));
    }
    match String::from_utf8(bytes) {
        Ok(text) => (stamp, Ok(text)),
        Err(_) => (stamp, error(NotUtf8, "the file is not UTF-8".to_owned())),
    }
}

/// The shared files as last read by a provider, kept while neither file changes.
#[derive(Default)]
struct ProfileFileCache {
    last: Mutex<Option<LoadedFiles>>,
}

/// What the files at `paths` held when they were as `stamps` say.
struct LoadedFiles {
    paths: [PathBuf; 2],
    stamps: [FileStamp; 2],
    profiles: Result<Arc<ProfileSet>, ProfileFileError>,
}

impl fmt::Debug for ProfileFileCache {
    // Only where the files are: the profiles hold secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f.debug_struct("ProfileFileCache").field("read", &last.as_ref().map(|l| &l.paths)).finish()
    }
}

impl ProfileFileCache {
    /// The profiles of the files `env` points to: the ones last read while both files are as
    /// they were then (same path, existence, size and modification time), else read anew.
    fn load(&self, env: &Env) -> Result<Arc<ProfileSet>, ProfileFileError> {
        let paths = PROFILE_FILES.map(|kind| profile_file_path(env, kind));
        // Held while reading, so that concurrent callers wait for one read instead of each
        // doing their own.
        let mut last = self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(loaded) = last.as_ref() {
            let unchanged = loaded.paths == paths
                && loaded.stamps.iter().zip(&paths).all(|(stamp, path)| FileStamp::now(path) == Some(*stamp));
            if unchanged {
                return loaded.profiles.clone();
            }
        }
        let (stamps, profiles) = load_files(&paths);
        let profiles = profiles.map(Arc::new);
        *last = match stamps {
            [Some(config), Some(credentials)] => {
                Some(LoadedFiles { paths, stamps: [config, credentials], profiles: profiles.clone() })
            }
            _ => None,
        };
        profiles
    }
}

/// Spaces and tabs: the only whitespace of the file format.
const BLANKS: [char; 2] = [' ', '\t'];

/// One `[...]` section as written: the text between the brackets and its properties in order,
/// each with its line (1-based).
struct RawSection {
    header: String,
    properties: Vec<(String, String, usize)>,
}

/// Splits a file into sections, line by line. Keys are lower-cased; names are not checked yet.
fn parse_sections(file: &str, text: &str) -> Result<Vec<RawSection>, ProfileFileError> {
    let mut sections: Vec<RawSection> = Vec::new();
    // Whether the current property's own value was empty, so continuation lines are
    // sub-properties; `None` before the first property of a section.
    let mut current_property: Option<bool> = None;
    for (index, line) in text.lines().enumerate() {
        let error = |message: &str| {
            ProfileFileError::new(file, Some(index + 1), ProfileFileErrorKind::Syntax, message.to_owned())
        };
        if line.trim_matches(BLANKS).is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if line.starts_with('[') {
            let header = strip_comment(line, false);
            let Some(inner) = header.strip_prefix('[').and_then(|h| h.strip_suffix(']')) else {
                return Err(error("a section header must end with `]`"));
            };
            sections.push(RawSection {
                header: inner.to_owned(),
                properties: Vec::new(),
            });
            current_property = None;
        } else if line.starts_with(BLANKS) {
            let Some(section) = sections.last_mut() else {
                return Err(error("a continuation line before any section header"));
            };
            let (Some(is_sub_property), Some((_, value, _))) = (current_property, section.properties.last_mut()) else {
                return Err(error("a continuation line before any property of the section"));
            };
            let continued = line.trim_matches(BLANKS);
            if is_sub_property {
                split_property(continued).map_err(|what| error(&format!("a sub-property {what}")))?;
            }
            value.push('\n');
            value.push_str(continued);
        } else {
            let Some(section) = sections.last_mut() else {
                return Err(error("a property before any section header"));
            };
            let (key, value) = split_property(line).map_err(|what| error(&format!("a property {what}")))?;
            current_property = Some(value.is_empty());
            section.properties.push((key, value.to_owned(), index + 1));
        }
    }
    Ok(sections)
}

/// Splits `key = value` at the first `=`, after removing a comment; the key lower-cased.
fn split_property(line: &str) -> Result<(String, &str), &'static str> {
    let line = strip_comment(line, true);
    let (key, value) = line.split_once('=').ok_or("needs `=` between key and value")?;
    let key = key.trim_matches(BLANKS);
    if key.is_empty() {
        return Err("needs a key before `=`");
    }
    Ok((key.to_ascii_lowercase(), value.trim_matches(BLANKS)))
}

/// Trims `line` and cuts it at the first `#` or `;` (for values, only one that follows a space
/// or a tab: `v;x` keeps `;x`).
fn strip_comment(line: &str, after_blank_only: bool) -> &str {
    let line = line.trim_matches(BLANKS);
    let mut previous_blank = false;
    for (index, c) in line.char_indices() {
        if (c == '#' || c == ';') && (previous_blank || !after_blank_only) {
            return line[..index].trim_matches(BLANKS);
        }
        previous_blank = BLANKS.contains(&c);
    }
    line
}

/// The profile a section header names in a file of `kind`, and whether it had the `profile`
/// prefix; `None` for a section to ignore (another kind of section, the wrong form for the
/// file, or an invalid name).
fn section_name(header: &str, kind: FileKind) -> Option<(String, bool)> {
    let header = header.trim_matches(BLANKS);
    let (name, prefixed) = match header.strip_prefix("profile") {
        Some(rest) if rest.starts_with(BLANKS) => (rest.trim_matches(BLANKS), true),
        _ => (header, false),
    };
    let wanted = match kind {
        FileKind::Config => prefixed || name == "default",
        FileKind::Credentials => !prefixed,
    };
    (wanted && is_identifier(name)).then(|| (name.to_owned(), prefixed))
}

/// A valid profile name or key: `[A-Za-z0-9_\-/.%@:+]+`.
fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-/.%@:+".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments() {
        assert_eq!(strip_comment("k = v # c", true), "k = v");
        assert_eq!(strip_comment("k = v;c", true), "k = v;c");
        assert_eq!(strip_comment("k = v\t;c", true), "k = v");
        assert_eq!(strip_comment("[a]#c", false), "[a]");
    }

    #[test]
    fn section_names() {
        assert_eq!(
            section_name("profile dev", FileKind::Config),
            Some(("dev".into(), true))
        );
        assert_eq!(
            section_name(" profile\t dev ", FileKind::Config),
            Some(("dev".into(), true))
        );
        assert_eq!(
            section_name("default", FileKind::Config),
            Some(("default".into(), false))
        );
        assert_eq!(section_name("dev", FileKind::Config), None);
        assert_eq!(section_name("profiledev", FileKind::Config), None);
        assert_eq!(section_name("sso-session s", FileKind::Config), None);
        assert_eq!(section_name("dev", FileKind::Credentials), Some(("dev".into(), false)));
        assert_eq!(section_name("profile dev", FileKind::Credentials), None);
        assert_eq!(section_name("profile bad name", FileKind::Config), None);
        assert_eq!(section_name("profile ", FileKind::Config), None);
    }
}
