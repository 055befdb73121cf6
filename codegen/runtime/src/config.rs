//! Client configuration: what decides endpoints (region, FIPS, dual-stack, an endpoint
//! override, the partitions table) and what the call path uses (credentials, the HTTP client,
//! retries, timeouts, request compression, idempotency tokens, proxies and a CA bundle for the
//! default clients, and the clock, sleep and randomness, injectable for tests).

use super::credentials::{Credentials, CredentialsError, DefaultCredentialsChain, Env, ProvideCredentials, SettingError};
// ship-if: endpoint_rules
use super::endpoint::{Endpoint, Params, Partitions, ResolveError, RuleSet};
// ship-end
// ship-if: idempotency_tokens
use super::idempotency::{IdempotencyTokenProvider, RandomIdempotencyToken};
// ship-end
use super::retry::{AsyncSleep, BlockingSleep, LazyStdRandom, RandomSource, RetryConfig, ThreadSleep, TokenBucket};
use super::text::{escaped, quoted};
use super::transport::{BlockingHttpClient, HttpClient, StalledStreamProtection, TransportSettings};
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
use super::transport::{CaBundle, CaBundleError, ProxyConfig};
use std::fmt;
use std::sync::{Arc, OnceLock};
// ship-if: endpoint_rules
use std::sync::{Mutex, PoisonError};
// ship-end
use std::time::{Duration, SystemTime};

/// The clock requests are signed with.
pub trait TimeSource: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl TimeSource for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A client's configuration. Cheap to clone (clones share one set of settings): clients made
/// from clones share the retry quota.
#[derive(Clone)]
pub struct Config(Arc<Settings>);

/// What a [`Config`] holds, and what a [`ConfigBuilder`] changes. The defaults that need no
/// state (the clock, the sleeps, the idempotency token provider) are `None` rather than an
/// allocation each, the default credentials chain is made on first use (a configuration with
/// the caller's credentials never builds it) and the default randomness is seeded by its first
/// draw.
#[derive(Clone)]
struct Settings {
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_url: Option<String>,
    // ship-if: endpoint_rules
    partitions: Option<Arc<Partitions>>,
    /// Endpoints resolved with this configuration (see [`Config::resolve_cached`]); each built
    /// configuration has its own, shared by its clones (a copy of the settings starts empty).
    endpoint_cache: EndpointCache,
    // ship-end
    /// The caller's provider; `None` for the default chain, `default_credentials`.
    credentials: Option<Arc<dyn ProvideCredentials>>,
    default_credentials: OnceLock<DefaultCredentialsChain>,
    http_client: Option<Arc<dyn HttpClient>>,
    blocking_http_client: Option<Arc<dyn BlockingHttpClient>>,
    /// The caller's sleeps and clock; `None` for the defaults (`DEFAULT_ASYNC_SLEEP`,
    /// [`ThreadSleep`], [`SystemClock`]).
    async_sleep: Option<Arc<dyn AsyncSleep>>,
    blocking_sleep: Option<Arc<dyn BlockingSleep>>,
    time_source: Option<Arc<dyn TimeSource>>,
    random: Arc<dyn RandomSource>,
    // ship-if: idempotency_tokens
    /// The caller's provider; `None` for [`RandomIdempotencyToken`].
    idempotency_token_provider: Option<Arc<dyn IdempotencyTokenProvider>>,
    // ship-end
    // ship-if: request_compression
    disable_request_compression: bool,
    request_min_compression_size_bytes: u32,
    // ship-end
    retry: RetryConfig,
    token_bucket: Arc<TokenBucket>,
    transport: TransportSettings,
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    disable_host_prefix: bool,
    #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
    network: Network,
}

/// What the default clients are built with: the proxies and the CA bundle, and whether the
/// configuration's clients are the default ones (rebuilt with these by
/// [`ConfigBuilder::build`] after a change) or the caller's own (left as they are).
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
#[derive(Clone, Debug, Default)]
struct Network {
    proxy: ProxyConfig,
    ca_bundle: Option<CaBundle>,
    changed: bool,
    custom_http_client: bool,
    custom_blocking_client: bool,
}

/// The default configuration: what [`ConfigBuilder::build`] gives when nothing is set.
impl Default for Config {
    fn default() -> Self {
        ConfigBuilder::default().build()
    }
}

// ship-if: endpoint_rules
/// Endpoints by the addresses of the `static` rule set and partitions table they were resolved
/// with. The parameters come from the configuration, which cannot change once built, so per
/// configuration these decide the endpoint. Bounded: a crate has a few rule sets, one per service.
#[derive(Debug, Default)]
struct EndpointCache(Mutex<Vec<(RuleSetKey, Arc<Endpoint>)>>);

/// The addresses of a rule set and a partitions table.
type RuleSetKey = (usize, usize);

/// Empty: a copy of a configuration's settings (a builder's) is another configuration.
impl Clone for EndpointCache {
    fn clone(&self) -> Self {
        EndpointCache::default()
    }
}

/// The most endpoints one configuration keeps.
const MAX_CACHED_ENDPOINTS: usize = 32;
// ship-end

