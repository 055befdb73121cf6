//! Binary data (the Smithy `blob` type) and the base64 encoding the JSON protocols use for it.
//!
//! Base64 follows RFC 4648 §4: the standard alphabet (`A-Z a-z 0-9 + /`) with `=` padding.
//!
//! * [`base64_encode`] always writes padded output: `"binary-value"` → `YmluYXJ5LXZhbHVl`.
//! * [`base64_decode`] accepts padded input (what AWS services send) and, leniently, input whose
//!   padding was left off entirely (`YQ` as well as `YQ==`), since that is unambiguous. It
//!   rejects everything else with a [`Base64DecodeError`]: characters outside the standard
//!   alphabet (including the URL-safe `-`/`_`, whitespace and line breaks), `=` anywhere but at
//!   the end, partial padding (`YQ=`), a length that cannot come from an encoder (one leftover
//!   character), and non-canonical encodings whose unused trailing bits are not zero (`YR==`),
//!   so that every byte string has exactly one accepted encoding per padding style.

use std::fmt;

/// Encodes bytes as base64 with the RFC 4648 standard alphabet and `=` padding.
pub use super::base64::encode as base64_encode;

/// Binary data: an owned byte buffer (Smithy `blob`).
///
/// `Debug` prints the bytes as base64 (`Blob("YmluYXJ5LXZhbHVl")`).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Blob {
    inner: Vec<u8>,
}

impl Blob {
    /// Creates a blob from anything convertible into a byte vector.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob {
            inner: bytes.into(),
        }
    }

    /// Returns the bytes as a vector, consuming the blob.
    pub fn into_inner(self) -> Vec<u8> {
        self.inner
    }

    /// Encodes the bytes as padded standard base64, as the JSON protocols send blobs.
    pub fn to_base64(&self) -> String {
        base64_encode(&self.inner)
    }

    /// Decodes base64 text into a blob (see [`base64_decode`] for what is accepted).
    pub fn from_base64(text: impl AsRef<[u8]>) -> Result<Self, Base64DecodeError> {
        base64_decode(text).map(Blob::new)
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.inner
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob::new(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob::new(bytes)
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.inner
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({:?})", base64_encode(&self.inner))
    }
}

/// With the `serde` feature: a padded standard base64 string (`"YmluYXJ5LXZhbHVl"`), as the JSON
/// protocols send blobs.
#[cfg(feature = "serde")]
impl serde::Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64_encode(&self.inner))
    }
}

/// With the `serde` feature: a base64 string, as [`base64_decode`] accepts it.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        Blob::from_base64(text).map_err(serde::de::Error::custom)
    }
}

/// Error returned by [`base64_decode`] for text that is not valid base64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base64DecodeError {
    offset: usize,
    reason: &'static str,
}

impl Base64DecodeError {
    /// Byte offset in the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Short description of the problem.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for Base64DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64 at byte {}: {}", self.offset, self.reason)
    }
}

impl std::error::Error for Base64DecodeError {}

