//! A fast hasher for the ties' maps, rebuilt on every edit: their keys are
//! account codes, folded names and subjects of a few dozen bytes, for which
//! std's SipHash cost more than the lookups themselves. Not resistant to
//! crafted collisions: a draft that makes its names collide slows its own
//! ties, it cannot make the analysis wrong.

use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The multiplicative hash of rustc (FxHash): each word rotated into the
/// state and multiplied by an odd constant.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            // The length too, so that trailing zero bytes count.
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn write_isize(&mut self, i: isize) {
        self.add(i as u64);
    }

    /// The high bits moved down: the table picks its bucket by the low
    /// ones, which the last multiplication mixes least.
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(bytes: &[u8]) -> u64 {
        let mut h = FastHasher::default();
        h.write(bytes);
        h.finish()
    }

    #[test]
    fn bytes_and_lengths_hash_apart() {
        assert_ne!(hash(b"2080505"), hash(b"2080506"));
        assert_ne!(hash(b"a"), hash(b"a\0"));
        assert_ne!(hash("住房保障".as_bytes()), hash("住房改革".as_bytes()));
        let mut map: FastMap<&str, u32> = FastMap::default();
        for (i, code) in ["221", "22102", "2210201", "301", "30101"].iter().enumerate() {
            map.insert(code, i as u32);
        }
        assert_eq!(map.get("2210201"), Some(&2));
        assert_eq!(map.get("2210202"), None);
    }
}
