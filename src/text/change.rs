//! Where two texts differ: what an edit changed, found by comparing them.

use super::Span;

/// Where two texts differ: bytes `start..old_end` of the old one are
/// `start..new_end` of the new; before and after, they are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Change {
    /// The smallest change that makes `new` of `old`: the bytes they share
    /// at the start and at the end are left out.
    pub fn between(old: &str, new: &str) -> Change {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        let start = common_prefix(old, new);
        let end = common_suffix(&old[start..], &new[start..]);
        Change { start, old_end: old.len() - end, new_end: new.len() - end }
    }

    /// How far the bytes of `span` of the new text moved from where they
    /// were in the old one, if the change left them alone.
    pub fn moved(&self, span: Span) -> Option<isize> {
        if span.end <= self.start {
            Some(0)
        } else if span.start >= self.new_end {
            Some(self.new_end as isize - self.old_end as isize)
        } else {
            None
        }
    }
}

/// Texts are compared this many bytes at a time, then byte by byte.
const CHUNK: usize = 256;

/// How many bytes two texts share at their start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let max = a.len().min(b.len());
    let mut n = 0;
    while n + CHUNK <= max && a[n..n + CHUNK] == b[n..n + CHUNK] {
        n += CHUNK;
    }
    n + a[n..max].iter().zip(&b[n..max]).take_while(|(x, y)| x == y).count()
}

/// How many bytes two texts share at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let max = a.len().min(b.len());
    let (a, b) = (&a[a.len() - max..], &b[b.len() - max..]);
    let mut n = 0;
    while n + CHUNK <= max && a[max - n - CHUNK..max - n] == b[max - n - CHUNK..max - n] {
        n += CHUNK;
    }
    n + a[..max - n].iter().rev().zip(b[..max - n].iter().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_between_two_texts() {
        let long = "甲".repeat(200);
        for (old, new, expect) in [
            ("", "", (0, 0, 0)),
            ("abc", "abc", (3, 3, 3)),
            ("abc", "axc", (1, 2, 2)),
            ("aa", "aaa", (2, 2, 3)),
            ("abc", "", (0, 3, 0)),
        ] {
            assert_eq!(Change::between(old, new), Change { start: expect.0, old_end: expect.1, new_end: expect.2 }, "{old:?} {new:?}");
        }
        let (old, new) = (format!("{long}1{long}"), format!("{long}22{long}"));
        assert_eq!(Change::between(&old, &new), Change { start: long.len(), old_end: long.len() + 1, new_end: long.len() + 2 });
    }
}