impl Settings {
    /// The settings of an empty builder: the default HTTP clients are made by
    /// [`ConfigBuilder::build`], only when none was supplied.
    fn unbuilt() -> Self {
        Settings {
            region: None,
            use_fips: false,
            use_dual_stack: false,
            endpoint_url: None,
            // ship-if: endpoint_rules
            partitions: None,
            endpoint_cache: EndpointCache::default(),
            // ship-end
            credentials: None,
            default_credentials: OnceLock::new(),
            http_client: None,
            blocking_http_client: None,
            async_sleep: None,
            blocking_sleep: None,
            time_source: None,
            random: Arc::new(LazyStdRandom::default()),
            // ship-if: idempotency_tokens
            idempotency_token_provider: None,
            // ship-end
            // ship-if: request_compression
            disable_request_compression: false,
            request_min_compression_size_bytes: DEFAULT_MIN_COMPRESSION_SIZE_BYTES,
            // ship-end
            retry: RetryConfig::default(),
            token_bucket: Arc::new(TokenBucket::new()),
            transport: TransportSettings::default(),
            attempt_timeout: None,
            operation_timeout: None,
            disable_host_prefix: false,
            #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
            network: Network::default(),
        }
    }

    /// The caller's credentials provider, or the default chain (made now if it is not yet).
    fn credentials_provider(&self) -> &dyn ProvideCredentials {
        match &self.credentials {
            Some(provider) => provider.as_ref(),
            None => self.default_credentials.get_or_init(DefaultCredentialsChain::default),
        }
    }

    /// These settings with new default clients after a change of proxies or CA bundle.
    #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
    fn with_network_clients(mut self) -> Settings {
        if !std::mem::take(&mut self.network.changed) {
            return self;
        }
        let network = &self.network;
        // Without a bundle, the clients fetch the shared default TLS configuration when they
        // first need it, as the default ones do.
        let tls = network.ca_bundle.as_ref().map(CaBundle::tls_config);
        #[cfg(feature = "rt-tokio")]
        if !network.custom_http_client {
            let client = match &tls {
                Some(tls) => super::transport::TokioHttpClient::with_tls_config(tls.clone()),
                None => super::transport::TokioHttpClient::new(),
            };
            self.http_client = Some(Arc::new(client.with_proxy(network.proxy.clone())));
        }
        #[cfg(feature = "blocking")]
        if !network.custom_blocking_client {
            let client = match tls {
                Some(tls) => super::transport::BlockingClient::with_tls_config(tls),
                None => super::transport::BlockingClient::new(),
            };
            self.blocking_http_client = Some(Arc::new(client.with_proxy(network.proxy.clone())));
        }
        self
    }

    #[cfg(not(any(feature = "rt-tokio", feature = "blocking")))]
    fn with_network_clients(self) -> Settings {
        self
    }

    // ship-if: idempotency_tokens
    fn idempotency_token_provider(&self) -> &dyn IdempotencyTokenProvider {
        self.idempotency_token_provider.as_deref().unwrap_or(&RandomIdempotencyToken)
    }
    // ship-end
}

#[cfg(feature = "rt-tokio")]
fn default_http_client() -> Option<Arc<dyn HttpClient>> {
    Some(Arc::new(super::transport::TokioHttpClient::new()))
}

#[cfg(not(feature = "rt-tokio"))]
fn default_http_client() -> Option<Arc<dyn HttpClient>> {
    None
}

/// The async sleep unless the caller sets one: Tokio's timer with the `rt-tokio` feature.
#[cfg(feature = "rt-tokio")]
const DEFAULT_ASYNC_SLEEP: Option<&dyn AsyncSleep> = Some(&super::retry::TokioSleep);

#[cfg(not(feature = "rt-tokio"))]
const DEFAULT_ASYNC_SLEEP: Option<&dyn AsyncSleep> = None;

#[cfg(feature = "blocking")]
fn default_blocking_client() -> Option<Arc<dyn BlockingHttpClient>> {
    Some(Arc::new(super::transport::BlockingClient::new()))
}

#[cfg(not(feature = "blocking"))]
fn default_blocking_client() -> Option<Arc<dyn BlockingHttpClient>> {
    None
}

/// Never shows credentials: only which provider is used.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Config");
        s.field("region", &self.region)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("endpoint_url", &self.endpoint_url)
            // ship-if: endpoint_rules
            .field("partitions", &self.partitions.as_ref().map(|_| "custom"))
            // ship-end
            .field("credentials", &self.credentials_provider())
            .field("retry", &self.retry)
            .field("transport", &self.transport)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("disable_host_prefix", &self.disable_host_prefix)
            // ship-if: idempotency_tokens
            .field("idempotency_token_provider", &self.idempotency_token_provider())
            // ship-end
            // ship-if: request_compression
            .field("disable_request_compression", &self.disable_request_compression)
            .field("request_min_compression_size_bytes", &self.request_min_compression_size_bytes)
            // ship-end
            ;
        #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
        s.field("proxy", &self.network.proxy).field("ca_bundle", &self.network.ca_bundle);
        s.finish_non_exhaustive()
    }
}

