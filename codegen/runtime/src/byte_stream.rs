//! The body of a `@streaming` blob member (streaming.rst): what an operation sends or receives
//! as its whole HTTP payload.
//!
//! Today a `ByteStream` holds the body in memory: the transports read and write whole bodies.
//! Its API is the one a streaming body keeps (build it from bytes, read it back), so streaming
//! through the transports can come without changing code that uses it.

use std::fmt;

/// A streaming payload, held in memory.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ByteStream {
    bytes: Vec<u8>,
}

impl ByteStream {
    /// A body of these bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        ByteStream { bytes: bytes.into() }
    }

    /// The bytes of the body.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The body's bytes, taken.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The length of the body in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream { bytes }
    }
}

impl From<&[u8]> for ByteStream {
    fn from(bytes: &[u8]) -> Self {
        ByteStream { bytes: bytes.to_vec() }
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        ByteStream { bytes: text.into_bytes() }
    }
}

impl From<&str> for ByteStream {
    fn from(text: &str) -> Self {
        ByteStream { bytes: text.as_bytes().to_vec() }
    }
}

impl AsRef<[u8]> for ByteStream {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

/// Only the length: a body may be large, or sensitive.
impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ByteStream({} bytes)", self.bytes.len())
    }
}

/// With the `serde` feature: the bytes as a padded standard base64 string, like a blob's.
#[cfg(feature = "serde")]
impl serde::Serialize for ByteStream {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::blob::base64_encode(&self.bytes))
    }
}

/// With the `serde` feature: a base64 string.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ByteStream {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        super::blob::base64_decode(text).map(ByteStream::from).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::ByteStream;

    #[test]
    fn holds_and_returns_its_bytes() {
        let body = ByteStream::from("blobby blob blob");
        assert_eq!(body.as_bytes(), b"blobby blob blob");
        assert_eq!(body.len(), 16);
        assert_eq!(format!("{body:?}"), "ByteStream(16 bytes)");
        assert_eq!(body.clone().into_bytes(), b"blobby blob blob".to_vec());
        assert!(ByteStream::default().is_empty());
        assert_eq!(ByteStream::new(vec![1, 2]), ByteStream::from(&[1u8, 2][..]));
    }
}
