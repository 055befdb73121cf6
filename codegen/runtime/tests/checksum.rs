//! MD5 and `Content-MD5` against the RFC 1321 test suite, the protocol compliance tests' value
//! and RustCrypto's `md-5` (a dev-dependency only), on every length up to 200 bytes and a few
//! large inputs. (CRC-32, gzip's checksum, is tested with compression.)

use ::md5 as rustcrypto_md5;
use runtime::checksum::{content_md5, md5, Md5};
use runtime::sigv4::hex;
use rustcrypto_md5::Digest as _;

/// RustCrypto's MD5 of `data`.
fn reference(data: &[u8]) -> [u8; 16] {
    let digest = rustcrypto_md5::Md5::digest(data);
    let mut out = [0u8; 16];
    out.copy_from_slice(digest.as_slice());
    out
}

/// Bytes that are not a repeated pattern of the block size (a simple LCG).
fn pseudo_random(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect()
}

#[test]
fn md5_rfc1321_test_suite() {
    // RFC 1321, appendix A.5.
    let suite = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a",
        ),
    ];
    for (input, expected) in suite {
        assert_eq!(hex(&md5(input.as_bytes())), expected, "MD5 ({input:?})");
    }
}

#[test]
fn content_md5_values() {
    // RFC 1864: the base64 of the 16-byte digest.
    assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    assert_eq!(content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
    // The restJson1 compliance test `RestJsonHttpChecksumRequired` (the JSON body as sent).
    assert_eq!(content_md5(br#"{"foo":"base64 encoded md5 checksum"}"#), "iB0/3YSo7maijL0IGOgA9g==");
}

#[test]
fn md5_matches_rustcrypto_on_every_length_to_200() {
    for len in 0..=200 {
        for (seed, data) in [(0, vec![b'a'; len]), (1, pseudo_random(len, len as u32)), (2, vec![0xff; len])] {
            assert_eq!(md5(&data), reference(&data), "{len} bytes, input {seed}");
        }
    }
}

#[test]
fn md5_matches_rustcrypto_on_large_inputs() {
    for len in [1_000, 4_095, 4_096, 65_536 + 55, 1 << 20, (1 << 20) + 63] {
        let data = pseudo_random(len, 7);
        assert_eq!(md5(&data), reference(&data), "{len} bytes");
    }
    // One million `a` (the classic long-message vector).
    assert_eq!(hex(&md5(&vec![b'a'; 1_000_000])), "7707d6ae4e027c70eea2a935c2296f21");
}

#[test]
fn md5_padding_boundaries_and_split_updates() {
    // Lengths around the 55/56-byte padding split and the 64-byte block, hashed whole, one byte
    // at a time, and in uneven pieces: always the reference digest.
    for len in [55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129] {
        let data = pseudo_random(len, 3);
        let expected = reference(&data);
        assert_eq!(md5(&data), expected, "{len} bytes");
        let mut hasher = Md5::default();
        for b in &data {
            hasher.update(std::slice::from_ref(b));
        }
        assert_eq!(hasher.finish(), expected, "{len} bytes, one at a time");
        let mut hasher = Md5::new();
        let mut rest = &data[..];
        for size in [1, 7, 63, 2, 64, 65].iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let take = (*size).min(rest.len());
            hasher.update(&rest[..take]);
            rest = &rest[take..];
        }
        assert_eq!(hasher.finish(), expected, "{len} bytes, in pieces");
    }
}

#[test]
fn md5_debug_shows_only_the_length() {
    let mut hasher = Md5::new();
    hasher.update(b"secret");
    assert_eq!(format!("{hasher:?}"), "Md5 { length: 6, .. }");
}
