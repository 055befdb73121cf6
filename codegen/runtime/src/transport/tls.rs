//! The TLS configuration of the default clients: rustls with the `ring` provider (or aws-lc-rs,
//! feature `tls-aws-lc`), TLS 1.2 and 1.3, the webpki root certificates or a CA bundle, ALPN
//! `http/1.1`.

use super::http1::error_chain;
use super::{TransportError, TransportErrorKind};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The configuration the default clients use: trust anchors from `webpki-roots` (Mozilla's),
/// built once per process.
pub fn default_tls_config() -> Arc<ClientConfig> {
    static CONFIG: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    CONFIG
        .get_or_init(|| tls_config_with_roots(RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() }))
        .clone()
}

/// A configuration like the default one that trusts `roots` instead (a private CA, a test CA).
pub fn tls_config_with_roots(roots: RootCertStore) -> Arc<ClientConfig> {
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("the ring and aws-lc-rs providers support TLS 1.2 and 1.3")
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(config)
}

/// The one place the crypto provider is chosen. `ring` by default: small, quick to build, easy
/// to cross-compile (README, "TLS"). rustls 0.23.48 deprecates ring's `default_provider()` as ring
/// has no post-quantum key exchange; it negotiates TLS 1.3 with X25519, which AWS endpoints
/// accept. With the `tls-aws-lc` feature, aws-lc-rs: X25519MLKEM768 first (rustls's default
/// order for it), and the provider a FIPS build needs. (ring stays compiled in then, unused.)
fn provider() -> Arc<CryptoProvider> {
    #[cfg(feature = "tls-aws-lc")]
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "tls-aws-lc"))]
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    Arc::new(provider)
}

/// The name of the crypto provider the default clients use (`ring` or `aws-lc-rs`).
pub fn tls_provider_name() -> &'static str {
    if cfg!(feature = "tls-aws-lc") {
        "aws-lc-rs"
    } else {
        "ring"
    }
}

/// Trust anchors from a PEM file of CA certificates, used instead of the webpki roots: what
/// `AWS_CA_BUNDLE` names ([`ConfigBuilder::ca_bundle`](super::super::config::ConfigBuilder::ca_bundle)).
///
/// It replaces the default roots rather than adding to them, as the AWS CLI (botocore's
/// `ca_bundle`, `verify=<path>`) and the AWS SDK for Go v2 (`AWS_CA_BUNDLE` into an empty
/// `x509.CertPool`) do: a bundle for a TLS-inspecting proxy trusts that proxy's CA; one that
/// must also trust public CAs includes them.
#[derive(Clone)]
pub struct CaBundle {
    roots: Arc<RootCertStore>,
    origin: String,
}

impl fmt::Debug for CaBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CaBundle").field("origin", &self.origin).field("certificates", &self.roots.len()).finish()
    }
}

impl PartialEq for CaBundle {
    fn eq(&self, other: &Self) -> bool {
        self.origin == other.origin && self.roots.roots == other.roots.roots
    }
}

impl CaBundle {
    /// The `CERTIFICATE` blocks of PEM text (other blocks are skipped). An error when the text
    /// is not PEM, holds no certificate, or a certificate cannot be a trust anchor.
    pub fn from_pem(pem: &[u8]) -> Result<CaBundle, CaBundleError> {
        CaBundle::parse(pem, "PEM data".to_string())
    }

    /// The certificates of a PEM file, read now. An error naming the path when the file cannot
    /// be read or is not a bundle ([`CaBundle::from_pem`]).
    pub fn from_path(path: impl AsRef<Path>) -> Result<CaBundle, CaBundleError> {
        let path = path.as_ref();
        let origin = format!("`{}`", super::super::text::quoted(&path.display().to_string()));
        let pem = std::fs::read(path)
            .map_err(|e| CaBundleError { origin: origin.clone(), reason: format!("cannot read it: {e}") })?;
        CaBundle::parse(&pem, origin)
    }

    fn parse(pem: &[u8], origin: String) -> Result<CaBundle, CaBundleError> {
        let error = |reason: String| CaBundleError { origin: origin.clone(), reason };
        let mut roots = RootCertStore::empty();
        for (n, certificate) in CertificateDer::pem_slice_iter(pem).enumerate() {
            let certificate = certificate.map_err(|e| error(format!("not valid PEM: {e}")))?;
            roots.add(certificate).map_err(|e| error(format!("certificate {} is not usable: {e}", n + 1)))?;
        }
        if roots.is_empty() {
            return Err(error("it holds no PEM `CERTIFICATE` block".to_string()));
        }
        Ok(CaBundle { roots: Arc::new(roots), origin })
    }

    /// How many certificates it holds.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// Whether it holds no certificate (never, once built).
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// A TLS configuration like the default one that trusts these certificates only.
    pub fn tls_config(&self) -> Arc<ClientConfig> {
        tls_config_with_roots(RootCertStore::clone(&self.roots))
    }
}

/// A CA bundle that cannot be used: where it came from, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaBundleError {
    origin: String,
    reason: String,
}

impl fmt::Display for CaBundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot use the CA bundle {}: {}", self.origin, super::super::text::escaped(&self.reason))
    }
}

impl CaBundleError {
    /// The error, saying which setting named the bundle (`environment variable AWS_CA_BUNDLE`).
    pub(crate) fn set_by(mut self, setting: String) -> Self {
        self.origin = format!("{} (from {setting})", self.origin);
        self
    }
}

impl std::error::Error for CaBundleError {}

/// The TLS name of a host (a DNS name or an IP address).
pub(super) fn server_name(host: &str) -> Result<ServerName<'static>, TransportError> {
    ServerName::try_from(host.to_string())
        .map_err(|_| TransportError::other(format!("`{host}` is not a valid TLS server name")))
}

/// The error of a failed TLS handshake: a rejected certificate will not pass on a retry
/// ([`TransportErrorKind::Other`]); anything else is a connect error.
pub(super) fn handshake_error(host: &str, error: &std::io::Error) -> TransportError {
    let tls = error.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>());
    let kind = match tls {
        Some(
            rustls::Error::InvalidCertificate(_)
            | rustls::Error::NoCertificatesPresented
            | rustls::Error::UnsupportedNameType,
        ) => TransportErrorKind::Other,
        _ => TransportErrorKind::Connect,
    };
    TransportError::new(kind, format!("TLS handshake with {host} failed: {}", error_chain(error)))
}
