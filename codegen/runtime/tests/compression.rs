//! Request compression (feature `request-compression`): our gzip members are read back by
//! another implementation (`flate2` on zlib-rs, a dev-dependency only), which checks the header,
//! the DEFLATE stream, the CRC-32 and the length; the rules of `compress_request_body`; and
//! CRC-32 against its check value, known answers and zlib-rs (through `flate2`).
#![cfg(feature = "request-compression")]

use runtime::compression::{
    compress_request_body, crc32, crc32_update, gzip, CompressedBody, CompressionError, DEFAULT_MIN_COMPRESSION_SIZE_BYTES,
    MAX_MIN_COMPRESSION_SIZE_BYTES,
};
use runtime::config::Config;
use std::io::Read;

/// The contents of a gzip stream, by flate2 (which fails on a bad CRC-32 or length).
fn gunzip(member: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(member).read_to_end(&mut out).expect("a valid gzip member");
    out
}

/// Bytes that are not a repeated pattern (a simple LCG), so they barely compress.
fn pseudo_random(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect()
}

/// Text that compresses well.
fn text(len: usize) -> Vec<u8> {
    b"{\"Namespace\":\"App\",\"MetricData\":[{\"MetricName\":\"Latency\",\"Value\":42}]}"
        .iter()
        .copied()
        .cycle()
        .take(len)
        .collect()
}

#[test]
fn round_trips_through_another_implementation() {
    let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), b"a".to_vec(), b"hello, gzip".to_vec()];
    for len in [63, 64, 65, 1_000, 32_768, 65_536, 100_000] {
        inputs.push(pseudo_random(len, len as u32));
        inputs.push(text(len));
    }
    inputs.push(vec![0; 1 << 20]);
    inputs.push(pseudo_random(3 << 20, 9));
    for input in inputs {
        let member = gzip(&input);
        assert_eq!(gunzip(&member), input, "{} bytes", input.len());
    }
}

