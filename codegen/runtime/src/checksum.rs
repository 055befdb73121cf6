//! Checksums of request bodies: MD5 (RFC 1321) for the `Content-MD5` header that operations
//! with the `@httpChecksumRequired` trait send (RFC 1864: the base64 of the body's MD5 digest).
//!
//! Hand-written, like SHA-256 in `sigv4` and CRC-32 in `compression`: a few dozen lines, so a user of the
//! generated crate takes no extra dependency for them, and nothing here needs `unsafe`. MD5 is
//! used only as an integrity check the service asks for, never for security. The tests check
//! both against their specifications' vectors and against independent implementations.

use super::blob::base64_encode;
use super::client::ConstructionError;
use super::config::Config;
use std::fmt;

/// The `Content-MD5` value of `body` (RFC 1864): the base64 of its MD5 digest, padded
/// (`""` → `1B2M2Y8AsgTpgAmY7PhCfg==`).
pub fn content_md5(body: &[u8]) -> String {
    base64_encode(md5(body))
}

/// The request step of `@httpChecksumRequired` operations
/// ([`OperationInfo::before_signing`](super::client::OperationInfo::before_signing)):
/// `Content-MD5` of the body as sent (after any compression), unless the caller set one.
pub fn add_content_md5(_: &Config, request: &mut http::Request<Vec<u8>>) -> Result<(), ConstructionError> {
    if !request.headers().contains_key("content-md5") {
        let value = http::HeaderValue::from_str(&content_md5(request.body()))
            .map_err(|e| ConstructionError::new(format!("invalid content-md5: {e}")))?;
        request.headers_mut().insert("content-md5", value);
    }
    Ok(())
}

/// The MD5 digest (RFC 1321) of `data`.
pub fn md5(data: &[u8]) -> [u8; 16] {
    let mut hasher = Md5::new();
    hasher.update(data);
    hasher.finish()
}

/// An incremental MD5 hasher (RFC 1321).
#[derive(Clone)]
pub struct Md5 {
    state: [u32; 4],
    block: [u8; 64],
    filled: usize,
    length: u64,
}

impl fmt::Debug for Md5 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Md5").field("length", &self.length).finish_non_exhaustive()
    }
}

impl Default for Md5 {
    fn default() -> Self {
        Md5::new()
    }
}

/// The initial state: the words `A`, `B`, `C`, `D` of RFC 1321 §3.3.
const MD5_INITIAL_STATE: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];

/// The additive constants: `floor(abs(sin(i + 1)) × 2^32)` (RFC 1321 §3.4, table `T`).
const MD5_CONSTANTS: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
    0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
    0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
    0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
    0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
    0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
    0xeb86d391,
];

/// The left rotations of each round's four steps (RFC 1321 §3.4).
const MD5_SHIFTS: [[u32; 4]; 4] = [[7, 12, 17, 22], [5, 9, 14, 20], [4, 11, 16, 23], [6, 10, 15, 21]];

impl Md5 {
    /// A hasher that has hashed nothing yet.
    pub fn new() -> Self {
        Md5 { state: MD5_INITIAL_STATE, block: [0; 64], filled: 0, length: 0 }
    }

    /// Hashes `data` after what was hashed before.
    pub fn update(&mut self, mut data: &[u8]) {
        self.length = self.length.wrapping_add(data.len() as u64);
        if self.filled > 0 {
            let take = (64 - self.filled).min(data.len());
            self.block[self.filled..self.filled + take].copy_from_slice(&data[..take]);
            self.filled += take;
            data = &data[take..];
            if self.filled < 64 {
                return;
            }
            let block = self.block;
            md5_compress(&mut self.state, &block);
            self.filled = 0;
        }
        let mut blocks = data.chunks_exact(64);
        for block in &mut blocks {
            let mut full = [0u8; 64];
            full.copy_from_slice(block);
            md5_compress(&mut self.state, &full);
        }
        let rest = blocks.remainder();
        self.block[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// The digest of everything hashed.
    pub fn finish(mut self) -> [u8; 16] {
        const PADDING: [u8; 64] = {
            let mut padding = [0u8; 64];
            padding[0] = 0x80;
            padding
        };
        let bit_length = self.length.wrapping_mul(8);
        // A 1 bit, zeros up to 56 bytes into a block, then the length in bits, low byte first.
        let pad = if self.filled < 56 { 56 - self.filled } else { 120 - self.filled };
        self.update(&PADDING[..pad]);
        self.update(&bit_length.to_le_bytes());
        let mut out = [0u8; 16];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        out
    }
}

/// The MD5 compression function: mixes one 64-byte block into `state` (RFC 1321 §3.4).
fn md5_compress(state: &mut [u32; 4], block: &[u8; 64]) {
    let mut x = [0u32; 16];
    for (word, bytes) in x.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    let [mut a, mut b, mut c, mut d] = *state;
    for (i, k) in MD5_CONSTANTS.iter().enumerate() {
        let round = i / 16;
        // The round's function of B, C, D, and which word of the block the step takes.
        let (f, g) = match round {
            0 => ((b & c) | (!b & d), i),
            1 => ((b & d) | (c & !d), (5 * i + 1) % 16),
            2 => (b ^ c ^ d, (3 * i + 5) % 16),
            _ => (c ^ (b | !d), (7 * i) % 16),
        };
        let sum = a.wrapping_add(f).wrapping_add(*k).wrapping_add(x[g]);
        a = d;
        d = c;
        c = b;
        b = b.wrapping_add(sum.rotate_left(MD5_SHIFTS[round][i % 4]));
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d]) {
        *s = s.wrapping_add(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_of_abc() {
        assert_eq!(super::super::sigv4::hex(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn content_md5_of_empty_body() {
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }
}
