//! Percent-encoding of every byte but RFC 3986's unreserved characters `A-Z a-z 0-9 - . _ ~`
//! (section 2.3), as `%XX` with uppercase hex (section 2.1). One rule for SigV4's `UriEncode`
//! (the AWS documentation's "Create a canonical request"), the endpoint rules' `uriEncode`
//! (rules-engine standard library) and Smithy's `httpLabel` and `httpQuery` values
//! (http-bindings.rst, "Serialization rules"); a greedy label also keeps `/`.

/// `value` encoded; `keep_slash` leaves `/` as it is.
pub fn encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(encoded_len(value, keep_slash));
    push_encoded(&mut out, value, keep_slash);
    out
}

/// Whether `b` is sent as it is: one table load per byte rather than a chain of range tests
/// (labels such as ARNs run to hundreds of bytes, and SigV4 encodes each path again).
#[inline]
fn is_kept(b: u8, keep_slash: bool) -> bool {
    /// Bit 0: unreserved. Bit 1: unreserved, or `/` (for a greedy label).
    const KEPT: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let unreserved = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'-' | b'.' | b'_' | b'~');
            table[b] = if unreserved { 0b11 } else if b as u8 == b'/' { 0b10 } else { 0 };
            b += 1;
        }
        table
    };
    KEPT[usize::from(b)] & (1 << u8::from(keep_slash)) != 0
}

/// The length of [`encode`]'s result, so that a buffer is sized before it is written.
pub fn encoded_len(value: &str, keep_slash: bool) -> usize {
    value.bytes().map(|b| if is_kept(b, keep_slash) { 1 } else { 3 }).sum()
}

/// Appends [`encode`]'s result to `out`, with no buffer of its own.
pub fn push_encoded(out: &mut String, value: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Runs of kept bytes are copied at once; each other byte becomes `%XX`.
    let mut kept = 0;
    for (i, &b) in value.as_bytes().iter().enumerate() {
        if is_kept(b, keep_slash) {
            continue;
        }
        // A run is ASCII, so both its ends are character boundaries (an empty "run" between
        // the bytes of one character is not).
        if kept < i {
            out.push_str(&value[kept..i]);
        }
        for c in [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]] {
            out.push(char::from(c));
        }
        kept = i + 1;
    }
    out.push_str(&value[kept..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_keeps_exactly_the_unreserved_characters() {
        // RFC 3986 section 2.3, written out rather than derived as the table is.
        const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        for b in 0..=255u8 {
            assert_eq!(is_kept(b, false), UNRESERVED.contains(&b), "{b:#04x}");
            assert_eq!(is_kept(b, true), UNRESERVED.contains(&b) || b == b'/', "{b:#04x} in a greedy label");
        }
        assert_eq!(encode("a/b:c~d", false), "a%2Fb%3Ac~d");
        assert_eq!(encode("a/b:c~d", true), "a/b%3Ac~d");
    }
}
