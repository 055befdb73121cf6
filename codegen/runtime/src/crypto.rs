//! SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) for SigV4 and payload hashes.
//!
//! With a transport compiled in (`rt-tokio`, `blocking`), rustls has built `ring` already: its
//! digest and HMAC, with the CPU's SHA extensions where there are some, do the work. Without
//! one, the portable code below does. Both have the same API ([`Sha256`], [`sha256`],
//! [`HmacKey`], [`hmac_sha256`]).

#[cfg(not(any(feature = "rt-tokio", feature = "blocking")))]
pub use portable::{sha256, HmacKey, Sha256};
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
pub use provided::{sha256, HmacKey, Sha256};

/// HMAC-SHA256 of `data` under `key`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    HmacKey::new(key).sign(data)
}

/// The TLS provider's SHA-256 and HMAC-SHA256.
#[cfg(any(feature = "rt-tokio", feature = "blocking"))]
pub mod provided {
    // aws-lc-rs mirrors ring's `digest` and `hmac` modules: another provider is this one line.
    use ring as provider;
    use provider::{digest, hmac};
    use std::fmt;

    fn array(bytes: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        // Both SHA-256 digests and HMAC-SHA256 tags are 32 bytes.
        out.copy_from_slice(bytes);
        out
    }

    /// The SHA-256 digest of `data`.
    pub fn sha256(data: &[u8]) -> [u8; 32] {
        array(digest::digest(&digest::SHA256, data).as_ref())
    }

    /// An incremental SHA-256 hasher.
    #[derive(Clone)]
    pub struct Sha256(digest::Context);

    impl fmt::Debug for Sha256 {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("Sha256(..)")
        }
    }

    impl Default for Sha256 {
        fn default() -> Self {
            Sha256::new()
        }
    }

    impl Sha256 {
        /// A hasher that has hashed nothing yet.
        pub fn new() -> Self {
            Sha256(digest::Context::new(&digest::SHA256))
        }

        /// Hashes `data` after what was hashed before.
        pub fn update(&mut self, data: &[u8]) {
            self.0.update(data);
        }

        /// The digest of everything hashed.
        pub fn finish(self) -> [u8; 32] {
            array(self.0.finish().as_ref())
        }
    }

    /// An HMAC-SHA256 key, ready to sign with.
    #[derive(Clone)]
    pub struct HmacKey(hmac::Key);

    impl fmt::Debug for HmacKey {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("HmacKey(..)")
        }
    }

    impl HmacKey {
        /// The key `key`.
        pub fn new(key: &[u8]) -> Self {
            HmacKey(hmac::Key::new(hmac::HMAC_SHA256, key))
        }

        /// The MAC of `data`.
        pub fn sign(&self, data: &[u8]) -> [u8; 32] {
            array(hmac::sign(&self.0, data).as_ref())
        }
    }
}

/// The portable SHA-256 and HMAC-SHA256, for builds without a transport (and the tests, which
/// check the provider's against them).
#[cfg(any(test, not(any(feature = "rt-tokio", feature = "blocking"))))]
pub mod portable {
    use std::fmt;