/// Why a configuration could not be loaded from the environment.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region, or an invalid one, in the environment and shared files.
    Setting(SettingError),
    /// The credentials could not be loaded.
    Credentials(CredentialsError),
    /// The CA bundle `AWS_CA_BUNDLE` or the profile's `ca_bundle` names cannot be read or holds
    /// no usable certificate.
    #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
    CaBundle(CaBundleError),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Setting(e) => write!(f, "{e}"),
            ConfigError::Credentials(e) => write!(f, "{e}"),
            #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
            ConfigError::CaBundle(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// A configuration builder.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// A configuration from the environment and the shared `config` and `credentials` files,
    /// as the AWS SDKs read them: region from `AWS_REGION`, `AWS_DEFAULT_REGION` or the
    /// profile; credentials from the environment, then the profile; `AWS_MAX_ATTEMPTS` or the
    /// profile's `max_attempts`; `AWS_ENDPOINT_URL` as the endpoint override. The credentials
    /// and the endpoint override are checked now, so a missing key or an `AWS_ENDPOINT_URL` that
    /// cannot be an endpoint ([`ConfigBuilder::endpoint_url`]) fails here.
    // ship-if: request_compression
    ///
    /// Request compression: `AWS_DISABLE_REQUEST_COMPRESSION` or the profile's
    /// `disable_request_compression` (`true` or `false`), and `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES`
    /// or the profile's `request_min_compression_size_bytes` (0 to 10485760); other values fail here.
    // ship-end
    ///
    /// With a default client (features `rt-tokio`, `blocking`), also the proxies of
    /// `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` and their lowercase forms (as
    /// `ProxyConfig::from_env_vars` reads them), and the CA bundle `AWS_CA_BUNDLE` or the
    /// profile's `ca_bundle` names (a PEM file, read now: one that cannot be read or holds no
    /// certificate fails here). `Config::from_env()?.to_builder().proxy(ProxyConfig::disabled())`
    /// turns the proxies off again.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_env_with(&Env::real())
    }

    /// [`Config::from_env`] with an environment of the caller's (for tests).
    pub fn from_env_with(env: &Env) -> Result<Config, ConfigError> {
        let region = super::credentials::region_from_env(env).map_err(ConfigError::Setting)?;
        let chain = DefaultCredentialsChain::new(env.clone());
        chain.provide_credentials().map_err(ConfigError::Credentials)?;
        let mut builder = Config::builder().region(region).credentials_provider(chain);
        if let Some(url) = env.value("AWS_ENDPOINT_URL") {
            if let Some(expected) = endpoint_url_problem(&url) {
                let origin = "environment variable AWS_ENDPOINT_URL".to_string();
                return Err(ConfigError::Setting(SettingError::Invalid { origin, value: url, expected }));
            }
            builder = builder.endpoint_url(url);
        }
        if let Some(attempts) = super::credentials::max_attempts_from_env(env).map_err(ConfigError::Setting)? {
            builder = builder.max_attempts(attempts);
        }
        // ship-if: request_compression
        builder = request_compression_from_env(env, builder).map_err(ConfigError::Setting)?;
        // ship-end
        #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
        {
            use super::credentials::setting_from_env;
            let proxy = ProxyConfig::from_env_vars(|name| env.value(name)).map_err(|e| {
                let origin = format!("environment variable {}", e.variable().unwrap_or("HTTPS_PROXY"));
                ConfigError::Setting(SettingError::Invalid { origin, value: e.url().to_string(), expected: e.expected() })
            })?;
            builder = builder.proxy(proxy);
            let ca_bundle = setting_from_env(env, "AWS_CA_BUNDLE", "ca_bundle").map_err(ConfigError::Setting)?;
            if let Some((path, origin)) = ca_bundle {
                let bundle = CaBundle::from_path(path).map_err(|e| ConfigError::CaBundle(e.set_by(origin)))?;
                builder = builder.ca_bundle(bundle);
            }
        }
        Ok(builder.build())
    }

    /// A builder that starts from this configuration (its clients, retry quota and all).
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder { config: Settings::clone(&self.0) }
    }

    /// The proxies of the default clients (none unless set, or read by [`Config::from_env`]).
    #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
    pub fn proxy(&self) -> &ProxyConfig {
        &self.0.network.proxy
    }

    /// The CA bundle the default clients trust instead of the webpki roots, if any.
    #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
    pub fn ca_bundle(&self) -> Option<&CaBundle> {
        self.0.network.ca_bundle.as_ref()
    }

    /// The credentials provider.
    pub fn credentials_provider(&self) -> &dyn ProvideCredentials {
        self.0.credentials_provider()
    }

    /// The async HTTP client, if any (the `rt-tokio` feature provides a default).
    pub fn http_client(&self) -> Option<&dyn HttpClient> {
        self.0.http_client.as_deref()
    }

    /// The blocking HTTP client, if any (the `blocking` feature provides a default).
    pub fn blocking_http_client(&self) -> Option<&dyn BlockingHttpClient> {
        self.0.blocking_http_client.as_deref()
    }

    /// How the async call path sleeps between attempts.
    pub fn async_sleep(&self) -> Option<&dyn AsyncSleep> {
        self.0.async_sleep.as_deref().or(DEFAULT_ASYNC_SLEEP)
    }

    /// How the blocking call path sleeps between attempts.
    pub fn blocking_sleep(&self) -> &dyn BlockingSleep {
        self.0.blocking_sleep.as_deref().unwrap_or(&ThreadSleep)
    }

    /// The clock requests are signed with.
    pub fn time_source(&self) -> &dyn TimeSource {
        self.0.time_source.as_deref().unwrap_or(&SystemClock)
    }

    /// The randomness of backoff jitter and invocation ids.
    pub fn random(&self) -> &dyn RandomSource {
        self.0.random.as_ref()
    }

    // ship-if: idempotency_tokens
    /// What makes the idempotency tokens of calls that leave theirs unset.
    pub fn idempotency_token_provider(&self) -> &dyn IdempotencyTokenProvider {
        self.0.idempotency_token_provider()
    }

    /// A new idempotency token from the provider, drawn with this configuration's randomness
    /// (a random UUID, version 4, by default).
    pub fn idempotency_token(&self) -> String {
        self.0.idempotency_token_provider().token(self.0.random.as_ref())
    }
    // ship-end

    // ship-if: request_compression
    /// Whether request bodies are sent uncompressed even by operations that support
    /// compression (`false` by default).
    pub fn disable_request_compression(&self) -> bool {
        self.0.disable_request_compression
    }

    /// The smallest request body, in bytes, that an operation supporting compression
    /// compresses (10240 by default; a value over 10485760 makes such operations fail).
    pub fn request_min_compression_size_bytes(&self) -> u32 {
        self.0.request_min_compression_size_bytes
    }
    // ship-end

    /// Attempts and backoff.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.0.retry
    }

    /// The retry quota, shared by every client made from this configuration (and its clones).
    pub fn token_bucket(&self) -> &TokenBucket {
        &self.0.token_bucket
    }

    /// Connect and read timeouts, the response body cap and stalled-stream protection (the call
    /// path adds each attempt's deadline).
    pub fn transport_settings(&self) -> &TransportSettings {
        &self.0.transport
    }

    /// The time limit of one attempt (none by default).
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.0.attempt_timeout
    }

    /// The time limit of a whole call, retries and backoff included (none by default).
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.0.operation_timeout
    }

    /// The region (`us-east-1`).
    pub fn region(&self) -> Option<&str> {
        self.0.region.as_deref()
    }

    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.0.use_fips
    }

    /// Whether dual-stack (IPv6) endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.0.use_dual_stack
    }

    /// Whether `@endpoint` host prefixes are left off.
    pub fn disable_host_prefix_injection(&self) -> bool {
        self.0.disable_host_prefix
    }

    /// The endpoint override, as set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.0.endpoint_url.as_deref()
    }

    /// The endpoint override (`None` when none is set), or [`EndpointError::InvalidEndpointUrl`]
    /// when it cannot be an endpoint (see [`ConfigBuilder::endpoint_url`]). Endpoint resolution
    /// calls this, as the builder cannot fail.
    pub fn checked_endpoint_url(&self) -> Result<Option<&str>, EndpointError> {
        let Some(url) = self.0.endpoint_url.as_deref() else { return Ok(None) };
        match endpoint_url_problem(url) {
            Some(expected) => Err(EndpointError::InvalidEndpointUrl { url: url.to_string(), expected }),
            None => Ok(Some(url)),
        }
    }

    // ship-if: endpoint_rules
    /// Resolves an endpoint with a service's rule set: built-in parameters (`AWS::Region`,
    /// `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`) come from this configuration,
    /// and `default_partitions` is used unless the configuration carries another table.
    pub fn resolve(&self, rules: &RuleSet, default_partitions: &Partitions) -> Result<Endpoint, EndpointError> {
        if let Some(region) = &self.0.region {
            if !is_valid_region(region) {
                return Err(EndpointError::InvalidRegion(region.clone()));
            }
        }
        let endpoint_url = self.checked_endpoint_url()?;
        let mut params = Params::new();
        for parameter in rules.parameters() {
            let name = parameter.name();
            match parameter.built_in() {
                Some("AWS::Region") => {
                    if let Some(region) = &self.0.region {
                        params.set(name, region.as_str());
                    }
                }
                Some("AWS::UseFIPS") => {
                    params.set(name, self.0.use_fips);
                }
                Some("AWS::UseDualStack") => {
                    params.set(name, self.0.use_dual_stack);
                }
                Some("SDK::Endpoint") => {
                    if let Some(url) = endpoint_url {
                        params.set(name, url);
                    }
                }
                _ => {}
            }
        }
        let partitions = self.0.partitions.as_deref().unwrap_or(default_partitions);
        rules.resolve(&params, partitions).map_err(EndpointError::Resolve)
    }

    /// [`Config::resolve`], once per rule set for this configuration (and its clones): the
    /// parameters come from the configuration, which cannot change, so the endpoint cannot
    /// either. A generated crate's rule sets and table are `static`, whose addresses identify
    /// them; errors are not kept. The endpoint is shared, not copied: a call takes a reference.
    pub fn resolve_cached(
        &self,
        rules: &'static RuleSet,
        default_partitions: &'static Partitions,
    ) -> Result<Arc<Endpoint>, EndpointError> {
        let key = (rules as *const RuleSet as usize, default_partitions as *const Partitions as usize);
        let lock = || self.0.endpoint_cache.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, endpoint)) = lock().iter().find(|(k, _)| *k == key) {
            return Ok(Arc::clone(endpoint));
        }
        let endpoint = Arc::new(self.resolve(rules, default_partitions)?);
        let mut cache = lock();
        if cache.len() < MAX_CACHED_ENDPOINTS && !cache.iter().any(|(k, _)| *k == key) {
            cache.push((key, Arc::clone(&endpoint)));
        }
        Ok(endpoint)
    }
    // ship-end
}

