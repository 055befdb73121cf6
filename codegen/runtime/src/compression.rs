//! Request compression (the `@requestCompression` trait): gzip of a request body, and the rules
//! that decide whether a body is compressed and what `Content-Encoding` it is then sent with.
//!
//! Behind the `request-compression` feature, so that a crate without compressed operations
//! does not build the deflate encoder. The DEFLATE stream (RFC 1951) comes from `miniz_oxide`,
//! a pure-Rust encoder that forbids `unsafe` code, at its default level (6, zlib's balanced
//! default, as the trait asks); the gzip member around it (RFC 1952: the 10-byte header, the
//! CRC-32 and the length) is written here, CRC-32 included.
//!
//! As in the AWS SDKs, a body is compressed unless compression is disabled
//! ([`Config::disable_request_compression`](super::config::Config::disable_request_compression))
//! and only when it has at least the minimum size
//! ([`Config::request_min_compression_size_bytes`](super::config::Config::request_min_compression_size_bytes),
//! [`DEFAULT_MIN_COMPRESSION_SIZE_BYTES`] by default, at most
//! [`MAX_MIN_COMPRESSION_SIZE_BYTES`]). A streaming body without a known length is compressed
//! whatever its size: pass a minimum of 0 for it. Compress before signing: the signature covers
//! the compressed body and the `Content-Encoding` header.
#![cfg(feature = "request-compression")]

use super::client::ConstructionError;
use super::config::Config;
pub use super::config::{DEFAULT_MIN_COMPRESSION_SIZE_BYTES, MAX_MIN_COMPRESSION_SIZE_BYTES};
use std::fmt;

/// The content coding this module applies.
pub const GZIP: &str = "gzip";

/// The DEFLATE level: miniz_oxide's and zlib's default, a balance of speed and size.
const LEVEL: u8 = 6;

/// The gzip member header (RFC 1952 §2.3.1): magic `1f 8b`, method 8 (deflate), no flags (no
/// name, comment, extra field or header CRC), no modification time (0), no extra flags, and
/// operating system 255 (unknown), so the same body always compresses to the same bytes.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];

/// A complete gzip member (RFC 1952) holding `data`: the header, the DEFLATE stream, then the
/// CRC-32 of `data` and its length modulo 2^32, both little-endian.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let deflated = miniz_oxide::deflate::compress_to_vec(data, LEVEL);
    let mut out = Vec::with_capacity(GZIP_HEADER.len() + deflated.len() + 8);
    out.extend_from_slice(&GZIP_HEADER);
    out.extend_from_slice(&deflated);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    // ISIZE: the input's length modulo 2^32 (truncation is what the format asks for).
    out.extend_from_slice(&((data.len() as u64 & 0xffff_ffff) as u32).to_le_bytes());
    out
}

/// A body compressed by [`compress_request_body`], and the `Content-Encoding` to send it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompressedBody {
    /// The gzip member holding the original body.
    pub body: Vec<u8>,
    /// The request's `Content-Encoding` with `gzip` appended (`gzip` alone, or `custom, gzip`).
    pub content_encoding: String,
}

/// Why a request could not be compressed: the configuration is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompressionError {
    /// The minimum compression size is over [`MAX_MIN_COMPRESSION_SIZE_BYTES`].
    MinSizeOutOfRange(u32),
}

impl fmt::Display for CompressionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompressionError::MinSizeOutOfRange(size) => write!(
                f,
                "request_min_compression_size_bytes is {size}; it must be between 0 and \
                 {MAX_MIN_COMPRESSION_SIZE_BYTES}"
            ),
        }
    }
}

impl std::error::Error for CompressionError {}

/// Decides whether a request body of an operation with `@requestCompression` is compressed,
/// and compresses it:
///
/// - a minimum size over [`MAX_MIN_COMPRESSION_SIZE_BYTES`] is an error (checked first, even
///   when compression is disabled, so a bad setting never goes unnoticed by a switch);
/// - `Ok(None)` (send the body and headers unchanged) when `disabled`, or when the body is
///   shorter than `min_size_bytes`;
/// - otherwise the gzip of the body, and the `Content-Encoding` to set: `existing_encoding`
///   (the header the request already has, if any) with `gzip` appended after it, as RFC 9110
///   §8.4 lists codings in the order they were applied (`custom` → `custom, gzip`; none or a
///   blank value → `gzip`).
pub fn compress_request_body(
    body: &[u8],
    existing_encoding: Option<&str>,
    disabled: bool,
    min_size_bytes: u32,
) -> Result<Option<CompressedBody>, CompressionError> {
    if min_size_bytes > MAX_MIN_COMPRESSION_SIZE_BYTES {
        return Err(CompressionError::MinSizeOutOfRange(min_size_bytes));
    }
    if disabled || (body.len() as u64) < u64::from(min_size_bytes) {
        return Ok(None);
    }
    Ok(Some(CompressedBody { body: gzip(body), content_encoding: append_encoding(existing_encoding, GZIP) }))
}

