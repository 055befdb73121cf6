//! Client configuration that decides endpoints: region, FIPS, dual-stack, an endpoint override,
//! and the partitions table. Each service resolves its endpoint from its own rule set with it.

use super::endpoint::{Endpoint, Params, Partitions, ResolveError, RuleSet};
use std::fmt;
use std::sync::Arc;

/// What endpoint resolution needs from the client's configuration.
#[derive(Clone, Default)]
pub struct Config {
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_url: Option<String>,
    partitions: Option<Arc<Partitions>>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("endpoint_url", &self.endpoint_url)
            .field("partitions", &self.partitions.as_ref().map(|_| "custom"))
            .finish()
    }
}

impl Config {
    /// A configuration builder.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region (`us-east-1`).
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack (IPv6) endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The endpoint override, used verbatim.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Resolves an endpoint with a service's rule set: built-in parameters (`AWS::Region`,
    /// `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`) come from this configuration,
    /// and `default_partitions` is used unless the configuration carries another table.
    pub fn resolve(&self, rules: &RuleSet, default_partitions: &Partitions) -> Result<Endpoint, EndpointError> {
        if let Some(region) = &self.region {
            if !is_valid_region(region) {
                return Err(EndpointError::InvalidRegion(region.clone()));
            }
        }
        let mut params = Params::new();
        for parameter in rules.parameters() {
            let name = parameter.name();
            match parameter.built_in() {
                Some("AWS::Region") => {
                    if let Some(region) = &self.region {
                        params.set(name, region.as_str());
                    }
                }
                Some("AWS::UseFIPS") => {
                    params.set(name, self.use_fips);
                }
                Some("AWS::UseDualStack") => {
                    params.set(name, self.use_dual_stack);
                }
                Some("SDK::Endpoint") => {
                    if let Some(url) = &self.endpoint_url {
                        params.set(name, url.as_str());
                    }
                }
                _ => {}
            }
        }
        let partitions = self.partitions.as_deref().unwrap_or(default_partitions);
        rules.resolve(&params, partitions).map_err(EndpointError::Resolve)
    }
}

/// Builds a [`Config`].
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    config: Config,
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

    /// Sends every request to this URL instead of the resolved endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Uses another partitions table (for example a newer one) instead of the built-in one.
    pub fn partitions(mut self, partitions: Partitions) -> Self {
        self.config.partitions = Some(Arc::new(partitions));
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        self.config
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
    /// The rule set gave an error (an unsupported FIPS or dual-stack combination, a missing
    /// region...) or could not be evaluated.
    Resolve(ResolveError),
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::InvalidRegion(region) => write!(f, "invalid region `{region}`"),
            EndpointError::RuleSet(message) => write!(f, "the endpoint rule set is invalid: {message}"),
            EndpointError::Resolve(e) => write!(f, "no endpoint: {e}"),
        }
    }
}

impl std::error::Error for EndpointError {}

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
    fn secrets_free_debug() {
        let config = Config::builder().region("us-east-1").use_fips(true).build();
        assert_eq!(
            format!("{config:?}"),
            "Config { region: Some(\"us-east-1\"), use_fips: true, use_dual_stack: false, endpoint_url: None, partitions: None }"
        );
    }
}