/// Builds a [`Config`].
#[derive(Clone)]
pub struct ConfigBuilder {
    config: Settings,
}

impl Default for ConfigBuilder {
    fn default() -> Self {
        ConfigBuilder { config: Settings::unbuilt() }
    }
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConfigBuilder").field(&self.config).finish()
    }
}

impl ConfigBuilder {
    /// Sets the region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Asks for FIPS endpoints.
    pub fn use_fips(mut self, on: bool) -> Self {
        self.config.use_fips = on;
        self
    }

    /// Asks for dual-stack endpoints.
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.config.use_dual_stack = on;
        self
    }

    /// Sends every request to this URL instead of the resolved endpoint: an `http` or `https` URL
    /// with a host, an optional port and an optional base path put before each operation's path
    /// (`https://example.com/prefix`, `http://127.0.0.1:8080`); no user info, query or fragment.
    /// A URL that breaks these rules makes each call fail with
    /// [`EndpointError::InvalidEndpointUrl`].
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    // ship-if: endpoint_rules
    /// Uses another partitions table (for example a newer one) instead of the built-in one.
    pub fn partitions(mut self, partitions: Partitions) -> Self {
        self.config.partitions = Some(Arc::new(partitions));
        self
    }
    // ship-end

    /// Signs with these credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Signs with credentials from this provider (called for each attempt).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(Arc::new(provider));
        self
    }

    /// Sends with this async HTTP client (as it is: `ConfigBuilder::proxy` and
    /// `ConfigBuilder::ca_bundle` apply to the default clients only).
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.config.http_client = Some(Arc::new(client));
        #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
        {
            self.config.network.custom_http_client = true;
        }
        self
    }

    /// Sends with this blocking HTTP client (as it is: `ConfigBuilder::proxy` and
    /// `ConfigBuilder::ca_bundle` apply to the default clients only).
    pub fn blocking_http_client(mut self, client: impl BlockingHttpClient + 'static) -> Self {
        self.config.blocking_http_client = Some(Arc::new(client));
        #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
        {
            self.config.network.custom_blocking_client = true;
        }
        self
    }

    /// The proxies the default clients send through (replacing any read from the environment;
    /// [`ProxyConfig::disabled()`](super::transport::ProxyConfig::disabled) for none). A client
    /// set with [`ConfigBuilder::http_client`] or [`ConfigBuilder::blocking_http_client`] is
    /// left as it is.
    #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
    pub fn proxy(mut self, proxy: ProxyConfig) -> Self {
        self.config.network.proxy = proxy;
        self.config.network.changed = true;
        self
    }

    /// The certificates the default clients trust instead of the webpki roots (a private CA, a
    /// TLS-inspecting proxy's CA): [`CaBundle::from_path`](super::transport::CaBundle::from_path)
    /// or [`CaBundle::from_pem`](super::transport::CaBundle::from_pem); `None` for the webpki
    /// roots again.
    #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
    pub fn ca_bundle(mut self, bundle: impl Into<Option<CaBundle>>) -> Self {
        self.config.network.ca_bundle = bundle.into();
        self.config.network.changed = true;
        self
    }

    /// Sleeps between async attempts with this (tests inject one that does not sleep).
    pub fn async_sleep(mut self, sleep: impl AsyncSleep + 'static) -> Self {
        self.config.async_sleep = Some(Arc::new(sleep));
        self
    }

    /// Sleeps between blocking attempts with this.
    pub fn blocking_sleep(mut self, sleep: impl BlockingSleep + 'static) -> Self {
        self.config.blocking_sleep = Some(Arc::new(sleep));
        self
    }

    /// Signs with this clock.
    pub fn time_source(mut self, time: impl TimeSource + 'static) -> Self {
        self.config.time_source = Some(Arc::new(time));
        self
    }

    /// Uses this randomness for backoff jitter and invocation ids.
    pub fn random(mut self, random: impl RandomSource + 'static) -> Self {
        self.config.random = Arc::new(random);
        self
    }

    // ship-if: idempotency_tokens
    /// Makes the idempotency tokens of calls that leave theirs unset with this provider
    /// instead of random UUIDs; tests pass
    /// [`FixedIdempotencyToken::compliance()`](super::idempotency::FixedIdempotencyToken::compliance).
    pub fn idempotency_token_provider(mut self, provider: impl IdempotencyTokenProvider + 'static) -> Self {
        self.config.idempotency_token_provider = Some(Arc::new(provider));
        self
    }
    // ship-end

    // ship-if: request_compression
    /// Sends request bodies uncompressed even for operations that support compression.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.config.disable_request_compression = disable;
        self
    }

    /// The smallest request body, in bytes, compressed by operations that support compression
    /// (10240 by default). The allowed range is 0 to 10485760: a larger value makes such
    /// operations fail with an error rather than being silently changed.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.config.request_min_compression_size_bytes = bytes;
        self
    }
    // ship-end

    /// Attempts per call, the first included (3 by default; at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.config.retry.max_attempts = attempts.max(1);
        self
    }

    /// The whole retry configuration.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// The connect timeout (3.1 s by default).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.transport.connect_timeout = Some(timeout);
        self
    }

    /// The read timeout (none by default).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.config.transport.read_timeout = Some(timeout);
        self
    }

    /// The largest response body read (16 MiB by default).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.config.transport.max_body_bytes = bytes;
        self
    }

    /// Stalled-stream protection: an attempt whose bytes move slower than a minimum rate for a
    /// grace period fails with a (retried) timeout. On by default, as in the AWS SDK for Rust: 1
    /// byte/s measured each second, 20 s of grace ([`StalledStreamProtection::default`]); `None`
    /// turns it off.
    pub fn stalled_stream_protection(mut self, protection: Option<StalledStreamProtection>) -> Self {
        self.config.transport.stalled_stream = protection;
        self
    }

    /// The most connections the default clients open to one host (50 by default; at least 1). A
    /// call that finds them all busy waits for one to be free, until its deadline.
    pub fn max_connections_per_host(mut self, connections: usize) -> Self {
        self.config.transport.max_connections_per_host = connections.max(1);
        self
    }

    /// The time limit of one attempt: connecting, sending and reading stop when it is up.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.attempt_timeout = Some(timeout);
        self
    }

    /// The time limit of a whole call, retries and backoff included.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.config.operation_timeout = Some(timeout);
        self
    }

    /// Stops operations with an `@endpoint` host prefix from putting it before the endpoint's
    /// host (for an endpoint that already points where the prefix would).
    pub fn disable_host_prefix_injection(mut self, disable: bool) -> Self {
        self.config.disable_host_prefix = disable;
        self
    }

    /// The configuration, with the default HTTP clients of the enabled features where none was
    /// supplied. After `ConfigBuilder::proxy` or `ConfigBuilder::ca_bundle` (features `rt-tokio`,
    /// `blocking`), the default clients are new ones built with them.
    pub fn build(self) -> Config {
        let mut config = self.config.with_network_clients();
        if config.http_client.is_none() {
            config.http_client = default_http_client();
        }
        if config.blocking_http_client.is_none() {
            config.blocking_http_client = default_blocking_client();
        }
        // A builder cloned and built twice gives two configurations: each resolves its own
        // endpoints (a builder never resolves, so its settings' cache is empty).
        Config(Arc::new(config))
    }
}

