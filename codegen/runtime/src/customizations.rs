//! Run-time help for the service customizations the generator applies by service id
//! (`codegen/src/plan/customizations.rs`).

use super::crypto::sha256;
use super::sigv4::hex;

/// The size of a Glacier tree-hash leaf: 1 MiB.
const GLACIER_CHUNK: usize = 1024 * 1024;

/// Amazon Glacier's SHA-256 tree hash of a payload, in hex: the SHA-256 of each 1 MiB chunk,
/// then of each pair of hashes, level by level (an odd one out moves up as it is), to one
/// (Glacier developer guide, "Computing Checksums"). An empty payload hashes as one empty chunk.
pub fn glacier_tree_hash(payload: &[u8]) -> String {
    let mut level: Vec<[u8; 32]> = if payload.is_empty() {
        vec![sha256(&[])]
    } else {
        payload.chunks(GLACIER_CHUNK).map(sha256).collect()
    };
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => {
                    let mut joined = [0u8; 64];
                    joined[..32].copy_from_slice(a);
                    joined[32..].copy_from_slice(b);
                    sha256(&joined)
                }
                [one] => *one,
                _ => unreachable!("chunks(2) yields one or two"),
            })
            .collect();
    }
    hex(&level[0])
}

/// The hex SHA-256 of a payload (`X-Amz-Content-Sha256`).
pub fn sha256_hex(payload: &[u8]) -> String {
    hex(&sha256(payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_payloads_hash_as_their_sha256() {
        // The GlacierChecksums compliance case: SHA-256 of "hello world".
        let expected = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(glacier_tree_hash(b"hello world"), expected);
        assert_eq!(sha256_hex(b"hello world"), expected);
    }

    #[test]
    fn larger_payloads_combine_pairs_level_by_level() {
        let payload: Vec<u8> = (0..3 * GLACIER_CHUNK + 5).map(|i| (i % 251) as u8).collect();
        let leaves: Vec<[u8; 32]> = payload.chunks(GLACIER_CHUNK).map(sha256).collect();
        assert_eq!(leaves.len(), 4);
        let pair = |a: &[u8; 32], b: &[u8; 32]| sha256(&[a.as_slice(), b.as_slice()].concat());
        let expected = pair(&pair(&leaves[0], &leaves[1]), &pair(&leaves[2], &leaves[3]));
        assert_eq!(glacier_tree_hash(&payload), hex(&expected));
        // Three leaves: the third moves up unpaired.
        let three = &payload[..2 * GLACIER_CHUNK + 1];
        let l: Vec<[u8; 32]> = three.chunks(GLACIER_CHUNK).map(sha256).collect();
        assert_eq!(glacier_tree_hash(three), hex(&pair(&pair(&l[0], &l[1]), &l[2])));
    }
}
