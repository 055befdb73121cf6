//! Hand-written support code of the generated crates.
//!
//! The generator carries these modules and copies those a generated crate uses into its
//! `src/runtime/` (without their tests, and without the `// ship-if: <need>` regions the crate
//! does not need; see the generator's `emit/runtime.rs`), so modules refer to each other only
//! through `super::` paths. Its one required dependency is
//! `http`, whose types are the boundary of the generated request builders and response parsers;
//! the default transports come behind the `rt-tokio` and `blocking` features, the gzip
//! encoder of request compression (the `compression` module) behind `request-compression`,
//! `Serialize` and `Deserialize` for the value types behind `serde`, and the test doubles of the
//! `testing` module behind `test-util`.
#![forbid(unsafe_code)]

pub mod base64;
pub mod bignum;
pub mod blob;
pub mod build_error;
pub mod byte_stream;
pub mod checksum;
pub mod client;
pub mod compression;
pub mod config;
pub mod credentials;
pub mod crypto;
pub mod customizations;
pub mod datetime;
pub mod document;
pub mod endpoint;
pub mod idempotency;
pub mod json;
pub mod percent;
pub mod retry;
pub mod sigv4;
pub mod testing;
pub mod text;
pub mod transport;
pub mod unknown;
pub mod waiter;
pub mod wire;