    /// The SHA-256 digest (FIPS 180-4) of `data`.
    pub fn sha256(data: &[u8]) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(data);
        hasher.finish()
    }

    /// An incremental SHA-256 hasher (FIPS 180-4).
    #[derive(Clone)]
    pub struct Sha256 {
        state: [u32; 8],
        block: [u8; 64],
        filled: usize,
        length: u64,
    }

    impl fmt::Debug for Sha256 {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            // The state can derive from an HMAC key: show only how much was hashed.
            f.debug_struct("Sha256")
                .field("length", &self.length)
                .finish_non_exhaustive()
        }
    }

    impl Default for Sha256 {
        fn default() -> Self {
            Sha256::new()
        }
    }

    /// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
    const INITIAL_STATE: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    const ROUND_CONSTANTS: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];

    impl Sha256 {
        /// A hasher that has hashed nothing yet.
        pub fn new() -> Self {
            Sha256 {
                state: INITIAL_STATE,
                block: [0; 64],
                filled: 0,
                length: 0,
            }
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
                compress(&mut self.state, &block);
                self.filled = 0;
            }
            let mut blocks = data.chunks_exact(64);
            for block in &mut blocks {
                let mut full = [0u8; 64];
                full.copy_from_slice(block);
                compress(&mut self.state, &full);
            }
            let rest = blocks.remainder();
            self.block[..rest.len()].copy_from_slice(rest);
            self.filled = rest.len();
        }

        /// The digest of everything hashed.
        pub fn finish(mut self) -> [u8; 32] {
            const PADDING: [u8; 64] = {
                let mut padding = [0u8; 64];
                padding[0] = 0x80;
                padding
            };
            let bit_length = self.length.wrapping_mul(8);
            // A 1 bit, zeros up to 56 bytes into a block, then the message length in bits.
            let pad = if self.filled < 56 {
                56 - self.filled
            } else {
                120 - self.filled
            };
            self.update(&PADDING[..pad]);
            self.update(&bit_length.to_be_bytes());
            let mut out = [0u8; 32];
            for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
                chunk.copy_from_slice(&word.to_be_bytes());
            }
            out
        }
    }

    /// The SHA-256 compression function: mixes one 64-byte block into `state`.
    fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
        let mut w = [0u32; 64];
        for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
            *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        for (k, w) in ROUND_CONSTANTS.iter().zip(w) {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let choice = (e & f) ^ (!e & g);
            let t1 = h.wrapping_add(s1).wrapping_add(choice).wrapping_add(*k).wrapping_add(w);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let majority = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(majority);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *s = s.wrapping_add(v);
        }
    }

    /// An HMAC-SHA256 key (RFC 2104, section 2): the hash states after the inner and the outer
    /// padded key, so that each MAC under it hashes only the data and the inner digest.
    #[derive(Clone)]
    pub struct HmacKey {
        inner: Sha256,
        outer: Sha256,
    }

    impl fmt::Debug for HmacKey {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("HmacKey(..)")
        }
    }

    impl HmacKey {
        /// The key `key` (hashed first when longer than the 64-byte block).
        pub fn new(key: &[u8]) -> Self {
            let mut block = [0u8; 64];
            if key.len() > 64 {
                block[..32].copy_from_slice(&sha256(key));
            } else {
                block[..key.len()].copy_from_slice(key);
            }
            let mut inner = Sha256::new();
            inner.update(&block.map(|b| b ^ 0x36));
            let mut outer = Sha256::new();
            outer.update(&block.map(|b| b ^ 0x5c));
            HmacKey { inner, outer }
        }

        /// The MAC of `data`.
        pub fn sign(&self, data: &[u8]) -> [u8; 32] {
            let mut inner = self.inner.clone();
            inner.update(data);
            let mut outer = self.outer.clone();
            outer.update(&inner.finish());
            outer.finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::portable;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn fips_180_4_and_rfc_4231_vectors() {
        // FIPS 180-4 examples ("abc", the 448-bit message) and RFC 4231 test case 2.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(hex(&super::sha256(b"abc")), abc);
        assert_eq!(hex(&portable::sha256(b"abc")), abc);
        let two_blocks = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        let expected = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        assert_eq!(hex(&super::sha256(two_blocks)), expected);
        assert_eq!(hex(&portable::sha256(two_blocks)), expected);
        let mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assert_eq!(hex(&super::hmac_sha256(b"Jefe", b"what do ya want for nothing?")), mac);
        assert_eq!(hex(&portable::HmacKey::new(b"Jefe").sign(b"what do ya want for nothing?")), mac);
    }

    #[test]
    fn the_compiled_in_code_agrees_with_the_portable_code() {
        // Every length across the padding and block boundaries, keys shorter, as long as and
        // longer than a block, and the incremental hashers fed in uneven pieces.
        let data: Vec<u8> = (0..300u32).map(|i| (i.wrapping_mul(31) ^ (i >> 3)) as u8).collect();
        for len in 0..data.len() {
            let message = &data[..len];
            assert_eq!(super::sha256(message), portable::sha256(message), "{len} bytes");
            let mut ours = super::Sha256::new();
            let mut theirs = portable::Sha256::new();
            for piece in message.chunks(len % 7 + 1) {
                ours.update(piece);
                theirs.update(piece);
            }
            assert_eq!(ours.finish(), theirs.finish(), "{len} bytes in pieces");
        }
        for key_len in [0, 1, 20, 32, 63, 64, 65, 131] {
            let key = &data[100..100 + key_len];
            let (ours, theirs) = (super::HmacKey::new(key), portable::HmacKey::new(key));
            for len in [0, 1, 55, 56, 64, 119, 200] {
                assert_eq!(ours.sign(&data[..len]), theirs.sign(&data[..len]), "key {key_len}, data {len}");
            }
        }
    }
}