/// Why no endpoint could be resolved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The region is not a valid region name (it would change the URL's host or path).
    InvalidRegion(String),
    /// The service's rule set or the built-in partitions table could not be read (the generator
    /// checks both, so this would be a bug).
    RuleSet(String),
    /// The service's model has no endpoint rules, so the configuration must name the endpoint
    /// ([`ConfigBuilder::endpoint_url`]).
    NoEndpointUrl,
    /// The configuration's endpoint URL cannot be an endpoint (see
    /// [`ConfigBuilder::endpoint_url`]).
    InvalidEndpointUrl {
        /// The URL, as set.
        url: String,
        /// What a valid one needs that it lacks (`a port from 1 to 65535`).
        expected: &'static str,
    },
    // ship-if: endpoint_rules
    /// The rule set gave an error (an unsupported FIPS or dual-stack combination, a missing
    /// region...) or could not be evaluated.
    Resolve(ResolveError),
    // ship-end
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::InvalidRegion(region) => write!(f, "invalid region `{}`", quoted(region)),
            EndpointError::RuleSet(message) => write!(f, "the endpoint rule set is invalid: {}", escaped(message)),
            EndpointError::NoEndpointUrl => {
                f.write_str("the service's model has no endpoint rules: set an endpoint URL in the configuration")
            }
            EndpointError::InvalidEndpointUrl { url, expected } => {
                write!(f, "invalid endpoint URL `{}`: expected {expected}", quoted(url))
            }
            // ship-if: endpoint_rules
            // A rule set's error message can repeat a parameter's value.
            EndpointError::Resolve(e) => write!(f, "no endpoint: {}", escaped(&e.to_string())),
            // ship-end
        }
    }
}