/// Maps one base64 character to its 6-bit value.
fn sextet_value(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes standard-alphabet base64, padded or entirely unpadded (see the module docs).
pub fn base64_decode(text: impl AsRef<[u8]>) -> Result<Vec<u8>, Base64DecodeError> {
    let input = text.as_ref();
    let padding = input
        .iter()
        .rev()
        .take(2)
        .take_while(|&&b| b == b'=')
        .count();
    let data = &input[..input.len() - padding];
    if let Some(offset) = data.iter().position(|&b| sextet_value(b).is_none()) {
        return Err(Base64DecodeError {
            offset,
            reason: if data[offset] == b'=' {
                "padding `=` is only allowed at the end"
            } else {
                "character outside the standard base64 alphabet"
            },
        });
    }
    if padding > 0 && input.len() % 4 != 0 {
        return Err(Base64DecodeError {
            offset: data.len(),
            reason: "padding must complete a group of four characters",
        });
    }
    if data.len() % 4 == 1 {
        return Err(Base64DecodeError {
            offset: data.len() - 1,
            reason: "a single leftover character cannot encode a byte",
        });
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    for (index, chunk) in data.chunks(4).enumerate() {
        let group = chunk.iter().fold(0u32, |group, &byte| {
            // Every byte was validated above; `unwrap_or` only avoids a panic path.
            (group << 6) | u32::from(sextet_value(byte).unwrap_or(0))
        });
        // Left-align a short final group as if it had been padded with zero sextets.
        let group = group << (6 * (4 - chunk.len() as u32));
        let [_, b0, b1, b2] = group.to_be_bytes();
        let produced: &[u8] = match chunk.len() {
            4 => &[b0, b1, b2],
            3 => &[b0, b1],
            _ => &[b0],
        };
        let unused_bits_set = match chunk.len() {
            3 => b2 != 0,
            2 => b1 != 0 || b2 != 0,
            _ => false,
        };
        if unused_bits_set {
            return Err(Base64DecodeError {
                offset: index * 4 + chunk.len() - 1,
                reason: "non-canonical encoding: unused trailing bits are not zero",
            });
        }
        out.extend_from_slice(produced);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_rfc4648_test_vectors() {
        // RFC 4648 §10.
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64_encode(plain), encoded);
            assert_eq!(base64_decode(encoded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn encodes_protocol_test_value() {
        // awsJson1_1 compliance test `serializes_blob_shapes` (kitchen-sink.smithy):
        // "binary-value" -> "YmluYXJ5LXZhbHVl"
        let blob = Blob::new("binary-value");
        assert_eq!(blob.to_base64(), "YmluYXJ5LXZhbHVl");
        assert_eq!(Blob::from_base64("YmluYXJ5LXZhbHVl").unwrap(), blob);
        assert_eq!(format!("{blob:?}"), "Blob(\"YmluYXJ5LXZhbHVl\")");
    }

    #[test]
    fn uses_plus_and_slash() {
        assert_eq!(base64_encode([0xFB, 0xFF, 0xBF]), "+/+/");
        assert_eq!(base64_decode("+/+/").unwrap(), [0xFB, 0xFF, 0xBF]);
        assert_eq!(base64_encode([0xFF]), "/w==");
    }

    #[test]
    fn accepts_missing_padding() {
        assert_eq!(base64_decode("Zg").unwrap(), b"f");
        assert_eq!(base64_decode("Zm8").unwrap(), b"fo");
        assert_eq!(base64_decode("Zm9vYg").unwrap(), b"foob");
    }

    #[test]
    fn rejects_invalid_input() {
        let cases: [(&str, usize); 14] = [
            ("Z", 0),          // one leftover character
            ("Zm9vY", 4),      // one leftover character after a full group
            ("Zg=", 2),        // partial padding
            ("Zg===", 2),      // too much padding: third `=` seen as data
            ("=", 0),          // padding without data
            ("Zm=v", 2),       // padding in the middle
            ("Zm9v\nYmFy", 4), // line break
            ("Zm9v YmFy", 4),  // space
            ("Zm9-", 3),       // URL-safe alphabet
            ("Zm9_", 3),
            ("Zh==", 1),          // non-canonical: trailing bits set
            ("Zm9=", 2),          // non-canonical
            ("Zm9vYmF\u{e9}", 7), // non-ASCII
            ("Zm9vYh", 5),        // non-canonical, unpadded
        ];
        for (text, offset) in cases {
            let err = base64_decode(text).unwrap_err();
            assert_eq!(err.offset(), offset, "{text:?}: {err}");
            assert!(err.to_string().starts_with("invalid base64 at byte"));
        }
        assert_eq!(
            base64_decode("Zm=v").unwrap_err().reason(),
            "padding `=` is only allowed at the end"
        );
    }

    #[test]
    fn round_trips_every_length_and_byte() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for len in 0..bytes.len() {
            let slice = &bytes[len..];
            let encoded = base64_encode(slice);
            assert_eq!(encoded.len() % 4, 0);
            assert_eq!(base64_decode(&encoded).unwrap(), slice);
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(base64_decode(unpadded).unwrap(), slice);
        }
    }

    #[test]
    fn blob_conversions() {
        let blob = Blob::from(vec![1u8, 2, 3]);
        assert_eq!(blob.as_ref(), &[1, 2, 3]);
        assert_eq!(Blob::from(&[1u8, 2, 3][..]), blob);
        assert_eq!(Vec::from(blob.clone()), vec![1, 2, 3]);
        assert_eq!(blob.into_inner(), vec![1, 2, 3]);
        assert_eq!(Blob::default().as_ref(), b"");
        assert_eq!(format!("{:?}", Blob::default()), "Blob(\"\")");
    }

    #[test]
    fn never_panics_on_prefixes_or_random_input() {
        for sample in ["YmluYXJ5LXZhbHVl", "Zm9vYmE=", "Zg==", "+/+/=="] {
            for end in 0..=sample.len() {
                let _ = base64_decode(&sample[..end]);
            }
        }
        let alphabet = b"AZaz09+/=-_ \n\xff";
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..50_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 10) as usize;
            let mut s = state;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let byte = alphabet[(s % alphabet.len() as u64) as usize];
                    s /= alphabet.len() as u64;
                    byte
                })
                .collect();
            if let Ok(decoded) = base64_decode(&bytes) {
                // Whatever is accepted re-encodes to the same text, modulo padding.
                let reencoded = base64_encode(&decoded);
                let text = String::from_utf8(bytes).unwrap();
                assert_eq!(reencoded.trim_end_matches('='), text.trim_end_matches('='));
            }
        }
    }
}
