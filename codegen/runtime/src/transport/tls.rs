//! The TLS configuration of the default clients: rustls with the `ring` provider, TLS 1.2 and
//! 1.3, the webpki root certificates, ALPN `http/1.1`.

use super::http1::error_chain;
use super::{TransportError, TransportErrorKind};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, RootCertStore};
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
    // Stopgap: rustls 0.23.48 deprecates ring's `default_provider()` because ring has no
    // post-quantum key exchange. It still negotiates TLS 1.3 with X25519 and is what this crate
    // was measured with; which provider to ship (ring, aws-lc-rs with X25519MLKEM768, or a
    // feature to choose) is decided with the client hardening work, not silenced here for good.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("the ring provider supports TLS 1.2 and 1.3")
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(config)
}

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