impl std::error::Error for EndpointError {}

// ship-if: request_compression
/// The default of [`ConfigBuilder::request_min_compression_size_bytes`]: 10 KiB, as in the AWS
/// SDKs.
pub const DEFAULT_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_240;

/// The largest allowed [`ConfigBuilder::request_min_compression_size_bytes`]: 10 MiB.
pub const MAX_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_485_760;

/// The request compression settings of the environment and the selected profile, as the AWS
/// SDKs and Tools Reference Guide names them ("Request compression"), on `builder`.
fn request_compression_from_env(env: &Env, mut builder: ConfigBuilder) -> Result<ConfigBuilder, SettingError> {
    use super::credentials::setting_from_env;
    let disable = setting_from_env(env, "AWS_DISABLE_REQUEST_COMPRESSION", "disable_request_compression")?;
    if let Some((value, origin)) = disable {
        let disable = match value.to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => return Err(SettingError::Invalid { origin, value, expected: "`true` or `false`" }),
        };
        builder = builder.disable_request_compression(disable);
    }
    let min_size = setting_from_env(env, "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "request_min_compression_size_bytes")?;
    if let Some((value, origin)) = min_size {
        match value.parse::<u32>() {
            Ok(bytes) if bytes <= MAX_MIN_COMPRESSION_SIZE_BYTES => builder = builder.request_min_compression_size_bytes(bytes),
            _ => return Err(SettingError::Invalid { origin, value, expected: "an integer from 0 to 10485760" }),
        }
    }
    Ok(builder)
}
// ship-end

