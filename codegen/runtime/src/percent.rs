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

/// Whether `b` is sent as it is.
fn is_kept(b: u8, keep_slash: bool) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/')
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