#[test]
fn member_layout() {
    let input = text(10_000);
    let member = gzip(&input);
    // Header: magic, deflate, no flags, no time, no extra flags, OS unknown.
    assert_eq!(member[..10], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    // Trailer: CRC-32 and length, little-endian.
    let trailer = &member[member.len() - 8..];
    assert_eq!(trailer[..4], crc32(&input).to_le_bytes());
    assert_eq!(trailer[4..], 10_000u32.to_le_bytes());
    // Repetitive text shrinks; compressing is deterministic.
    assert!(member.len() < input.len() / 10, "{} bytes", member.len());
    assert_eq!(gzip(&input), member);
    // The empty input: header, an empty final block, and a zero CRC and length.
    let empty = gzip(b"");
    assert_eq!(empty[empty.len() - 8..], [0; 8]);
    assert_eq!(gunzip(&empty), b"");
}

#[test]
fn a_corrupted_member_is_rejected_by_the_reader() {
    // The reader does check what we write: a wrong CRC-32 or length fails.
    let member = gzip(b"checked");
    for at in [member.len() - 8, member.len() - 1] {
        let mut bad = member.clone();
        bad[at] ^= 1;
        let mut out = Vec::new();
        assert!(flate2::read::GzDecoder::new(&bad[..]).read_to_end(&mut out).is_err(), "byte {at} flipped");
    }
}

fn compressed(body: &[u8], existing: Option<&str>, disabled: bool, min: u32) -> Option<CompressedBody> {
    compress_request_body(body, existing, disabled, min).expect("a valid minimum size")
}

#[test]
fn threshold_boundaries() {
    let min = DEFAULT_MIN_COMPRESSION_SIZE_BYTES;
    assert_eq!(min, 10_240);
    let below = text(min as usize - 1);
    let at = text(min as usize);
    let above = text(min as usize + 1);
    assert_eq!(compressed(&below, None, false, min), None, "one byte short");
    for body in [at, above] {
        let out = compressed(&body, None, false, min).expect("compressed");
        assert_eq!(out.content_encoding, "gzip");
        assert_eq!(gunzip(&out.body), body);
    }
    // A minimum of 0 compresses everything, the empty body too (as for a streaming body).
    let out = compressed(b"", None, false, 0).expect("compressed");
    assert_eq!(gunzip(&out.body), b"");
    assert_eq!(compressed(b"x", None, false, 2), None);
    assert!(compressed(b"xy", None, false, 2).is_some());
}

#[test]
fn the_minimum_size_range() {
    let max = MAX_MIN_COMPRESSION_SIZE_BYTES;
    assert_eq!(max, 10_485_760);
    // The largest allowed minimum is accepted (the body is shorter, so it is not compressed)...
    assert_eq!(compress_request_body(b"small", None, false, max), Ok(None));
    let big = vec![b'z'; max as usize];
    assert!(compressed(&big, None, false, max).is_some(), "a body of exactly the maximum");
    // ...one more is an error, whether compression is on or off.
    for disabled in [false, true] {
        let err = compress_request_body(b"body", None, disabled, max + 1).unwrap_err();
        assert_eq!(err, CompressionError::MinSizeOutOfRange(max + 1));
        assert!(err.to_string().contains("10485760"), "{err}");
    }
    assert!(compress_request_body(b"body", None, false, u32::MAX).is_err());
}

#[test]
fn the_disable_switch() {
    let body = text(50_000);
    assert_eq!(compressed(&body, None, true, 0), None);
    assert_eq!(compressed(&body, Some("custom"), true, 0), None);
    assert!(compressed(&body, None, false, 0).is_some());
}

#[test]
fn existing_encodings_come_first() {
    let body = text(20_000);
    let cases = [
        (None, "gzip"),
        (Some(""), "gzip"),
        (Some("  "), "gzip"),
        (Some("custom"), "custom, gzip"),
        (Some("br"), "br, gzip"),
        (Some("br, custom"), "br, custom, gzip"),
        (Some(" custom "), "custom, gzip"),
        // Already gzip-encoded content is compressed again and says so (RFC 9110 §8.4).
        (Some("gzip"), "gzip, gzip"),
    ];
    for (existing, expected) in cases {
        let out = compressed(&body, existing, false, DEFAULT_MIN_COMPRESSION_SIZE_BYTES).expect("compressed");
        assert_eq!(out.content_encoding, expected, "{existing:?}");
        assert_eq!(gunzip(&out.body), body);
    }
}

#[test]
fn with_the_settings_of_a_config() {
    let defaults = Config::builder().build();
    assert!(!defaults.disable_request_compression());
    assert_eq!(defaults.request_min_compression_size_bytes(), DEFAULT_MIN_COMPRESSION_SIZE_BYTES);
    let config = Config::builder().request_min_compression_size_bytes(100).build();
    let body = text(100);
    let out = compress_request_body(
        &body,
        None,
        config.disable_request_compression(),
        config.request_min_compression_size_bytes(),
    )
    .unwrap()
    .expect("compressed");
    assert_eq!(gunzip(&out.body), body);
    let config = Config::builder().disable_request_compression(true).request_min_compression_size_bytes(0).build();
    assert!(config.disable_request_compression());
    let out = compress_request_body(
        &body,
        None,
        config.disable_request_compression(),
        config.request_min_compression_size_bytes(),
    );
    assert_eq!(out, Ok(None));
}

#[test]
fn crc32_known_answers() {
    // The CRC-32/ISO-HDLC check value, and values zlib's `crc32` gives.
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32(b"a"), 0xe8b7_be43);
    assert_eq!(crc32(b"abc"), 0x3524_41c2);
    assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414f_a339);
    assert_eq!(crc32(&[0u8; 32]), 0x190a_55ad);
    assert_eq!(crc32(&[0xffu8; 32]), 0xff6c_ab0b);
}

#[test]
fn crc32_continues() {
    let data = pseudo_random(1000, 11);
    for split in [0, 1, 64, 500, 999, 1000] {
        let (a, b) = data.split_at(split);
        assert_eq!(crc32_update(crc32(a), b), crc32(&data), "split at {split}");
    }
}

#[test]
fn crc32_matches_zlib_rs() {
    // flate2's CRC on the zlib-rs backend: another implementation.
    for len in (0..=200).chain([4_096, 100_000]) {
        let data = pseudo_random(len, len as u32 + 5);
        let mut reference = flate2::Crc::new();
        reference.update(&data);
        assert_eq!(crc32(&data), reference.sum(), "{len} bytes");
    }
}