/// What `url` lacks to be an endpoint, or `None` when it can be one: an absolute URL (RFC 3986
/// §4.3) whose scheme is `http` or `https`, with a host, a port (RFC 3986 §3.2.3: digits; here
/// 1 to 65535) or none, and a path or none. The operation's path and query follow the URL, so it
/// cannot have a query or a fragment; nor user info, which HTTP never sends (RFC 9110 §4.2.4).
fn endpoint_url_problem(url: &str) -> Option<&'static str> {
    // `http::Uri` reads a port it cannot hold in a `u16` as no port, and drops a fragment.
    let Ok(uri) = url.parse::<http::Uri>() else {
        return Some("an absolute URL such as `https://example.com` or `http://127.0.0.1:8080/prefix`");
    };
    let Some(authority) = uri.authority().filter(|_| matches!(uri.scheme_str(), Some("http" | "https"))) else {
        return Some("a URL whose scheme is http or https");
    };
    if authority.as_str().contains('@') {
        return Some("no user info (`user@`) before the host");
    }
    if authority.host().is_empty() {
        return Some("a host");
    }
    let port = authority.as_str().rsplit_once(']').map_or(authority.as_str(), |(_, after)| after).split_once(':');
    if let Some((_, port)) = port {
        // Empty, it is the scheme's default; `+80` would parse as a `u16` but is not digits.
        let in_range = port.bytes().all(|b| b.is_ascii_digit()) && matches!(port.parse::<u16>(), Ok(1..));
        if !port.is_empty() && !in_range {
            return Some("a port from 1 to 65535");
        }
    }
    if uri.query().is_some() {
        return Some("no query (`?`): the operation's path and query follow the endpoint's path");
    }
    if url.contains('#') {
        return Some("no fragment (`#`)");
    }
    None
}

