//! Hand-written support code of the generated crates.
//!
//! Every module here is copied verbatim into a generated crate as `src/runtime/<module>`, so
//! modules refer to each other only through `super::` paths. Its one required dependency is
//! `http`, whose types are the boundary of the generated request builders and response parsers;
//! the default transports come behind the `rt-tokio` and `blocking` features, and the gzip
//! encoder of request compression (the `compression` module) behind `request-compression`.
#![forbid(unsafe_code)]
#![allow(dead_code, reason = "a generated crate with one service uses part of the runtime")]

pub mod bignum;
pub mod blob;
pub mod build_error;
pub mod byte_stream;
pub mod checksum;
pub mod client;
pub mod compression;
pub mod config;
pub mod credentials;
pub mod customizations;
pub mod datetime;
pub mod document;
pub mod endpoint;
pub mod idempotency;
pub mod json;
pub mod retry;
pub mod sigv4;
pub mod transport;
pub mod unknown;
pub mod wire;