/// The request step of `@requestCompression` operations
/// ([`OperationInfo::before_signing`](super::client::OperationInfo::before_signing)):
/// compresses the body as the configuration allows, when it reaches the configured minimum size.
pub fn compress_above_minimum_size(config: &Config, request: &mut http::Request<Vec<u8>>) -> Result<(), ConstructionError> {
    compress(config, config.request_min_compression_size_bytes(), request)
}

/// The request step of `@requestCompression` operations whose payload is a stream without
/// `@requiresLength`: compressed whatever its size (behavior-traits.rst, "Request compression
/// behavior"), unless the configuration disables compression.
pub fn compress_always(config: &Config, request: &mut http::Request<Vec<u8>>) -> Result<(), ConstructionError> {
    compress(config, 0, request)
}

/// Compresses the body with gzip as the configuration allows, appending the coding to any
/// `Content-Encoding` the request has, and setting `Content-Length` to the new size.
fn compress(config: &Config, min_size: u32, request: &mut http::Request<Vec<u8>>) -> Result<(), ConstructionError> {
    // The configured minimum is checked even for streams (0 here), so a bad setting shows.
    if config.request_min_compression_size_bytes() > MAX_MIN_COMPRESSION_SIZE_BYTES {
        return Err(ConstructionError::new(
            CompressionError::MinSizeOutOfRange(config.request_min_compression_size_bytes()).to_string(),
        ));
    }
    let existing = request.headers().get("content-encoding").and_then(|v| v.to_str().ok());
    let compressed = compress_request_body(request.body(), existing, config.disable_request_compression(), min_size)
        .map_err(|e| ConstructionError::new(e.to_string()))?;
    if let Some(compressed) = compressed {
        let length = compressed.body.len().to_string();
        let headers = request.headers_mut();
        for (name, value) in [("content-encoding", compressed.content_encoding), ("content-length", length)] {
            let value = http::HeaderValue::from_str(&value)
                .map_err(|e| ConstructionError::new(format!("invalid {name}: {e}")))?;
            headers.insert(name, value);
        }
        *request.body_mut() = compressed.body;
    }
    Ok(())
}

/// `existing` (a `Content-Encoding` value) with `coding` appended after its codings.
fn append_encoding(existing: Option<&str>, coding: &str) -> String {
    match existing.map(|e| e.trim_matches([' ', '\t', ','])) {
        Some(existing) if !existing.is_empty() => format!("{existing}, {coding}"),
        _ => coding.to_string(),
    }
}

/// The CRC-32 of `data`: the checksum of gzip (RFC 1952 §8) and zlib's `crc32`, reflected
/// polynomial `0xedb88320`, initial value and final XOR `0xffffffff` (`"123456789"` →
/// `0xcbf43926`).
pub fn crc32(data: &[u8]) -> u32 {
    crc32_update(0, data)
}

/// Continues a CRC-32: `crc32_update(crc32(a), b) == crc32(a ++ b)`; `crc` is 0 to start.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    let mut crc = !crc;
    for &byte in data {
        crc = CRC32_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8);
    }
    !crc
}

/// The CRC-32 of each byte value, computed at compile time.
const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_a_complete_member() {
        let member = gzip(b"");
        assert_eq!(member[..10], GZIP_HEADER);
        assert_eq!(member[member.len() - 8..], [0; 8], "CRC-32 and length of nothing are 0");
    }

    #[test]
    fn encodings_are_appended() {
        assert_eq!(append_encoding(None, "gzip"), "gzip");
        assert_eq!(append_encoding(Some(""), "gzip"), "gzip");
        assert_eq!(append_encoding(Some(" "), "gzip"), "gzip");
        assert_eq!(append_encoding(Some("custom"), "gzip"), "custom, gzip");
        assert_eq!(append_encoding(Some("br, custom "), "gzip"), "br, custom, gzip");
    }
}