/// A region name as botocore validates it: 1 to 63 characters of `[A-Za-z0-9-]`, not all
/// digits, no leading or trailing `-`. Anything else could move the host (`x/evil`).
pub fn is_valid_region(region: &str) -> bool {
    let bytes = region.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && !bytes.iter().all(u8::is_ascii_digit)
        && !region.starts_with('-')
        && !region.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_validation() {
        for ok in ["us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1", "a"] {
            assert!(is_valid_region(ok), "{ok}");
        }
        for bad in ["", "x/evil", "us-east-1.", "-us", "us-", "123", "us east", &"a".repeat(64), "ü"] {
            assert!(!is_valid_region(bad), "{bad}");
        }
    }

    #[test]
    fn endpoint_url_validation() {
        for ok in [
            "https://example.com",
            "https://example.com/prefix/",
            "http://127.0.0.1:8080",
            "http://[::1]:65535/a%2Fb",
            "HTTPS://EXAMPLE.COM:1",
            // An empty port is the scheme's default (RFC 3986 §3.2.3).
            "http://example.com:/",
        ] {
            assert_eq!(endpoint_url_problem(ok), None, "{ok}");
        }
        for (bad, expected) in [
            ("http://h:65536", "a port from 1 to 65535"),
            ("http://h:0", "a port from 1 to 65535"),
            ("http://h:8o", "a port from 1 to 65535"),
            ("http://[::1]:99999/", "a port from 1 to 65535"),
            ("http://h/?", "no query"),
            ("http://h#", "no fragment"),
            ("http://@h/", "no user info"),
            ("http://:80/", "a host"),
            ("ws://h/", "a URL whose scheme is http or https"),
            ("/relative", "a URL whose scheme is http or https"),
            ("", "an absolute URL"),
            ("http://h/\u{7f}", "an absolute URL"),
        ] {
            let problem = endpoint_url_problem(bad).unwrap_or_default();
            assert!(problem.starts_with(expected), "{bad}: {problem}");
        }
    }

    #[test]
    fn transport_settings_from_the_builder() {
        let protection = StalledStreamProtection { min_bytes_per_sec: 100, window: Duration::from_millis(10), grace: Duration::ZERO };
        let config = Config::builder().stalled_stream_protection(Some(protection)).max_connections_per_host(8).build();
        assert_eq!(config.transport_settings().stalled_stream, Some(protection));
        assert_eq!(config.transport_settings().max_connections_per_host, 8);
        let config = Config::builder().stalled_stream_protection(None).max_connections_per_host(0).build();
        assert_eq!(config.transport_settings().stalled_stream, None);
        assert_eq!(config.transport_settings().max_connections_per_host, 1, "at least one connection");
        assert_eq!(Config::default().transport_settings(), &TransportSettings::default());
    }

    use super::super::transport::{BoxFuture, HttpResponse, TransportError};

    #[derive(Debug)]
    struct Unanswering;

    impl BlockingHttpClient for Unanswering {
        fn send(&self, _: http::Request<Vec<u8>>, _: &TransportSettings) -> Result<HttpResponse, TransportError> {
            Err(TransportError::other("not sent"))
        }
    }

    impl BlockingSleep for Unanswering {
        fn sleep(&self, _: Duration) {}
    }

    impl HttpClient for Unanswering {
        fn send<'a>(
            &'a self,
            _: http::Request<Vec<u8>>,
            _: &'a TransportSettings,
        ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
            Box::pin(std::future::ready(Err(TransportError::other("not sent"))))
        }
    }

    #[test]
    fn default_http_clients_are_made_by_build_only_when_none_was_supplied() {
        let builder = Config::builder();
        assert!(builder.config.http_client.is_none() && builder.config.blocking_http_client.is_none());
        let config = builder.build();
        assert_eq!(config.http_client().is_some(), cfg!(feature = "rt-tokio"));
        assert_eq!(config.blocking_http_client().is_some(), cfg!(feature = "blocking"));
        assert_eq!(Config::default().http_client().is_some(), cfg!(feature = "rt-tokio"));
        let custom = Config::builder().http_client(Unanswering).blocking_http_client(Unanswering).build();
        assert_eq!(format!("{:?}", custom.http_client().unwrap()), "Unanswering");
        assert_eq!(format!("{:?}", custom.blocking_http_client().unwrap()), "Unanswering");
    }

    #[test]
    fn endpoints_are_kept_per_configuration_and_rule_set() {
        let leak = |text: &str| -> &'static RuleSet { Box::leak(Box::new(RuleSet::parse(text).unwrap())) };
        let rules = leak(r#"{"version": "1.0", "parameters": {"Region": {"type": "string", "builtIn": "AWS::Region"}},
            "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://a.{Region}.example"}}]}"#);
        let other = leak(r#"{"version": "1.0", "parameters": {"Region": {"type": "string", "builtIn": "AWS::Region"}},
            "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://b.{Region}.example"}}]}"#);
        let table: &'static Partitions = Box::leak(Box::new(Partitions::parse(r#"{"partitions": []}"#).unwrap()));
        let builder = Config::builder().region("eu-west-1");
        let config = builder.clone().build();
        let cached = |config: &Config| config.0.endpoint_cache.0.lock().unwrap().len();
        assert_eq!(config.resolve_cached(rules, table).unwrap().url, "https://a.eu-west-1.example");
        assert_eq!(cached(&config), 1);
        // A hit is served from the cache, not resolved again: a planted entry comes back.
        config.0.endpoint_cache.0.lock().unwrap()[0].1 = Arc::new(Endpoint::new("https://planted.example"));
        assert_eq!(config.resolve_cached(rules, table).unwrap().url, "https://planted.example");
        let shared = config.clone().resolve_cached(rules, table).unwrap();
        assert_eq!(shared.url, "https://planted.example", "clones share it");
        // A call takes the cached endpoint itself, not a copy of its text and lists.
        assert!(Arc::ptr_eq(&shared, &config.0.endpoint_cache.0.lock().unwrap()[0].1));
        // Another rule set is another entry.
        assert_eq!(config.resolve_cached(other, table).unwrap().url, "https://b.eu-west-1.example");
        assert_eq!(cached(&config), 2);
        // Another configuration resolves its own, even one built from the same builder.
        let again = builder.clone().build();
        assert_eq!(again.resolve_cached(rules, table).unwrap().url, "https://a.eu-west-1.example");
        let west = builder.region("us-west-2").build();
        assert_eq!(west.resolve_cached(rules, table).unwrap().url, "https://a.us-west-2.example");
        // Errors are not kept.
        let invalid = Config::builder().region("x/evil").build();
        assert!(invalid.resolve_cached(rules, table).is_err());
        assert_eq!(cached(&invalid), 0);
    }

    #[test]
    fn clones_share_the_settings_and_defaults_are_made_only_when_used() {
        let credentials = Credentials::new("AKIDEXAMPLE", "secret", None);
        let config = Config::builder().credentials(credentials).build();
        assert!(Arc::ptr_eq(&config.0, &config.clone().0), "a clone is the same settings");
        assert!(config.0.default_credentials.get().is_none(), "the caller's credentials: no default chain");
        assert!(format!("{:?}", config.credentials_provider()).starts_with("Credentials"));
        // Without the caller's, the default chain, made on first use and kept.
        let config = Config::builder().build();
        assert!(config.0.default_credentials.get().is_none());
        let chain = format!("{:?}", config.credentials_provider());
        assert!(chain.starts_with("DefaultCredentialsChain"), "{chain}");
        assert!(config.0.default_credentials.get().is_some());
        assert!(std::ptr::eq(config.credentials_provider(), config.clone().credentials_provider()));
        // The stateless defaults, and the caller's in their place.
        assert_eq!(format!("{:?}", config.time_source()), "SystemClock");
        assert_eq!(format!("{:?}", config.blocking_sleep()), "ThreadSleep");
        let tokio_sleep = cfg!(feature = "rt-tokio").then(|| "TokioSleep".to_string());
        assert_eq!(config.async_sleep().map(|s| format!("{s:?}")), tokio_sleep);
        assert_eq!(format!("{:?}", config.idempotency_token_provider()), "RandomIdempotencyToken");
        #[derive(Debug)]
        struct Epoch;
        impl TimeSource for Epoch {
            fn now(&self) -> SystemTime {
                SystemTime::UNIX_EPOCH
            }
        }
        let config = config.to_builder().time_source(Epoch).blocking_sleep(Unanswering).build();
        assert_eq!(config.time_source().now(), SystemTime::UNIX_EPOCH);
        assert_eq!(format!("{:?}", config.blocking_sleep()), "Unanswering");
    }

    #[test]
    fn debug_never_shows_secrets() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let credentials = Credentials::new("AKIDEXAMPLE", secret, Some("session-token-secret".into()));
        let config = Config::builder().region("us-east-1").use_fips(true).credentials(credentials).build();
        let text = format!("{config:?}");
        assert!(text.starts_with("Config { region: Some(\"us-east-1\"), use_fips: true"), "{text}");
        assert!(!text.contains(secret) && !text.contains("session-token-secret"), "{text}");
    }
}
